package vn.ansinh.gateway.citizen;

import java.time.Instant;
import java.util.List;

/** The answer: a match, what did not match, and whether the citizen is deceased. */
public record CitizenVerificationResult(
    String personalId, boolean match, List<String> mismatches, boolean deceased, Instant verifiedAt) {

  @Override
  public String toString() {
    return "CitizenVerificationResult[match=" + match + ", mismatches=" + mismatches + ", deceased=" + deceased + "]";
  }
}

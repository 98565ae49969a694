package vn.ansinh.gateway.citizen;

import java.time.LocalDate;

/** What a partner asks: does this personal id belong to this name and date of birth? */
public record CitizenVerificationRequest(String personalId, String fullName, LocalDate dateOfBirth) {

  @Override
  public String toString() {
    return "CitizenVerificationRequest[personal data withheld]";
  }
}

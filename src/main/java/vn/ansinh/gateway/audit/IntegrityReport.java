package vn.ansinh.gateway.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The outcome of walking the chain: verified (with the signed checkpoints checked), or the first sequence number that does not hold. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntegrityReport(
    boolean verified, long events, Long firstSeq, Long lastSeq, Long checkpoints, Long firstBrokenSeq, String reason) {

  static IntegrityReport ok(long events, Long firstSeq, Long lastSeq, long checkpoints) {
    return new IntegrityReport(true, events, firstSeq, lastSeq, checkpoints, null, null);
  }

  static IntegrityReport broken(long events, Long firstSeq, long brokenSeq, String reason) {
    return new IntegrityReport(false, events, firstSeq, null, null, brokenSeq, reason);
  }
}

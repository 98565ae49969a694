package vn.ansinh.gateway.error;

/** One reason a request is invalid: the field (or row) it concerns and why, in words a partner understands. */
public record Violation(String field, Integer row, String reason) {

  public static Violation of(String field, String reason) {
    return new Violation(field, null, reason);
  }
}

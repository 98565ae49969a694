package vn.ansinh.gateway.error;

import java.util.List;

/**
 * A failure a caller must be able to tell apart. Each subtype fixes its HTTP status and problem
 * type; {@code ProblemResponses} (REST) and {@code SoapFaults} (SOAP) map them in one place each.
 */
public abstract class GatewayException extends RuntimeException {

  private final int status;
  private final String problemType;
  private final String title;

  protected GatewayException(int status, String problemType, String title, String detail, Throwable cause) {
    super(detail, cause);
    this.status = status;
    this.problemType = problemType;
    this.title = title;
  }

  public int status() {
    return status;
  }

  /** Short slug, rendered as the problem {@code type} URN. */
  public String problemType() {
    return problemType;
  }

  public String title() {
    return title;
  }

  /** True when the caller sent something wrong (a SOAP Client fault), false for downstream failures. */
  public boolean callerAtFault() {
    return status < 500;
  }

  public List<Violation> violations() {
    return List.of();
  }
}

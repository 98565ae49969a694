package vn.ansinh.gateway.error;

/** A downstream agency refused, failed, answered garbage, or its circuit is open: 503 with Retry-After. */
public class AgencyUnavailableException extends GatewayException {

  private final String agency;

  public AgencyUnavailableException(String agency, String detail, Throwable cause) {
    super(503, "agency-unavailable", "Downstream agency unavailable", detail, cause);
    this.agency = agency;
  }

  public String agency() {
    return agency;
  }
}

package vn.ansinh.gateway.error;

/** A downstream agency did not answer within its configured timeout: 504. */
public class AgencyTimeoutException extends GatewayException {

  private final String agency;

  public AgencyTimeoutException(String agency, String detail, Throwable cause) {
    super(504, "agency-timeout", "Downstream agency did not answer in time", detail, cause);
    this.agency = agency;
  }

  public String agency() {
    return agency;
  }
}

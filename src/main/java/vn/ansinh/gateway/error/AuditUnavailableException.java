package vn.ansinh.gateway.error;

/** The audit trail cannot store events: requests are refused rather than served unaudited (fail closed). */
public class AuditUnavailableException extends GatewayException {

  public AuditUnavailableException() {
    super(503, "audit-unavailable", "Audit trail unavailable",
        "The gateway cannot record this exchange in its audit trail right now, so it did not process it;"
            + " try again shortly", null);
  }
}

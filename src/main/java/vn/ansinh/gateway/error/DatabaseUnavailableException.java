package vn.ansinh.gateway.error;

/** The gateway's own database failed or did not answer in time: nothing was stored; 503 with Retry-After. */
public class DatabaseUnavailableException extends GatewayException {

  public DatabaseUnavailableException(Throwable cause) {
    super(503, "database-unavailable", "Database unavailable",
        "The gateway could not reach its database, so nothing of this request was stored; try again shortly", cause);
  }
}

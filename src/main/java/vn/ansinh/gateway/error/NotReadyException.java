package vn.ansinh.gateway.error;

/** The instance is starting (its routes do not run yet) or shutting down: 503 with Retry-After. */
public class NotReadyException extends GatewayException {

  public NotReadyException() {
    super(503, "not-ready", "Gateway not ready",
        "This gateway instance is starting or shutting down and takes no requests now; try again shortly", null);
  }
}

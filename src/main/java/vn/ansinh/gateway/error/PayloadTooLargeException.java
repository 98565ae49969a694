package vn.ansinh.gateway.error;

/** The request body is over the configured limit: 413, before anything is parsed. */
public class PayloadTooLargeException extends GatewayException {

  public PayloadTooLargeException(long limitBytes) {
    super(413, "payload-too-large", "Request body too large",
        "The request body exceeds the limit of " + limitBytes + " bytes", null);
  }
}

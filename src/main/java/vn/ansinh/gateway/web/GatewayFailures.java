package vn.ansinh.gateway.web;

import vn.ansinh.gateway.error.GatewayException;

/** Finds the typed failure inside the wrappers Camel, CXF and Jackson put around it. */
public final class GatewayFailures {

  private GatewayFailures() {}

  public static GatewayException find(Throwable t) {
    return causeOfType(t, GatewayException.class);
  }

  public static <T extends Throwable> T causeOfType(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}

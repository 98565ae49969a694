package vn.ansinh.gateway.web;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import vn.ansinh.gateway.error.GatewayException;

/** Finds the typed failure inside the wrappers Camel, CXF and Jackson put around it. */
public final class GatewayFailures {

  private GatewayFailures() {}

  public static GatewayException find(Throwable t) {
    return causeOfType(t, GatewayException.class);
  }

  /**
   * A failure for the log without its messages, which may quote personal data (a database error
   * echoes the row): each cause's type and where it was thrown.
   */
  public static String withoutMessages(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (b.length() > 0) {
        b.append(" <- ");
      }
      b.append(c.getClass().getName());
      StackTraceElement[] frames = c.getStackTrace();
      if (frames.length > 0) {
        b.append(" at ").append(frames[0]);
      }
    }
    return b.toString();
  }

  /**
   * Whether the request body itself could not be read (a malformed chunk, a body cut short, bytes
   * not in the declared character encoding): the caller's fault, never a 500.
   */
  public static boolean unreadableBody(Throwable t) {
    return causeOfType(t, org.apache.coyote.BadRequestException.class) != null
        || causeOfType(t, java.nio.charset.CharacterCodingException.class) != null;
  }

  /** True when the gateway's own database failed: a data-access or transaction failure anywhere in the chain. */
  public static boolean fromDatabase(Throwable t) {
    return causeOfType(t, DataAccessException.class) != null || causeOfType(t, TransactionException.class) != null;
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

package vn.ansinh.gateway.audit;

/** The outcome words of the audit trail, so staff can filter on them. */
public final class Outcomes {

  public static final String OK = "OK";
  public static final String REJECTED = "REJECTED";
  public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
  public static final String FORBIDDEN = "FORBIDDEN";
  public static final String UNAVAILABLE = "UNAVAILABLE";
  public static final String TIMEOUT = "TIMEOUT";
  public static final String ERROR = "ERROR";

  private Outcomes() {}

  public static String fromStatus(int status) {
    if (status < 400) {
      return OK;
    }
    return switch (status) {
      case 401 -> UNAUTHENTICATED;
      case 403 -> FORBIDDEN;
      case 503 -> UNAVAILABLE;
      case 504 -> TIMEOUT;
      default -> status < 500 ? REJECTED : ERROR;
    };
  }
}

package vn.ansinh.gateway.audit;

/**
 * What the audit trail must know about the inbound exchange being served on this thread: who
 * called, under which request id, and about which citizen (as a keyed hash). Set by
 * {@link InboundAuditFilter}; flows run synchronously on the request thread, so agency calls made
 * on its behalf are attributed to the same request.
 */
public final class AuditContext {

  private static final ThreadLocal<AuditContext> CURRENT = new ThreadLocal<>();

  private String requestId;
  private String partner = "anonymous";
  private String xroadClient;
  private String xroadId;
  private String subjectHash;
  private String outcome;

  static AuditContext open(String requestId, String xroadClient, String xroadId) {
    AuditContext c = new AuditContext();
    c.requestId = requestId;
    c.xroadClient = xroadClient;
    c.xroadId = xroadId;
    CURRENT.set(c);
    return c;
  }

  static void close() {
    CURRENT.remove();
  }

  /** Runs background work (an outbox item) so that the agency calls it makes are attributed to a partner. */
  public static void runOnBehalfOf(String partner, String requestId, Runnable work) {
    AuditContext c = open(requestId, null, null);
    c.partner = partner;
    try {
      work.run();
    } finally {
      close();
    }
  }

  /** The context of the current request, or a detached one (background work) that nobody reads. */
  public static AuditContext current() {
    AuditContext c = CURRENT.get();
    return c != null ? c : new AuditContext();
  }

  public String requestId() {
    return requestId;
  }

  public String partner() {
    return partner;
  }

  public void partner(String partner) {
    this.partner = partner;
  }

  public String xroadClient() {
    return xroadClient;
  }

  public String xroadId() {
    return xroadId;
  }

  public String subjectHash() {
    return subjectHash;
  }

  public void subjectHash(String subjectHash) {
    this.subjectHash = subjectHash;
  }

  public String outcome() {
    return outcome;
  }

  /** Overrides the outcome derived from the HTTP status (SOAP faults all travel as HTTP 500). */
  public void outcome(String outcome) {
    this.outcome = outcome;
  }
}

package vn.ansinh.gateway.web;

import java.util.List;

/** Names the service and operation an inbound request belongs to, for access rights, audit and metrics. */
public final class ServiceCatalog {

  public record Operation(String method, String path, String service, String operation) {}

  private static final List<Operation> OPERATIONS = List.of(
      new Operation("POST", "/api/v1/citizens/verifications", "citizen-verification", "verifyCitizen"),
      new Operation("POST", "/ws/citizen", "citizen-verification", "VerifyCitizen"),
      new Operation("GET", "/api/v1/audit/events", "audit", "searchAuditEvents"),
      new Operation("GET", "/api/v1/audit/integrity", "audit", "checkAuditIntegrity"));

  private ServiceCatalog() {}

  public static Operation resolve(String method, String path) {
    for (Operation o : OPERATIONS) {
      if (o.method().equals(method) && o.path().equals(path)) {
        return o;
      }
    }
    String shortPath = path.length() > 80 ? path.substring(0, 80) : path;
    return new Operation(method, path, "unknown", method + " " + shortPath);
  }
}

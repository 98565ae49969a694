package vn.ansinh.gateway.web;

import java.util.List;

/** Names the service and operation an inbound request belongs to, for access rights, audit and metrics. */
public final class ServiceCatalog {

  public record Operation(String method, String path, String service, String operation) {}

  private static final List<Operation> OPERATIONS = List.of(
      new Operation("POST", "/api/v1/citizens/verifications", "citizen-verification", "verifyCitizen"),
      new Operation("POST", "/ws/citizen", "citizen-verification", "VerifyCitizen"),
      new Operation("POST", "/login", "staff-sign-in", "signInStaff"),
      new Operation("GET", "/api/v1/audit/events", "audit", "searchAuditEvents"),
      new Operation("GET", "/api/v1/audit/integrity", "audit", "checkAuditIntegrity"),
      new Operation("GET", "/api/v1/audit/export", "audit", "exportAuditTrail"),
      new Operation("POST", "/api/v1/beneficiaries", "beneficiary", "registerBeneficiary"),
      new Operation("POST", "/api/v1/beneficiaries/bulk", "beneficiary", "registerBeneficiaries"),
      new Operation("GET", "/api/v1/beneficiaries/*", "beneficiary", "getBeneficiary"),
      new Operation("PATCH", "/api/v1/beneficiaries/*", "beneficiary", "changeBeneficiary"),
      new Operation("POST", "/api/v1/beneficiaries/*/suspension", "beneficiary", "suspendBeneficiary"),
      new Operation("DELETE", "/api/v1/beneficiaries/*/suspension", "beneficiary", "resumeBeneficiary"),
      new Operation("POST", "/api/v1/beneficiaries/*/termination", "beneficiary", "terminateBeneficiary"),
      new Operation("GET", "/api/v1/beneficiaries/*/history", "beneficiary", "getBeneficiaryHistory"),
      new Operation("PUT", "/api/v1/beneficiaries/*/representative", "beneficiary", "authoriseRepresentative"),
      new Operation("GET", "/api/v1/beneficiaries/*/representative", "beneficiary", "getRepresentative"),
      new Operation("DELETE", "/api/v1/beneficiaries/*/representative", "beneficiary", "endRepresentative"),
      new Operation("POST", "/api/v1/account-openings/confirmations", "account-confirmation", "confirmAccountOpening"),
      new Operation("POST", "/api/v1/payment-batches", "payment-batch", "submitPaymentBatch"),
      new Operation("POST", "/api/v1/payment-batches/*/approval", "payment-approval", "approvePaymentBatch"),
      new Operation("GET", "/api/v1/payment-batches/*", "payment-batch", "getPaymentBatch"),
      new Operation("GET", "/api/v1/payment-batches/*/errors", "payment-batch", "listPaymentBatchErrors"),
      new Operation("GET", "/api/v1/payment-batches/*/payments", "payment-batch", "listPaymentBatchPayments"),
      new Operation("POST", "/api/v1/payment-reports", "payment-report", "reportPayments"),
      new Operation("GET", "/api/v1/cash-payouts", "cash-payout", "listCashPayouts"),
      new Operation("POST", "/api/v1/cash-payouts", "cash-payout", "recordCashPayout"),
      new Operation("POST", "/api/v1/wallet-reports", "wallet-report", "reportWalletPayments"),
      new Operation("GET", "/api/v1/reports/reconciliation", "report", "reconcilePaymentBatch"),
      new Operation("GET", "/api/v1/reports/non-cash-coverage", "report", "reportNonCashCoverage"),
      new Operation("GET", "/api/v1/reports/account-opening-progress", "report", "reportAccountOpeningProgress"),
      new Operation("POST", "/api/v1/relief-programs", "relief", "createReliefProgram"),
      new Operation("GET", "/api/v1/relief-programs/*", "relief", "getReliefProgram"),
      new Operation("GET", "/api/v1/reports/relief", "relief", "reportRelief"),
      new Operation("GET", "/api/v1/dead-letters", "dead-letter", "listDeadLetters"),
      new Operation("POST", "/api/v1/dead-letters/*/replay", "dead-letter", "replayDeadLetter"),
      new Operation("POST", "/api/v1/death-records/corrections", "operations", "correctDeathRecord"),
      new Operation("GET", "/api/v1/reference/administrative-units", "reference", "listAdministrativeUnits"),
      new Operation("POST", "/api/v1/reference/administrative-units", "operations", "loadAdministrativeUnits"));

  private ServiceCatalog() {}

  /** Exact paths, or '*' standing for one path segment. */
  static boolean matches(String pattern, String path) {
    int p = 0;
    int i = 0;
    while (p < pattern.length() && i < path.length()) {
      char c = pattern.charAt(p);
      if (c == '*') {
        int slash = path.indexOf('/', i);
        i = slash < 0 ? path.length() : slash;
        p++;
      } else if (c == path.charAt(i)) {
        p++;
        i++;
      } else {
        return false;
      }
    }
    return p == pattern.length() && i == path.length();
  }

  /** The methods the catalog knows for a path, in catalog order; empty for an unknown path. */
  public static List<String> methodsOf(String path) {
    return OPERATIONS.stream().filter(o -> matches(o.path(), path)).map(Operation::method).distinct().toList();
  }

  public static Operation resolve(String method, String path) {
    for (Operation o : OPERATIONS) {
      if (o.method().equals(method) && matches(o.path(), path)) {
        return o;
      }
    }
    String shortPath = path.length() > 80 ? path.substring(0, 80) : path;
    return new Operation(method, path, "unknown", method + " " + shortPath);
  }
}

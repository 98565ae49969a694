package vn.ansinh.gateway.relief;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.reference.AdministrativeUnits;

/** A relief decision as the deciding partner sends it (SPEC §4.14). */
public record ReliefProgramRequest(String decisionNumber, LocalDate decidedOn, Hazard hazard, String provinceCode,
    List<String> communeCodes, Long amountPerPersonVnd, Long amountPerHouseholdVnd, Long budgetVnd,
    LocalDate payUntil) {

  // "1234/QĐ-UBND": letters (Vietnamese ones too), digits, and the separators decisions are numbered with
  private static final Pattern DECISION = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ./_-]{0,49}");
  private static final Pattern PROVINCE = Pattern.compile("[0-9]{2}");
  private static final Pattern COMMUNE = Pattern.compile("[0-9]{5}");

  /** Every rule the request breaks; reasons name official codes and limits, never personal data. */
  List<Violation> check(ReliefProperties limits, AdministrativeUnits units) {
    List<Violation> v = new ArrayList<>();
    if (decisionNumber == null || !DECISION.matcher(decisionNumber).matches()) {
      v.add(Violation.of("decisionNumber", "is required: 1-50 letters, digits, spaces, '.', '/', '_' or '-'"));
    }
    LocalDate today = units.today();
    if (decidedOn == null || decidedOn.isBefore(limits.earliestDecision()) || decidedOn.isAfter(today)) {
      v.add(Violation.of("decidedOn", "is required: a date from " + limits.earliestDecision() + " to today"));
    }
    if (hazard == null) {
      v.add(Violation.of("hazard", "is required: STORM, FLOOD, LANDSLIDE, DROUGHT, EPIDEMIC or OTHER"));
    }
    boolean province = provinceCode != null && PROVINCE.matcher(provinceCode).matches();
    if (!province) {
      v.add(Violation.of("provinceCode", "is required: a 2-digit province code"));
    }
    checkCommunes(v, limits, units, province);
    if ((amountPerPersonVnd == null) == (amountPerHouseholdVnd == null)) {
      v.add(Violation.of("amountPerPersonVnd", "give exactly one of amountPerPersonVnd and amountPerHouseholdVnd"));
    } else {
      String field = amountPerPersonVnd != null ? "amountPerPersonVnd" : "amountPerHouseholdVnd";
      long amount = amountPerPersonVnd != null ? amountPerPersonVnd : amountPerHouseholdVnd;
      if (amount <= 0 || amount > limits.maxAmountVnd()) {
        v.add(Violation.of(field, "must be a whole number of đồng from 1 to " + limits.maxAmountVnd()));
      } else if (budgetVnd != null && budgetVnd > 0 && budgetVnd < amount) {
        v.add(Violation.of("budgetVnd", "must cover at least one payment of the amount"));
      }
    }
    if (budgetVnd == null || budgetVnd <= 0 || budgetVnd > limits.maxBudgetVnd()) {
      v.add(Violation.of("budgetVnd", "is required: a whole number of đồng from 1 to " + limits.maxBudgetVnd()));
    }
    if (payUntil == null || payUntil.isBefore(today) || (decidedOn != null && payUntil.isBefore(decidedOn))
        || (decidedOn != null && payUntil.isAfter(decidedOn.plusDays(limits.longestPayment().toDays())))) {
      v.add(Violation.of("payUntil", "is required: a date from the decision date and today on, at most "
          + limits.longestPayment().toDays() + " days after the decision"));
    }
    return v;
  }

  private void checkCommunes(List<Violation> v, ReliefProperties limits, AdministrativeUnits units, boolean province) {
    if (communeCodes == null || communeCodes.isEmpty() || communeCodes.size() > limits.maxCommunes()) {
      v.add(Violation.of("communeCodes", "is required: 1 to " + limits.maxCommunes() + " commune codes"));
      return;
    }
    if (!communeCodes.stream().allMatch(c -> COMMUNE.matcher(c).matches())) {
      v.add(Violation.of("communeCodes", "must be 5-digit commune codes"));
      return;
    }
    if (new HashSet<>(communeCodes).size() != communeCodes.size()) {
      v.add(Violation.of("communeCodes", "names a commune more than once"));
      return;
    }
    if (!province || decidedOn == null || v.stream().anyMatch(x -> x.field().equals("decidedOn"))) {
      return;   // the codes are read against the list valid on the decision date, in the province
    }
    AdministrativeUnits.Codes codes = units.codesOn(decidedOn);
    List<Violation> unknown = codes.check(provinceCode, null);
    if (!unknown.isEmpty()) {
      v.addAll(unknown);
      return;
    }
    for (String c : communeCodes) {
      if (unknown.size() >= 10) {
        break;   // enough to show what is wrong
      }
      unknown.addAll(codes.check(provinceCode, c).stream()
          .map(x -> Violation.of(x.field().equals("communeCode") ? "communeCodes" : x.field(), x.reason())).toList());
    }
    v.addAll(unknown);
  }
}

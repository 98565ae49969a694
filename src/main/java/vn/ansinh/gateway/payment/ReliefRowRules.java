package vn.ansinh.gateway.payment;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.ansinh.gateway.citizen.PersonalIdRules;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.format.CellDates;
import vn.ansinh.gateway.relief.ReliefProgram;

/**
 * What a relief list's row must satisfy besides a payment row's rules (SPEC §4.14): the recipient's
 * date of birth and household, a place among the decision's affected communes, the program's amount.
 * Reasons name official codes and the program's figures, never the row's personal data.
 */
final class ReliefRowRules {

  private static final Pattern HOUSEHOLD = Pattern.compile("[A-Za-z0-9._/-]{1,32}");
  private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

  private final ReliefProgram program;
  private final Set<String> communes;
  private final BigInteger amount;

  ReliefRowRules(ReliefProgram program) {
    this.program = program;
    this.communes = Set.copyOf(program.communeCodes());
    this.amount = BigInteger.valueOf(program.amountVnd());
  }

  /** The recipient's date of birth, or null when the row has none that could be a person's. */
  LocalDate bornOn(PaymentRow r) {
    if (r.dateOfBirth() == null) {
      return null;
    }
    LocalDate born = CellDates.parse(r.dateOfBirth()).orElse(null);
    return born == null || born.isBefore(EARLIEST_BIRTH) || born.isAfter(program.decidedOn()) ? null : born;
  }

  /** Adds the row's relief violations to {@code v}; {@code paid} is the row's amount, if it is a whole number. */
  void check(PaymentRow r, BigInteger paid, LocalDate born, List<Violation> v) {
    if (born == null) {
      v.add(Violation.of("dateOfBirth", "is required in a relief list: the recipient's date of birth as yyyy-MM-dd,"
          + " from 1900-01-01 to the decision date"));
    } else if (r.personalId() != null && PersonalIdRules.check(r.personalId(), null, null).isEmpty()) {
      v.addAll(PersonalIdRules.check(r.personalId(), born, null));
    }
    if (r.householdId() == null || !HOUSEHOLD.matcher(r.householdId()).matches()) {
      v.add(Violation.of("householdId", "is required in a relief list: 1-32 letters, digits, '.', '_', '/' or '-'"));
    }
    if (!program.provinceCode().equals(r.provinceCode())) {
      v.add(Violation.of("provinceCode", "must be the relief decision's province, " + program.provinceCode()));
    }
    if (r.communeCode() == null || !communes.contains(r.communeCode())) {
      v.add(Violation.of("communeCode", "is not one of the communes the relief decision covers"));
    }
    if (paid != null && paid.signum() > 0 && !paid.equals(amount)) {
      v.add(Violation.of("amountVnd", "must be the relief program's amount of " + amount + " VND per "
          + (program.perHousehold() ? "household" : "person")));
    }
  }
}

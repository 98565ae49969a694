package vn.ansinh.gateway.relief;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An emergency relief decision as stored (SPEC §4.14): a fixed amount per person or per household,
 * paid in the affected communes until {@code payUntil}, never above the budget. {@code decisionKey}
 * names the decision across agencies: a person or household is paid once per decision.
 */
public record ReliefProgram(long key, String programId, String owner, String decisionNumber, String decisionKey,
    LocalDate decidedOn, Hazard hazard, String provinceCode, List<String> communeCodes, Long amountPerPersonVnd,
    Long amountPerHouseholdVnd, long budgetVnd, long committedVnd, LocalDate payUntil, Instant createdAt) {

  /** The program of every relief list, in place of a monthly program. */
  public static final String PROGRAM = "EMERGENCY_RELIEF";

  public boolean perHousehold() {
    return amountPerHouseholdVnd != null;
  }

  /** The one amount every payment of the program carries. */
  public long amountVnd() {
    return perHousehold() ? amountPerHouseholdVnd : amountPerPersonVnd;
  }

  /** A relief list's period: the month of the decision. */
  public String period() {
    return decidedOn.toString().substring(0, 7);
  }
}

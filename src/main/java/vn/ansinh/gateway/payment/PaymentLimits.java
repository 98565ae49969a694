package vn.ansinh.gateway.payment;

import java.time.YearMonth;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import vn.ansinh.gateway.beneficiary.Program;
import vn.ansinh.gateway.error.InvalidRequestException;

/**
 * What a payment list may hold (SPEC §4.9): each program's ceiling per payment, above which a row is
 * INVALID, and the periods a list may be for. Every program must have its ceiling: none is unlimited.
 *
 * @param programs    per program, the largest amount one payment may carry (README: the legal basis of the defaults)
 * @param firstPeriod the earliest period a list may be for, as yyyy-MM
 * @param lastPeriod  the latest period a list may be for, as yyyy-MM
 */
@ConfigurationProperties("gateway.payments")
public record PaymentLimits(Map<Program, ProgramLimits> programs, String firstPeriod, String lastPeriod) {

  private static final Pattern PERIOD = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

  /** @param maxAmountVnd the largest amount of one payment in whole đồng */
  public record ProgramLimits(long maxAmountVnd) {}

  public PaymentLimits {
    programs = programs == null ? Map.of() : Map.copyOf(programs);
    for (Program p : Program.values()) {
      ProgramLimits limits = programs.get(p);
      if (limits == null || limits.maxAmountVnd() <= 0) {
        throw new IllegalArgumentException("gateway.payments.programs." + p + ".max-amount-vnd must be set above 0");
      }
    }
    if (!PERIOD.matcher(String.valueOf(firstPeriod)).matches() || !PERIOD.matcher(String.valueOf(lastPeriod)).matches()
        || YearMonth.parse(firstPeriod).isAfter(YearMonth.parse(lastPeriod))) {
      throw new IllegalArgumentException("gateway.payments.first-period and last-period must be yyyy-MM, in order");
    }
  }

  /** The largest amount one payment of this program may carry. */
  public long maxAmount(Program program) {
    return programs.get(program).maxAmountVnd();
  }

  /** The period a request names, or a 400: yyyy-MM with a four-digit year, within the configured periods. */
  public YearMonth period(String value) {
    if (value == null || !PERIOD.matcher(value).matches()) {
      throw new InvalidRequestException("period", "must be a month as yyyy-MM");
    }
    YearMonth month = YearMonth.parse(value);
    if (month.isBefore(YearMonth.parse(firstPeriod)) || month.isAfter(YearMonth.parse(lastPeriod))) {
      throw new InvalidRequestException("period", "must be from " + firstPeriod + " to " + lastPeriod);
    }
    return month;
  }
}

package vn.ansinh.gateway.beneficiary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.security.Callers;

/**
 * The campaign to open an account for every poor and near-poor household (SPEC §4.13): per commune,
 * households by the best state of their members — open, requested, rejected, none — counted in one
 * grouped query. A paying agency sees its own households; operators see the province.
 */
@RestController
public class AccountOpeningProgressController {

  private static final Pattern PROVINCE = Pattern.compile("[0-9]{2}");
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  // state: 3 open (ACCOUNT_OPEN or an active account), 2 requested, 1 rejected (or the account stopped), 0 none
  static final String PROGRESS = """
      with member as (
        select b.owner, b.household_id, b.household_category, b.commune_code,
               case when b.status = 'ACCOUNT_OPEN' or exists (select 1 from beneficiary_account a
                      where a.owner = b.owner and a.beneficiary_id = b.beneficiary_id and a.active) then 3
                    when b.status = 'ACCOUNT_REQUESTED' then 2
                    when b.status in ('ACCOUNT_REJECTED', 'ACCOUNT_INACTIVE') then 1
                    else 0 end as state
        from beneficiary b
        where b.province_code = ? and b.household_id is not null and b.status <> 'TERMINATED' %s
      ), household as (
        select min(commune_code) as commune,
               case when bool_or(household_category = 'POOR') then 'POOR' else 'NEAR_POOR' end as category,
               max(state) as state
        from member group by owner, household_id
      )
      select commune, category, count(*), count(*) filter (where state = 3), count(*) filter (where state = 2),
             count(*) filter (where state = 1), count(*) filter (where state = 0)
      from household group by commune, category
      """;
  private final JdbcTemplate jdbc;
  private final Callers callers;
  private final Clock clock;
  private final ZoneId zone;
  private final LocalDate earliest;
  private final LocalDate latest;

  public AccountOpeningProgressController(JdbcTemplate jdbc, Callers callers, Clock clock,
      @Value("${gateway.reports.time-zone}") String zone, @Value("${gateway.request.earliest-date}") LocalDate earliest,
      @Value("${gateway.request.latest-date}") LocalDate latest) {
    this.jdbc = jdbc;
    this.callers = callers;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
    this.earliest = earliest;
    this.latest = latest;
  }

  /** Households in one group, by the best state of their members, and the percent with an open account. */
  public record Tally(long households, long withOpenAccount, long accountRequested, long accountRejected,
      long noAccountYet, BigDecimal percent) {

    static final Tally NONE = new Tally(0, 0, 0, 0, 0, BigDecimal.ZERO.setScale(2));

    Tally plus(Tally o) {
      long all = households + o.households;
      long open = withOpenAccount + o.withOpenAccount;
      return new Tally(all, open, accountRequested + o.accountRequested, accountRejected + o.accountRejected,
          noAccountYet + o.noAccountYet, AccountOpeningProgressController.percent(open, all));
    }
  }

  /** One commune's (or the province's) households: all of them, the poor, the near-poor. */
  public record Households(String communeCode, Tally all, Tally poor, Tally nearPoor) {

    Households plus(String category, Tally t) {
      return "POOR".equals(category) ? new Households(communeCode, all.plus(t), poor.plus(t), nearPoor)
          : new Households(communeCode, all.plus(t), poor, nearPoor.plus(t));
    }
  }

  public record Progress(String provinceCode, LocalDate deadline, LocalDate asOf, long daysLeft, Households total,
      List<Households> communes) {}

  @GetMapping(path = "/api/v1/reports/account-opening-progress", produces = MediaType.APPLICATION_JSON_VALUE)
  public Progress progress(@RequestParam String provinceCode, @RequestParam String deadline, Authentication caller) {
    if (!PROVINCE.matcher(provinceCode).matches()) {
      throw new InvalidRequestException("provinceCode", "must be a 2-digit province code");
    }
    LocalDate due = date(deadline);
    boolean province = callers.role(caller).equals("OPERATIONS");
    Households total = new Households(null, Tally.NONE, Tally.NONE, Tally.NONE);
    Map<String, Households> communes = new TreeMap<>();
    Object[] args = province ? new Object[] {provinceCode} : new Object[] {provinceCode, caller.getName()};
    for (Row row : jdbc.query(PROGRESS.formatted(province ? "" : "and b.owner = ?"), (rs, i) -> new Row(
        rs.getString(1), rs.getString(2), new Tally(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
        rs.getLong(7), percent(rs.getLong(4), rs.getLong(3)))), args)) {
      total = total.plus(row.category(), row.tally());
      if (row.commune() != null) {   // households naming no commune count in the province total only
        communes.computeIfAbsent(row.commune(), c -> new Households(c, Tally.NONE, Tally.NONE, Tally.NONE));
        communes.computeIfPresent(row.commune(), (c, h) -> h.plus(row.category(), row.tally()));
      }
    }
    LocalDate today = LocalDate.now(clock.withZone(zone));
    return new Progress(provinceCode, due, today, ChronoUnit.DAYS.between(today, due), total,
        new ArrayList<>(communes.values()));
  }

  private record Row(String commune, String category, Tally tally) {}

  private LocalDate date(String value) {
    if (DATE.matcher(value).matches()) {
      try {
        LocalDate d = LocalDate.parse(value);
        if (!d.isBefore(earliest) && !d.isAfter(latest)) {
          return d;
        }
      } catch (DateTimeParseException e) {
        // a day that is not in the calendar, as 2026-02-30: refused below
      }
    }
    throw new InvalidRequestException("deadline",
        "must be a date as yyyy-MM-dd between " + earliest + " and " + latest);
  }

  private static BigDecimal percent(long part, long whole) {
    return whole == 0 ? BigDecimal.ZERO.setScale(2)
        : BigDecimal.valueOf(part).movePointRight(2).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
  }
}

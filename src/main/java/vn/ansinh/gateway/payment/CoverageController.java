package vn.ansinh.gateway.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.ansinh.gateway.error.InvalidRequestException;

/**
 * Non-cash coverage (SPEC §4.6): per commune, the people to be paid in a period, how many were paid
 * through an account and how many in cash — "4,657 of 4,832 = 96.38%". Communes are grouped by the
 * codes valid in that period, whatever codes the lists used.
 */
@RestController
public class CoverageController {

  private static final Pattern PROVINCE = Pattern.compile("[0-9]{2}");
  private static final String COVERAGE = """
      with paid as (
        select coalesce(c.new_commune, p.commune_code) as commune, coalesce(c.new_province, p.province_code) as province,
               p.personal_id, p.status
        from payment p
        join payment_batch b on b.batch_key = p.batch_key and b.period = ? and b.status <> 'REJECTED'
        left join lateral (select u.new_commune, u.new_province from admin_unit_change u
                           where u.old_commune = p.commune_code and u.valid_from <= ?
                           order by u.valid_from desc limit 1) c on true
        where p.status in ('PENDING', 'DISPATCHED', 'ACCEPTED', 'PAID', 'REJECTED', 'RETURNED', 'CASH')
      )
      select commune, count(distinct personal_id),
             count(distinct personal_id) filter (where status = 'PAID'),
             count(distinct personal_id) filter (where status = 'CASH')
      from paid where province = ? and commune is not null group by commune order by commune
      """;
  private final JdbcTemplate jdbc;
  private final PaymentLimits limits;

  public CoverageController(JdbcTemplate jdbc, PaymentLimits limits) {
    this.jdbc = jdbc;
    this.limits = limits;
  }

  /** One commune: the people to be paid, those paid into an account, those paid in cash. */
  public record Commune(String communeCode, long beneficiaries, long paidThroughAccounts, long paidInCash,
      BigDecimal percent) {}

  public record Coverage(String period, String provinceCode, long beneficiaries, long paidThroughAccounts,
      long paidInCash, BigDecimal percent, List<Commune> communes) {}

  @GetMapping(path = "/api/v1/reports/non-cash-coverage", produces = MediaType.APPLICATION_JSON_VALUE)
  public Coverage coverage(@RequestParam String period, @RequestParam String provinceCode) {
    YearMonth month = limits.period(period);
    if (!PROVINCE.matcher(provinceCode).matches()) {
      throw new InvalidRequestException("provinceCode", "must be a 2-digit province code");
    }
    List<Commune> communes = jdbc.query(COVERAGE, (rs, i) -> new Commune(rs.getString(1), rs.getLong(2),
        rs.getLong(3), rs.getLong(4), percent(rs.getLong(3), rs.getLong(2))), period, Date.valueOf(month.atDay(1)),
        provinceCode);
    long people = communes.stream().mapToLong(Commune::beneficiaries).sum();
    long accounts = communes.stream().mapToLong(Commune::paidThroughAccounts).sum();
    long cash = communes.stream().mapToLong(Commune::paidInCash).sum();
    return new Coverage(period, provinceCode, people, accounts, cash, percent(accounts, people), communes);
  }

  private static BigDecimal percent(long part, long whole) {
    return whole == 0 ? BigDecimal.ZERO.setScale(2)
        : BigDecimal.valueOf(part).movePointRight(2).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
  }
}

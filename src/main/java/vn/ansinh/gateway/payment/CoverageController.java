package vn.ansinh.gateway.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.ansinh.gateway.beneficiary.Program;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.UnknownAdministrativeUnitException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.reference.AdministrativeUnits;
import vn.ansinh.gateway.reference.UnitList;
import vn.ansinh.gateway.security.Callers;

/**
 * Non-cash coverage (SPEC §4.6): per commune, the people to be paid in a period, how many were paid
 * through an account and how many in cash — "4,657 of 4,832 = 96.38%". Cash counts as paid only once the
 * payment point recorded it paid (SPEC §4.16); a CASH payment is a promise, counted among the people only. Communes are those of the
 * official list valid on the period's first day (SPEC §4.12), whatever codes the lists used: a code
 * of an earlier list goes to the commune its area went to; a commune that was split goes to the
 * beneficiary's registered commune when that is one of its parts, else it is counted on a line of
 * its own ("split", not attributed), never silently in one of the parts. A person the register saw
 * move counts in the commune in force in the period, from the move's month on, whatever the list says. A paying agency sees its
 * own lists only; the treasury and operators see every list.
 */
@RestController
public class CoverageController {

  private static final Pattern PROVINCE = Pattern.compile("[0-9]{2}");
  private static final String COVERAGE = """
      with moved_people as (
        -- people the register saw move (SPEC §4.10): the commune in force in the period, from the move's month
        select distinct on (be.owner, be.personal_id, be.program) be.owner, be.personal_id, be.program,
               bc.province_code, bc.commune_code
        from beneficiary_commune bc join beneficiary be on be.owner = bc.owner and be.beneficiary_id = bc.beneficiary_id
        where bc.valid_from < ? and bc.commune_code is not null
        order by be.owner, be.personal_id, be.program, bc.valid_from desc
      ), rows as (
        select p.personal_id, p.status, %s as method, coalesce(mp.commune_code, p.commune_code) as code,
               coalesce(mp.province_code, p.province_code) as row_province, b.owner, b.program
        from payment p
        join payment_batch b on b.batch_key = p.batch_key and b.period = ? and b.status <> 'REJECTED'
          and b.relief_program_key is null   -- relief is one-off help, reported on its own (SPEC §4.14)
        left join moved_people mp on mp.owner = b.owner and mp.personal_id = p.personal_id and mp.program = b.program
        where p.status in ('PENDING', 'DISPATCHED', 'ACCEPTED', 'PAID', 'REJECTED', 'RETURNED', 'CASH', 'UNCOLLECTED')
          and p.commune_code is not null and (?::text is null or b.owner = ?) and (?::text is null or b.program = ?)
      ), moved as (
        -- codes the list does not hold, and the communes of the list their area went to
        select m.from_commune as code, count(*) as parts, min(m.to_commune) as commune, min(m.to_province) as province,
               array_agg(m.to_commune) as communes
        from admin_unit_mapping m join admin_unit t on t.list_id = ? and t.commune_code = m.to_commune
        where m.from_commune is not null
          and not exists (select 1 from admin_unit u where u.list_id = ? and u.commune_code = m.from_commune)
        group by m.from_commune
      ), placed as (
        select r.personal_id, r.status, r.method,
               case when u.commune_code is not null then u.commune_code
                    when mv.parts = 1 then mv.commune
                    when mv.parts > 1 then bc.commune_code
                    else r.code end as commune,
               case when u.commune_code is not null then u.province_code
                    when mv.code is not null then mv.province
                    else r.row_province end as province,
               case when mv.parts > 1 and bc.commune_code is null then r.code end as split_from
        from rows r
        left join admin_unit u on u.list_id = ? and u.commune_code = r.code
        left join moved mv on u.commune_code is null and mv.code = r.code
        left join lateral (select be.commune_code from beneficiary be
                           where mv.parts > 1 and be.owner = r.owner and be.personal_id = r.personal_id
                             and be.commune_code = any(mv.communes)
                           order by be.program = r.program desc, be.updated_at desc limit 1) bc on true
      )
      select commune, split_from, count(distinct personal_id),
             count(distinct personal_id) filter (where method = 'ACCOUNT'),
             count(distinct personal_id) filter (where method = 'CASH')
      from placed where province = ?
      group by commune, split_from order by split_from nulls first, commune
      """.formatted(PaymentStatus.METHOD);
  // the name a split commune had in the list before the one valid in the period
  private static final String SPLIT_NAME = "select name from admin_unit where commune_code = ? and valid_to < ?"
      + " order by valid_to desc limit 1";
  private final JdbcTemplate jdbc;
  private final PaymentLimits limits;
  private final AdministrativeUnits units;
  private final Callers callers;

  public CoverageController(JdbcTemplate jdbc, PaymentLimits limits, AdministrativeUnits units, Callers callers) {
    this.jdbc = jdbc;
    this.limits = limits;
    this.units = units;
    this.callers = callers;
  }

  /**
   * One commune of the period's list (communeCode), or one split commune of an earlier list whose
   * people could not be attributed to one of its parts (split, legacyCommuneCode).
   */
  public record Commune(String communeCode, String legacyCommuneCode, String communeName, boolean split,
      long beneficiaries, long paidThroughAccounts, long paidInCash, BigDecimal percent) {}

  public record Coverage(String period, String provinceCode, String program, String listId, long beneficiaries,
      long paidThroughAccounts, long paidInCash, BigDecimal percent, List<Commune> communes) {}

  @GetMapping(path = "/api/v1/reports/non-cash-coverage", produces = MediaType.APPLICATION_JSON_VALUE)
  public Coverage coverage(@RequestParam String period, @RequestParam String provinceCode,
      @RequestParam(required = false) String program, Authentication caller) {
    YearMonth month = limits.period(period);
    if (!PROVINCE.matcher(provinceCode).matches()) {
      throw new InvalidRequestException("provinceCode", "must be a 2-digit province code");
    }
    Program only = program == null ? null : program(program);
    LocalDate first = month.atDay(1);
    UnitList list = units.on(first).orElseThrow(() -> unknownProvince(provinceCode, first));
    if (!list.provinces().containsKey(provinceCode)) {
      throw unknownProvince(provinceCode, first);
    }
    String role = callers.role(caller);
    String owner = role.equals("TREASURY") || role.equals("OPERATIONS") ? null : caller.getName();
    String programName = only == null ? null : only.name();
    List<Commune> communes = jdbc.query(COVERAGE, (rs, i) -> {
      String commune = rs.getString(1);
      String split = rs.getString(2);
      return new Commune(split == null ? commune : null, split,
          split == null ? name(list, commune) : splitName(split, list), split != null, rs.getLong(3), rs.getLong(4),
          rs.getLong(5), percent(rs.getLong(4), rs.getLong(3)));
    }, Date.valueOf(month.plusMonths(1).atDay(1)), period, owner, owner, programName, programName, list.listId(),
        list.listId(), list.listId(), provinceCode);
    long people = communes.stream().mapToLong(Commune::beneficiaries).sum();
    long accounts = communes.stream().mapToLong(Commune::paidThroughAccounts).sum();
    long cash = communes.stream().mapToLong(Commune::paidInCash).sum();
    return new Coverage(period, provinceCode, programName, list.listId(), people, accounts, cash,
        percent(accounts, people), communes);
  }

  private static String name(UnitList list, String commune) {
    UnitList.Commune c = list.communes().get(commune);
    return c == null ? null : c.name();
  }

  private String splitName(String code, UnitList list) {
    return jdbc.query(SPLIT_NAME, rs -> rs.next() ? rs.getString(1) : null, code, list.validFrom());
  }

  private static Program program(String value) {
    try {
      return Program.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("program", "must be one of " + Arrays.toString(Program.values()));
    }
  }

  private static UnknownAdministrativeUnitException unknownProvince(String provinceCode, LocalDate date) {
    return new UnknownAdministrativeUnitException(List.of(Violation.of("provinceCode",
        "unknown province " + provinceCode + " in the list valid on " + date)));
  }

  private static BigDecimal percent(long part, long whole) {
    return whole == 0 ? BigDecimal.ZERO.setScale(2)
        : BigDecimal.valueOf(part).movePointRight(2).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
  }
}

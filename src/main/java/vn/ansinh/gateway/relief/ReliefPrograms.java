package vn.ansinh.gateway.relief;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.ansinh.gateway.error.ChangeRefusedException;
import vn.ansinh.gateway.error.ConflictException;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.reference.AdministrativeUnits;

/** The relief_program table: one row per decision and deciding partner, with the budget committed so far. */
@Repository
public class ReliefPrograms {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final AdministrativeUnits units;

  public ReliefPrograms(JdbcTemplate jdbc, Clock clock, AdministrativeUnits units) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.units = units;
  }

  /** Stores a checked request; the same decision twice for one partner is a 409 naming the first program. */
  ReliefProgram create(String owner, ReliefProgramRequest r) {
    String id = UUID.randomUUID().toString();
    String decisionKey = r.provinceCode() + ":" + r.decisionNumber().replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    try {
      jdbc.update("insert into relief_program (program_id, owner, decision_number, decision_key, decided_on, hazard,"
          + " province_code, commune_codes, amount_per_person_vnd, amount_per_household_vnd, budget_vnd, pay_until,"
          + " created_at) values (?, ?, ?, ?, ?, ?, ?, ?::varchar[], ?, ?, ?, ?, ?)", id, owner, r.decisionNumber(),
          decisionKey, r.decidedOn(), r.hazard().name(), r.provinceCode(),
          "{" + String.join(",", r.communeCodes()) + "}", r.amountPerPersonVnd(), r.amountPerHouseholdVnd(),
          r.budgetVnd(), r.payUntil(), Timestamp.from(clock.instant()));
    } catch (DuplicateKeyException e) {
      String first = jdbc.queryForObject("select program_id from relief_program where owner = ? and decision_key = ?",
          String.class, owner, decisionKey);
      throw new ConflictException("This partner has a relief program for this decision already: " + first);
    }
    return find(owner, id);
  }

  /** The partner's own program; another partner's answers exactly as an unknown one (SPEC §2). */
  public ReliefProgram find(String owner, String programId) {
    return jdbc.query("select * from relief_program where program_id = ? and owner = ?", ReliefPrograms::map,
        programId, owner).stream().findFirst().orElseThrow(() -> new NotFoundException("relief program", programId));
  }

  /** The program a new list may be paid from: the partner's own, and its pay-until date not passed. */
  public ReliefProgram openForList(String owner, String programId) {
    ReliefProgram p = find(owner, programId);
    LocalDate today = units.today();
    if (today.isAfter(p.payUntil())) {
      throw new ChangeRefusedException("relief-program-closed", "Relief program closed", Violation.of("reliefProgramId",
          "the relief program was payable until " + p.payUntil() + "; no list can be paid from it any more"));
    }
    return p;
  }

  /** The program of a relief list, if the batch is one. */
  public Optional<ReliefProgram> ofBatch(long batchKey) {
    return jdbc.query("select r.* from relief_program r join payment_batch b on b.relief_program_key = r.program_key"
        + " where b.batch_key = ?", ReliefPrograms::map, batchKey).stream().findFirst();
  }

  /** Locks the program's row for the rest of the transaction: its budget is committed one list at a time. */
  public ReliefProgram lock(long key) {
    return jdbc.queryForObject("select * from relief_program where program_key = ? for update", ReliefPrograms::map,
        key);
  }

  private static ReliefProgram map(ResultSet rs, int row) throws SQLException {
    Array communes = rs.getArray("commune_codes");
    return new ReliefProgram(rs.getLong("program_key"), rs.getString("program_id"), rs.getString("owner"),
        rs.getString("decision_number"), rs.getString("decision_key"), rs.getObject("decided_on", LocalDate.class),
        Hazard.valueOf(rs.getString("hazard")), rs.getString("province_code"), List.of((String[]) communes.getArray()),
        (Long) rs.getObject("amount_per_person_vnd"), (Long) rs.getObject("amount_per_household_vnd"),
        rs.getLong("budget_vnd"), rs.getLong("committed_vnd"), rs.getObject("pay_until", LocalDate.class),
        rs.getTimestamp("created_at").toInstant());
  }
}

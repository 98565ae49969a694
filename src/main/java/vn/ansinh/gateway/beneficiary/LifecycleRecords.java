package vn.ansinh.gateway.beneficiary;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.ansinh.gateway.events.DomainEvents;

/**
 * What the lifecycle keeps beside the beneficiary row: its version and termination, the periods
 * without payment, the dated communes and the list of changes. Always through the owner.
 */
@Repository
public class LifecycleRecords {

  static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 1);   // the registration's commune is in force from here
  private static final Map<String, String> COLUMNS = Map.of("fullName", "full_name", "phone", "phone",
      "provinceCode", "province_code", "communeCode", "commune_code", "preferredBankBin", "preferred_bank_bin",
      "socialInsuranceNumber", "social_insurance_number", "householdId", "household_id",
      "householdCategory", "household_category");

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final DomainEvents events;

  public LifecycleRecords(JdbcTemplate jdbc, Clock clock, DomainEvents events) {
    this.events = events;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The lifecycle state a view and a change need: the version (ETag), termination, an open suspension. */
  record State(long version, LocalDate terminatedFrom, String terminationReason, Long suspensionId,
      LocalDate suspendedFrom, String suspensionReason) {

    boolean terminated() {
      return terminatedFrom != null;
    }
  }

  private static final String STATE = "select b.version, b.terminated_from, b.termination_reason, s.id, s.from_date,"
      + " s.reason from beneficiary b left join beneficiary_period s on s.owner = b.owner"
      + " and s.beneficiary_id = b.beneficiary_id and s.kind = 'SUSPENDED' and s.until_date is null"
      + " where b.owner = ? and b.beneficiary_id = ?";

  Optional<State> state(String owner, String beneficiaryId) {
    return jdbc.query(STATE, LifecycleRecords::state, owner, beneficiaryId).stream().findFirst();
  }

  /** The state, with the beneficiary row locked for the rest of the transaction: changes go one at a time. */
  Optional<State> lock(String owner, String beneficiaryId) {
    jdbc.query("select 1 from beneficiary where owner = ? and beneficiary_id = ? for update", rs -> {}, owner,
        beneficiaryId);
    return state(owner, beneficiaryId);
  }

  private static State state(ResultSet rs, int row) throws SQLException {
    Date terminated = rs.getDate(2);
    Date suspended = rs.getDate(5);
    return new State(rs.getLong(1), terminated == null ? null : terminated.toLocalDate(), rs.getString(3),
        (Long) rs.getObject(4), suspended == null ? null : suspended.toLocalDate(), rs.getString(6));
  }

  /** Sets the named fields (contract names) to their values; null removes one. */
  void update(String owner, String beneficiaryId, Map<String, String> values) {
    StringBuilder sql = new StringBuilder("update beneficiary set updated_at = ?");
    Object[] args = new Object[values.size() + 3];
    int i = 0;
    args[i++] = Timestamp.from(clock.instant());
    for (Map.Entry<String, String> e : values.entrySet()) {
      sql.append(", ").append(COLUMNS.get(e.getKey())).append(" = ?");   // only known names reach here
      args[i++] = e.getValue();
    }
    args[i++] = owner;
    args[i] = beneficiaryId;
    jdbc.update(sql.append(" where owner = ? and beneficiary_id = ?").toString(), args);
  }

  /** The date of the latest recorded move, or null when there has been none. */
  LocalDate lastMove(String owner, String beneficiaryId) {
    Date d = jdbc.queryForObject("select max(valid_from) from beneficiary_commune where owner = ? and beneficiary_id = ?"
        + " and valid_from > ?", Date.class, owner, beneficiaryId, Date.valueOf(FIRST_DAY));
    return d == null ? null : d.toLocalDate();
  }

  /** Records a move; the commune lived in before it is kept from the first day when this is the first move. */
  void moved(String owner, String beneficiaryId, LocalDate from, String provinceBefore, String communeBefore,
      String province, String commune) {
    jdbc.update("insert into beneficiary_commune (owner, beneficiary_id, valid_from, province_code, commune_code)"
        + " values (?, ?, ?, ?, ?) on conflict do nothing", owner, beneficiaryId, Date.valueOf(FIRST_DAY),
        provinceBefore, communeBefore);
    jdbc.update("insert into beneficiary_commune (owner, beneficiary_id, valid_from, province_code, commune_code)"
        + " values (?, ?, ?, ?, ?)", owner, beneficiaryId, Date.valueOf(from), province, commune);
  }

  /** Where a beneficiary lived: province and commune codes. */
  public record Commune(String provinceCode, String communeCode) {}

  /** The commune in force in the month: the last move dated in or before it, else the registration's. */
  Optional<Commune> communeDuring(String owner, String beneficiaryId, YearMonth period) {
    List<Commune> moved = jdbc.query("select province_code, commune_code from beneficiary_commune"
            + " where owner = ? and beneficiary_id = ? and valid_from < ? order by valid_from desc limit 1",
        (rs, i) -> new Commune(rs.getString(1), rs.getString(2)), owner, beneficiaryId,
        Date.valueOf(period.plusMonths(1).atDay(1)));
    if (!moved.isEmpty()) {
      return Optional.of(moved.get(0));
    }
    return jdbc.query("select province_code, commune_code from beneficiary b where owner = ? and beneficiary_id = ?"
            + " and not exists (select 1 from beneficiary_commune c where c.owner = b.owner"
            + " and c.beneficiary_id = b.beneficiary_id)",
        (rs, i) -> new Commune(rs.getString(1), rs.getString(2)), owner, beneficiaryId).stream().findFirst();
  }

  /** The resume date of the latest ended suspension, or null: a new one may not start before it. */
  LocalDate lastResumed(String owner, String beneficiaryId) {
    Date d = jdbc.queryForObject("select max(until_date) from beneficiary_period where owner = ? and beneficiary_id = ?"
        + " and kind = 'SUSPENDED'", Date.class, owner, beneficiaryId);
    return d == null ? null : d.toLocalDate();
  }

  void suspend(String owner, String beneficiaryId, LocalDate from, String reason) {
    jdbc.update("insert into beneficiary_period (owner, beneficiary_id, kind, from_date, reason)"
        + " values (?, ?, 'SUSPENDED', ?, ?)",
        owner, beneficiaryId, Date.valueOf(from), reason);
    touch(owner, beneficiaryId);
  }

  void resume(String owner, String beneficiaryId, long suspensionId, LocalDate from) {
    jdbc.update("update beneficiary_period set until_date = ? where id = ?", Date.valueOf(from), suspensionId);
    touch(owner, beneficiaryId);
  }

  void terminate(String owner, String beneficiaryId, LocalDate from, String reason, String note) {
    jdbc.update("insert into beneficiary_period (owner, beneficiary_id, kind, from_date, reason, note)"
        + " values (?, ?, 'TERMINATED', ?, ?, ?)", owner, beneficiaryId, Date.valueOf(from), reason, note);
    // the status column says TERMINATED too, for readers of the register that look only there
    jdbc.update("update beneficiary set terminated_from = ?, termination_reason = ?, status = 'TERMINATED',"
        + " status_reason = ?, updated_at = ? where owner = ? and beneficiary_id = ?", Date.valueOf(from), reason,
        "terminated from " + from + ": " + reason, Timestamp.from(clock.instant()), owner, beneficiaryId);
    events.beneficiary(owner, beneficiaryId, "status-changed");
  }

  private void touch(String owner, String beneficiaryId) {
    jdbc.update("update beneficiary set updated_at = ? where owner = ? and beneficiary_id = ?",
        Timestamp.from(clock.instant()), owner, beneficiaryId);
  }

  /** A beneficiary by its owner and id. */
  record Owned(String owner, String beneficiaryId) {}

  /** Every registration of the person not yet terminated, under any owner, locked. */
  List<Owned> activeWith(String personalId) {
    // a registration onboarding has not concluded (VERIFYING) or has stopped is onboarding's to settle:
    // its identity check finds the death and stops it as DECEASED, whichever way the death arrived first
    return jdbc.query("select owner, beneficiary_id from beneficiary where personal_id = ? and terminated_from is null"
        + " and status not in ('VERIFYING', 'DECEASED', 'IDENTITY_MISMATCH') order by owner, beneficiary_id for update", (rs, i) -> new Owned(rs.getString(1), rs.getString(2)),
        personalId);
  }

  /** One change as the history shows it: field names, never their values. */
  public record Change(long id, String owner, String beneficiaryId, String kind, List<String> fields,
      LocalDate effectiveFrom, String reason, String changedBy, Instant changedAt) {}

  long record(String owner, String beneficiaryId, String kind, List<String> fields, LocalDate effectiveFrom,
      String reason, String changedBy, String requestId) {
    return jdbc.queryForObject("insert into beneficiary_change (owner, beneficiary_id, kind, fields, effective_from,"
            + " reason, changed_by, changed_at, request_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id", Long.class,
        owner, beneficiaryId, kind, String.join(",", fields), effectiveFrom == null ? null : Date.valueOf(effectiveFrom),
        reason, changedBy, Timestamp.from(clock.instant()), requestId);
  }

  List<Change> history(String owner, String beneficiaryId) {
    return jdbc.query("select * from beneficiary_change where owner = ? and beneficiary_id = ? order by id",
        LifecycleRecords::change, owner, beneficiaryId);
  }

  Optional<Change> change(long id) {
    return jdbc.query("select * from beneficiary_change where id = ?", LifecycleRecords::change, id).stream()
        .findFirst();
  }

  private static Change change(ResultSet rs, int row) throws SQLException {
    Date effective = rs.getDate("effective_from");
    String fields = rs.getString("fields");
    return new Change(rs.getLong("id"), rs.getString("owner"), rs.getString("beneficiary_id"), rs.getString("kind"),
        fields.isEmpty() ? List.of() : Arrays.asList(fields.split(",")),
        effective == null ? null : effective.toLocalDate(), rs.getString("reason"), rs.getString("changed_by"),
        rs.getTimestamp("changed_at").toInstant());
  }
}

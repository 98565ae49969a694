package vn.ansinh.gateway.register;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.payment.PersonVerifications;

/**
 * The sync's work, kept in {@code register_sync} so that every instance shares it and a restart
 * resumes it: each person with an active beneficiary, when they are due, and which instance holds
 * them (a lease, so a stopped instance's people are taken again). Calls are counted per second in
 * {@code register_sync_call}.
 */
class SyncQueue {

  // an active beneficiary is one neither deceased nor terminated; any other status counts as active
  static final String ACTIVE = "b.status not in ('DECEASED', 'TERMINATED')";
  private static final String ENROL = """
      insert into register_sync (personal_id, due_at)
      select p.personal_id, register_next_due(p.personal_id, coalesce(v.verified_at, ?::timestamptz - ?::interval), ?)
      from (select distinct b.personal_id::varchar as personal_id from beneficiary b where %s) p
      left join person_verification v on v.personal_id = p.personal_id
      where not exists (select 1 from register_sync s where s.personal_id = p.personal_id)
      on conflict (personal_id) do nothing
      """.formatted(ACTIVE);
  private static final String CLAIM = """
      with due as (
        select personal_id from register_sync
        where due_at <= ? and (claimed_until is null or claimed_until < ?)
        order by due_at limit ? for update skip locked)
      update register_sync s set claimed_until = ? from due where s.personal_id = due.personal_id
      returning s.personal_id, exists (select 1 from beneficiary b
                                       where b.personal_id = cast(s.personal_id as char(12)) and %s)
      """.formatted(ACTIVE);
  private static final long CALLS_KEPT_SECONDS = 3600;

  private final JdbcTemplate jdbc;
  private final RegisterProperties properties;

  SyncQueue(JdbcTemplate jdbc, RegisterProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /** Adds the people of beneficiaries registered since, due at their place in the window (or now, if never verified). */
  int enrol(Instant now) {
    long every = properties.reverifyEvery().toSeconds();
    int added = jdbc.update(ENROL, Timestamp.from(now), every + " seconds", every);
    jdbc.update("delete from register_sync_call where second < ?", Timestamp.from(now.minusSeconds(CALLS_KEPT_SECONDS)));
    return added;
  }

  /** People taken: those to verify, and how many were forgotten (nobody active with their id any more). */
  record Claim(List<String> active, int forgotten) {
    int size() {
      return active.size() + forgotten;
    }
  }

  /** Takes up to claim-size people due, leased to this instance. */
  Claim claim(Instant now) {
    Timestamp at = Timestamp.from(now);
    List<String> active = new ArrayList<>();
    List<Object[]> gone = new ArrayList<>();
    jdbc.query(CLAIM, rs -> {
      if (rs.getBoolean(2)) {
        active.add(rs.getString(1));
      } else {
        gone.add(new Object[] {rs.getString(1)});
      }
    }, at, at, properties.claimSize(), Timestamp.from(now.plus(properties.lease())));
    // terminated or deceased: forgotten; a new registration enrols them again
    jdbc.batchUpdate("delete from register_sync where personal_id = ?", gone);
    return new Claim(active, gone.size());
  }

  /**
   * In the caller's transaction: those verified are due again at their next place in the window;
   * the rest (the registry failed, a slot was missed) are handed back, due as they were.
   */
  void done(List<String> people, List<PersonVerifications.Answer> answers, Map<Long, Integer> callsPerSecond) {
    long every = properties.reverifyEvery().toSeconds();
    jdbc.batchUpdate("update register_sync set due_at = register_next_due(personal_id, ?, ?), claimed_until = null"
        + " where personal_id = ?", answers.stream()
        .map(a -> new Object[] {Timestamp.from(a.at()), every, a.personalId()}).toList());
    Set<String> verified = new HashSet<>(answers.stream().map(PersonVerifications.Answer::personalId).toList());
    jdbc.batchUpdate("update register_sync set claimed_until = null where personal_id = ?", people.stream()
        .filter(p -> !verified.contains(p)).map(p -> new Object[] {p}).toList());
    jdbc.batchUpdate("insert into register_sync_call (second, calls) values (?, ?) on conflict (second)"
        + " do update set calls = register_sync_call.calls + excluded.calls", callsPerSecond.entrySet().stream()
        .map(e -> new Object[] {Timestamp.from(Instant.ofEpochSecond(e.getKey())), e.getValue()}).toList());
  }
}

package vn.ansinh.gateway.payment;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * People known to be deceased, with the date of death when known, so that no payment for a later
 * period reaches them. Learnt from the population database's answers and banks' reports; a death
 * an operator has corrected is not learnt again unless it comes with another date. A death newly
 * recorded (or given a new date) is published as a {@link Recorded} event, in the caller's transaction.
 */
@Component("deceasedRegister")
public class DeceasedRegister {

  public static final String REGISTRY = "population-registry";
  private static final String RECORD = """
      insert into deceased_person (personal_id, source, recorded_at, date_of_death)
      select ?, ?, ?, ? where not exists (select 1 from death_record_correction c
                                          where c.personal_id = ? and c.date_of_death is not distinct from ?)
      on conflict (personal_id) do update set date_of_death = excluded.date_of_death
      where excluded.date_of_death is not null and excluded.date_of_death is distinct from deceased_person.date_of_death
      """;

  /** A death newly recorded, or a known one with a new date. */
  public record Recorded(String personalId, String source, LocalDate dateOfDeath) {
    @Override
    public String toString() {
      return "Recorded[" + source + "]";
    }
  }

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  public DeceasedRegister(JdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.events = events;
  }

  /** Records a death reported without a date (a bank's MD07): every later payment stops. */
  public void record(String personalId, String source) {
    record(personalId, source, null);
  }

  /** Records a death; {@code dateOfDeath} null when the source gives none (every later payment stops). */
  public void record(String personalId, String source, LocalDate dateOfDeath) {
    Date died = dateOfDeath == null ? null : Date.valueOf(dateOfDeath);
    if (jdbc.update(RECORD, personalId, source, Timestamp.from(clock.instant()), died, personalId, died) == 1) {
      events.publishEvent(new Recorded(personalId, source, dateOfDeath));
    }
  }

  /** Whether a death is recorded for this person (by any source, and not corrected). */
  public boolean isRecorded(String personalId) {
    return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from deceased_person where personal_id = ?)",
        Boolean.class, personalId));
  }
}

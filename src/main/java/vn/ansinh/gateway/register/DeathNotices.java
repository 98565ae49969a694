package vn.ansinh.gateway.register;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.outbox.Outbox;
import vn.ansinh.gateway.outbox.OutboxWorker;
import vn.ansinh.gateway.payment.DeathStops;
import vn.ansinh.gateway.payment.DeceasedRegister;

/**
 * Deaths the population database tells of (its answers to any lookup, and its pushed events): each
 * new one becomes a notice, kept with its source, and outbox work that stops the person's later
 * payments in batches not yet approved and then publishes {@link PersonDied}. A bank's report of a
 * death (MD07) stops later validations through the register, but is not the registry's word, so it
 * terminates nobody.
 */
@Component("deathNotices")
public class DeathNotices {

  static final String KIND = "person-death";
  static final String PUSHED = "population-event";
  static final String SYNC = "register-sync";
  private static final Set<String> REGISTRY_SOURCES = Set.of(DeceasedRegister.REGISTRY, PUSHED, SYNC);

  private final JdbcTemplate jdbc;
  private final DeathStops stops;
  private final Outbox outbox;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  public DeathNotices(JdbcTemplate jdbc, DeathStops stops, Outbox outbox, ApplicationEventPublisher events,
      Clock clock) {
    this.jdbc = jdbc;
    this.stops = stops;
    this.outbox = outbox;
    this.events = events;
    this.clock = clock;
  }

  /** In the transaction that recorded the death: the notice and its work, committed with it. */
  @EventListener
  public void recorded(DeceasedRegister.Recorded death) {
    if (!REGISTRY_SOURCES.contains(death.source())) {
      return;
    }
    Long id = jdbc.queryForObject("insert into death_notice (personal_id, date_of_death, source, found_at)"
        + " values (?, ?, ?, ?) returning id", Long.class, death.personalId(),
        death.dateOfDeath() == null ? null : Date.valueOf(death.dateOfDeath()), death.source(),
        Timestamp.from(clock.instant()));
    outbox.enqueue(KIND, death.source(), Long.toString(id));
  }

  /** Outbox step: the person's later payments stopped and {@link PersonDied} published, in one transaction. */
  public void apply(Exchange exchange) {
    long id = Long.parseLong(exchange.getProperty(OutboxWorker.SUBJECT, String.class));
    List<Notice> found = jdbc.query("select personal_id, source, applied_at is not null from death_notice where id = ?"
        + " for update", (rs, i) -> new Notice(rs.getString(1), rs.getString(2), rs.getBoolean(3)), id);
    if (found.isEmpty() || found.get(0).applied()) {
      return;   // a repeated outbox run changes nothing
    }
    Notice n = found.get(0);
    // the register as it stands now: an operator may have corrected the death meanwhile, or the date changed
    List<LocalDate[]> recorded = jdbc.query("select date_of_death from deceased_person where personal_id = ?",
        (rs, i) -> new LocalDate[] {rs.getDate(1) == null ? null : rs.getDate(1).toLocalDate()}, n.personalId());
    jdbc.update("update death_notice set applied_at = ? where id = ?", Timestamp.from(clock.instant()), id);
    if (recorded.isEmpty()) {
      return;
    }
    LocalDate died = recorded.get(0)[0];
    stops.stopAfter(n.personalId(), died);
    // in this transaction: the beneficiaries' termination (DeathTerminations) commits with the stops, or
    // neither does and the outbox runs the step again
    events.publishEvent(new PersonDied(n.personalId(), died, n.source()));
  }

  private record Notice(String personalId, String source, boolean applied) {}
}

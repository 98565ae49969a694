package vn.ansinh.gateway.register;

import java.time.Duration;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sync's pace towards the population database, shared through one database row by every
 * instance. Each calendar second holds {@code rate} call slots, evenly spaced over its first part;
 * its last {@code guard} holds none, so a call that leaves a little late (a cold start, a pause)
 * still arrives within its own second. An instance takes the next free slots under a row lock
 * ({@code FOR UPDATE}), so no slot is ever taken twice, and each call goes at its slot's time: never
 * more than {@code rate} calls in any second, all instances together.
 */
class RegistryPace {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final int rate;
  private final double spread;   // the part of each second that holds slots

  RegistryPace(JdbcTemplate jdbc, TransactionTemplate tx, int rate, Duration guard) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.rate = rate;
    this.spread = 1.0 - Math.min(0.5, guard.toNanos() / 1e9);
  }

  /** Slots taken: when each is due (epoch seconds), and the database's clock when they were taken. */
  record Slots(double[] at, double takenAt) {

    /** The end of the second slot {@code i} lies in: sent later than this, a call would count in the next second. */
    double secondEnd(int i) {
      return Math.floor(at[i]) + 1;
    }
  }

  /** Takes the next {@code count} free slots. */
  Slots take(int count) {
    return tx.execute(s -> {
      Map<String, Object> row = jdbc.queryForMap("select extract(epoch from free_from)::float8 as free_from,"
          + " extract(epoch from clock_timestamp())::float8 as now from register_pace where id = 1 for update");
      double now = ((Number) row.get("now")).doubleValue();
      long first = firstAtOrAfter(Math.max(((Number) row.get("free_from")).doubleValue(), now));
      double[] at = new double[count];
      for (int i = 0; i < count; i++) {
        at[i] = timeOf(first + i);
      }
      // half a slot after the last one taken: the next taker starts at the slot after it
      jdbc.update("update register_pace set free_from = to_timestamp(?) where id = 1",
          timeOf(first + count - 1) + 0.5 * spread / rate);
      return new Slots(at, now);
    });
  }

  /** Slot n: second n / rate, at the middle of its place among that second's slots. */
  double timeOf(long n) {
    return Math.floorDiv(n, rate) + (Math.floorMod(n, rate) + 0.5) * spread / rate;
  }

  /**
   * The first slot whose time is {@code t} or later, give or take a tenth of a slot: epoch seconds
   * as doubles are exact to about 0.2 µs, which at a high rate is a sizeable part of a slot.
   */
  long firstAtOrAfter(double t) {
    long second = (long) Math.floor(t);
    long place = (long) Math.ceil((t - second) * rate / spread - 0.5 - 0.1);
    return place >= rate ? (second + 1) * rate : second * rate + Math.max(0, place);
  }
}

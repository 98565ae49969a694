package vn.ansinh.gateway.register;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sync's pace towards the population database, shared through one database row by every
 * instance. Each second is cut into {@code rate} slots; a call takes the next free slot with one
 * atomic UPDATE … RETURNING and goes at the slot's middle, so calls are evenly spaced, never more
 * than {@code rate} in any calendar second, and half a slot away from its edges (a few
 * milliseconds of network jitter cannot push one into the next second).
 */
class RegistryPace {

  // the next slot that starts at or after the last one taken, and whose middle is not yet past
  private static final String TAKE = """
      update register_pace set free_from = to_timestamp((greatest(
          ceil(extract(epoch from free_from) * ? - 0.001),
          ceil(extract(epoch from clock_timestamp()) * ? - 0.5)) + 1) / ?::float8)
      where id = 1
      returning round(extract(epoch from free_from) * ?) - 1, extract(epoch from clock_timestamp())
      """;

  private final JdbcTemplate jdbc;
  private final int rate;

  RegistryPace(JdbcTemplate jdbc, int rate) {
    this.jdbc = jdbc;
    this.rate = rate;
  }

  /** Takes the next slot and returns how many milliseconds from now its middle is (zero or more). */
  long takeSlot() {
    return jdbc.queryForObject(TAKE, (rs, i) -> {
      double middle = (rs.getLong(1) + 0.5) / rate;
      double now = rs.getDouble(2);
      return Math.max(0, Math.round((middle - now) * 1000));
    }, rate, rate, rate, rate);
  }
}

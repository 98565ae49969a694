package vn.ansinh.gateway.register;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** How current the register is (SPEC §4.11), read from the tables every instance shares. */
@Repository
public class SyncStatus {

  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final int RATE_WINDOW_SECONDS = 60;
  // per active beneficiary: due when the sync has them due, or (not enrolled yet) never verified within the window
  private static final String BENEFICIARIES = """
      select count(*),
             count(*) filter (where s.due_at <= ? or (s.personal_id is null
                                  and (v.verified_at is null or v.verified_at < ?))),
             count(*) filter (where v.verified_at >= ?),
             count(*) filter (where v.verified_at is null),
             min(v.verified_at)
      from beneficiary b
      left join person_verification v on v.personal_id = b.personal_id::varchar
      left join register_sync s on s.personal_id = b.personal_id::varchar
      where %s
      """.formatted(SyncQueue.ACTIVE);

  private final JdbcTemplate jdbc;
  private final RegisterProperties properties;
  private final Clock clock;

  public SyncStatus(JdbcTemplate jdbc, RegisterProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  public Map<String, Object> now() {
    Instant now = clock.instant();
    Timestamp at = Timestamp.from(now);
    Timestamp windowStart = Timestamp.from(now.minus(properties.reverifyEvery()));
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("at", now.toString());
    status.put("reverifyEvery", properties.reverifyEvery().toString());
    status.put("maxCallsPerSecond", properties.maxCallsPerSecond());
    jdbc.query(BENEFICIARIES, rs -> {
      status.put("activeBeneficiaries", rs.getLong(1));
      status.put("due", rs.getLong(2));
      status.put("verifiedWithinWindow", rs.getLong(3));
      status.put("neverVerified", rs.getLong(4));
      Timestamp oldest = rs.getTimestamp(5);
      status.put("oldestVerificationAt", oldest == null ? null : oldest.toInstant().toString());
    }, at, windowStart, windowStart);
    long calls = jdbc.queryForObject("select coalesce(sum(calls), 0) from register_sync_call where second >= ?",
        Long.class, Timestamp.from(now.minusSeconds(RATE_WINDOW_SECONDS)));
    status.put("callsPerSecondLastMinute", Math.round(calls * 100.0 / RATE_WINDOW_SECONDS) / 100.0);
    Instant monthStart = ZonedDateTime.ofInstant(now, VIETNAM).withDayOfMonth(1).toLocalDate().atStartOfDay(VIETNAM)
        .toInstant();
    Map<String, Long> bySource = new LinkedHashMap<>();
    jdbc.query("select source, count(distinct personal_id) from death_notice where found_at >= ? group by source"
        + " order by source", rs -> {
          bySource.put(rs.getString(1), rs.getLong(2));
        }, Timestamp.from(monthStart));
    Map<String, Object> deaths = new LinkedHashMap<>();
    deaths.put("since", monthStart.toString());
    deaths.put("total", jdbc.queryForObject("select count(distinct personal_id) from death_notice where found_at >= ?",
        Long.class, Timestamp.from(monthStart)));
    deaths.put("bySource", bySource);
    status.put("deathsThisMonth", deaths);
    return status;
  }
}

package vn.ansinh.gateway.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code databasePool}, in the liveness group: DOWN when every pooled connection has been taken,
 * with callers waiting, at each look for longer than {@code gateway.database.pool-exhausted-for}.
 * Such an instance does no work (leaked or hung connections) and is better restarted.
 */
@Component("databasePoolHealthIndicator")
public class DatabasePoolHealth implements HealthIndicator {

  private final DataSource dataSource;
  private final Duration exhaustedFor;
  private final AtomicLong exhaustedSince = new AtomicLong();

  public DatabasePoolHealth(DataSource dataSource, @Value("${gateway.database.pool-exhausted-for}") Duration exhaustedFor) {
    this.dataSource = dataSource;
    this.exhaustedFor = exhaustedFor;
  }

  @Override
  public Health health() {
    HikariPoolMXBean pool = pool();
    if (pool == null) {
      return Health.unknown().build();
    }
    boolean exhausted = pool.getIdleConnections() == 0 && pool.getThreadsAwaitingConnection() > 0;
    long now = System.nanoTime();
    if (exhausted) {
      exhaustedSince.compareAndSet(0, now);
    } else {
      exhaustedSince.set(0);
    }
    long since = exhaustedSince.get();
    Duration exhaustedForNow = since == 0 ? Duration.ZERO : Duration.ofNanos(now - since);
    Health.Builder health = exhaustedForNow.compareTo(exhaustedFor) > 0
        ? Health.down().withDetail("reason", "no database connection free for " + exhaustedForNow.toSeconds() + " s")
        : Health.up();
    return health.withDetail("active", pool.getActiveConnections()).withDetail("idle", pool.getIdleConnections())
        .withDetail("waiting", pool.getThreadsAwaitingConnection()).build();
  }

  private HikariPoolMXBean pool() {
    try {
      return dataSource.isWrapperFor(HikariDataSource.class)
          ? dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean() : null;
    } catch (SQLException e) {
      return null;
    }
  }
}

package vn.ansinh.gateway.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Demo mode's database: real PostgreSQL binaries started in-process, data under
 * {@code <data-dir>/postgres}, kept across restarts. Production uses {@code spring.datasource}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gateway.database.embedded", havingValue = "true")
public class EmbeddedPostgresConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(@Value("${gateway.data-dir}") Path dataDir, Environment environment)
      throws IOException {
    Path pgData = dataDir.resolve("postgres").toAbsolutePath();
    Files.createDirectories(pgData);
    StalePostmaster.stopIfRunning(pgData);
    log.info("Starting embedded PostgreSQL with data in {}", pgData);
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("max_connections", "100");
    // the server's own settings (memory, WAL) from gateway.database.embedded-settings
    Binder.get(environment).bind("gateway.database.embedded-settings", Bindable.mapOf(String.class, String.class))
        .orElse(Map.of()).forEach(builder::setServerConfig);
    return builder.start();
  }

  /** The same pool settings as production ({@code spring.datasource.hikari.*}: timeouts, socket timeout, size). */
  @Bean(destroyMethod = "close")
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedPostgres postgres) {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    ds.setUsername("postgres");
    ds.setPoolName("gateway-db");
    return ds;
  }
}

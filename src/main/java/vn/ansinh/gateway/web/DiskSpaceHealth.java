package vn.ansinh.gateway.web;

import org.springframework.boot.actuate.autoconfigure.system.DiskSpaceHealthIndicatorProperties;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.system.DiskSpaceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot's disk-space check without the folder it checks: /actuator/health is public, and a
 * filesystem path tells an outsider how the host is laid out.
 */
@Configuration(proxyBeanMethods = false)
public class DiskSpaceHealth {

  @Bean
  HealthIndicator diskSpaceHealthIndicator(DiskSpaceHealthIndicatorProperties properties) {
    DiskSpaceHealthIndicator disk = new DiskSpaceHealthIndicator(properties.getPath(), properties.getThreshold());
    return () -> {
      Health h = disk.health();
      Health.Builder b = Health.status(h.getStatus());
      h.getDetails().forEach((k, v) -> {
        if (!"path".equals(k)) {
          b.withDetail(k, v);
        }
      });
      return b.build();
    };
  }
}

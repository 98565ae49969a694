package vn.ansinh.gateway.audit;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit key: from configuration, or made under the data folder (demo; prod refuses to start without one). */
@Configuration(proxyBeanMethods = false)
public class AuditKeyConfiguration {

  @Bean
  AuditSigningKey auditSigningKey(AuditProperties properties, @Value("${gateway.data-dir}") Path dataDir) {
    return AuditSigningKey.load(properties.signingKeyLocation(), dataDir);
  }
}

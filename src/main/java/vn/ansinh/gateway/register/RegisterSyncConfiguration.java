package vn.ansinh.gateway.register;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import vn.ansinh.gateway.audit.SubjectHasher;
import vn.ansinh.gateway.payment.PersonVerifications;

/** The sync worker the register-sync route runs; its pool of callers closes with the context. */
@Configuration(proxyBeanMethods = false)
public class RegisterSyncConfiguration {

  @Bean(destroyMethod = "close")
  RegisterSync registerSync(JdbcTemplate jdbc, TransactionTemplate tx, ProducerTemplate flows,
      PersonVerifications verifications, SubjectHasher subjects, CircuitBreaker populationRegistryCircuitBreaker,
      RegisterProperties properties, Clock clock) {
    return new RegisterSync(jdbc, tx, flows, verifications, subjects, populationRegistryCircuitBreaker, properties,
        clock);
  }
}

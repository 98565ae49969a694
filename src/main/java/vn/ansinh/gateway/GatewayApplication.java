package vn.ansinh.gateway;

import java.time.Clock;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import vn.ansinh.gateway.audit.AuditVerifyCommand;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling   // operations/StateGauges: database-held figures for monitoring
public class GatewayApplication {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  public static void main(String[] args) {
    if (args.length > 0 && "audit-verify".equals(args[0])) {
      // the offline verifier: no server, no database, only the export file
      System.exit(AuditVerifyCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
    }
    SpringApplication.run(GatewayApplication.class, args);
  }
}

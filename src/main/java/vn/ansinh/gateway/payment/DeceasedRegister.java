package vn.ansinh.gateway.payment;

import java.sql.Timestamp;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.citizen.CitizenVerificationResult;

/** People known to be deceased, so that no later payment reaches them. Learnt from the population database's answers. */
@Component("deceasedRegister")
public class DeceasedRegister {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public DeceasedRegister(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A verification step: when the answer says deceased, the person goes on the register. */
  public void learn(Exchange exchange) {
    CitizenVerificationResult result = exchange.getMessage().getBody(CitizenVerificationResult.class);
    if (result != null && result.deceased()) {
      record(result.personalId(), "population-registry");
    }
  }

  public void record(String personalId, String source) {
    jdbc.update("insert into deceased_person (personal_id, source, recorded_at) values (?, ?, ?)"
        + " on conflict (personal_id) do nothing", personalId, source, Timestamp.from(clock.instant()));
  }
}

package vn.ansinh.gateway.citizen;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** Compares what the partner sent with what the population database holds. */
@Component("citizenComparison")
public class CitizenComparison {

  private final Clock clock;

  public CitizenComparison(Clock clock) {
    this.clock = clock;
  }

  public CitizenVerificationResult compare(Exchange exchange) {
    CitizenVerificationRequest asked = exchange.getProperty(CitizenRequestValidator.REQUEST_PROPERTY,
        CitizenVerificationRequest.class);
    RegistryRecord held = exchange.getMessage().getBody(RegistryRecord.class);
    return compare(asked, held, clock.instant());
  }

  static CitizenVerificationResult compare(CitizenVerificationRequest asked, RegistryRecord held, Instant at) {
    if (held == null || !held.exists()) {
      return new CitizenVerificationResult(asked.personalId(), false, List.of("personalId"), false, at);
    }
    List<String> mismatches = new ArrayList<>(2);
    if (!NameMatcher.matches(asked.fullName(), held.fullName())) {
      mismatches.add("fullName");
    }
    if (!asked.dateOfBirth().equals(held.dateOfBirth())) {
      mismatches.add("dateOfBirth");
    }
    return new CitizenVerificationResult(asked.personalId(), mismatches.isEmpty(), List.copyOf(mismatches),
        held.deceased(), at);
  }
}

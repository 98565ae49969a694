package vn.ansinh.gateway.payment;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.audit.SubjectHasher;
import vn.ansinh.gateway.citizen.CitizenRequestValidator;
import vn.ansinh.gateway.citizen.CitizenVerificationRequest;
import vn.ansinh.gateway.citizen.RegistryRecord;
import vn.ansinh.gateway.error.AgencyTimeoutException;
import vn.ansinh.gateway.error.AgencyUnavailableException;
import vn.ansinh.gateway.error.GatewayException;
import vn.ansinh.gateway.web.GatewayFailures;

/**
 * One look-up of a person through a registry route (its timeout, circuit breaker and audit), on
 * behalf of a partner and audited under the person's keyed hash, for work that asks many at a time
 * (the payment gate, the life-status sync). The registry's own failure (down, open circuit, too
 * slow) is kept in {@code failure} for the caller to stop on; anything else is a bug and thrown.
 */
public final class RegistryCaller {

  private final ProducerTemplate flows;
  private final String route;
  private final SubjectHasher subjects;
  private final Clock clock;

  public RegistryCaller(ProducerTemplate flows, String route, SubjectHasher subjects, Clock clock) {
    this.flows = flows;
    this.route = route;
    this.subjects = subjects;
    this.clock = clock;
  }

  /** The registry's answer, or null when it failed (then {@code failure} holds why, if nothing failed before). */
  public PersonVerifications.Answer lookUp(String partner, String requestId, String personalId,
      AtomicReference<GatewayException> failure) {
    AtomicReference<PersonVerifications.Answer> answer = new AtomicReference<>();
    AuditContext.runOnBehalfOf(partner, requestId, () -> {
      AuditContext.current().subjectHash(subjects.hash(personalId));
      Exchange done = flows.send(route, e -> e.setProperty(CitizenRequestValidator.REQUEST_PROPERTY,
          new CitizenVerificationRequest(personalId, null, null)));
      if (done.getException() == null) {
        answer.set(new PersonVerifications.Answer(personalId, done.getMessage().getBody(RegistryRecord.class),
            clock.instant()));
        return;
      }
      GatewayException typed = GatewayFailures.find(done.getException());
      if (typed instanceof AgencyUnavailableException || typed instanceof AgencyTimeoutException) {
        failure.compareAndSet(null, typed);
      } else {
        throw new IllegalStateException("registry lookup failed", done.getException());
      }
    });
    return answer.get();
  }
}

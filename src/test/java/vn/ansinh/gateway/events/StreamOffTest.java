package vn.ansinh.gateway.events;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.audit.SubjectHasher;

/** With the stream off (the default, and demo mode), no change writes an event: nothing piles up for a broker nobody runs. */
class StreamOffTest {

  @Test
  void noEventIsRecordedWhileTheStreamIsOff() {
    JdbcTemplate jdbc = mock(JdbcTemplate.class);
    EventStreamProperties off = new EventStreamProperties(false, "localhost:9092", "urn:ansinh:gateway",
        new EventStreamProperties.Topics("b", "p", "a"), 500, 1000, 500, 15000);
    DomainEvents events = new DomainEvents(jdbc, Clock.systemUTC(), mock(SubjectHasher.class), off);

    events.beneficiary("dolisa-demo", "NA-1", "registered");
    events.account("dolisa-demo", "NA-1", "account-opened", "970405", "*********3456", null);
    events.batch(1, "received");
    events.paymentsOfBatch(1, "validation");
    events.paymentsMoved(1, "bank-file F-1", "DISPATCHED", List.of(1, 2, 3));
    events.paymentRows(1, List.of(1, 2), "bank-report M-1");

    verifyNoInteractions(jdbc);
  }
}

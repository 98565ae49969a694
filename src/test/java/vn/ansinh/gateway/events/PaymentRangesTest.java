package vn.ansinh.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.audit.SubjectHasher;

/** The rows a bank file moved, as a consumer reads them: ascending ranges, counted, split by ranges-per-event. */
class PaymentRangesTest {

  private final JdbcTemplate jdbc = mock(JdbcTemplate.class);

  private DomainEvents events(int rangesPerEvent) {
    return new DomainEvents(jdbc, Clock.systemUTC(), mock(SubjectHasher.class), new EventStreamProperties(true,
        "localhost:9092", "urn:ansinh:gateway", new EventStreamProperties.Topics("b", "p", "a"), 200, rangesPerEvent,
        500, 15000));
  }

  /** The data each insert was given after its batch id, in order. */
  private List<String> dataWritten(int events) {
    ArgumentCaptor<Object> args = ArgumentCaptor.forClass(Object.class);
    verify(jdbc, times(events)).update(anyString(), args.capture(), args.capture(), args.capture(), args.capture());
    List<Object> all = args.getAllValues();
    return java.util.stream.IntStream.range(0, events).mapToObj(i -> (String) all.get(i * 4 + 1)).toList();
  }

  @Test
  void rowsInAnyOrderBecomeAscendingRangesWithTheirCount() {
    events(10_000).paymentsMoved(7, "bank-file ASG-1", "DISPATCHED", List.of(12, 3, 1, 2, 9, 10, 5));

    assertThat(dataWritten(1)).containsExactly(
        ",\"cause\":\"bank-file ASG-1\",\"status\":\"DISPATCHED\",\"count\":7,\"rows\":\"1-3,5,9-10,12\"}");
  }

  @Test
  void anEventNamesAtMostRangesPerEventRanges() {
    events(2).paymentsMoved(7, "wallet-order W-1", "DISPATCHED", List.of(1, 2, 3, 5, 9, 10, 12));

    assertThat(dataWritten(2)).containsExactly(
        ",\"cause\":\"wallet-order W-1\",\"status\":\"DISPATCHED\",\"count\":4,\"rows\":\"1-3,5\"}",
        ",\"cause\":\"wallet-order W-1\",\"status\":\"DISPATCHED\",\"count\":3,\"rows\":\"9-10,12\"}");
  }

  @Test
  void aCauseIsWrittenAsAJsonString() {
    events(10).paymentsMoved(7, "bank-file \"A\\B\"", "DISPATCHED", List.of(4));

    assertThat(dataWritten(1)).containsExactly(
        ",\"cause\":\"bank-file \\\"A\\\\B\\\"\",\"status\":\"DISPATCHED\",\"count\":1,\"rows\":\"4\"}");
  }
}

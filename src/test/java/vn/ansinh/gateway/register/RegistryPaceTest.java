package vn.ansinh.gateway.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The slot grid: rate slots per calendar second, none in its guarded end, each found again exactly. */
class RegistryPaceTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 5, 20, 1000, 100_000})
  void everySecondHoldsExactlyRateSlotsBeforeItsGuard(int rate) {
    RegistryPace pace = new RegistryPace(null, null, rate, Duration.ofMillis(200));
    long second = 1_796_000_000L;
    long first = pace.firstAtOrAfter(second);

    assertThat(first).isEqualTo(second * rate);
    for (long n = first; n < first + rate; n++) {
      double at = pace.timeOf(n);
      assertThat(at).isGreaterThanOrEqualTo(second).isLessThan(second + 0.8);
      assertThat(pace.firstAtOrAfter(at)).isEqualTo(n);
      assertThat(pace.firstAtOrAfter(at + 0.5 * 0.8 / rate)).isEqualTo(n + 1);
    }
    assertThat(pace.timeOf(first + rate)).isGreaterThanOrEqualTo(second + 1);
  }

  @Test
  void aMomentInTheGuardedEndTakesTheNextSecondsFirstSlot() {
    RegistryPace pace = new RegistryPace(null, null, 20, Duration.ofMillis(200));

    assertThat(pace.firstAtOrAfter(100.9)).isEqualTo(101 * 20);
    assertThat(pace.timeOf(101 * 20)).isEqualTo(101.02, org.assertj.core.data.Offset.offset(1e-9));
  }
}

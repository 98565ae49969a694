package vn.ansinh.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The running sum behind every received sum and file control sum: exact past 64 bits, both ways. */
class ExactSumTest {

  @Test
  void aSumPastSixtyFourBitsStaysExactAndComesBackWhenNegativeAmountsFollow() {
    ExactSum sum = new ExactSum();
    sum.add(Long.MAX_VALUE);
    sum.add(Long.MAX_VALUE);
    assertThat(sum.value()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(1));
    sum.add(-Long.MAX_VALUE);
    sum.add(new BigInteger("-" + Long.MAX_VALUE));
    assertThat(sum.value()).isZero();
    sum.add(Long.MIN_VALUE);
    sum.add(-1);
    assertThat(sum.value()).isEqualTo(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE));
  }

  @Test
  void aMillionRandomAmountsOfEveryKindAddUpAsBigIntegerAddsThem() {
    Random random = new Random(20261130);
    ExactSum sum = new ExactSum();
    BigInteger expected = BigInteger.ZERO;
    for (int i = 0; i < 1_000_000; i++) {
      BigInteger amount = switch (i % 4) {
        case 0 -> BigInteger.valueOf(random.nextLong());
        case 1 -> BigInteger.valueOf(random.nextInt(1_500_000));
        case 2 -> new BigInteger(70, random).negate();
        default -> BigInteger.valueOf(Long.MAX_VALUE - random.nextInt(1000));
      };
      sum.add(amount);
      expected = expected.add(amount);
    }
    assertThat(sum.value()).isEqualTo(expected);
  }
}

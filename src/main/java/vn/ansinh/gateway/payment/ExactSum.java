package vn.ansinh.gateway.payment;

import java.math.BigInteger;

/** A running sum of đồng that never overflows: 64-bit arithmetic while it fits, BigInteger beyond. */
final class ExactSum {

  private long small;
  private BigInteger big;

  void add(long amount) {
    if (big == null) {
      long r = small + amount;
      if (((small ^ r) & (amount ^ r)) >= 0) {   // no overflow (Math.addExact, without the exception)
        small = r;
        return;
      }
      big = BigInteger.valueOf(small);
    }
    big = big.add(BigInteger.valueOf(amount));
  }

  void add(BigInteger amount) {
    if (amount.bitLength() < Long.SIZE) {
      add(amount.longValue());
    } else {
      big = value().add(amount);
    }
  }

  BigInteger value() {
    return big != null ? big : BigInteger.valueOf(small);
  }
}

package vn.ansinh.gateway.payment;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToIntFunction;

/**
 * The rows of a list that may repeat another row's value of one column (a payment id, a personal
 * id, a household), found while the list streams in, so that validation compares those rows only
 * instead of grouping the whole list by the column.
 *
 * <p>A value is remembered as a 32-bit hash together with the first row that had it; a later row
 * with a hash seen before is listed, and so is that first row. Every row of a value that repeats is
 * therefore listed. Values that merely share a hash are listed too, and the exact comparison
 * (BatchValidation) lets them be: the list of rows may hold more than the repeats, never fewer.
 * Memory is bounded: past {@code maxValues} different hashes the finder gives up, and validation
 * compares the whole list as it would without it. So it does past {@code maxListed} listed rows: a
 * list that repeats itself that much is compared faster whole (row by row, a million listed rows
 * took 7 s where grouping the whole list took 1 s).
 */
final class RepeatedValues {

  private static final long FIRST_LISTED = 0x8000_0000L;   // in a slot's row half: its first row is listed already
  private final ToIntFunction<String> hash;
  private final int maxValues;
  private final int maxListed;
  private long[] slots = new long[1024];   // hash << 32 | first row (row numbers start at 1, so 0 is free)
  private int values;
  private int[] listed = new int[64];
  private int listedCount;
  private boolean gaveUp;

  RepeatedValues(int maxValues, int maxListed) {
    this(maxValues, maxListed, seeded(ThreadLocalRandom.current().nextInt()));
  }

  /** With the hash given: tests make every value collide. */
  RepeatedValues(int maxValues, int maxListed, ToIntFunction<String> hash) {
    this.maxValues = maxValues;
    this.maxListed = maxListed;
    this.hash = hash;
  }

  /** Row {@code row} (from 1, in list order) has {@code value}; null and empty values repeat nothing. */
  void add(String value, int row) {
    if (gaveUp || value == null || value.isEmpty()) {
      return;
    }
    int h = hash.applyAsInt(value);
    int mask = slots.length - 1;
    for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == 0) {
        if (values == maxValues) {
          giveUp();
          return;
        }
        slots[i] = (long) h << 32 | row;
        if (++values * 4L > slots.length * 3L) {
          grow();
        }
        return;
      }
      if ((int) (slot >>> 32) == h) {
        if ((slot & FIRST_LISTED) == 0) {
          slots[i] = slot | FIRST_LISTED;
          list((int) slot);
        }
        if (!gaveUp) {
          list(row);
        }
        return;
      }
    }
  }

  /** The rows to compare, in list order; empty when the finder gave up and the whole list must be compared. */
  Optional<int[]> rows() {
    if (gaveUp) {
      return Optional.empty();
    }
    int[] rows = Arrays.copyOf(listed, listedCount);
    Arrays.sort(rows);
    return Optional.of(rows);
  }

  private void list(int row) {
    if (listedCount == maxListed) {
      giveUp();
      return;
    }
    if (listedCount == listed.length) {
      listed = Arrays.copyOf(listed, listed.length * 2);
    }
    listed[listedCount++] = row;
  }

  private void giveUp() {
    gaveUp = true;
    slots = null;
    listed = null;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long slot : old) {
      if (slot != 0) {
        int i = mix((int) (slot >>> 32)) & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = slot;
      }
    }
  }

  /** Spreads a hash over the table's low bits (MurmurHash3's finaliser). */
  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }

  /** A string hash seeded per list, so no list can be written to make its values collide. */
  private static ToIntFunction<String> seeded(int seed) {
    return value -> {
      int h = seed;
      for (int i = 0; i < value.length(); i++) {
        h = (h ^ value.charAt(i)) * 0x01000193;   // FNV-1a's step, over UTF-16 units
      }
      return mix(h);
    };
  }
}

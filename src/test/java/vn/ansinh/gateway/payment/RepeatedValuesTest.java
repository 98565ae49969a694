package vn.ansinh.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The intake's list of rows that may repeat another's value: every row of a repeat, in list order. */
class RepeatedValuesTest {

  @Test
  void everyRowOfARepeatedValueIsListedOnceAndNoOtherRowIsListedWithoutACollision() {
    RepeatedValues ids = new RepeatedValues(1_000, 1_000);
    String[] values = {"A", "B", "A", "C", null, "", "", "A", "D", "B", "E"};
    for (int row = 1; row <= values.length; row++) {
      ids.add(values[row - 1], row);
    }

    assertThat(ids.rows()).hasValueSatisfying(rows -> assertThat(rows).containsExactly(1, 2, 3, 8, 10));
  }

  @Test
  void aMillionDifferentValuesWithAFewRepeatsListOnlyTheRepeats() {
    RepeatedValues ids = new RepeatedValues(1_500_000, 100_000);
    for (int row = 1; row <= 1_000_000; row++) {
      ids.add("P" + (row % 250_000 == 0 ? 7 : row), row);
    }

    // P7 is row 7's and every 250,000th row's; a 32-bit collision among a million values may add a few more
    assertThat(ids.rows()).hasValueSatisfying(rows -> {
      assertThat(rows).contains(7, 250_000, 500_000, 750_000, 1_000_000);
      assertThat(rows.length).isLessThan(1_000);
    });
  }

  @Test
  void valuesThatShareAHashAreListedForTheExactComparisonToSettle() {
    RepeatedValues ids = new RepeatedValues(1_000, 1_000, value -> 42);
    ids.add("X", 1);
    ids.add("Y", 2);
    ids.add("Y", 3);
    ids.add("Z", 4);

    assertThat(ids.rows()).hasValueSatisfying(rows -> assertThat(rows).containsExactly(1, 2, 3, 4));
  }

  @Test
  void pastItsBoundTheFinderGivesUpAndTheWholeListIsCompared() {
    RepeatedValues ids = new RepeatedValues(3, 1_000);
    ids.add("A", 1);
    ids.add("B", 2);
    ids.add("A", 3);
    ids.add("C", 4);
    assertThat(ids.rows()).isPresent();

    ids.add("D", 5);
    ids.add("A", 6);

    assertThat(ids.rows()).isEmpty();
  }

  @Test
  void aListThatRepeatsItselfMoreThanTheBoundIsComparedWhole() {
    RepeatedValues ids = new RepeatedValues(1_000, 4);
    ids.add("A", 1);
    ids.add("A", 2);
    ids.add("B", 3);
    ids.add("A", 4);
    ids.add("A", 5);
    assertThat(ids.rows()).hasValueSatisfying(rows -> assertThat(rows).containsExactly(1, 2, 4, 5));

    ids.add("A", 6);
    ids.add("B", 7);

    assertThat(ids.rows()).isEmpty();
  }
}

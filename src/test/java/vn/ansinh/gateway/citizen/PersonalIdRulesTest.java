package vn.ansinh.gateway.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.simulator.population.Citizen;
import vn.ansinh.gateway.simulator.population.SyntheticPopulation;

class PersonalIdRulesTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

  @Test
  void fixedCitizensOfTheSpecPass() {
    for (Citizen citizen : SyntheticPopulation.fixedCitizens()) {
      assertThat(
              PersonalIdRules.check(
                  citizen.personalId(), citizen.dateOfBirth(), citizen.gender(), TODAY))
          .as("violations of fixed citizen born %s", citizen.dateOfBirth())
          .isEmpty();
      assertThat(
              PersonalIdRules.check(citizen.personalId(), citizen.dateOfBirth(), citizen.gender()))
          .isEmpty();
    }
  }

  @Test
  void validIdWithoutDateOfBirthOrGenderPasses() {
    assertThat(PersonalIdRules.check("040090000123", null, null, TODAY)).isEmpty();
  }

  @Test
  void birthInTheCurrentYearPasses() {
    assertThat(PersonalIdRules.check("040226000123", LocalDate.of(2026, 1, 1), Gender.MALE, TODAY))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void blankIdIsRequired(String personalId) {
    assertThat(PersonalIdRules.check(personalId, null, null, TODAY))
        .containsExactly(Violation.of("personalId", "is required"));
  }

  @Test
  void missingIdIsRequired() {
    assertThat(PersonalIdRules.check(null, LocalDate.of(1990, 5, 17), Gender.MALE, TODAY))
        .containsExactly(Violation.of("personalId", "is required"));
  }

  @Test
  void elevenDigitsAreRejected() {
    assertOnlyPersonalIdViolation(PersonalIdRules.check("04009000012", null, null, TODAY), "12");
  }

  @Test
  void thirteenDigitsAreRejected() {
    assertOnlyPersonalIdViolation(PersonalIdRules.check("0400900001234", null, null, TODAY), "12");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "04009000012A",
        "O40090000123",
        "040 90000123",
        "-40090000123",
        "０４００９００００１２３",
        "04009000012٣"
      })
  void lettersSpacesAndNonAsciiDigitsAreRejected(String personalId) {
    assertOnlyPersonalIdViolation(PersonalIdRules.check(personalId, null, null, TODAY), "12");
  }

  @ParameterizedTest
  @ValueSource(strings = {"003090000123", "097090000123", "000090000123", "099090000123"})
  void unknownProvinceCodeIsRejected(String personalId) {
    assertOnlyPersonalIdViolation(
        PersonalIdRules.check(personalId, null, null, TODAY), "province");
  }

  @Test
  void provinceCodeOfAMergedProvinceIsStillTheLegacyOne() {
    assertThat(LegacyProvince.name("044")).contains("Quảng Bình");
    assertThat(LegacyProvince.codes()).hasSize(63).startsWith("001").endsWith("096");
    assertThat(LegacyProvince.isKnown("003")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"040690000123", "040790000123", "040890000123", "040990000123"})
  void centuryGenderDigitAboveFiveIsRejected(String personalId) {
    assertOnlyPersonalIdViolation(
        PersonalIdRules.check(personalId, null, Gender.MALE, TODAY), "century");
  }

  @ParameterizedTest
  @ValueSource(strings = {"040299000123", "040327000123", "040400000123", "040501000123"})
  void birthYearInTheFutureIsRejected(String personalId) {
    assertOnlyPersonalIdViolation(PersonalIdRules.check(personalId, null, null, TODAY), "future");
  }

  @Test
  void birthYearInTheFutureIsRejectedAgainstTheRealClock() {
    assertOnlyPersonalIdViolation(PersonalIdRules.check("040499000123", null, null), "future");
  }

  @Test
  void yearDisagreeingWithDateOfBirthIsRejected() {
    List<Violation> violations =
        PersonalIdRules.check("040090000123", LocalDate.of(1991, 5, 17), Gender.MALE, TODAY);

    assertThat(violations)
        .containsExactly(
            Violation.of(
                "dateOfBirth", "does not agree with the birth year encoded in personalId"));
  }

  @Test
  void centuryDisagreeingWithDateOfBirthIsRejected() {
    List<Violation> violations =
        PersonalIdRules.check("040205000123", LocalDate.of(1905, 3, 1), Gender.MALE, TODAY);

    assertThat(violations).extracting(Violation::field).containsExactly("dateOfBirth");
    assertThat(violations.get(0).reason()).contains("century").contains("personalId");
  }

  @Test
  void twoThousandsDigitWithANineteenNinetyDateIsRejected() {
    List<Violation> violations =
        PersonalIdRules.check("040290000123", LocalDate.of(1990, 5, 17), Gender.MALE, TODAY);

    assertThat(violations).extracting(Violation::field).contains("dateOfBirth");
    assertThat(violations)
        .filteredOn(v -> v.field().equals("dateOfBirth"))
        .extracting(Violation::reason)
        .allMatch(reason -> reason.contains("personalId"));
  }

  @Test
  void genderDisagreeingWithTheIdIsRejected() {
    assertThat(
            PersonalIdRules.check("040090000123", LocalDate.of(1990, 5, 17), Gender.FEMALE, TODAY))
        .containsExactly(
            Violation.of("gender", "does not agree with the gender encoded in personalId"));
    assertThat(PersonalIdRules.check("044301000456", LocalDate.of(2001, 2, 3), Gender.MALE, TODAY))
        .extracting(Violation::field)
        .containsExactly("gender");
  }

  @Test
  void dateOfBirthInTheFutureIsRejected() {
    List<Violation> violations =
        PersonalIdRules.check("040226000123", LocalDate.of(2026, 12, 1), Gender.MALE, TODAY);

    assertThat(violations)
        .containsExactly(Violation.of("dateOfBirth", "must not be in the future"));
  }

  @Test
  void dateOfBirthInTheFutureIsRejectedEvenWithoutAnId() {
    assertThat(PersonalIdRules.check(null, TODAY.plusDays(1), null, TODAY))
        .extracting(Violation::field)
        .containsExactlyInAnyOrder("personalId", "dateOfBirth");
  }

  @Test
  void severalBrokenRulesAreAllReported() {
    List<Violation> violations =
        PersonalIdRules.check("003090000123", LocalDate.of(1991, 1, 1), Gender.FEMALE, TODAY);

    assertThat(violations)
        .extracting(Violation::field)
        .containsExactly("personalId", "dateOfBirth", "gender");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "04009000012",
        "04009000012A",
        "003090000123",
        "097090000123",
        "040690000123",
        "040990000123",
        "040299000123",
        "040400000123",
        "040090000123",
        "044301000456"
      })
  void noReasonEchoesTheId(String personalId) {
    List<Violation> violations =
        PersonalIdRules.check(personalId, LocalDate.of(1977, 7, 7), Gender.FEMALE, TODAY);

    String leadingDigits = personalId.substring(0, 6);
    assertThat(violations).isNotEmpty();
    assertThat(violations)
        .extracting(Violation::reason)
        .noneMatch(reason -> reason.contains(personalId))
        .noneMatch(reason -> reason.contains(leadingDigits));
  }

  @Test
  void birthYearAndGenderAreDecodedFromAValidId() {
    assertThat(PersonalIdRules.birthYear("040090000123")).isEqualTo(1990);
    assertThat(PersonalIdRules.gender("040090000123")).isEqualTo(Gender.MALE);
    assertThat(PersonalIdRules.birthYear("044301000456")).isEqualTo(2001);
    assertThat(PersonalIdRules.gender("044301000456")).isEqualTo(Gender.FEMALE);
    assertThat(PersonalIdRules.birthYear("079188001234")).isEqualTo(1988);
    assertThat(PersonalIdRules.gender("079188001234")).isEqualTo(Gender.FEMALE);
    assertThat(PersonalIdRules.birthYear("001499000001")).isEqualTo(2199);
  }

  @ParameterizedTest
  @ValueSource(strings = {"04009000012", "04009000012A", "040690000123"})
  void decodingAnInvalidIdFailsWithoutEchoingIt(String personalId) {
    assertThatThrownBy(() -> PersonalIdRules.birthYear(personalId))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(personalId);
    assertThatThrownBy(() -> PersonalIdRules.gender(personalId))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertOnlyPersonalIdViolation(List<Violation> violations, String reasonPart) {
    assertThat(violations).hasSize(1);
    assertThat(violations.get(0).field()).isEqualTo("personalId");
    assertThat(violations.get(0).reason()).contains(reasonPart);
  }
}

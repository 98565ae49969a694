package vn.ansinh.gateway.simulator.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.citizen.Gender;
import vn.ansinh.gateway.citizen.PersonalIdRules;

class SyntheticPopulationTest {

  private static final int SIZE = 50_000;
  private static final long SEED = 20_251_201L;

  private static SyntheticPopulation population;

  @BeforeAll
  static void buildPopulation() {
    population = new SyntheticPopulation(SIZE, SEED);
  }

  @Test
  void sameSeedGivesTheSamePeople() {
    SyntheticPopulation again = new SyntheticPopulation(SIZE, SEED);

    assertThat(again.size()).isEqualTo(population.size());
    for (Citizen citizen : population.citizens()) {
      assertThat(again.find(citizen.personalId())).contains(citizen);
    }
  }

  @Test
  void anotherSeedGivesOtherPeople() {
    SyntheticPopulation other = new SyntheticPopulation(1_000, SEED + 1);
    SyntheticPopulation small = new SyntheticPopulation(1_000, SEED);

    long shared =
        small.citizens().stream().filter(c -> other.find(c.personalId()).isPresent()).count();
    assertThat(shared).isLessThan(100);
  }

  @Test
  void holdsTheGeneratedPeoplePlusTheFixedFive() {
    assertThat(population.size()).isEqualTo(SIZE + 5);
    assertThat(population.citizens()).hasSize(SIZE + 5);
  }

  @Test
  void everyPersonalIdIsValidAndAgreesWithBirthDateAndGender() {
    for (Citizen citizen : population.citizens()) {
      assertThat(
              PersonalIdRules.check(
                  citizen.personalId(), citizen.dateOfBirth(), citizen.gender()))
          .as("violations of a citizen born %s", citizen.dateOfBirth())
          .isEmpty();
    }
  }

  @Test
  void noPersonalIdIsHeldTwice() {
    Set<String> ids = new HashSet<>();
    for (Citizen citizen : population.citizens()) {
      assertThat(ids.add(citizen.personalId())).isTrue();
    }
    assertThat(ids).hasSize(population.size());
  }

  @Test
  void theFiveFixedCitizensArePresentAsInTheSpec() {
    assertThat(SyntheticPopulation.fixedCitizens())
        .extracting(Citizen::personalId)
        .containsExactly(
            "040090000123", "044301000456", "001045000789", "079188001234", "038052004321");

    assertFixed("040090000123", "Nguyễn Văn An", Gender.MALE, LocalDate.of(1990, 5, 17), null);
    assertFixed("044301000456", "Trần Thị Hoà", Gender.FEMALE, LocalDate.of(2001, 2, 3), null);
    assertFixed(
        "001045000789",
        "Lê Văn Bình",
        Gender.MALE,
        LocalDate.of(1945, 8, 19),
        LocalDate.of(2025, 12, 1));
    assertFixed("079188001234", "Phạm Thị Lan", Gender.FEMALE, LocalDate.of(1988, 11, 30), null);
    assertFixed("038052004321", "Hoàng Văn Nam", Gender.MALE, LocalDate.of(1952, 1, 15), null);
  }

  @Test
  void fixedCitizensArePresentInAnEmptyPopulation() {
    SyntheticPopulation empty = new SyntheticPopulation(0, SEED);

    assertThat(empty.size()).isEqualTo(5);
    assertThat(empty.find("001045000789"))
        .hasValueSatisfying(citizen -> assertThat(citizen.deceased()).isTrue());
  }

  @Test
  void aboutOnePercentAreDeceased() {
    long deceased = population.citizens().stream().filter(Citizen::deceased).count();

    assertThat(deceased).isBetween(SIZE / 200L, SIZE * 3 / 200L);
  }

  @Test
  void deathFollowsBirthAndIsNotInTheFuture() {
    LocalDate today = LocalDate.now();
    for (Citizen citizen : population.citizens()) {
      if (citizen.deceased()) {
        assertThat(citizen.dateOfDeath()).isAfter(citizen.dateOfBirth()).isBeforeOrEqualTo(today);
      }
    }
  }

  @Test
  void generatedPeopleAreBornBetween1930And2010() {
    assertThat(population.citizens())
        .extracting(Citizen::dateOfBirth)
        .allMatch(d -> d.getYear() >= 1930 && d.getYear() <= 2010);
  }

  @Test
  void namesAndAddressesAreStoredInNfc() {
    for (Citizen citizen : population.citizens()) {
      assertThat(Normalizer.isNormalized(citizen.fullName(), Normalizer.Form.NFC)).isTrue();
      assertThat(Normalizer.isNormalized(citizen.permanentAddress(), Normalizer.Form.NFC)).isTrue();
      assertThat(citizen.fullName().split(" ")).hasSizeBetween(3, 4);
    }
  }

  @Test
  void middleNameFollowsGenderForVanAndThi() {
    List<Citizen> vanOrThi =
        population.citizens().stream()
            .filter(c -> c.fullName().contains(" Văn ") || c.fullName().contains(" Thị "))
            .toList();

    assertThat(vanOrThi).isNotEmpty();
    assertThat(vanOrThi)
        .allMatch(c -> c.fullName().contains(" Văn ") == (c.gender() == Gender.MALE));
  }

  @Test
  void unknownIdIsNotFound() {
    assertThat(population.find("003090000123")).isEmpty();
    assertThat(population.find(null)).isEmpty();
  }

  private static void assertFixed(
      String personalId,
      String fullName,
      Gender gender,
      LocalDate dateOfBirth,
      LocalDate dateOfDeath) {
    Citizen citizen = population.find(personalId).orElseThrow();

    assertThat(citizen.fullName()).isEqualTo(fullName);
    assertThat(citizen.gender()).isEqualTo(gender);
    assertThat(citizen.dateOfBirth()).isEqualTo(dateOfBirth);
    assertThat(citizen.dateOfDeath()).isEqualTo(dateOfDeath);
    assertThat(citizen.deceased()).isEqualTo(dateOfDeath != null);
    assertThat(citizen.permanentAddress()).isNotBlank();
    assertThat(SyntheticPopulation.fixedCitizens()).contains(citizen);
  }
}

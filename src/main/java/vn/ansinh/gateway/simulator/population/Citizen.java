package vn.ansinh.gateway.simulator.population;

import java.time.LocalDate;
import java.util.Objects;
import vn.ansinh.gateway.citizen.Gender;

/**
 * One person as the simulated population database holds them; {@code dateOfDeath} is null while
 * alive.
 */
public record Citizen(
    String personalId,
    String fullName,
    Gender gender,
    LocalDate dateOfBirth,
    String permanentAddress,
    LocalDate dateOfDeath) {

  public Citizen {
    Objects.requireNonNull(personalId, "personalId");
    Objects.requireNonNull(fullName, "fullName");
    Objects.requireNonNull(gender, "gender");
    Objects.requireNonNull(dateOfBirth, "dateOfBirth");
  }

  public boolean deceased() {
    return dateOfDeath != null;
  }

  /** Keeps personal data out of logs that print the record. */
  @Override
  public String toString() {
    return "Citizen[deceased=" + deceased() + "]";
  }
}

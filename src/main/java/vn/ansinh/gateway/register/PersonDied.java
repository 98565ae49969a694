package vn.ansinh.gateway.register;

import java.time.LocalDate;

/**
 * A person's death, learnt from the population database and applied to payments: published once
 * per death notice, after its transaction commits, for the beneficiaries' termination.
 *
 * @param dateOfDeath the registry's date of death; null when it gave none
 * @param source      where the death was learnt: {@code population-event} (pushed), {@code register-sync}
 *                    (the scheduled re-verification) or {@code population-registry} (any other lookup)
 */
public record PersonDied(String personalId, LocalDate dateOfDeath, String source) {

  @Override
  public String toString() {
    return "PersonDied[" + source + "]";
  }
}

package vn.ansinh.gateway.register;

import java.time.LocalDate;

/**
 * A person's death, learnt from the population database and applied to payments: published once
 * per death notice, inside the transaction that applies it, so what listeners do (the
 * beneficiaries' termination, {@link DeathTerminations}) commits with it or not at all.
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

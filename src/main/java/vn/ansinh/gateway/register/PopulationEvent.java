package vn.ansinh.gateway.register;

import java.time.LocalDate;

/** A life event the population database pushes (SPEC §4.11). */
public record PopulationEvent(String eventId, String personalId, Type type, LocalDate date) {

  public enum Type { DECEASED, IDENTITY_CHANGED }

  @Override
  public String toString() {
    return "PopulationEvent[" + eventId + ", " + type + "]";
  }
}

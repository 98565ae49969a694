package vn.ansinh.gateway.citizen;

import java.time.LocalDate;

/** What the population database holds about a personal id, in the gateway's own terms. */
public record RegistryRecord(boolean exists, String fullName, LocalDate dateOfBirth, boolean deceased) {

  public static RegistryRecord unknown() {
    return new RegistryRecord(false, null, null, false);
  }

  @Override
  public String toString() {
    return "RegistryRecord[exists=" + exists + ", deceased=" + deceased + "]";
  }
}

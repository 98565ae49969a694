package vn.ansinh.gateway.citizen;

import java.time.LocalDate;

/**
 * What the population database holds about a personal id, in the gateway's own terms.
 * {@code dateOfDeath} is the registry's NgayMat when it gives one (a deceased citizen may lack it).
 */
public record RegistryRecord(boolean exists, String fullName, LocalDate dateOfBirth, boolean deceased,
    LocalDate dateOfDeath) {

  public static RegistryRecord unknown() {
    return new RegistryRecord(false, null, null, false, null);
  }

  @Override
  public String toString() {
    return "RegistryRecord[exists=" + exists + ", deceased=" + deceased + "]";
  }
}

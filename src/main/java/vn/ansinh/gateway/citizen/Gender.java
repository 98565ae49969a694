package vn.ansinh.gateway.citizen;

/** A citizen's gender as the personal identification number encodes it (century digit mod 2). */
public enum Gender {
  MALE,
  FEMALE
}

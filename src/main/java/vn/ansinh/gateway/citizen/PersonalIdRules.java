package vn.ansinh.gateway.citizen;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import vn.ansinh.gateway.error.Violation;

/**
 * The rules a 12-digit personal identification number ({@code PPP G YY RRRRRR}) must follow, and
 * its agreement with the date of birth and gender given alongside it. Reasons never repeat the id:
 * they end up in responses and logs.
 */
public final class PersonalIdRules {

  static final String PERSONAL_ID = "personalId";
  static final String DATE_OF_BIRTH = "dateOfBirth";
  static final String GENDER = "gender";

  private static final int LENGTH = 12;
  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  private PersonalIdRules() {}

  /** Checks against today's date in Vietnam; {@code dateOfBirth} and {@code gender} may be null. */
  public static List<Violation> check(String personalId, LocalDate dateOfBirth, Gender gender) {
    return check(personalId, dateOfBirth, gender, LocalDate.now(VIETNAM));
  }

  /** As {@link #check(String, LocalDate, Gender)}, with "today" given. */
  public static List<Violation> check(
      String personalId, LocalDate dateOfBirth, Gender gender, LocalDate today) {
    List<Violation> violations = new ArrayList<>(2);
    int centuryGenderDigit = checkFormat(personalId, violations);
    if (centuryGenderDigit >= 0) {
      int encodedYear = yearOf(personalId, centuryGenderDigit);
      if (encodedYear > today.getYear()) {
        violations.add(Violation.of(PERSONAL_ID, "encodes a birth year in the future"));
      }
      if (dateOfBirth != null && dateOfBirth.getYear() != encodedYear) {
        boolean sameCentury = Math.floorDiv(dateOfBirth.getYear(), 100) == encodedYear / 100;
        violations.add(
            Violation.of(
                DATE_OF_BIRTH,
                sameCentury
                    ? "does not agree with the birth year encoded in personalId"
                    : "does not agree with the birth century encoded in personalId"));
      }
      if (gender != null && gender != genderOf(centuryGenderDigit)) {
        violations.add(
            Violation.of(GENDER, "does not agree with the gender encoded in personalId"));
      }
    }
    if (dateOfBirth != null && dateOfBirth.isAfter(today)) {
      violations.add(Violation.of(DATE_OF_BIRTH, "must not be in the future"));
    }
    return violations;
  }

  /** Adds the id's own violations; returns its century/gender digit, or -1 when it has none. */
  private static int checkFormat(String personalId, List<Violation> violations) {
    if (personalId == null || personalId.isBlank()) {
      violations.add(Violation.of(PERSONAL_ID, "is required"));
      return -1;
    }
    if (!isTwelveAsciiDigits(personalId)) {
      violations.add(Violation.of(PERSONAL_ID, "must be exactly 12 digits (0-9)"));
      return -1;
    }
    if (!LegacyProvince.isKnown(personalId.substring(0, 3))) {
      violations.add(
          Violation.of(
              PERSONAL_ID,
              "does not start with a province code from the legacy 63-province list"));
    }
    int centuryGenderDigit = personalId.charAt(3) - '0';
    if (centuryGenderDigit > 5) {
      violations.add(
          Violation.of(PERSONAL_ID, "has an invalid century/gender digit (4th digit must be 0-5)"));
      return -1;
    }
    return centuryGenderDigit;
  }

  /** The birth year encoded in an id that passed {@link #check}. */
  public static int birthYear(String validId) {
    return yearOf(validId, centuryGenderDigitOf(validId));
  }

  /** The gender encoded in an id that passed {@link #check}. */
  public static Gender gender(String validId) {
    return genderOf(centuryGenderDigitOf(validId));
  }

  private static int centuryGenderDigitOf(String validId) {
    if (validId == null || !isTwelveAsciiDigits(validId) || validId.charAt(3) > '5') {
      throw new IllegalArgumentException("not a valid personal identification number");
    }
    return validId.charAt(3) - '0';
  }

  private static int yearOf(String id, int centuryGenderDigit) {
    int yy = (id.charAt(4) - '0') * 10 + (id.charAt(5) - '0');
    return 1900 + 100 * (centuryGenderDigit / 2) + yy;
  }

  private static Gender genderOf(int centuryGenderDigit) {
    return centuryGenderDigit % 2 == 0 ? Gender.MALE : Gender.FEMALE;
  }

  private static boolean isTwelveAsciiDigits(String s) {
    if (s.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}

package vn.ansinh.gateway.beneficiary;

import java.io.BufferedReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import vn.ansinh.gateway.citizen.Gender;
import vn.ansinh.gateway.format.CsvRecords;

/**
 * Provincial lists of beneficiaries as CSV (SPEC §4.2: the JSON fields in snake_case), read one
 * row at a time. A value that cannot be read (an unknown program, a bad date) becomes null, so the
 * row fails validation with a reason instead of stopping the whole list.
 */
final class BeneficiaryCsv implements Iterable<BeneficiaryRegistration> {

  static final List<String> REQUIRED = List.of("beneficiary_id", "program", "personal_id", "full_name",
      "date_of_birth", "preferred_bank_bin");
  private final CsvRecords records;

  BeneficiaryCsv(BufferedReader in) {
    this.records = new CsvRecords(in, REQUIRED);
  }

  @Override
  public Iterator<BeneficiaryRegistration> iterator() {
    return records.rows(this::toRegistration);
  }

  private BeneficiaryRegistration toRegistration(List<String> row) {
    return new BeneficiaryRegistration(cell(row, "beneficiary_id"), program(cell(row, "program")),
        cell(row, "personal_id"), cell(row, "full_name"), date(cell(row, "date_of_birth")),
        gender(cell(row, "gender")), cell(row, "province_code"), cell(row, "commune_code"), cell(row, "phone"),
        cell(row, "preferred_bank_bin"), cell(row, "social_insurance_number"));
  }

  private String cell(List<String> row, String column) {
    return records.cell(row, column);
  }

  private static Program program(String v) {
    try {
      return v == null ? null : Program.valueOf(v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Gender gender(String v) {
    try {
      return v == null ? null : Gender.valueOf(v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static LocalDate date(String v) {
    try {
      return v == null ? null : LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}

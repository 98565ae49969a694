package vn.ansinh.gateway.beneficiary;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import vn.ansinh.gateway.citizen.Gender;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.format.CellDates;
import vn.ansinh.gateway.format.CsvRecords;
import vn.ansinh.gateway.format.IntakeLimits;

/**
 * Provincial lists of beneficiaries as CSV (SPEC §4.2: the JSON fields in snake_case), read one
 * row at a time. A value that cannot be read (an unknown program or gender, a bad date) is a row
 * error naming the field, never silently dropped; the rest of the list goes on.
 */
final class BeneficiaryCsv implements Iterable<BeneficiaryService.ReadRow> {

  static final List<String> REQUIRED = List.of("beneficiary_id", "program", "personal_id", "full_name",
      "date_of_birth", "preferred_bank_bin");
  private final CsvRecords records;

  BeneficiaryCsv(InputStream in, Charset charset, IntakeLimits limits) {
    this.records = new CsvRecords(in, charset, limits, REQUIRED);
  }

  @Override
  public Iterator<BeneficiaryService.ReadRow> iterator() {
    return records.rows(this::toRegistration);
  }

  private BeneficiaryService.ReadRow toRegistration(List<String> row) {
    List<Violation> unreadable = new ArrayList<>(0);
    BeneficiaryRegistration r = new BeneficiaryRegistration(cell(row, "beneficiary_id"),
        known(Program.class, "program", cell(row, "program"), unreadable), cell(row, "personal_id"),
        cell(row, "full_name"), date(cell(row, "date_of_birth"), unreadable),
        known(Gender.class, "gender", cell(row, "gender"), unreadable), cell(row, "province_code"),
        cell(row, "commune_code"), cell(row, "phone"), cell(row, "preferred_bank_bin"), cell(row, "social_insurance_number"),
        cell(row, "household_id"), known(HouseholdCategory.class, "householdCategory", cell(row, "household_category"),
            unreadable), cell(row, "wallet_provider"), cell(row, "wallet_id"));
    return new BeneficiaryService.ReadRow(r, unreadable);
  }

  private String cell(List<String> row, String column) {
    return records.cell(row, column);
  }

  private static <E extends Enum<E>> E known(Class<E> type, String field, String v, List<Violation> unreadable) {
    if (v == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      unreadable.add(Violation.of(field, "is not one of " + Arrays.toString(type.getEnumConstants())));
      return null;
    }
  }

  private static LocalDate date(String v, List<Violation> unreadable) {
    if (v == null) {
      return null;
    }
    return CellDates.parse(v).orElseGet(() -> {
      unreadable.add(Violation.of("dateOfBirth", "must be a date as yyyy-MM-dd or dd/MM/yyyy"));
      return null;
    });
  }
}

package vn.ansinh.gateway.beneficiary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import vn.ansinh.gateway.citizen.Gender;
import vn.ansinh.gateway.error.InvalidRequestException;

/**
 * Provincial lists as CSV (SPEC §4.2: the JSON fields in snake_case), read one row at a time.
 * Text is normalised to NFC: windows-1258 exports mix precomposed letters and combining marks.
 * A value that cannot be read (an unknown program, a bad date) becomes null, so the row fails
 * validation with a reason instead of stopping the whole list.
 */
final class BeneficiaryCsv implements Iterable<BeneficiaryRegistration> {

  static final List<String> REQUIRED = List.of("beneficiary_id", "program", "personal_id", "full_name",
      "date_of_birth", "preferred_bank_bin");
  private final BufferedReader in;
  private final Map<String, Integer> index = new HashMap<>();

  BeneficiaryCsv(BufferedReader in) {
    this.in = in;
    List<String> header = readRecord().orElseThrow(() -> new InvalidRequestException("body", "the CSV has no header row"));
    for (int i = 0; i < header.size(); i++) {
      index.put(header.get(i).trim().toLowerCase(Locale.ROOT).replace("\uFEFF", ""), i);
    }
    List<String> missing = REQUIRED.stream().filter(c -> !index.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new InvalidRequestException("header", "missing columns: " + String.join(", ", missing));
    }
  }

  @Override
  public Iterator<BeneficiaryRegistration> iterator() {
    return new Iterator<>() {
      private Optional<List<String>> pending = readRecord();

      @Override
      public boolean hasNext() {
        return pending.isPresent();
      }

      @Override
      public BeneficiaryRegistration next() {
        List<String> row = pending.orElseThrow(NoSuchElementException::new);
        pending = readRecord();
        return toRegistration(row);
      }
    };
  }

  private BeneficiaryRegistration toRegistration(List<String> row) {
    return new BeneficiaryRegistration(cell(row, "beneficiary_id"), program(cell(row, "program")),
        cell(row, "personal_id"), cell(row, "full_name"), date(cell(row, "date_of_birth")),
        gender(cell(row, "gender")), cell(row, "province_code"), cell(row, "commune_code"), cell(row, "phone"),
        cell(row, "preferred_bank_bin"));
  }

  private String cell(List<String> row, String column) {
    Integer i = index.get(column);
    if (i == null || i >= row.size()) {
      return null;
    }
    String v = Normalizer.normalize(row.get(i).trim(), Normalizer.Form.NFC);
    return v.isEmpty() ? null : v;
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

  /** One record, quotes and doubled quotes understood; empty when the input is done. */
  private Optional<List<String>> readRecord() {
    try {
      String line = in.readLine();
      while (line != null && line.isBlank()) {
        line = in.readLine();
      }
      if (line == null) {
        return Optional.empty();
      }
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      while (true) {
        for (int i = 0; i < line.length(); i++) {
          char c = line.charAt(i);
          if (quoted) {
            if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
              cell.append('"');
              i++;
            } else if (c == '"') {
              quoted = false;
            } else {
              cell.append(c);
            }
          } else if (c == '"') {
            quoted = true;
          } else if (c == ',') {
            cells.add(cell.toString());
            cell.setLength(0);
          } else {
            cell.append(c);
          }
        }
        if (!quoted) {
          break;
        }
        String more = in.readLine();
        if (more == null) {
          break;
        }
        cell.append('\n');
        line = more;
      }
      cells.add(cell.toString());
      return Optional.of(cells);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

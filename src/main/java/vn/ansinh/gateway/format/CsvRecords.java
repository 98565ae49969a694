package vn.ansinh.gateway.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import vn.ansinh.gateway.error.InvalidRequestException;

/**
 * Provincial lists as CSV, read one record at a time (quotes, doubled quotes and line breaks in
 * quotes understood), with a header row naming the columns. Cells are trimmed and normalised to
 * NFC: windows-1258 exports mix precomposed letters and combining marks.
 */
public final class CsvRecords {

  private final BufferedReader in;
  private final Map<String, Integer> index = new HashMap<>();
  private final StringBuilder cell = new StringBuilder();

  /** Reads the header row; refuses a list without one or without the required columns. */
  public CsvRecords(BufferedReader in, List<String> required) {
    this.in = in;
    List<String> header = next().orElseThrow(() -> new InvalidRequestException("body", "the CSV has no header row"));
    for (int i = 0; i < header.size(); i++) {
      index.put(header.get(i).trim().toLowerCase(Locale.ROOT).replace("\uFEFF", ""), i);
    }
    List<String> missing = required.stream().filter(c -> !index.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new InvalidRequestException("header", "missing columns: " + String.join(", ", missing));
    }
  }

  /** The named cell of a record, NFC and trimmed; null when absent or empty. */
  public String cell(List<String> record, String column) {
    Integer i = index.get(column);
    if (i == null || i >= record.size()) {
      return null;
    }
    String v = record.get(i).trim();
    if (v.isEmpty()) {
      return null;
    }
    return Normalizer.isNormalized(v, Normalizer.Form.NFC) ? v : Normalizer.normalize(v, Normalizer.Form.NFC);
  }

  /** The records that follow, each made into a row as it is read. */
  public <T> Iterator<T> rows(Function<List<String>, T> toRow) {
    return new Iterator<>() {
      private Optional<List<String>> pending = CsvRecords.this.next();

      @Override
      public boolean hasNext() {
        return pending.isPresent();
      }

      @Override
      public T next() {
        List<String> record = pending.orElseThrow(NoSuchElementException::new);
        pending = CsvRecords.this.next();
        return toRow.apply(record);
      }
    };
  }

  /** The next record; empty when the input is done. */
  public Optional<List<String>> next() {
    try {
      String line = in.readLine();
      while (line != null && line.isBlank()) {
        line = in.readLine();
      }
      if (line == null) {
        return Optional.empty();
      }
      List<String> cells = new ArrayList<>();
      cell.setLength(0);
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

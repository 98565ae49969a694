package vn.ansinh.gateway.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
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
import vn.ansinh.gateway.error.Violation;

/**
 * Provincial lists as CSV, read one record at a time as the body streams in (quotes, doubled quotes
 * and line breaks in quotes understood), with a header row naming the columns. Strict: bytes not
 * valid in the declared charset, a cell or row over its limit, an unclosed quote, and text that is
 * evidently TCVN3 or VNI read as another charset each stop the list with a 400 naming the row and
 * column. Cells are trimmed of spaces and normalised to NFC: windows-1258 and VNI mix precomposed
 * letters and combining marks.
 */
public final class CsvRecords {

  private final Reader in;
  private final Charset charset;
  private final int maxField;
  private final int maxRow;
  private final char[] buffer = new char[64 * 1024];
  private int pos;
  private int end;
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> columns = new ArrayList<>();
  private final StringBuilder cell = new StringBuilder();
  private final VietnameseText text = new VietnameseText();
  /** Data rows read so far: the header is row 0. */
  private int row = -1;

  /** Reads the header row; refuses a list without one or without the required columns. */
  public CsvRecords(InputStream body, Charset charset, IntakeLimits limits, List<String> required) {
    this.in = new StrictReader(body, charset);
    this.charset = charset;
    this.maxField = limits.maxFieldLength();
    this.maxRow = limits.maxRowLength();
    List<String> header = next().orElseThrow(() -> new InvalidRequestException("body", "the CSV has no header row"));
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).strip().toLowerCase(Locale.ROOT).replace("\uFEFF", "");
      index.put(name, i);
      columns.add(name);
    }
    List<String> missing = required.stream().filter(c -> !index.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new InvalidRequestException("header", "missing columns: " + String.join(", ", missing));
    }
  }

  /** The named cell of the record just read, NFC and trimmed of spaces; null when absent or empty. */
  public String cell(List<String> record, String column) {
    Integer i = index.get(column);
    if (i == null || i >= record.size()) {
      return null;
    }
    String v = trim(record.get(i));
    if (v.isEmpty()) {
      return null;
    }
    if (VietnameseText.ascii(v)) {
      return v;   // ASCII is NFC already, and no legacy encoding garbles it: ids, codes and amounts stop here
    }
    Optional<VietnameseText.Garbled> garbled = text.garbledFrom(v, charset);
    if (garbled.isPresent()) {
      throw refused(row, i, garbled.get().reason());
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
        T made = toRow.apply(record);
        pending = CsvRecords.this.next();
        return made;
      }
    };
  }

  /** The next record, blank lines skipped; empty when the input is done. */
  public Optional<List<String>> next() {
    List<String> cells = new ArrayList<>();
    while (true) {
      cells.clear();
      cell.setLength(0);
      boolean quoted = false;
      boolean quotes = false;
      int length = 0;
      while (true) {
        int c = read(cells.size());
        if (c < 0) {
          if (quoted) {
            throw refused(cells.size(), "opens a quote that is never closed");
          }
          if (cells.isEmpty() && cell.length() == 0 && !quotes) {
            return Optional.empty();
          }
          break;
        }
        if (++length > maxRow) {
          throw refused(cells.size(), "is in a row longer than " + maxRow + " characters");
        }
        if (quoted) {
          if (c == '"') {
            if (peek(cells.size()) == '"') {
              pos++;
              append('"', cells.size());
            } else {
              quoted = false;
            }
          } else if (c == '\r') {
            if (peek(cells.size()) == '\n') {
              pos++;
            }
            append('\n', cells.size());
          } else {
            append((char) c, cells.size());
          }
        } else if (c == '"') {
          quoted = true;
          quotes = true;
        } else if (c == ',') {
          cells.add(cell.toString());
          cell.setLength(0);
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && peek(cells.size()) == '\n') {
            pos++;
          }
          break;
        } else {
          // the plain run up to the next separator, quote or line end, at once
          int from = pos - 1;
          int to = pos;
          while (to < end && !special(buffer[to])) {
            to++;
          }
          length += to - pos;
          if (length > maxRow) {
            throw refused(cells.size(), "is in a row longer than " + maxRow + " characters");
          }
          if (cell.length() + to - from > maxField) {
            throw refused(cells.size(), "is longer than " + maxField + " characters");
          }
          cell.append(buffer, from, to - from);
          pos = to;
        }
      }
      if (cells.isEmpty() && !quotes && cell.toString().isBlank()) {
        continue;   // a blank line is no row
      }
      cells.add(cell.toString());
      row++;
      return Optional.of(List.copyOf(cells));
    }
  }

  private static boolean special(char c) {
    return c == ',' || c == '"' || c == '\n' || c == '\r';
  }

  private void append(char c, int column) {
    if (cell.length() >= maxField) {
      throw refused(column, "is longer than " + maxField + " characters");
    }
    cell.append(c);
  }

  private int read(int column) {
    if (pos == end && !fill(column)) {
      return -1;
    }
    return buffer[pos++];
  }

  private int peek(int column) {
    if (pos == end && !fill(column)) {
      return -1;
    }
    return buffer[pos];
  }

  private boolean fill(int column) {
    try {
      int n = in.read(buffer, 0, buffer.length);
      pos = 0;
      end = Math.max(n, 0);
      return n > 0;
    } catch (UndecodableText e) {
      throw refused(column, e.reason());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A 400 naming the row being read (or the header) and the column, by its name in the header where it has one. */
  private InvalidRequestException refused(int column, String reason) {
    return refused(row + 1, column, reason);
  }

  private InvalidRequestException refused(int current, int column, String reason) {
    if (current == 0) {
      return new InvalidRequestException("header", reason);
    }
    String name = column < columns.size() ? columns.get(column) : "column " + (column + 1);
    return new InvalidRequestException(List.of(new Violation(name, current, reason)));
  }

  private static String trim(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && Character.isSpaceChar(s.charAt(from))) {
      from++;
    }
    while (to > from && Character.isSpaceChar(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }
}

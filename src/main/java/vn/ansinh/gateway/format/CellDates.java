package vn.ansinh.gateway.format;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/** Dates in list cells: ISO {@code yyyy-MM-dd}, or {@code dd/MM/yyyy} as agencies' spreadsheets write them. */
public final class CellDates {

  private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("d/M/uuuu")
      .withResolverStyle(ResolverStyle.STRICT);

  private CellDates() {}

  /** The date, or empty when the cell is neither form or no such day exists (31/02/1990). */
  public static Optional<LocalDate> parse(String cell) {
    try {
      return Optional.of(cell.indexOf('/') >= 0 ? LocalDate.parse(cell, DAY_FIRST) : LocalDate.parse(cell));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

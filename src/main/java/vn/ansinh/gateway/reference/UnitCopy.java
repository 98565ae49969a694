package vn.ansinh.gateway.reference;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into one table with PostgreSQL's COPY, in the caller's transaction, a buffer of
 * about 64 KiB at a time: thousands of communes in well under a second.
 */
final class UnitCopy {

  private static final int FLUSH_AT = 64 * 1024;
  private final CopyIn copy;
  private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 1024);
  private boolean first = true;

  UnitCopy(Connection connection, String table, String columns) throws SQLException {
    this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " (" + columns + ") from stdin");
  }

  /** The next value of the current row; null is SQL null. */
  UnitCopy value(Object v) {
    if (!first) {
      buffer.append('\t');
    }
    first = false;
    if (v == null) {
      buffer.append("\\N");
      return this;
    }
    String s = v.toString();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> buffer.append("\\\\");
        case '\t' -> buffer.append("\\t");
        case '\n' -> buffer.append("\\n");
        case '\r' -> buffer.append("\\r");
        default -> buffer.append(c);
      }
    }
    return this;
  }

  void endRow() throws SQLException {
    buffer.append('\n');
    first = true;
    if (buffer.length() >= FLUSH_AT) {
      flush();
    }
  }

  long finish() throws SQLException {
    flush();
    return copy.endCopy();
  }

  /**
   * Ends a COPY left open by a failure mid-list so that the transaction can roll back: ended
   * normally where possible (a cancel travels outside the connection and may land on a later
   * statement), else cancelled.
   */
  void abandon() {
    try {
      if (copy.isActive()) {
        finish();
      }
    } catch (SQLException e) {
      try {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      } catch (SQLException again) {
        // the transaction is rolled back anyway
      }
    }
  }

  private void flush() throws SQLException {
    if (!buffer.isEmpty()) {
      byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      buffer.setLength(0);
    }
  }
}

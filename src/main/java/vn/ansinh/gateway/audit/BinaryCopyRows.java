package vn.ansinh.gateway.audit;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads rows of PostgreSQL's binary COPY format field by field, in column order: an 11-byte
 * signature, flags and a header extension; then per row a field count and per field its length
 * (-1 for NULL) and bytes; a field count of -1 ends the data. Integers are big-endian; a
 * timestamptz is microseconds since 2000-01-01 UTC; text is UTF-8.
 */
final class BinaryCopyRows implements AutoCloseable {

  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
  private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;   // 2000-01-01T00:00:00Z
  private static final long MICROS = 1_000_000L;
  private final DataInputStream in;
  private byte[] buffer = new byte[256];

  BinaryCopyRows(InputStream copy) throws IOException {
    this.in = new DataInputStream(new BufferedInputStream(copy, 1 << 16));
    byte[] signature = new byte[SIGNATURE.length];
    in.readFully(signature);
    if (!Arrays.equals(signature, SIGNATURE)) {
      throw new IOException("not PostgreSQL's binary COPY format");
    }
    in.readInt();                      // flags: no OIDs
    in.skipNBytes(in.readInt());       // header extension
  }

  /** Moves to the next row; false at the end of the data. */
  boolean next() throws IOException {
    return in.readShort() != -1;
  }

  long int8() throws IOException {
    expect(8);
    return in.readLong();
  }

  Integer int4() throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    if (length != 4) {
      throw new IOException("an integer of " + length + " bytes");
    }
    return in.readInt();
  }

  Instant timestamp() throws IOException {
    long micros = int8();
    return Instant.ofEpochSecond(POSTGRES_EPOCH_SECOND + Math.floorDiv(micros, MICROS),
        Math.floorMod(micros, MICROS) * 1000);
  }

  String text() throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    if (length > buffer.length) {
      buffer = new byte[Math.max(length, 2 * buffer.length)];
    }
    in.readFully(buffer, 0, length);
    return new String(buffer, 0, length, StandardCharsets.UTF_8);
  }

  private void expect(int length) throws IOException {
    int actual = in.readInt();
    if (actual != length) {
      throw new IOException("a field of " + actual + " bytes where " + length + " were expected");
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

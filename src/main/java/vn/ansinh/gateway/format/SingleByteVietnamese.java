package vn.ansinh.gateway.format;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.util.HashMap;
import java.util.Map;

/**
 * A Vietnamese font encoding of the 1990s: ASCII below 0x80, and above it a table of letters (or,
 * for VNI, of tone and vowel marks that follow their letter, decoded as combining marks for NFC to
 * compose). Read only: the gateway never writes these encodings. A byte the table leaves empty is
 * malformed, never guessed.
 */
abstract class SingleByteVietnamese extends Charset {

  private final String[] high;
  /** What each byte decodes to, back to the byte: [after a capital, after a small letter]; one byte twice but for VNI's marks. */
  private final Map<String, int[]> back = new HashMap<>();

  SingleByteVietnamese(String name, String[] aliases, String[] high) {
    super(name, aliases);
    if (high.length != 128) {
      throw new IllegalArgumentException("a table of the 128 bytes from 0x80");
    }
    this.high = high;
    for (int b = 0x80; b <= 0xFF; b++) {
      String s = high[b - 0x80];
      if (s != null) {
        int code = b;
        int[] pair = back.computeIfAbsent(s, k -> new int[] {code, code});
        pair[code >= 0xE0 ? 1 : 0] = code;   // VNI writes a mark with 0xC0-0xDF after a capital, 0xE0-0xFF after a small letter
      }
    }
  }

  /**
   * The bytes text decoded from this encoding came from (a mark after a capital from its
   * upper-case byte), or null when the text holds something the table has no byte for. Used to
   * tell which encoding text declared as this one is really in, never to write it.
   */
  byte[] bytesOf(String decoded) {
    byte[] out = new byte[decoded.length()];
    int n = 0;
    char previous = ' ';
    for (int i = 0; i < decoded.length(); ) {
      char c = decoded.charAt(i);
      if (c < 0x80) {
        out[n++] = (byte) c;
        previous = c;
        i++;
        continue;
      }
      int[] pair = i + 1 < decoded.length() ? back.get(decoded.substring(i, i + 2)) : null;
      int used = 2;
      if (pair == null) {
        pair = back.get(decoded.substring(i, i + 1));
        used = 1;
      }
      if (pair == null) {
        return null;
      }
      boolean mark = Character.getType(c) == Character.NON_SPACING_MARK;
      out[n++] = (byte) (mark && Character.isUpperCase(previous) ? pair[0] : pair[1]);
      if (!mark) {
        previous = c;
      }
      i += used;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  @Override
  public boolean contains(Charset cs) {
    return cs.name().equals(name()) || "US-ASCII".equals(cs.name());
  }

  @Override
  public boolean canEncode() {
    return false;
  }

  @Override
  public CharsetEncoder newEncoder() {
    throw new UnsupportedOperationException(name() + " is read, never written, by this gateway");
  }

  @Override
  public CharsetDecoder newDecoder() {
    return new CharsetDecoder(this, 1.0f, 2.0f) {
      @Override
      protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
        while (in.hasRemaining()) {
          int b = in.get(in.position()) & 0xFF;
          if (b < 0x80) {
            if (!out.hasRemaining()) {
              return CoderResult.OVERFLOW;
            }
            out.put((char) b);
          } else {
            String s = high[b - 0x80];
            if (s == null) {
              return CoderResult.malformedForLength(1);
            }
            if (out.remaining() < s.length()) {
              return CoderResult.OVERFLOW;
            }
            out.put(s);
          }
          in.position(in.position() + 1);
        }
        return CoderResult.UNDERFLOW;
      }
    };
  }
}

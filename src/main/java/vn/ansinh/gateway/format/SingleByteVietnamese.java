package vn.ansinh.gateway.format;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;

/**
 * A Vietnamese font encoding of the 1990s: ASCII below 0x80, and above it a table of letters (or,
 * for VNI, of tone and vowel marks that follow their letter, decoded as combining marks for NFC to
 * compose). Read only: the gateway never writes these encodings. A byte the table leaves empty is
 * malformed, never guessed.
 */
abstract class SingleByteVietnamese extends Charset {

  private final String[] high;

  SingleByteVietnamese(String name, String[] aliases, String[] high) {
    super(name, aliases);
    if (high.length != 128) {
      throw new IllegalArgumentException("a table of the 128 bytes from 0x80");
    }
    this.high = high;
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

package vn.ansinh.gateway.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * Decodes a body as it streams in, refusing bytes that are not text in its charset instead of
 * replacing them. Every character before the bad bytes is handed out first, so the reader's caller
 * knows the row and column they are in; then {@link UndecodableText} says which encoding the bytes
 * around them look like.
 */
public final class StrictReader extends Reader {

  private static final int CONTEXT = 256;   // bytes either side of a bad one that are looked at to name the encoding
  private final InputStream in;
  private final Charset charset;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
  private boolean eof;
  private boolean flushed;
  private UndecodableText failure;

  public StrictReader(InputStream in, Charset charset) {
    this.in = in;
    this.charset = charset;
    this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    CharBuffer out = CharBuffer.wrap(buffer, offset, length);
    while (true) {
      if (failure != null) {
        if (out.position() > offset) {
          return out.position() - offset;
        }
        throw failure;
      }
      if (flushed) {
        return out.position() > offset ? out.position() - offset : -1;
      }
      CoderResult r = decoder.decode(bytes, out, eof);
      if (r.isError()) {
        failure = new UndecodableText(charset, VietnameseText.looksLike(around(r.length()), charset));
      } else if (r.isOverflow()) {
        return out.position() - offset;
      } else if (eof) {
        if (decoder.flush(out).isOverflow()) {
          return out.position() - offset;
        }
        flushed = true;
      } else if (out.position() > offset) {
        return out.position() - offset;
      } else {
        fill();
      }
    }
  }

  private void fill() throws IOException {
    bytes.compact();
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  /** The bad bytes with what surrounds them in the buffer. */
  private byte[] around(int badLength) {
    int from = Math.max(0, bytes.position() - CONTEXT);
    int to = Math.min(bytes.limit(), bytes.position() + badLength + CONTEXT);
    return Arrays.copyOfRange(bytes.array(), from, to);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

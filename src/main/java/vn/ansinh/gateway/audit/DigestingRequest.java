package vn.ansinh.gateway.audit;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Hashes the request body as the application reads it: no copy of the body is kept. */
final class DigestingRequest extends HttpServletRequestWrapper {

  private final MessageDigest digest = AuditChain.newDigest();
  private long bytes;
  private ServletInputStream stream;

  DigestingRequest(HttpServletRequest request) {
    super(request);
  }

  /** SHA-256 of what was read, or null when no body was read. */
  String sha256() {
    return bytes == 0 ? null : HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    if (stream == null) {
      ServletInputStream in = super.getInputStream();
      stream = new ServletInputStream() {
        @Override
        public int read() throws IOException {
          int b = in.read();
          if (b >= 0) {
            digest.update((byte) b);
            bytes++;
          }
          return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          int n = in.read(buf, off, len);
          if (n > 0) {
            digest.update(buf, off, n);
            bytes += n;
          }
          return n;
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
    return stream;
  }

  @Override
  public BufferedReader getReader() throws IOException {
    String enc = getCharacterEncoding();
    Charset cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
    return new BufferedReader(new InputStreamReader(getInputStream(), cs));
  }
}

package vn.ansinh.gateway.audit;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Hashes the response body as it is written: no copy of the body is kept. */
final class DigestingResponse extends HttpServletResponseWrapper {

  private final MessageDigest digest = AuditChain.newDigest();
  private long bytes;
  private ServletOutputStream stream;
  private PrintWriter writer;

  DigestingResponse(HttpServletResponse response) {
    super(response);
  }

  String sha256() {
    if (writer != null) {
      writer.flush();
    }
    return bytes == 0 ? null : HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (stream == null) {
      ServletOutputStream out = super.getOutputStream();
      stream = new ServletOutputStream() {
        @Override
        public void write(int b) throws IOException {
          out.write(b);
          digest.update((byte) b);
          bytes++;
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
          out.write(buf, off, len);
          digest.update(buf, off, len);
          bytes += len;
        }

        @Override
        public void flush() {
          // held back: a short answer then leaves in one write with a Content-Length instead of
          // chunks; long answers still stream whenever the container's buffer fills
        }

        @Override
        public boolean isReady() {
          return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
          out.setWriteListener(listener);
        }
      };
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (writer == null) {
      writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), Charset.forName(getCharacterEncoding())));
    }
    return writer;
  }

  @Override
  public void flushBuffer() throws IOException {
    if (writer != null) {
      writer.flush();
    }
    super.flushBuffer();
  }
}

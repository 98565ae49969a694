package vn.ansinh.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.ansinh.gateway.error.PayloadTooLargeException;

/**
 * Refuses a JSON body declared UTF-8 (or with no charset) that is not UTF-8, with 400, as it is
 * read. Refuses bodies over {@code gateway.request.max-body-bytes} with 413 (payment lists and bank
 * reports: over {@code gateway.payments.max-upload-size} and {@code max-report-size}): at once when the declared length is too large, and as
 * soon as a chunked body goes over, before anything parses it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class BodySizeLimitFilter extends OncePerRequestFilter {

  private static final String PAYMENT_LISTS = "/api/v1/payment-batches";
  private static final String PAYMENT_REPORTS = "/api/v1/payment-reports";
  private static final String UNIT_LISTS = "/api/v1/reference/administrative-units";
  private final long maxBytes;
  private final long maxListBytes;
  private final long maxReportBytes;
  private final long maxUnitListBytes;
  private final ProblemWriter problems;

  public BodySizeLimitFilter(@Value("${gateway.request.max-body-bytes}") long maxBytes,
      @Value("${gateway.payments.max-upload-size}") DataSize maxListSize,
      @Value("${gateway.payments.max-report-size}") DataSize maxReportSize,
      @Value("${gateway.reference.admin-units.max-upload-size}") DataSize maxUnitListSize, ProblemWriter problems) {
    this.maxBytes = maxBytes;
    this.maxListBytes = maxListSize.toBytes();
    this.maxReportBytes = maxReportSize.toBytes();
    this.maxUnitListBytes = maxUnitListSize.toBytes();
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean post = "POST".equals(request.getMethod());
    long maxBytes = post && PAYMENT_LISTS.equals(request.getRequestURI()) ? maxListBytes
        : post && PAYMENT_REPORTS.equals(request.getRequestURI()) ? maxReportBytes
        : post && UNIT_LISTS.equals(request.getRequestURI()) ? maxUnitListBytes : this.maxBytes;
    if (request.getContentLengthLong() > maxBytes) {
      problems.write(request, response, new PayloadTooLargeException(maxBytes));
      return;
    }
    // a payment list decodes its own bytes strictly, naming the payment that holds a bad one
    boolean checkUtf8 = utf8Json(request.getContentType()) && !(post && PAYMENT_LISTS.equals(request.getRequestURI()));
    chain.doFilter(new Limited(request, maxBytes, checkUtf8 ? new Utf8Check() : null), response);
  }

  /** JSON (application/json or any +json) with no charset or UTF-8: JSON's own rule (RFC 8259). */
  static boolean utf8Json(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      boolean json = type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json");
      return json && (type.getParameter("charset") == null
          || StandardCharsets.UTF_8.name().equalsIgnoreCase(type.getParameter("charset").replace("\"", "")));
    } catch (InvalidMediaTypeException e) {
      return false;   // the handler answers 415
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long max;
    private final Utf8Check utf8;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long max, Utf8Check utf8) {
      super(request);
      this.max = max;
      this.utf8 = utf8;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              count(1);
              if (utf8 != null) {
                utf8.feed(b);
              }
            } else if (utf8 != null) {
              utf8.end();
            }
            return b;
          }

          @Override
          public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
              count(n);
              if (utf8 != null) {
                utf8.feed(buf, off, n);
              }
            } else if (n < 0 && utf8 != null) {
              utf8.end();
            }
            return n;
          }

          private void count(int n) {
            read += n;
            if (read > max) {
              throw new PayloadTooLargeException(max);
            }
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
  }
}

package vn.ansinh.gateway.format;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.MediaType;
import vn.ansinh.gateway.error.InvalidRequestException;

/** What a request's Content-Type says about reading its body. */
public final class ContentTypes {

  /** Request attribute holding a legacy charset taken out of the Content-Type by {@code LegacyCharsetFilter}. */
  public static final String LEGACY_CHARSET = ContentTypes.class.getName() + ".legacyCharset";

  private ContentTypes() {}

  /** The charset a request declares: TCVN3 or VNI, else what its Content-Type names, UTF-8 when none. */
  public static Charset charsetOf(HttpServletRequest request) {
    return request.getAttribute(LEGACY_CHARSET) instanceof Charset legacy ? legacy : charsetOf(request.getContentType());
  }

  /** The declared charset, UTF-8 when none is named (windows-1258 is how provincial Excel exports come). */
  public static Charset charsetOf(String contentType) {
    Optional<Charset> legacy = legacyCharsetOf(contentType);
    if (legacy.isPresent()) {
      return legacy.get();
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("Content-Type", "names a charset this gateway does not know");
    }
  }

  /** TCVN3 or VNI when the Content-Type's charset parameter names one of them. */
  public static Optional<Charset> legacyCharsetOf(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    for (String part : contentType.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase("charset")) {
        return VietnameseCharsets.find(part.substring(eq + 1).strip().replace("\"", ""));
      }
    }
    return Optional.empty();
  }

  /** The Content-Type without its parameters, for a request whose charset is kept aside. */
  public static String withoutParameters(String contentType) {
    int semi = contentType.indexOf(';');
    return semi < 0 ? contentType : contentType.substring(0, semi).strip();
  }
}

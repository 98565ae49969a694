package vn.ansinh.gateway.format;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import vn.ansinh.gateway.error.InvalidRequestException;

/** What a request's Content-Type says about reading its body. */
public final class ContentTypes {

  private ContentTypes() {}

  /** The declared charset, UTF-8 when none is named (windows-1258 is how provincial Excel exports come). */
  public static Charset charsetOf(String contentType) {
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("Content-Type", "names a charset this gateway does not know");
    }
  }
}

package vn.ansinh.gateway.format;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bounds on what one CSV row of a provincial list may hold, so that memory stays bounded whatever
 * arrives (an unclosed quote followed by hundreds of megabytes is one row too long, not a heap).
 *
 * @param maxFieldLength the most characters in one cell
 * @param maxRowLength   the most characters in one row, separators and quotes included
 */
@ConfigurationProperties("gateway.intake")
public record IntakeLimits(int maxFieldLength, int maxRowLength) {

  public IntakeLimits {
    if (maxFieldLength < 1 || maxRowLength < maxFieldLength) {
      throw new IllegalArgumentException("gateway.intake: max-field-length must be 1 or more and at most max-row-length");
    }
  }
}

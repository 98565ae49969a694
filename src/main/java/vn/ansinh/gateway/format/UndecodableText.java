package vn.ansinh.gateway.format;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.util.Optional;

/** Bytes that are not text in the declared charset; says which encoding they look like, when one fits. */
public final class UndecodableText extends CharacterCodingException {

  private final transient Charset declared;
  private final transient Optional<Charset> looksLike;

  UndecodableText(Charset declared, Optional<Charset> looksLike) {
    this.declared = declared;
    this.looksLike = looksLike;
  }

  /** A reason for a partner, naming the declared charset and the one to send instead, never the bytes. */
  public String reason() {
    return "has bytes that are not valid " + declared.name()
        + looksLike.map(c -> " (the list looks like " + VietnameseText.label(c) + ": send charset=" + c.name() + ")")
            .orElse("");
  }

  @Override
  public String getMessage() {
    return reason();
  }
}

package vn.ansinh.gateway.web;

import vn.ansinh.gateway.error.InvalidRequestException;

/**
 * Checks bytes as they stream past for well-formed UTF-8 (RFC 3629: shortest forms only, no
 * surrogates, nothing above U+10FFFF), so a JSON body that is not UTF-8 is refused with a 400
 * wherever it is read, whatever reads it.
 */
final class Utf8Check {

  private int pending;     // continuation bytes still expected
  private int min;         // the lowest allowed value of the next continuation byte
  private int max;         // the highest

  void feed(byte[] buf, int off, int len) {
    for (int i = off; i < off + len; i++) {
      feed(buf[i] & 0xff);
    }
  }

  void feed(int b) {
    if (pending > 0) {
      if (b < min || b > max) {
        throw refused();
      }
      min = 0x80;
      max = 0xbf;
      pending--;
      return;
    }
    min = 0x80;
    max = 0xbf;
    if (b < 0x80) {
      return;
    } else if (b >= 0xc2 && b <= 0xdf) {
      pending = 1;
    } else if (b >= 0xe0 && b <= 0xef) {
      pending = 2;
      min = b == 0xe0 ? 0xa0 : 0x80;
      max = b == 0xed ? 0x9f : 0xbf;
    } else if (b >= 0xf0 && b <= 0xf4) {
      pending = 3;
      min = b == 0xf0 ? 0x90 : 0x80;
      max = b == 0xf4 ? 0x8f : 0xbf;
    } else {
      throw refused();
    }
  }

  /** At the end of the body: a character cut in half is not UTF-8 either. */
  void end() {
    if (pending > 0) {
      throw refused();
    }
  }

  private static InvalidRequestException refused() {
    return new InvalidRequestException("body", "is not valid UTF-8");
  }
}

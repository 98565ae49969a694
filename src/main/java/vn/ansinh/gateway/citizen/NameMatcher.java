package vn.ansinh.gateway.citizen;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Compares Vietnamese personal names the way a registrar would: after Unicode normalisation, case
 * folding, white-space folding and tone-mark-placement normalisation ("Hoà" = "Hòa", "Lý" =
 * "Lí"), but never after stripping diacritics ("Hòa" ≠ "Hoa", "Đức" ≠ "Dức"). Also folded: the
 * Icelandic eth (Ð ð), which legacy fonts and OCR give for Đ đ; the apostrophes of minority names
 * (' ’ ‘ ʼ ` ´ ′ are one, and spaces around one are dropped: "H'Hen" = "H’Hen" = "Hʼ Hen", since
 * Ê Đê and Jrai names join the apostrophe to the next syllable and a space there is a typing slip);
 * zero-width characters (U+200B-U+200D, U+2060, U+FEFF), which are invisible and so never a difference.
 */
public final class NameMatcher {

  private NameMatcher() {}

  public static boolean matches(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return a.equals(b) || canonical(a).equals(canonical(b));
  }

  /**
   * A key equal for two names exactly when they {@link #matches match}: lower-case NFC syllables
   * separated by single spaces, each syllable's tone mark moved after its letters (a combining
   * mark, so it cannot collide with a letter). For comparison only, not for display.
   */
  public static String canonical(String name) {
    if (name == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(folded(name), Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(decomposed.length() + 4);
    StringBuilder letters = new StringBuilder(8);
    StringBuilder tones = new StringBuilder(2);
    int i = 0;
    int n = decomposed.length();
    while (i < n) {
      while (i < n && isSpace(decomposed.charAt(i))) {
        i++;
      }
      if (i == n) {
        break;
      }
      letters.setLength(0);
      tones.setLength(0);
      while (i < n && !isSpace(decomposed.charAt(i))) {
        char c = decomposed.charAt(i++);
        if (isToneMark(c)) {
          tones.append(c);
        } else {
          letters.append(c);
        }
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      unifyFinalIY(letters);
      out.append(composed(letters)).append(tones);
    }
    return out.toString();
  }

  /** Eth as Đ, every apostrophe as U+0027 without spaces around it, zero-width characters gone. */
  private static String folded(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      switch (c) {
        case '\u00D0' -> out.append('\u0110');
        case '\u00F0' -> out.append('\u0111');
        case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF' -> { }
        case '\'', '\u2019', '\u2018', '\u02BC', '\u0060', '\u00B4', '\u2032' -> {
          while (out.length() > 0 && isSpace(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1);
          }
          out.append('\'');
          while (i + 1 < name.length() && (isSpace(name.charAt(i + 1)) || isZeroWidth(name.charAt(i + 1)))) {
            i++;
          }
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isZeroWidth(char c) {
    return c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF';
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static boolean isToneMark(char c) {
    return c == '\u0300' // huyền
        || c == '\u0301' // sắc
        || c == '\u0303' // ngã
        || c == '\u0309' // hỏi
        || c == '\u0323'; // nặng
  }

  /**
   * "Lý"/"Lí", "Kỳ"/"Kì", "Quý"/"Quí": a final y right after the onset is the old spelling of i.
   * After a vowel it is a different rhyme ("Huy" is not "Hui"), so it stays.
   */
  private static void unifyFinalIY(StringBuilder letters) {
    int last = letters.length() - 1;
    if (last < 1 || letters.charAt(last) != 'y') {
      return;
    }
    if (last == 2 && letters.charAt(0) == 'q' && letters.charAt(1) == 'u') {
      letters.setCharAt(last, 'i');
      return;
    }
    for (int k = 0; k < last; k++) {
      if (!isConsonant(letters.charAt(k))) {
        return;
      }
    }
    letters.setCharAt(last, 'i');
  }

  private static boolean isConsonant(char c) {
    return switch (c) {
      case 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'x' ->
          true;
      default -> false;
    };
  }

  private static CharSequence composed(StringBuilder letters) {
    for (int k = 0; k < letters.length(); k++) {
      if (letters.charAt(k) >= '\u0300') {
        return Normalizer.normalize(letters, Normalizer.Form.NFC);
      }
    }
    return letters;
  }
}

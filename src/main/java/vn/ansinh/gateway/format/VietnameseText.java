package vn.ansinh.gateway.format;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether text reads as Vietnamese, and so which encoding garbled text came from. A Vietnamese
 * word is one syllable: an onset, one of the language's vowel clusters, a final consonant, and at
 * most one tone mark. Text read in the wrong encoding breaks that rule ("NguyÔn", "Nguyeãn"), and
 * reads right again in the one it came from.
 */
public final class VietnameseText {

  private static final String TONES = "\u0300\u0301\u0303\u0309\u0323";
  private static final Pattern SYLLABLE = Pattern.compile("(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
      + "(?:iêu|yêu|oai|oay|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo"
      + "|ôô|ua|uâ|uă|ue|uê|ui|uô|uơ|ưa|ưi|ưu|ươ|uy|yê|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)"
      + "(?:ch|ng|nh|[cmnpt])?");
  private static final int MAX_REMEMBERED = 20_000;
  private static final List<Charset> LEGACY = List.of(VietnameseCharsets.WINDOWS_1258, VietnameseCharsets.TCVN3,
      VietnameseCharsets.VNI);
  private final Map<String, Boolean> known = new HashMap<>();
  private final Map<String, Boolean> readsWell = new HashMap<>();

  /** How a partner knows the encoding. */
  static String label(Charset c) {
    return c == VietnameseCharsets.TCVN3 ? "TCVN3 (ABC)" : c == VietnameseCharsets.VNI ? "VNI" : c.name();
  }

  /**
   * The legacy encoding that text decoded without error was really in, when it reads as garbled
   * Vietnamese and its bytes read as Vietnamese in TCVN3 or VNI. Plain ASCII costs one scan.
   */
  public Optional<Charset> garbledFrom(String raw, Charset declared) {
    if (ascii(raw) || readsWell(raw)) {
      return Optional.empty();
    }
    // the bytes as they were sent, or, for UTF-8, as a Latin font showed the legacy text before it was saved again
    Charset[] asBytes = StandardCharsets.UTF_8.equals(declared)
        ? new Charset[] {Charset.forName("windows-1252"), VietnameseCharsets.WINDOWS_1258}
        : new Charset[] {declared};
    for (Charset shown : asBytes) {
      byte[] bytes = encode(raw, shown);
      if (bytes == null) {
        continue;
      }
      for (Charset legacy : List.of(VietnameseCharsets.TCVN3, VietnameseCharsets.VNI)) {
        if (legacy.equals(declared)) {
          continue;
        }
        Score s = score(Normalizer.normalize(new String(bytes, 0, bytes.length, legacy), Normalizer.Form.NFC));
        if (s.invalid == 0 && s.valid > 0) {
          return Optional.of(legacy);
        }
      }
    }
    return Optional.empty();
  }

  /** Lists repeat their names and purposes: what read well once is remembered, a bounded number of texts. */
  private boolean readsWell(String raw) {
    Boolean v = readsWell.get(raw);
    if (v == null) {
      if (readsWell.size() >= MAX_REMEMBERED) {
        readsWell.clear();
      }
      v = score(Normalizer.normalize(raw, Normalizer.Form.NFC)).invalid == 0;
      readsWell.put(raw, v);
    }
    return v;
  }

  /** Of windows-1258, TCVN3 and VNI (less the one declared), the one these bytes read best as Vietnamese in. */
  static Optional<Charset> looksLike(byte[] bytes, Charset declared) {
    VietnameseText text = new VietnameseText();
    Charset best = null;
    int bestScore = 0;
    for (Charset c : LEGACY) {
      if (c.equals(declared)) {
        continue;
      }
      Score s = text.score(Normalizer.normalize(new String(bytes, 0, bytes.length, c), Normalizer.Form.NFC));
      if (s.valid > s.invalid && s.valid - s.invalid > bestScore) {
        best = c;
        bestScore = s.valid - s.invalid;
      }
    }
    return Optional.ofNullable(best);
  }

  private record Score(int valid, int invalid) {}

  /** Words with letters beyond ASCII that are, and are not, Vietnamese syllables; stray symbols count against. */
  Score score(String text) {
    int valid = 0;
    int invalid = 0;
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!isWordChar(c)) {
        if (c >= 0x80 && !isPunctuation(c)) {
          invalid++;
        }
        i++;
        continue;
      }
      int start = i;
      boolean beyondAscii = false;
      while (i < n && isWordChar(text.charAt(i))) {
        beyondAscii |= text.charAt(i) >= 0x80;
        i++;
      }
      if (beyondAscii) {
        if (isSyllable(text.substring(start, i))) {
          valid++;
        } else {
          invalid++;
        }
      }
    }
    return new Score(valid, invalid);
  }

  boolean isSyllable(String word) {
    Boolean v = known.get(word);
    if (v == null) {
      if (known.size() >= MAX_REMEMBERED) {
        known.clear();
      }
      v = syllable(word);
      known.put(word, v);
    }
    return v;
  }

  private static boolean syllable(String word) {
    String nfd = Normalizer.normalize(word.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    StringBuilder base = new StringBuilder(nfd.length());
    int tones = 0;
    for (int i = 0; i < nfd.length(); i++) {
      char c = nfd.charAt(i);
      if (TONES.indexOf(c) >= 0) {
        tones++;
      } else {
        base.append(c);
      }
    }
    return tones <= 1 && SYLLABLE.matcher(Normalizer.normalize(base, Normalizer.Form.NFC)).matches();
  }

  private static boolean isWordChar(char c) {
    return Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK;
  }

  private static boolean isPunctuation(char c) {
    return Character.isSpaceChar(c) || "\u2018\u2019\u201C\u201D\u2013\u2014\u2026\u02BC\u00B7\u00B0\u20AB\uFEFF"
        .indexOf(c) >= 0;
  }

  private static boolean ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static byte[] encode(String s, Charset c) {
    if (!c.canEncode()) {
      return null;
    }
    try {
      ByteBuffer b = c.newEncoder().onUnmappableCharacter(CodingErrorAction.REPORT)
          .onMalformedInput(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}

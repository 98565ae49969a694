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
 * Whether text reads as Vietnamese, and so which encoding garbled text came from (UTF-8,
 * windows-1258, TCVN3 or VNI). A Vietnamese
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
  private static final List<Charset> CANDIDATES = List.of(StandardCharsets.UTF_8, VietnameseCharsets.WINDOWS_1258,
      VietnameseCharsets.TCVN3, VietnameseCharsets.VNI);
  private final Map<String, Boolean> known = new HashMap<>();
  private final Map<String, Boolean> readsWell = new HashMap<>();

  /** How a partner knows the encoding. */
  static String label(Charset c) {
    return c == VietnameseCharsets.TCVN3 ? "TCVN3 (ABC)" : c == VietnameseCharsets.VNI ? "VNI" : c.name();
  }

  /**
   * The encoding that text decoded without error was really in, when it reads as garbled
   * Vietnamese and its bytes read as Vietnamese in another of UTF-8, windows-1258, TCVN3 and VNI.
   * Plain ASCII costs one scan; text that reads well is remembered.
   */
  public Optional<Garbled> garbledFrom(String raw, Charset declared) {
    if (ascii(raw) || readsWell(raw)) {
      return Optional.empty();
    }
    boolean utf8 = StandardCharsets.UTF_8.equals(declared);
    // the bytes as they were sent, or, for UTF-8, as a Latin font showed the legacy text before it was saved again
    List<Charset> shownAs = utf8 ? List.of(Charset.forName("windows-1252"), VietnameseCharsets.WINDOWS_1258)
        : List.of(declared);
    for (Charset shown : shownAs) {
      byte[] bytes = encode(raw, shown);
      if (bytes == null) {
        continue;
      }
      for (Charset real : List.of(StandardCharsets.UTF_8, VietnameseCharsets.TCVN3, VietnameseCharsets.VNI,
          VietnameseCharsets.WINDOWS_1258)) {
        if (real.equals(declared) || utf8 && (real.equals(StandardCharsets.UTF_8) || real.equals(shown))) {
          continue;
        }
        String read = decode(bytes, real);
        if (read == null) {
          continue;
        }
        Score s = score(Normalizer.normalize(read, Normalizer.Form.NFC));
        if (s.invalid == 0 && s.valid > 0) {
          return Optional.of(new Garbled(real, declared, utf8));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Text in {@code real} read as {@code declared}; {@code savedAgain}: shown in a Latin font and
   * saved as UTF-8, so that naming the right charset no longer helps and the file needs converting.
   */
  public record Garbled(Charset real, Charset declared, boolean savedAgain) {

    /** What to tell the sender, naming the encodings, never the text. */
    public String reason() {
      return savedAgain
          ? "reads as " + label(real) + " text shown in a Latin font and saved again as UTF-8: convert the file from "
              + label(real) + " to Unicode"
          : "reads as " + label(real) + " text decoded as " + label(declared) + ": send charset=" + real.name();
    }
  }

  /** The text, or null when the bytes are not all valid in that charset. */
  private static String decode(byte[] bytes, Charset c) {
    try {
      return c.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
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

  /** Of UTF-8, windows-1258, TCVN3 and VNI (less the one declared), the one these bytes read best as Vietnamese in. */
  static Optional<Charset> looksLike(byte[] bytes, Charset declared) {
    VietnameseText text = new VietnameseText();
    Charset best = null;
    int bestScore = 0;
    for (Charset c : CANDIDATES) {
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

  /** Every character below U+0080. */
  static boolean ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static byte[] encode(String s, Charset c) {
    if (c instanceof SingleByteVietnamese legacy) {
      return legacy.bytesOf(s);
    }
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

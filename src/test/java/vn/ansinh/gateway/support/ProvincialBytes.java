package vn.ansinh.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.text.Normalizer;
import java.util.HexFormat;

/** Lists as provinces and communes write them, in the encodings of their exports. */
public final class ProvincialBytes {

  /** "Nguyễn Thị Hoà Đặng Văn Mười" in TCVN3 (a .VnTime sheet) and in VNI (a VNI-Times sheet). */
  public static final byte[] TCVN3_NAME = HexFormat.of().parseHex("4E677579D46E205468DE20486FB520A7C66E672056A86E204DADEA69");
  public static final byte[] VNI_NAME = HexFormat.of().parseHex(
      "4E67757965E36E205468F220486F61F820D161EB6E67205661EA6E204DF6F4F869");
  public static final String NAME = "Nguyễn Thị Hoà Đặng Văn Mười";
  private static final String TONES = "\u0300\u0301\u0303\u0309\u0323";

  private ProvincialBytes() {}

  /** As windows-1258 exports write Vietnamese: letters with their vowel marks, each tone mark after its letter. */
  public static byte[] windows1258(String text) {
    StringBuilder out = new StringBuilder();
    Normalizer.normalize(text, Normalizer.Form.NFC).codePoints().forEach(cp -> {
      String nfd = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFD);
      StringBuilder letter = new StringBuilder();
      StringBuilder tone = new StringBuilder();
      nfd.codePoints().forEach(c -> (TONES.indexOf(c) >= 0 ? tone : letter).appendCodePoint(c));
      out.append(Normalizer.normalize(letter, Normalizer.Form.NFC)).append(tone);
    });
    byte[] bytes = out.toString().getBytes(Charset.forName("windows-1258"));
    assertThat(new String(bytes, Charset.forName("windows-1258"))).doesNotContain("?");
    return bytes;
  }

  /** The parts one after the other. */
  public static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}

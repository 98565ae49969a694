package vn.ansinh.gateway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * TCVN3 and VNI decode every one of the 134 Vietnamese letters with diacritics exactly, checked
 * letter by letter against the standards' tables, written out here independently of the decoders:
 * TCVN 5712:1993 as glibc's TCVN5712-1 charmap has it (VN3 has no code below 0x80, "--"), VNI
 * Windows as xvnkb's vni.h has it.
 */
class VietnameseCharsetsTest {

  /** letter, its TCVN3 byte, its VNI bytes. */
  private static final String[] TABLE = {
      "Á 83 41D9", "À 80 41D8", "Ả 81 41DB", "Ã 82 41D5", "Ạ 84 41CF", "Â A2 41C2",
      "Ấ C4 41C1", "Ầ C1 41C0", "Ẩ C2 41C5", "Ẫ C3 41C3", "Ậ 86 41C4", "Ă A1 41CA",
      "Ắ C0 41C9", "Ằ AF 41C8", "Ẳ BA 41DA", "Ẵ BF 41DC", "Ặ 85 41CB", "É 8A 45D9",
      "È 87 45D8", "Ẻ 88 45DB", "Ẽ 89 45D5", "Ẹ 8B 45CF", "Ê A3 45C2", "Ế DA 45C1",
      "Ề C5 45C0", "Ể CD 45C5", "Ễ D9 45C3", "Ệ 8C 45C4", "Ó 95 4FD9", "Ò 92 4FD8",
      "Ỏ 93 4FDB", "Õ 94 4FD5", "Ọ 96 4FCF", "Ô A4 4FC2", "Ố FF 4FC1", "Ồ DB 4FC0",
      "Ổ E0 4FC5", "Ỗ F0 4FC3", "Ộ 97 4FC4", "Ơ A5 D4", "Ớ 9B D4D9", "Ờ 98 D4D8",
      "Ở 99 D4DB", "Ỡ 9A D4D5", "Ợ 9C D4CF", "Ú -- 55D9", "Ù 9D 55D8", "Ủ 9E 55DB",
      "Ũ 9F 55D5", "Ụ -- 55CF", "Ư A6 D6", "Ứ -- D6D9", "Ừ -- D6D8", "Ử -- D6DB",
      "Ữ -- D6D5", "Ự -- D6CF", "Í 90 CD", "Ì 8D CC", "Ỉ 8E C6", "Ĩ 8F D3",
      "Ị 91 D2", "Ý -- 59D9", "Ỳ -- 59D8", "Ỷ -- 59DB", "Ỹ -- 59D5", "Ỵ -- CE",
      "Đ A7 D1", "á B8 61F9", "à B5 61F8", "ả B6 61FB", "ã B7 61F5", "ạ B9 61EF",
      "â A9 61E2", "ấ CA 61E1", "ầ C7 61E0", "ẩ C8 61E5", "ẫ C9 61E3", "ậ CB 61E4",
      "ă A8 61EA", "ắ BE 61E9", "ằ BB 61E8", "ẳ BC 61FA", "ẵ BD 61FC", "ặ C6 61EB",
      "é D0 65F9", "è CC 65F8", "ẻ CE 65FB", "ẽ CF 65F5", "ẹ D1 65EF", "ê AA 65E2",
      "ế D5 65E1", "ề D2 65E0", "ể D3 65E5", "ễ D4 65E3", "ệ D6 65E4", "ó E3 6FF9",
      "ò DF 6FF8", "ỏ E1 6FFB", "õ E2 6FF5", "ọ E4 6FEF", "ô AB 6FE2", "ố E8 6FE1",
      "ồ E5 6FE0", "ổ E6 6FE5", "ỗ E7 6FE3", "ộ E9 6FE4", "ơ AC F4", "ớ ED F4F9",
      "ờ EA F4F8", "ở EB F4FB", "ỡ EC F4F5", "ợ EE F4EF", "ú F3 75F9", "ù EF 75F8",
      "ủ F1 75FB", "ũ F2 75F5", "ụ F4 75EF", "ư AD F6", "ứ F8 F6F9", "ừ F5 F6F8",
      "ử F6 F6FB", "ữ F7 F6F5", "ự F9 F6EF", "í DD ED", "ì D7 EC", "ỉ D8 E6",
      "ĩ DC F3", "ị DE F2", "ý FD 79F9", "ỳ FA 79F8", "ỷ FB 79FB", "ỹ FC 79F5",
      "ỵ FE EE", "đ AE F1",
  };

  private static String decode(Charset c, String hex) throws CharacterCodingException {
    String s = c.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(HexFormat.of().parseHex(hex))).toString();
    return Normalizer.normalize(s, Normalizer.Form.NFC);
  }

  @Test
  void everyVietnameseLetterDecodesFromItsVniBytes() throws Exception {
    Set<String> letters = new HashSet<>();
    for (String row : TABLE) {
      String[] f = row.split(" ");
      assertThat(decode(VietnameseCharsets.VNI, f[2])).as("VNI %s for %s", f[2], f[0]).isEqualTo(f[0]);
      letters.add(f[0]);
    }
    assertThat(letters).hasSize(134);
  }

  @Test
  void everyLetterWithATcvn3CodeDecodesFromIt() throws Exception {
    int coded = 0;
    for (String row : TABLE) {
      String[] f = row.split(" ");
      if (!f[1].equals("--")) {
        assertThat(decode(VietnameseCharsets.TCVN3, f[1])).as("TCVN3 %s for %s", f[1], f[0]).isEqualTo(f[0]);
        coded++;
      }
    }
    assertThat(coded).isEqualTo(134 - 12);
  }

  @Test
  void tcvn3CapitalsWithoutACodeComeOutInLowerCaseFromTheCodesAllCapsFontsDrawThemWith() throws Exception {
    for (String row : TABLE) {
      String[] f = row.split(" ");
      if (f[1].equals("--")) {
        String lower = f[0].toLowerCase(java.util.Locale.ROOT);
        String code = java.util.Arrays.stream(TABLE).filter(r -> r.startsWith(lower + " ")).findFirst().orElseThrow()
            .split(" ")[1];
        assertThat(decode(VietnameseCharsets.TCVN3, code)).isEqualTo(lower);
      }
    }
  }

  @Test
  void namesDecodeWholeAndAsciiStaysAscii() throws Exception {
    // "Nguyễn Thị Hoà, Đặng Văn Mười" as a .VnTime document and as a VNI-Times document hold them
    assertThat(decode(VietnameseCharsets.TCVN3, "4E677579D46E205468DE20486FB52C20A7C66E672056A86E204DADEA69"))
        .isEqualTo("Nguyễn Thị Hoà, Đặng Văn Mười");
    assertThat(decode(VietnameseCharsets.VNI, "4E67757965E36E205468F220486F61F82C20D161EB6E67205661EA6E204DF6F4F869")).isEqualTo("Nguyễn Thị Hoà, Đặng Văn Mười");
  }

  @Test
  void bytesTheEncodingGivesNoLetterAreMalformedNeverGuessed() {
    assertThatThrownBy(() -> decode(VietnameseCharsets.VNI, "41A5")).isInstanceOf(CharacterCodingException.class);
    assertThatThrownBy(() -> decode(VietnameseCharsets.VNI, "80")).isInstanceOf(CharacterCodingException.class);
  }

  @Test
  void theContentTypeNamesThemInAnyCase() {
    assertThat(ContentTypes.charsetOf("text/csv; charset=x-tcvn3")).isSameAs(VietnameseCharsets.TCVN3);
    assertThat(ContentTypes.charsetOf("text/csv;charset=\"X-VNI\"")).isSameAs(VietnameseCharsets.VNI);
    assertThat(ContentTypes.charsetOf("text/csv; charset=windows-1258").name()).isEqualTo("windows-1258");
    assertThat(ContentTypes.charsetOf("text/csv").name()).isEqualTo("UTF-8");
  }
}

package vn.ansinh.gateway.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.support.ProvincialBytes;

/** The CSV reader is strict about bytes and bounded in memory, and names the row and column of what it refuses. */
class CsvRecordsTest {

  private static final IntakeLimits LIMITS = new IntakeLimits(4096, 65536);
  private static final List<String> REQUIRED = List.of("id", "full_name");
  private static final byte[] HEADER = "id,full_name,purpose\n".getBytes(StandardCharsets.US_ASCII);

  private static List<String> names(InputStream in, Charset charset) {
    CsvRecords records = new CsvRecords(in, charset, LIMITS, REQUIRED);
    List<String> names = new ArrayList<>();
    Iterator<String> rows = records.rows(r -> records.cell(r, "full_name"));
    rows.forEachRemaining(names::add);
    return names;
  }

  private static InputStream body(byte[]... parts) {
    InputStream in = new ByteArrayInputStream(HEADER);
    for (byte[] p : parts) {
      in = new SequenceInputStream(in, new ByteArrayInputStream(p));
    }
    return in;
  }

  private static Violation refusal(InputStream in, Charset charset) {
    InvalidRequestException e = (InvalidRequestException) org.assertj.core.api.Assertions.catchThrowable(
        () -> names(in, charset));
    assertThat(e).as("the list is refused").isNotNull();
    assertThat(e.status()).isEqualTo(400);
    return e.violations().get(0);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] windows1258(String text) {
    return ProvincialBytes.windows1258(text);
  }

  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  /** An endless stream of one byte, counting what is read of it. */
  private static final class Flood extends InputStream {
    private final long size;
    private long read;

    Flood(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      if (read >= size) {
        return -1;
      }
      read++;
      return 'a';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (read >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - read);
      java.util.Arrays.fill(b, off, off + n, (byte) 'a');
      read += n;
      return n;
    }
  }

  @Test
  void anUnclosedQuoteFollowedBy300MegabytesIsRefusedAtTheRowLimitWithoutReadingOn() {
    Flood flood = new Flood(300L * 1024 * 1024);
    Violation v = refusal(new SequenceInputStream(body(utf8("1,Lê Văn An,ok\n2,\"Trần")), flood),
        StandardCharsets.UTF_8);

    assertThat(v.row()).isEqualTo(2);
    assertThat(v.field()).isEqualTo("full_name");
    assertThat(v.reason()).contains("longer than 4096 characters");
    assertThat(flood.read).as("bytes read of the flood").isLessThan(256 * 1024);
  }

  @Test
  void aRowOfEndlessEmptyCellsIsBoundedToo() {
    byte[] commas = new byte[200_000];
    java.util.Arrays.fill(commas, (byte) ',');
    Violation v = refusal(body(utf8("1,An"), commas), StandardCharsets.UTF_8);

    assertThat(v.row()).isEqualTo(1);
    assertThat(v.reason()).contains("row longer than 65536 characters");
  }

  @Test
  void aQuoteLeftOpenAtTheEndIsRefusedNotTakenAsTheRestOfTheList() {
    Violation v = refusal(body(utf8("1,\"Lê Văn An,ok\n2,Trần Thị Hoa,ok\n")), StandardCharsets.UTF_8);

    assertThat(v.row()).isEqualTo(1);
    assertThat(v.reason()).contains("never closed");
  }

  @Test
  void invalidUtf8IsRefusedWithItsRowAndColumnNeverReplaced() {
    Violation v = refusal(body(utf8("1,Lê Văn An,ok\n2,Tr"), hex("FF"), utf8("n,ok\n")), StandardCharsets.UTF_8);

    assertThat(v.row()).isEqualTo(2);
    assertThat(v.field()).isEqualTo("full_name");
    assertThat(v.reason()).contains("not valid UTF-8").doesNotContain("Tr");
  }

  @Test
  void aTruncatedSequenceAtTheVeryEndIsRefusedToo() {
    Violation v = refusal(body(utf8("1,Lê Văn An,ok\n2,An,x"), hex("E1BB")), StandardCharsets.UTF_8);

    assertThat(v.row()).isEqualTo(2);
    assertThat(v.field()).isEqualTo("purpose");
  }

  @Test
  void windows1258SentAsUtf8IsToldToSayWindows1258() {
    byte[] cp1258 = windows1258("1,Nguyễn Văn Hùng,Trợ cấp tháng 11\n");
    Violation v = refusal(body(cp1258), StandardCharsets.UTF_8);

    assertThat(v.row()).isEqualTo(1);
    assertThat(v.reason()).contains("looks like windows-1258: send charset=windows-1258");
  }

  @Test
  void tcvn3AndVniSentAsUtf8AreToldTheirNames() {
    // "Nguyễn Thị Hoà, Đặng Văn Mười" in TCVN3 and in VNI
    byte[] tcvn3 = hex("4E677579D46E205468DE20486FB520A7C66E672056A86E204DADEA69");
    byte[] vni = hex("4E67757965E36E205468F220486F61F820D161EB6E67205661EA6E204DF6F4F869");

    assertThat(refusal(body(utf8("1,"), tcvn3, utf8("\n")), StandardCharsets.UTF_8).reason())
        .contains("TCVN3 (ABC): send charset=x-tcvn3");
    assertThat(refusal(body(utf8("1,"), vni, utf8("\n")), StandardCharsets.UTF_8).reason())
        .contains("VNI: send charset=x-vni");
  }

  @Test
  void legacyTextThatDecodesAsWindows1258IsRefusedNamingTheEncodingItLooksLike() {
    byte[] tcvn3 = hex("4E677579D46E205468DE20486FB520A7C66E672056A86E204DADEA69");
    byte[] vni = hex("4E67757965E36E205468F220486F61F820D161EB6E67205661EA6E204DF6F4F869");
    Charset cp1258 = Charset.forName("windows-1258");

    Violation t = refusal(body(utf8("1,An,x\n2,"), tcvn3, utf8("\n")), cp1258);
    assertThat(t.row()).isEqualTo(2);
    assertThat(t.field()).isEqualTo("full_name");
    assertThat(t.reason()).contains("TCVN3").contains("send charset=x-tcvn3");
    assertThat(refusal(body(utf8("1,"), vni, utf8("\n")), cp1258).reason()).contains("send charset=x-vni");
  }

  @Test
  void tcvn3ShownInALatinFontAndSavedAsUtf8IsRefusedToo() {
    // what Excel saves as UTF-8 from a .VnTime sheet opened without the font: the bytes' windows-1252 letters
    String shown = new String(hex("4E677579D46E205468DE20486FB520A7C66E672056A86E204DADEA69"),
        Charset.forName("windows-1252"));
    Violation v = refusal(body(utf8("1," + shown + "\n")), StandardCharsets.UTF_8);

    assertThat(v.reason()).contains("saved again as UTF-8: convert the file from TCVN3 (ABC) to Unicode");
  }

  @Test
  void utf8DeclaredAsALegacyCharsetIsRefusedNamingUtf8() {
    byte[] list = utf8("1,Nguyễn Thị Hoà Đặng Văn Mười\n");

    assertThat(refusal(body(list), VietnameseCharsets.TCVN3).reason())
        .contains("reads as UTF-8 text decoded as TCVN3 (ABC): send charset=UTF-8");
    assertThat(refusal(body(list), Charset.forName("windows-1258")).reason()).contains("send charset=UTF-8");
    assertThat(refusal(body(list), VietnameseCharsets.VNI).reason()).contains("send charset=UTF-8");
  }

  @Test
  void vniDeclaredAsTcvn3AndTheOtherWayRoundAreToldTheRightOne() {
    assertThat(refusal(body(utf8("1,"), ProvincialBytes.VNI_NAME, utf8("\n")), VietnameseCharsets.TCVN3).reason())
        .contains("send charset=x-vni");
    assertThat(refusal(body(utf8("1,"), ProvincialBytes.TCVN3_NAME, utf8("\n")), VietnameseCharsets.VNI).reason())
        .contains("send charset=x-tcvn3");
  }

  @Test
  void declaredTcvn3AndVniBecomeExactUnicode() {
    byte[] tcvn3 = hex("4E677579D46E205468DE20486FB520A7C66E672056A86E204DADEA69");
    byte[] vni = hex("4E67757965E36E205468F220486F61F820D161EB6E67205661EA6E204DF6F4F869");

    assertThat(names(body(utf8("1,"), tcvn3, utf8("\n")), VietnameseCharsets.TCVN3))
        .containsExactly("Nguyễn Thị Hoà Đặng Văn Mười");
    assertThat(names(body(utf8("1,"), vni, utf8("\n")), VietnameseCharsets.VNI))
        .containsExactly("Nguyễn Thị Hoà Đặng Văn Mười");
  }

  @Test
  void realVietnameseAndMinorityNamesAreNeverTakenForGarbledText() {
    String list = "1,Nguyễn Thị Hoà,Trợ cấp xã hội tháng 11/2026\n2,H'Hen Niê,Hỗ trợ hộ nghèo\n"
        + "3,Ksor Kpă Ama,Trợ cấp\n4,Y Moan Êban,\n5,Rơ Châm Thuở,\n6,Quách Thị Khuê Nghĩa,\n"
        + "7,Đoàn Ngọc Quỳnh Uyên,\n8,Phượng Giữa Khoẻ,\n9,René Dupont,\n10,Nông Văn Dền,\n";

    assertThat(names(body(utf8(list)), StandardCharsets.UTF_8)).hasSize(10);
    byte[] cp1258 = windows1258(list);
    assertThat(names(new SequenceInputStream(new ByteArrayInputStream(HEADER), new ByteArrayInputStream(cp1258)),
        Charset.forName("windows-1258"))).hasSize(10);
  }

  @Test
  void cellsAreNfcAndTrimmedOfSpacesButNotOfControlCharacters() {
    String decomposed = java.text.Normalizer.normalize("Nguyễn", java.text.Normalizer.Form.NFD);

    assertThat(names(body(utf8("1,  " + decomposed + " \n2,An\u0000\n")), StandardCharsets.UTF_8))
        .containsExactly("Nguyễn", "An\u0000");
  }

  @Test
  void theHeaderMayCarryAByteOrderMarkAndBlankLinesAreNoRows() {
    InputStream in = new SequenceInputStream(new ByteArrayInputStream(hex("EFBBBF")),
        body(utf8("\n1,An\r\n\r\n2,\"Bình\r\nHai\"\n")));

    assertThat(names(in, StandardCharsets.UTF_8)).containsExactly("An", "Bình\nHai");
  }
}

package vn.ansinh.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ansinh.gateway.support.ProvincialBytes.concat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.ProvincialBytes;

/** Payment lists are taken in strictly and honestly: what is not text in its charset is refused, never paid garbled. */
class PaymentListIntakeTest extends PaymentCycleTest {

  @Autowired
  JdbcTemplate jdbc;

  private HttpResponse<String> submitBytes(String contentType, byte[] body, String period, long count, long sum) {
    return send(HttpRequest.newBuilder(url("/api/v1/payment-batches?program=PENSION&period=" + period))
        .header("Authorization", "Bearer " + token("dolisa-demo")).header("Content-Type", contentType)
        .header("X-Control-Count", Long.toString(count)).header("X-Control-Sum", Long.toString(sum))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String row(String id, String person) {
    return id + ",B-" + id + "," + person + ",";
  }

  private static String tail() {
    return ",500000,,,40,16681,Trợ cấp\n";
  }

  private String storedName(String paymentId) {
    return jdbc.queryForObject("select full_name from payment where payment_id = ?", String.class, paymentId);
  }

  private static void assertRefused(HttpResponse<String> response, int row, String field, String reason) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode error = Json.read(response.body()).at("/errors/0");
    assertThat(error.path("row").asInt()).isEqualTo(row);
    assertThat(error.path("field").asText()).isEqualTo(field);
    assertThat(error.path("reason").asText()).contains(reason);
  }

  @Test
  void invalidUtf8IsA400NamingTheRowAndColumnAndNothingIsStored() {
    String id = "U8-" + System.nanoTime() % 1_000_000;
    byte[] list = concat(utf8(HEADER + row(id + "a", newPerson()) + "Lê Văn An" + tail() + row(id + "b", newPerson())
        + "Tr"), HexFormat.of().parseHex("E1BA"), utf8("n Văn Bình" + tail()));

    HttpResponse<String> response = submitBytes("text/csv", list, "2026-08", 2, 1_000_000);

    assertRefused(response, 2, "full_name", "not valid UTF-8");
    assertThat(response.body()).doesNotContain("Văn");
    assertThat(jdbc.queryForObject("select count(*) from payment where payment_id like ?", Long.class, id + "%"))
        .isZero();
  }

  @Test
  void aWindows1258ListSentAsUtf8IsToldToDeclareWindows1258() {
    byte[] list = ProvincialBytes.windows1258(HEADER + row("W58-1", newPerson()) + "Nguyễn Văn Hùng" + tail());

    HttpResponse<String> response = submitBytes("text/csv; charset=UTF-8", list, "2026-08", 1, 500_000);

    assertRefused(response, 1, "full_name", "looks like windows-1258: send charset=windows-1258");
  }

  @Test
  void tcvn3AndVniListsAreStoredAsTheRightUnicodeNames() {
    String t = "T3-" + System.nanoTime() % 1_000_000;
    String v = "VN-" + System.nanoTime() % 1_000_000;
    byte[] tcvn3 = concat(utf8(HEADER + row(t, newPerson())), ProvincialBytes.TCVN3_NAME,
        utf8(",500000,,,40,16681,\n"));
    byte[] vni = concat(utf8(HEADER + row(v, newPerson())), ProvincialBytes.VNI_NAME, utf8(",500000,,,40,16681,\n"));

    batchIdOf(submitBytes("text/csv; charset=x-tcvn3", tcvn3, "2026-09", 1, 500_000));
    batchIdOf(submitBytes("text/csv; charset=\"X-VNI\"", vni, "2026-09", 1, 500_000));

    assertThat(storedName(t)).isEqualTo(ProvincialBytes.NAME);
    assertThat(storedName(v)).isEqualTo(ProvincialBytes.NAME);
  }

  @Test
  void aTcvn3ListSentAsWindows1258IsRefusedNamingTcvn3NeverPaidToAGarbledName() {
    byte[] list = concat(utf8(HEADER + row("T3W-1", newPerson())), ProvincialBytes.TCVN3_NAME,
        utf8(",500000,,,40,16681,\n"));

    HttpResponse<String> response = submitBytes("text/csv; charset=windows-1258", list, "2026-08", 1, 500_000);

    assertRefused(response, 1, "full_name", "send charset=x-tcvn3");
  }

  @Test
  void invalidUtf8InAJsonListIsA400NamingThePaymentNotA500() {
    byte[] json = concat(utf8("{\"payments\":[{\"paymentId\":\"J1\",\"fullName\":\"An\"},{\"paymentId\":\"J2\","
        + "\"fullName\":\"Tr"), HexFormat.of().parseHex("C328"), utf8("n\"}]}"));

    HttpResponse<String> response = submitBytes("application/json", json, "2026-08", 2, 0);

    assertRefused(response, 2, "payments", "not valid UTF-8");
  }

  @Test
  void aJsonListInUtf8IsTakenWithOrWithoutAByteOrderMark() {
    String json = "{\"payments\":[{\"paymentId\":\"JB-" + System.nanoTime() % 1_000_000 + "\",\"beneficiaryId\":\"B1\","
        + "\"personalId\":\"" + newPerson() + "\",\"fullName\":\"Đặng Thị Mười\",\"amountVnd\":\"500000\"}]}";

    String batchId = batchIdOf(submitBytes("application/json", concat(HexFormat.of().parseHex("EFBBBF"), utf8(json)),
        "2026-10", 1, 500_000));

    assertThat(jdbc.queryForObject("select p.full_name from payment p join payment_batch b on b.batch_key = p.batch_key"
        + " where b.batch_id = ?", String.class, batchId)).isEqualTo("Đặng Thị Mười");
  }

  @Test
  void controlCharactersMakeTheRowInvalidWithTheFieldNamedAndANulNeverReachesTheDatabase() {
    String id = "CC-" + System.nanoTime() % 1_000_000;
    String list = HEADER + row(id + "-1", newPerson()) + "Lê Văn\u0000 An" + tail()
        + id + "-2\u0000,B-2," + newPerson() + ",Lê Văn An" + tail()
        + row(id + "-3", newPerson()) + "Lê Văn An,500000,,,40,16681,Trợ\u0007 cấp\n"
        + row(id + "-4", newPerson()) + "Lê Văn An" + tail();

    String batchId = batchIdOf(submitBytes("text/csv", utf8(list), "2026-10", 4, 2_000_000));

    JsonNode errors = Json.read(get("/api/v1/payment-batches/" + batchId + "/errors", token("dolisa-demo")).body());
    assertThat(errors.path("errors")).extracting(e -> e.path("row").asInt() + ":" + e.path("field").asText())
        .containsExactlyInAnyOrder("1:fullName", "2:paymentId", "3:purpose");
    assertThat(jdbc.queryForObject("select count(*) from payment p join payment_batch b on b.batch_key = p.batch_key"
        + " where b.batch_id = ? and p.status = 'INVALID'", Long.class, batchId)).isEqualTo(3);
  }

  @Test
  void anUnclosedQuoteIsA400AtTheFieldLimitNamingTheRow() {
    byte[] flood = new byte[512 * 1024];
    java.util.Arrays.fill(flood, (byte) 'a');
    byte[] list = concat(utf8(HEADER + row("UQ-1", newPerson()) + "\"Lê "), flood);

    HttpResponse<String> response = submitBytes("text/csv", list, "2026-08", 1, 500_000);

    assertRefused(response, 1, "full_name", "longer than 4096 characters");
  }
}

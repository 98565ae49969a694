package vn.ansinh.gateway.beneficiary;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.text.Normalizer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** Provincial lists arrive as JSON arrays or CSV, in UTF-8 or windows-1258 (SPEC §4.2). */
class BulkRegistrationTest extends GatewayHttpTest {

  private static final String HEADER = "beneficiary_id,program,personal_id,full_name,date_of_birth,gender,"
      + "province_code,commune_code,phone,preferred_bank_bin\n";

  @Autowired
  JdbcTemplate jdbc;

  private String prefix;

  @BeforeEach
  void agencies() {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    PopulationRegistryStubs.citizen(registry, "044301000456", "Trần Thị Hoà", "20010203", false);
    registry.stubFor(post(urlMatching("/banks/.*")).willReturn(aResponse().withStatus(202)));
    prefix = "B-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * As a provincial export writes it: windows-1258 has ê, ă, ơ, ư, đ… but no precomposed tones,
   * so every tone mark follows its letter as a combining character.
   */
  static byte[] windows1258(String text) {
    StringBuilder out = new StringBuilder();
    Normalizer.normalize(text, Normalizer.Form.NFC).codePoints().forEach(cp -> {
      String nfd = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
      StringBuilder letter = new StringBuilder();
      StringBuilder tone = new StringBuilder();
      nfd.codePoints().forEach(c -> (TONES.indexOf(c) >= 0 ? tone : letter).appendCodePoint(c));
      out.append(Normalizer.normalize(letter, Normalizer.Form.NFC)).append(tone);
    });
    byte[] bytes = out.toString().getBytes(Charset.forName("windows-1258"));
    assertThat(new String(bytes, Charset.forName("windows-1258"))).doesNotContain("?");
    return bytes;
  }

  private static final String TONES = "\u0300\u0301\u0303\u0309\u0323";

  private HttpResponse<String> csv(byte[] body, String contentType) {
    return send(HttpRequest.newBuilder(url("/api/v1/beneficiaries/bulk"))
        .header("Authorization", "Bearer " + token("dolisa-demo")).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  private String storedName(String beneficiaryId) {
    return jdbc.queryForObject("select full_name from beneficiary where beneficiary_id = ?", String.class, beneficiaryId);
  }

  @Test
  void aWindows1258ListWithVietnameseNamesDecodesExactly() {
    String list = HEADER
        + prefix + "-1,SOCIAL_ALLOWANCE,040090000123,Nguyễn Văn An,1990-05-17,MALE,40,16681,0912345678,970405\n"
        + prefix + "-2,POOR_HOUSEHOLD,044301000456,\"Trần Thị Hoà\",2001-02-03,FEMALE,44,18997,,970415\n";
    byte[] cp1258 = windows1258(list);

    HttpResponse<String> response = csv(cp1258, "text/csv; charset=windows-1258");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(Json.read(response.body()).get("accepted").asInt()).isEqualTo(2);
    assertThat(storedName(prefix + "-1")).isEqualTo("Nguyễn Văn An")
        .isEqualTo(Normalizer.normalize("Nguyễn Văn An", Normalizer.Form.NFC));
    assertThat(storedName(prefix + "-2")).isEqualTo("Trần Thị Hoà");
    await().atMost(Duration.ofSeconds(10)).until(() -> "ACCOUNT_REQUESTED".equals(
        Json.read(get("/api/v1/beneficiaries/" + prefix + "-2", token("dolisa-demo")).body()).path("status").asText()));
  }

  @Test
  void invalidRowsAreListedWithTheirRowNumberAndValidRowsProceed() {
    String list = HEADER
        + prefix + "-1,SOCIAL_ALLOWANCE,040090000123,Nguyễn Văn An,1990-05-17,MALE,40,16681,0912345678,970405\n"
        + prefix + "-2,LOTTERY,040090000123,Nguyễn Văn An,1990-05-17,MALE,40,16681,0912345678,970405\n"
        + prefix + "-3,PENSION,040290000123,Nguyễn Văn An,1990-05-17,MALE,40,16681,0912345678,970405\n"
        + prefix + "-1,PENSION,040090000123,Nguyễn Văn An,1990-05-17,MALE,40,16681,0912345678,970405\n";

    JsonNode result = Json.read(csv(list.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv").body());

    assertThat(result.get("received").asInt()).isEqualTo(4);
    assertThat(result.get("accepted").asInt()).isEqualTo(1);
    assertThat(result.get("errors")).extracting(e -> e.get("row").asInt() + ":" + e.get("field").asText())
        .contains("2:program", "3:personalId", "4:beneficiaryId");
    assertThat(result.toString()).doesNotContain("040290000123");
    await().atMost(Duration.ofSeconds(10)).until(() -> "ACCOUNT_REQUESTED".equals(
        Json.read(get("/api/v1/beneficiaries/" + prefix + "-1", token("dolisa-demo")).body()).path("status").asText()));
  }

  @Test
  void aCsvListMayCarrySocialInsuranceNumbers() {
    String list = HEADER.replace("\n", ",social_insurance_number\n")
        + prefix + "-1,PENSION,040090000123,Nguyễn Văn An,1990-05-17,MALE,40,16681,,970405,4001234567\n"
        + prefix + "-2,PENSION,040090000123,Nguyễn Văn An,1990-05-17,MALE,40,16681,,970405,40012345678\n"
        + prefix + "-3,PENSION,040090000123,Nguyễn Văn An,1990-05-17,MALE,40,16681,,970405,\n";

    JsonNode result = Json.read(csv(list.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv").body());

    assertThat(result.get("accepted").asInt()).as(result.toString()).isEqualTo(2);
    assertThat(result.get("errors")).extracting(e -> e.get("row").asInt() + ":" + e.get("field").asText())
        .containsExactly("2:socialInsuranceNumber");
    assertThat(jdbc.queryForList("select coalesce(social_insurance_number, '-') from beneficiary"
        + " where beneficiary_id in (?, ?) order by beneficiary_id", String.class, prefix + "-1", prefix + "-3"))
        .containsExactly("4001234567", "-");
  }

  @Test
  void aJsonArrayIsAcceptedToo() {
    String array = """
        [{"beneficiaryId":"%s-1","program":"MERITORIOUS","personalId":"040090000123","fullName":"Nguyễn Văn An",
          "dateOfBirth":"1990-05-17","preferredBankBin":"970405"},
         {"beneficiaryId":"%s-2","program":"MERITORIOUS","personalId":"040090000123","fullName":"Nguyễn Văn An",
          "dateOfBirth":"1990-05-17","preferredBankBin":"999999"}]""".formatted(prefix, prefix);

    JsonNode result = Json.read(postJson("/api/v1/beneficiaries/bulk", token("dolisa-demo"), array).body());

    assertThat(result.get("accepted").asInt()).isEqualTo(1);
    assertThat(result.at("/errors/0/row").asInt()).isEqualTo(2);
    assertThat(result.at("/errors/0/field").asText()).isEqualTo("preferredBankBin");
    await().atMost(Duration.ofSeconds(10)).until(() -> "ACCOUNT_REQUESTED".equals(
        Json.read(get("/api/v1/beneficiaries/" + prefix + "-1", token("dolisa-demo")).body()).path("status").asText()));
  }

  @Test
  void datesAsAgenciesSpreadsheetsWriteThemAreTakenAndUnreadableValuesAreRowErrorsNeverDropped() {
    String list = HEADER
        + prefix + "-1,SOCIAL_ALLOWANCE,040090000123,Nguyễn Văn An,17/05/1990,MALE,40,16681,0912345678,970405\n"
        + prefix + "-2,SOCIAL_ALLOWANCE,044301000456,Trần Thị Hoà,03/02/2001,WOMAN,44,18997,,970415\n"
        + prefix + "-3,SOCIAL_ALLOWANCE,044301000456,Trần Thị Hoà,31/02/2001,FEMALE,44,18997,,970415\n"
        + prefix + "-4,PENSION,044301000456,\"Trần Thị\u0007 Hoà\",2001-02-03,FEMALE,44,18997,,970415\n";

    JsonNode result = Json.read(csv(list.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv").body());

    assertThat(result.get("accepted").asInt()).isEqualTo(1);
    assertThat(result.get("errors")).extracting(e -> e.get("row").asInt() + ":" + e.get("field").asText())
        .containsExactlyInAnyOrder("2:gender", "3:dateOfBirth", "4:fullName");
    assertThat(jdbc.queryForObject("select date_of_birth from beneficiary where beneficiary_id = ?",
        java.time.LocalDate.class, prefix + "-1")).isEqualTo(java.time.LocalDate.of(1990, 5, 17));
  }

  @Test
  void aTcvn3ListIsStoredAsUnicodeAndOneSentAsUtf8IsRefusedNamingTcvn3() {
    byte[] tcvn3 = vn.ansinh.gateway.support.ProvincialBytes.concat(
        (HEADER + prefix + "-1,SOCIAL_ALLOWANCE,040090000123,").getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        vn.ansinh.gateway.support.ProvincialBytes.TCVN3_NAME,
        ",1990-05-17,MALE,40,16681,0912345678,970405\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    HttpResponse<String> asUtf8 = csv(tcvn3, "text/csv");
    HttpResponse<String> declared = csv(tcvn3, "text/csv; charset=x-tcvn3");

    assertThat(asUtf8.statusCode()).isEqualTo(400);
    assertThat(Json.read(asUtf8.body()).at("/errors/0/reason").asText()).contains("send charset=x-tcvn3");
    assertThat(declared.statusCode()).as(declared.body()).isEqualTo(202);
    assertThat(storedName(prefix + "-1")).isEqualTo(vn.ansinh.gateway.support.ProvincialBytes.NAME);
  }
}

package vn.ansinh.gateway.beneficiary;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.audit.SubjectHasher;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** Corrections, moves, suspension and termination of a beneficiary (SPEC §4.10), over HTTP. */
class BeneficiaryLifecycleTest extends GatewayHttpTest {

  private static final String AN = "040090000123";
  private static final String BANK = "/banks/970405/accounts/opening-requests";

  @Autowired
  Beneficiaries beneficiaries;

  @Autowired
  BeneficiaryLifecycle lifecycle;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  SubjectHasher subjects;

  @BeforeEach
  void agenciesAnswer() {
    PopulationRegistryStubs.citizen(registry, AN, "Nguyễn Văn An", "19900517", false);
    registry.stubFor(post(urlEqualTo(BANK)).willReturn(aResponse().withStatus(202).withBody("{}")));
    registry.stubFor(post(urlMatching("/(dolisa|vss)/notifications")).willReturn(aResponse().withStatus(200)));
  }

  private static String uniqueId() {
    return "LC-" + UUID.randomUUID().toString().substring(0, 13);
  }

  private static String registration(String id, String personalId, String name) {
    return """
        {"beneficiaryId":"%s","program":"SOCIAL_ALLOWANCE","personalId":"%s",
         "fullName":"%s","dateOfBirth":"1990-05-17","gender":"MALE","provinceCode":"40",
         "communeCode":"16681","phone":"0912345678","preferredBankBin":"970405"}""".formatted(id, personalId, name);
  }

  /** Registered by the partner, onboarding done as far as it goes: the version stays put from here. */
  private String registered(String partner, String personalId, String name, String settledStatus) {
    String id = uniqueId();
    assertThat(postJson("/api/v1/beneficiaries", token(partner), registration(id, personalId, name)).statusCode())
        .isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .until(() -> view(partner, id).path("status").asText().equals(settledStatus));
    return id;
  }

  private String registered(String partner) {
    return registered(partner, AN, "Nguyễn Văn An", "ACCOUNT_REQUESTED");
  }

  private JsonNode view(String partner, String id) {
    return Json.read(get("/api/v1/beneficiaries/" + id, token(partner)).body());
  }

  private String etag(String partner, String id) {
    HttpResponse<String> r = get("/api/v1/beneficiaries/" + id, token(partner));
    assertThat(r.statusCode()).isEqualTo(200);
    return r.headers().firstValue("ETag").orElseThrow();
  }

  private HttpResponse<String> patch(String partner, String id, String ifMatch, String body) {
    return patch(partner, id, ifMatch, BeneficiaryLifecycleController.MERGE_PATCH, body);
  }

  private HttpResponse<String> patch(String partner, String id, String ifMatch, String contentType, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url("/api/v1/beneficiaries/" + id))
        .header("Authorization", "Bearer " + token(partner)).header("Content-Type", contentType)
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body));
    if (ifMatch != null) {
      b.header("If-Match", ifMatch);
    }
    return send(b.build());
  }

  private HttpResponse<String> suspend(String partner, String id, String from) {
    return postJson("/api/v1/beneficiaries/" + id + "/suspension", token(partner),
        "{\"reason\":\"không có mặt tại địa phương\",\"effectiveFrom\":\"" + from + "\"}");
  }

  private HttpResponse<String> resume(String partner, String id, String from) {
    return send(HttpRequest.newBuilder(url("/api/v1/beneficiaries/" + id + "/suspension"))
        .header("Authorization", "Bearer " + token(partner)).header("Content-Type", "application/json")
        .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"effectiveFrom\":\"" + from + "\"}")).build());
  }

  private HttpResponse<String> terminate(String partner, String id, String reason, String from) {
    return postJson("/api/v1/beneficiaries/" + id + "/termination", token(partner),
        "{\"reason\":\"" + reason + "\",\"effectiveFrom\":\"" + from + "\",\"note\":\"decision 12/QĐ-UBND\"}");
  }

  private List<JsonNode> history(String partner, String id) {
    HttpResponse<String> r = get("/api/v1/beneficiaries/" + id + "/history", token(partner));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<JsonNode> changes = new ArrayList<>();
    Json.read(r.body()).path("changes").forEach(changes::add);
    return changes;
  }

  private String storedName(String owner, String id) {
    return beneficiaries.find(owner, id).orElseThrow().registration().fullName();
  }

  private static String field(HttpResponse<String> problem) {
    return Json.read(problem.body()).at("/errors/0/field").asText();
  }

  @Test
  void aCorrectedNameThePopulationDatabaseConfirmsTakesEffectAndOnboardingGoesOn() {
    // registered without diacritics: the registry's name is not this one
    String id = registered("dolisa-demo", AN, "Nguyen Van An", "IDENTITY_MISMATCH");

    HttpResponse<String> changed = patch("dolisa-demo", id, etag("dolisa-demo", id), "{\"fullName\":\"Nguyễn Văn An\"}");

    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(changed.headers().firstValue("ETag")).isPresent().isNotEqualTo(changed.request().headers()
        .firstValue("If-Match"));
    assertThat(storedName("dolisa-demo", id)).isEqualTo("Nguyễn Văn An");
    await().atMost(Duration.ofSeconds(10)).until(() -> view("dolisa-demo", id).path("status").asText()
        .equals("ACCOUNT_REQUESTED"));
    JsonNode last = history("dolisa-demo", id).get(1);
    assertThat(last.path("kind").asText()).isEqualTo("CHANGED");
    assertThat(last.path("fields").toString()).isEqualTo("[\"fullName\"]");
    assertThat(last.path("changedBy").asText()).isEqualTo("dolisa-demo");
    assertThat(history("dolisa-demo", id).toString()).doesNotContain("Nguyễn");
  }

  @Test
  void aNameThePopulationDatabaseDoesNotConfirmIsRefusedAndTheOldNameStays() {
    String id = registered("dolisa-demo");
    String before = etag("dolisa-demo", id);

    HttpResponse<String> refused = patch("dolisa-demo", id, before, "{\"fullName\":\"Nguyễn Văn Ân\",\"phone\":\"0987654321\"}");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    assertThat(field(refused)).isEqualTo("fullName");
    assertThat(refused.body()).doesNotContain("Ân").doesNotContain(AN);
    assertThat(storedName("dolisa-demo", id)).isEqualTo("Nguyễn Văn An");
    assertThat(beneficiaries.find("dolisa-demo", id).orElseThrow().registration().phone()).isEqualTo("0912345678");
    assertThat(etag("dolisa-demo", id)).isEqualTo(before);
    assertThat(history("dolisa-demo", id)).hasSize(1);
  }

  @Test
  void aRegistryOutageDuringANameCorrectionIs503AndChangesNothing() {
    String id = registered("dolisa-demo");
    // the lookup names the person, not the name: the registry is down for this person from here
    registry.stubFor(post(urlEqualTo("/population")).atPriority(1)
        .withRequestBody(containing("<SoDinhDanh>" + AN + "</SoDinhDanh>")).willReturn(aResponse().withStatus(503)));

    HttpResponse<String> unavailable = patch("dolisa-demo", id, etag("dolisa-demo", id), "{\"fullName\":\"Nguyễn Văn Ấn\"}");

    assertThat(unavailable.statusCode()).as(unavailable.body()).isEqualTo(503);
    assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
    assertThat(storedName("dolisa-demo", id)).isEqualTo("Nguyễn Văn An");
  }

  @Test
  void aMoveCountsFromItsEffectiveMonthAndTheOldCommuneBefore() {
    String id = registered("dolisa-demo");

    HttpResponse<String> moved = patch("dolisa-demo", id, etag("dolisa-demo", id),
        "{\"provinceCode\":\"40\",\"communeCode\":\"16702\",\"effectiveFrom\":\"2026-03-15\",\"phone\":null}");

    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    assertThat(lifecycle.communeDuring("dolisa-demo", id, YearMonth.of(2026, 2)).orElseThrow().communeCode())
        .isEqualTo("16681");
    assertThat(lifecycle.communeDuring("dolisa-demo", id, YearMonth.of(2026, 3)).orElseThrow().communeCode())
        .isEqualTo("16702");
    assertThat(lifecycle.communeDuring("dolisa-demo", id, YearMonth.of(2026, 11)).orElseThrow().communeCode())
        .isEqualTo("16702");
    assertThat(beneficiaries.find("dolisa-demo", id).orElseThrow().registration().phone()).isNull();
    JsonNode change = history("dolisa-demo", id).get(1);
    assertThat(change.path("kind").asText()).isEqualTo("MOVED");
    assertThat(change.path("effectiveFrom").asText()).isEqualTo("2026-03-15");
    assertThat(change.path("fields").toString()).isEqualTo("[\"provinceCode\",\"communeCode\",\"phone\"]");

    // a second move dated before the first cannot be placed in the history
    HttpResponse<String> earlier = patch("dolisa-demo", id, etag("dolisa-demo", id),
        "{\"communeCode\":\"16705\",\"effectiveFrom\":\"2026-03-01\"}");
    assertThat(earlier.statusCode()).as(earlier.body()).isEqualTo(422);
    assertThat(field(earlier)).isEqualTo("effectiveFrom");
    assertThat(lifecycle.communeDuring("dolisa-demo", id, YearMonth.of(2026, 3)).orElseThrow().communeCode())
        .isEqualTo("16702");
  }

  @Test
  void aStaleETagIs412AMissingOneIs428AndNothingChanges() {
    String id = registered("dolisa-demo");
    String first = etag("dolisa-demo", id);

    HttpResponse<String> applied = patch("dolisa-demo", id, first, "{\"phone\":\"0987654321\"}");
    HttpResponse<String> stale = patch("dolisa-demo", id, first, "{\"phone\":\"0911111111\"}");
    HttpResponse<String> missing = patch("dolisa-demo", id, null, "{\"phone\":\"0911111111\"}");
    HttpResponse<String> weak = patch("dolisa-demo", id, "W/" + etag("dolisa-demo", id), "{\"phone\":\"0911111111\"}");

    assertThat(applied.statusCode()).isEqualTo(200);
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(missing.statusCode()).isEqualTo(428);
    assertThat(weak.statusCode()).isEqualTo(412);
    assertThat(beneficiaries.find("dolisa-demo", id).orElseThrow().registration().phone()).isEqualTo("0987654321");
    // one of several tags naming the current version is enough
    assertThat(patch("dolisa-demo", id, first + ", " + etag("dolisa-demo", id), "{\"phone\":\"0911111111\"}")
        .statusCode()).isEqualTo(200);
  }

  @Test
  void badPatchesAreRefusedNamingTheFieldWithoutEchoingIt() {
    String id = registered("dolisa-demo");
    String tag = etag("dolisa-demo", id);

    assertThat(field(patch("dolisa-demo", id, tag, "{\"personalId\":\"040090000999\"}"))).isEqualTo("personalId");
    assertThat(field(patch("dolisa-demo", id, tag, "{\"program\":\"PENSION\"}"))).isEqualTo("program");
    assertThat(field(patch("dolisa-demo", id, tag, "{\"beneficiaryId\":\"X\"}"))).isEqualTo("beneficiaryId");
    assertThat(field(patch("dolisa-demo", id, tag, "{\"nickname\":\"An\"}"))).isEqualTo("nickname");
    HttpResponse<String> nul = patch("dolisa-demo", id, tag, "{\"fullName\":\"Nguy\\u0000n\"}");
    assertThat(nul.statusCode()).isEqualTo(400);
    assertThat(field(nul)).isEqualTo("fullName");
    assertThat(field(patch("dolisa-demo", id, tag, "{\"phone\":912345678}"))).isEqualTo("phone");
    assertThat(field(patch("dolisa-demo", id, tag, "{\"fullName\":null}"))).isEqualTo("fullName");
    assertThat(field(patch("dolisa-demo", id, tag, "{\"communeCode\":\"16702\",\"effectiveFrom\":\"+999999-01-01\"}")))
        .isEqualTo("effectiveFrom");
    assertThat(field(patch("dolisa-demo", id, tag, "{\"communeCode\":\"16702\",\"effectiveFrom\":\"1901-01-01\"}")))
        .isEqualTo("effectiveFrom");
    assertThat(field(patch("dolisa-demo", id, tag, "{\"communeCode\":\"16702\"}"))).isEqualTo("effectiveFrom");
    assertThat(field(patch("dolisa-demo", id, tag, "{\"phone\":\"" + "9".repeat(100_000) + "\"}"))).isEqualTo("phone");
    HttpResponse<String> secret = patch("dolisa-demo", id, tag, "{\"socialInsuranceNumber\":\"40012345X\"}");
    assertThat(secret.statusCode()).isEqualTo(400);
    assertThat(secret.body()).doesNotContain("40012345X");
    assertThat(patch("dolisa-demo", id, tag, "[]").statusCode()).isEqualTo(400);
    assertThat(patch("dolisa-demo", id, tag, "{}").statusCode()).isEqualTo(400);
    assertThat(patch("dolisa-demo", id, tag, "application/json", "{\"phone\":\"0987654321\"}").statusCode())
        .isEqualTo(415);
    assertThat(postJson("/api/v1/beneficiaries/" + id + "/suspension", token("dolisa-demo"),
        "{\"reason\":\"x\",\"effectiveFrom\":\"2026-02-30\"}").statusCode()).isEqualTo(400);
    assertThat(field(postJson("/api/v1/beneficiaries/" + id + "/termination", token("dolisa-demo"),
        "{\"reason\":\"BORED\",\"effectiveFrom\":\"2026-02-01\"}"))).isEqualTo("reason");
    assertThat(etag("dolisa-demo", id)).isEqualTo(tag);
    assertThat(history("dolisa-demo", id)).hasSize(1);
  }

  @Test
  void aTerminatedBeneficiaryAnswers409ToEveryChange() {
    String id = registered("dolisa-demo");

    HttpResponse<String> ended = terminate("dolisa-demo", id, "MOVED_OUT", "2026-10-01");

    assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
    assertThat(Json.read(ended.body()).path("status").asText()).isEqualTo("TERMINATED");
    assertThat(Json.read(ended.body()).path("statusReason").asText()).contains("2026-10-01").contains("MOVED_OUT");
    assertThat(patch("dolisa-demo", id, etag("dolisa-demo", id), "{\"phone\":\"0987654321\"}").statusCode())
        .isEqualTo(409);
    assertThat(suspend("dolisa-demo", id, "2026-11-01").statusCode()).isEqualTo(409);
    assertThat(resume("dolisa-demo", id, "2026-11-01").statusCode()).isEqualTo(409);
    assertThat(terminate("dolisa-demo", id, "OTHER", "2026-11-01").statusCode()).isEqualTo(409);
    assertThat(view("dolisa-demo", id).path("status").asText()).isEqualTo("TERMINATED");
    // stored so, for every reader of the register, and onboarding's late word does not undo it
    beneficiaries.status("dolisa-demo", id, BeneficiaryStatus.ACCOUNT_OPEN, null);
    assertThat(beneficiaries.find("dolisa-demo", id).orElseThrow().status()).isEqualTo(BeneficiaryStatus.TERMINATED);
    assertThat(history("dolisa-demo", id)).extracting(c -> c.path("kind").asText())
        .containsExactly("REGISTERED", "TERMINATED");
  }

  @Test
  void aSuspensionAndItsResumptionAreShownAndKeptInTheHistory() {
    String id = registered("dolisa-demo");

    HttpResponse<String> suspended = suspend("dolisa-demo", id, "2026-03-01");
    HttpResponse<String> again = suspend("dolisa-demo", id, "2026-04-01");
    HttpResponse<String> tooEarly = resume("dolisa-demo", id, "2026-02-01");
    HttpResponse<String> resumed = resume("dolisa-demo", id, "2026-05-01");
    HttpResponse<String> notSuspended = resume("dolisa-demo", id, "2026-06-01");

    assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
    assertThat(Json.read(suspended.body()).path("status").asText()).isEqualTo("SUSPENDED");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(tooEarly.statusCode()).isEqualTo(422);
    assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
    assertThat(Json.read(resumed.body()).path("status").asText()).isEqualTo("ACCOUNT_REQUESTED");
    assertThat(notSuspended.statusCode()).isEqualTo(409);
    assertThat(history("dolisa-demo", id)).extracting(c -> c.path("kind").asText() + " " + c.path("effectiveFrom")
        .asText()).containsExactly("REGISTERED ", "SUSPENDED 2026-03-01", "RESUMED 2026-05-01");
    // a new suspension may not start inside the one that ended
    assertThat(suspend("dolisa-demo", id, "2026-04-15").statusCode()).isEqualTo(422);
  }

  @Test
  void anotherPartnersBeneficiaryIsNotFoundAndOperatorsMayNotChangeOne() {
    String id = registered("dolisa-demo");
    String tag = etag("dolisa-demo", id);

    assertThat(patch("vss-demo", id, tag, "{\"phone\":\"0987654321\"}").statusCode()).isEqualTo(404);
    assertThat(suspend("vss-demo", id, "2026-03-01").statusCode()).isEqualTo(404);
    assertThat(resume("vss-demo", id, "2026-03-01").statusCode()).isEqualTo(404);
    assertThat(terminate("vss-demo", id, "OTHER", "2026-03-01").statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/beneficiaries/" + id + "/history", token("vss-demo")).statusCode()).isEqualTo(404);
    assertThat(patch("ops-demo", id, tag, "{\"phone\":\"0987654321\"}").statusCode()).isEqualTo(403);
    assertThat(suspend("treasury-demo", id, "2026-03-01").statusCode()).isEqualTo(403);
    assertThat(get("/api/v1/beneficiaries/" + id + "/history", token("ops-demo")).statusCode()).isEqualTo(403);
    String readOnly = fetchToken("dolisa-demo", "beneficiary.read");
    assertThat(send(HttpRequest.newBuilder(url("/api/v1/beneficiaries/" + id + "/suspension"))
        .header("Authorization", "Bearer " + readOnly).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"x\",\"effectiveFrom\":\"2026-03-01\"}")).build())
        .statusCode()).isEqualTo(403);
    assertThat(get("/api/v1/beneficiaries/" + id + "/history", readOnly).statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/beneficiaries/" + id + "/history", null).statusCode()).isEqualTo(401);
    assertThat(etag("dolisa-demo", id)).isEqualTo(tag);
  }

  @Test
  void eachChangeReachesTheOwningAgencyInItsOwnFormat() {
    String dolisa = registered("dolisa-demo");
    String vss = registered("vss-demo");

    HttpResponse<String> suspended = suspend("dolisa-demo", dolisa, "2026-03-01");
    assertThat(suspended.statusCode()).isEqualTo(200);
    assertThat(patch("vss-demo", vss, etag("vss-demo", vss),
        "{\"provinceCode\":\"40\",\"communeCode\":\"16702\",\"effectiveFrom\":\"2026-04-01\"}").statusCode())
        .isEqualTo(200);

    JsonNode toDolisa = told("/dolisa/notifications", dolisa);
    assertThat(toDolisa.path("kind").asText()).isEqualTo("BENEFICIARY_CHANGE");
    assertThat(toDolisa.path("change").asText()).isEqualTo("SUSPENDED");
    assertThat(toDolisa.path("effectiveFrom").asText()).isEqualTo("2026-03-01");
    assertThat(toDolisa.path("status").asText()).isEqualTo("SUSPENDED");
    JsonNode toVss = told("/vss/notifications", AN);
    assertThat(toVss.path("loaiThongBao").asText()).isEqualTo("THAY_DOI_DOI_TUONG");
    assertThat(toVss.path("loaiThayDoi").asText()).isEqualTo("CHUYEN_DIA_BAN");
    assertThat(toVss.path("ngayHieuLuc").asText()).isEqualTo("01/04/2026");
    assertThat(toVss.path("maXa").asText()).isEqualTo("16702");
    assertThat(toVss.path("hoTen").asText()).isEqualTo("Nguyễn Văn An");
    assertThat(registry.findAll(postRequestedFor(urlEqualTo("/vss/notifications"))
        .withRequestBody(containing("CHUYEN_DIA_BAN"))).get(0).getHeader("Idempotency-Key")).startsWith("BC-");
    // and into the audit trail, under the keyed hash of the personal id
    String requestId = suspended.headers().firstValue("X-Request-Id").orElseThrow();
    await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject("select count(*) from audit_event"
        + " where request_id = ? and operation = 'suspendBeneficiary' and outcome = 'OK' and subject_hash = ?",
        Integer.class, requestId, subjects.hash(AN)) == 1);
  }

  /** The first lifecycle message to the agency that mentions {@code marker}. */
  private JsonNode told(String path, String marker) {
    RequestPatternBuilder pattern = postRequestedFor(urlEqualTo(path)).withRequestBody(containing(marker))
        .withRequestBody(containing("\"BENEFICIARY_CHANGE\"").or(containing("\"THAY_DOI_DOI_TUONG\"")));
    await().atMost(Duration.ofSeconds(10)).until(() -> !registry.findAll(pattern).isEmpty());
    return Json.read(registry.findAll(pattern).get(0).getBodyAsString());
  }

  @Test
  void aDeathTheRegistryReportsTerminatesEveryRegistrationFromTheNextMonthAndTellsEachAgency() {
    String person = "040090" + (800_000 + ThreadLocalRandom.current().nextInt(100_000));
    PopulationRegistryStubs.citizen(registry, person, "Trần Văn Tư", "19900517", false);
    String dolisa = registered("dolisa-demo", person, "Trần Văn Tư", "ACCOUNT_REQUESTED");
    String vss = registered("vss-demo", person, "Trần Văn Tư", "ACCOUNT_REQUESTED");

    int ended = lifecycle.terminateDeceased(person, LocalDate.of(2026, 11, 2), "population-registry");

    assertThat(ended).isEqualTo(2);
    for (String[] b : List.of(new String[] {"dolisa-demo", dolisa}, new String[] {"vss-demo", vss})) {
      JsonNode v = view(b[0], b[1]);
      assertThat(v.path("status").asText()).isEqualTo("TERMINATED");
      assertThat(v.path("statusReason").asText()).isEqualTo("terminated from 2026-12-01: DECEASED");
      JsonNode last = history(b[0], b[1]).get(1);
      assertThat(last.path("changedBy").asText()).isEqualTo("population-registry");
      assertThat(last.path("reason").asText()).isEqualTo("DECEASED");
    }
    assertThat(lifecycle.terminateDeceased(person, LocalDate.of(2026, 11, 2), "population-registry")).isZero();
    JsonNode toDolisa = told("/dolisa/notifications", dolisa);
    assertThat(toDolisa.path("change").asText()).isEqualTo("TERMINATED");
    assertThat(toDolisa.path("reason").asText()).isEqualTo("DECEASED");
    JsonNode toVss = told("/vss/notifications", person);
    assertThat(toVss.path("loaiThayDoi").asText()).isEqualTo("CHAM_DUT");
    assertThat(toVss.path("ngayHieuLuc").asText()).isEqualTo("01/12/2026");
    // audited under the keyed hash, never the id itself
    await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject("select count(*) from audit_event"
        + " where operation = 'terminateDeceased' and subject_hash = ?", Integer.class, subjects.hash(person)) == 2);
    assertThat(jdbc.queryForObject("select count(*) from audit_event where partner like ? or operation like ?",
        Integer.class, "%" + person + "%", "%" + person + "%")).isZero();
  }

  @Test
  void theHouseholdIsSetChangedAndRemovedTogetherWithItsCategory() {
    String id = registered("dolisa-demo");

    HttpResponse<String> half = patch("dolisa-demo", id, etag("dolisa-demo", id), "{\"householdId\":\"HH-40-0001\"}");
    assertThat(half.statusCode()).isEqualTo(400);
    assertThat(Json.read(half.body()).path("errors").get(0).path("field").asText()).isEqualTo("householdCategory");

    HttpResponse<String> set = patch("dolisa-demo", id, etag("dolisa-demo", id),
        "{\"householdId\":\"HH-40-0001\",\"householdCategory\":\"NEAR_POOR\"}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(view("dolisa-demo", id).path("householdCategory").asText()).isEqualTo("NEAR_POOR");

    HttpResponse<String> wrong = patch("dolisa-demo", id, etag("dolisa-demo", id), "{\"householdCategory\":\"RICH\"}");
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.body()).doesNotContain("RICH");

    HttpResponse<String> category = patch("dolisa-demo", id, etag("dolisa-demo", id), "{\"householdCategory\":\"POOR\"}");
    assertThat(category.statusCode()).isEqualTo(200);
    assertThat(view("dolisa-demo", id).path("householdId").asText()).isEqualTo("HH-40-0001");

    HttpResponse<String> removed = patch("dolisa-demo", id, etag("dolisa-demo", id),
        "{\"householdId\":null,\"householdCategory\":null}");
    assertThat(removed.statusCode()).isEqualTo(200);
    assertThat(view("dolisa-demo", id).has("householdId")).isFalse();
    assertThat(view("dolisa-demo", id).has("householdCategory")).isFalse();
  }
}

package vn.ansinh.gateway.register;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** The population database pushes life events (SPEC §4.11): signed, idempotent, and a death stops later payments. */
class PopulationEventTest extends RegisterHttpTest {

  private static String eventId() {
    return "C06-" + UUID.randomUUID();
  }

  @Test
  void aPushedDeathStopsNextMonthsPaymentKeepsTheMonthOfDeathAndPublishesPersonDied() {
    String person = newPerson();
    String name = "Võ Văn Tư";
    String sameMonth = awaitingApproval("2026-11", "PD-" + person + "-11", person, name);
    String nextMonth = awaitingApproval("2026-12", "PD-" + person + "-12", person, name);
    assertThat(paymentStatus(nextMonth)).isEqualTo("PENDING");

    HttpResponse<String> accepted = pushDeath(eventId(), person, "2026-11-02");

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(Json.read(accepted.body()).path("status").asText()).isEqualTo("ACCEPTED");
    await().atMost(Duration.ofSeconds(10)).until(() -> "DECEASED".equals(paymentStatus(nextMonth)));
    await().atMost(Duration.ofSeconds(10)).until(() -> !deathsOf(person).isEmpty());
    assertThat(deathsOf(person)).containsExactly(new PersonDied(person, LocalDate.of(2026, 11, 2), "population-event"));
    assertThat(paymentStatus(sameMonth)).as("payable up to and including the month of death").isEqualTo("PENDING");
    assertThat(batch(nextMonth).at("/counts/deceased").asLong()).isEqualTo(1);
    assertThat(batch(nextMonth).at("/counts/toBanks").asLong()).isZero();
    assertThat(batch(nextMonth).path("status").asText()).isEqualTo("AWAITING_APPROVAL");
    // no bank file is left planned with the stopped payment in it
    assertThat(jdbc.queryForObject("select coalesce(sum(f.tx_count), 0) from payment_file f join payment_batch b"
        + " on b.batch_key = f.batch_key where b.batch_id = ?", Long.class, nextMonth)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from person_claim where personal_id = ? and period = '2026-12'",
        Long.class, person)).isZero();
  }

  @Test
  void theSameEventAgainGetsTheStoredAnswerAndAnotherEventUnderItsIdIs409() {
    String person = newPerson();
    String id = eventId();
    String body = event(id, person, "DECEASED", "2026-10-20");

    HttpResponse<String> first = push(REGISTRY_PARTNER, "population-registry", body);
    HttpResponse<String> again = push(REGISTRY_PARTNER, "population-registry", body);
    HttpResponse<String> respaced = push(REGISTRY_PARTNER, "population-registry", body.replace(",", ", "));
    HttpResponse<String> other = push(REGISTRY_PARTNER, "population-registry", event(id, person, "DECEASED", "2026-10-21"));

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(respaced.statusCode()).as("the same event, other spacing").isEqualTo(200);
    assertThat(other.statusCode()).isEqualTo(409);
    assertThat(jdbc.queryForObject("select count(*) from death_notice where personal_id = ?", Long.class, person))
        .as("one death, one notice").isEqualTo(1);
    assertThat(jdbc.queryForObject("select date_of_death::text from deceased_person where personal_id = ?", String.class,
        person)).isEqualTo("2026-10-20");
  }

  @Test
  void identicalPushesAtTheSameMomentGetOneEffectAndNeverA500() {
    String person = newPerson();
    String body = event(eventId(), person, "DECEASED", "2026-09-09");
    List<CompletableFuture<HttpResponse<String>>> pushes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      pushes.add(CompletableFuture.supplyAsync(() -> push(REGISTRY_PARTNER, "population-registry", body)));
    }

    List<Integer> statuses = pushes.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

    assertThat(statuses).containsOnly(202, 200);
    assertThat(statuses).containsOnlyOnce(202);
    assertThat(jdbc.queryForObject("select count(*) from death_notice where personal_id = ?", Long.class, person))
        .isEqualTo(1);
  }

  @Test
  void signaturesThatDoNotHoldAre401AndOtherPartnersAre403() {
    String person = newPerson();
    String body = event(eventId(), person, "DECEASED", "2026-10-01");

    assertThat(push(REGISTRY_PARTNER, null, body).statusCode()).as("unsigned").isEqualTo(401);
    assertThat(push(REGISTRY_PARTNER, "bank-stranger", body).statusCode()).as("another key").isEqualTo(401);
    HttpResponse<String> tampered = send(HttpRequest.newBuilder(url(EVENTS))
        .header("Authorization", "Bearer " + token(REGISTRY_PARTNER)).header("Content-Type", "application/json")
        .header("X-JWS-Signature", sign("population-registry", body))
        .POST(HttpRequest.BodyPublishers.ofString(body.replace("2026-10-01", "2026-10-02"))).build());
    assertThat(tampered.statusCode()).as("the body is not what was signed").isEqualTo(401);
    assertThat(push("bank-970405-demo", "bank-970405", body).statusCode()).as("a bank may not push life events")
        .isEqualTo(403);
    assertThat(push("dolisa-demo", "population-registry", body).statusCode()).isEqualTo(403);
    assertThat(jdbc.queryForObject("select count(*) from deceased_person where personal_id = ?", Long.class, person))
        .as("nothing recorded").isZero();
  }

  @Test
  void badEventsAre400WithoutEchoingThePersonalId() {
    String person = newPerson();
    List<String> bad = List.of(
        event(eventId(), person, "ALIVE", "2026-10-01"),
        event(eventId(), "044050", "DECEASED", "2026-10-01"),
        event(eventId(), person, "DECEASED", "+999999-01-01"),
        event(eventId(), person, "DECEASED", "2999-01-01"),
        event(eventId(), person, "DECEASED", LocalDate.now().plusDays(5).toString()),
        event("bad\u0000id", person, "DECEASED", "2026-10-01"),
        "{\"eventId\":\"" + eventId() + "\",\"personalId\":" + 44050000001L + ",\"type\":\"DECEASED\",\"date\":\"2026-10-01\"}",
        "{\"eventId\":null,\"personalId\":\"" + person + "\",\"type\":\"DECEASED\",\"date\":\"2026-10-01\"}",
        "{\"eventId\":\"" + eventId() + "\",\"personalId\":\"" + person + "\",\"type\":\"DECEASED\"}",
        event(eventId(), person, "DECEASED", "2026-10-01").replace("}", ",\"extra\":1}"),
        "[]", "not json");
    for (String body : bad) {
      HttpResponse<String> refused = push(REGISTRY_PARTNER, "population-registry", body);
      assertThat(refused.statusCode()).as(body).isEqualTo(400);
      assertThat(refused.body()).as(body).doesNotContain(person);
    }
  }

  @Test
  void aDeathForSomeoneNotYetRegisteredIsAppliedWhenTheyAreRegistered() {
    String person = newPerson();
    assertThat(pushDeath(eventId(), person, "2026-08-08").statusCode()).isEqualTo(202);
    // the registry's lookup still says alive (it lags behind its own events): the pushed death prevails
    PopulationRegistryStubs.citizen(registry, person, "Đỗ Văn Năm", "19500101", false);
    registry.stubFor(post(urlEqualTo("/banks/970405/accounts/opening-requests"))
        .willReturn(aResponse().withStatus(202).withBody("{}")));
    String beneficiaryId = "PE-" + person;

    HttpResponse<String> registered = postJson("/api/v1/beneficiaries", token("dolisa-demo"), """
        {"beneficiaryId":"%s","program":"PENSION","personalId":"%s","fullName":"Đỗ Văn Năm",
         "dateOfBirth":"1950-01-01","gender":"MALE","preferredBankBin":"970405"}""".formatted(beneficiaryId, person));

    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
    // onboarding finds the stored death (DECEASED), or the notice, applied a moment later, finds the new
    // registration and ends it (TERMINATED, reason DECEASED): either way no account, no payment
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      JsonNode b = Json.read(get("/api/v1/beneficiaries/" + beneficiaryId, token("dolisa-demo")).body());
      return "DECEASED".equals(b.path("status").asText())
          || "TERMINATED".equals(b.path("status").asText()) && b.path("statusReason").asText().endsWith("DECEASED");
    });
    assertThat(registry.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().startsWith("/banks/")
            && e.getRequest().getBodyAsString().contains(person))).as("no bank is asked").isEmpty();
  }

  @Test
  void aDeathThePaymentGateFindsStopsLaterPaymentsInBatchesAwaitingApproval() {
    String person = newPerson();
    String name = "Lý Văn Bảy";
    String december = awaitingApproval("2026-12", "GD-" + person + "-12", person, name);
    // a month on, the person's verification is old and the registry has learnt of the death
    jdbc.update("update person_verification set verified_at = now() - interval '40 days' where personal_id = ?", person);
    PopulationRegistryStubs.diedOn(registry, person, name, "20261115");

    String november = awaitingApproval("2026-11", "GD-" + person + "-11", person, name);

    assertThat(paymentStatus(november)).as("the month of death stays payable").isEqualTo("PENDING");
    await().atMost(Duration.ofSeconds(10)).until(() -> "DECEASED".equals(paymentStatus(december)));
    await().atMost(Duration.ofSeconds(10)).until(() -> !deathsOf(person).isEmpty());
    assertThat(deathsOf(person)).containsExactly(new PersonDied(person, LocalDate.of(2026, 11, 15), "population-registry"));
  }

  @Test
  void aCorrectedDeathIsNotTakenAgainFromAPushWithTheSameDateButIsWithAnother() {
    String person = newPerson();
    assertThat(pushDeath(eventId(), person, "2026-07-07").statusCode()).isEqualTo(202);
    HttpResponse<String> corrected = postJson("/api/v1/death-records/corrections", token("ops-demo"),
        "{\"personalId\":\"" + person + "\",\"reason\":\"the commune confirmed the person is alive\"}");
    assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);

    assertThat(pushDeath(eventId(), person, "2026-07-07").statusCode()).isEqualTo(202);
    assertThat(jdbc.queryForObject("select count(*) from deceased_person where personal_id = ?", Long.class, person))
        .as("the corrected death stays corrected").isZero();
    assertThat(jdbc.queryForObject("select count(*) from death_notice where personal_id = ?", Long.class, person))
        .isEqualTo(1);

    assertThat(pushDeath(eventId(), person, "2026-09-09").statusCode()).isEqualTo(202);
    assertThat(jdbc.queryForObject("select date_of_death::text from deceased_person where personal_id = ?", String.class,
        person)).isEqualTo("2026-09-09");
  }

  @Test
  void aPushedDeathTerminatesTheRegistrationsOfEveryAgencyAndTellsDolisaAndVss() {
    registry.stubFor(post(urlMatching("/banks/[0-9]+/accounts/opening-requests")).willReturn(aResponse().withStatus(202)));
    registry.stubFor(post(urlMatching("/(dolisa|vss)/notifications")).willReturn(aResponse().withStatus(200)));
    String person = newPerson();
    String name = "Hà Văn Sơn";
    PopulationRegistryStubs.citizen(registry, person, name, "19500101", false);
    for (String partner : List.of("dolisa-demo", "vss-demo")) {
      HttpResponse<String> r = postJson("/api/v1/beneficiaries", token(partner), """
          {"beneficiaryId":"PD-%s","program":"SOCIAL_ALLOWANCE","personalId":"%s","fullName":"%s",
           "dateOfBirth":"1950-01-01","gender":"MALE","preferredBankBin":"970405"}""".formatted(person, person, name));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(10)).until(() -> "ACCOUNT_REQUESTED".equals(Json.read(
          get("/api/v1/beneficiaries/PD-" + person, token(partner)).body()).path("status").asText()));
    }

    assertThat(pushDeath(eventId(), person, "2026-11-02").statusCode()).isEqualTo(202);

    for (String partner : List.of("dolisa-demo", "vss-demo")) {
      await().atMost(Duration.ofSeconds(10)).until(() -> "TERMINATED".equals(Json.read(
          get("/api/v1/beneficiaries/PD-" + person, token(partner)).body()).path("status").asText()));
      assertThat(Json.read(get("/api/v1/beneficiaries/PD-" + person, token(partner)).body()).path("statusReason")
          .asText()).isEqualTo("terminated from 2026-12-01: DECEASED");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !registry.findAll(postRequestedFor(urlEqualTo(
        "/dolisa/notifications")).withRequestBody(containing("PD-" + person)).withRequestBody(containing("TERMINATED")))
        .isEmpty());
    await().atMost(Duration.ofSeconds(10)).until(() -> !registry.findAll(postRequestedFor(urlEqualTo(
        "/vss/notifications")).withRequestBody(containing(person)).withRequestBody(containing("CHAM_DUT"))).isEmpty());
  }
}

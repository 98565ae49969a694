package vn.ansinh.gateway.register;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import vn.ansinh.gateway.audit.SubjectHasher;
import vn.ansinh.gateway.payment.PersonVerifications;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** The scheduled life-status sync (SPEC §4.11): it finds deaths, holds the pace across instances, and reports. */
class RegisterSyncTest extends RegisterHttpTest {

  private static final String PEOPLE_OF_THESE_TESTS = "044050%";

  @Autowired
  RegisterSync registerSync;
  @Autowired
  CamelContext camel;
  @Autowired
  ProducerTemplate flows;
  @Autowired
  TransactionTemplate tx;
  @Autowired
  PersonVerifications verifications;
  @Autowired
  SubjectHasher subjects;
  @Autowired
  Clock clock;

  @BeforeEach
  void onlyThesePeopleAreDue() {
    // other tests' people are left alone: the sync would otherwise verify them against stubs not made for it
    registerSync.enrol();
    jdbc.update("update register_sync set due_at = now() + interval '30 days' where personal_id not like ?",
        PEOPLE_OF_THESE_TESTS);
  }

  private RegisterSync worker(int callsPerSecond, int claimSize) {
    return new RegisterSync(jdbc, tx, flows, verifications, subjects, populationRegistryCircuitBreaker,
        new RegisterProperties(true, Duration.ofDays(30), callsPerSecond, 1000, claimSize, 4, Duration.ofMinutes(5),
            Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMillis(200)), clock);
  }

  /** A beneficiary written straight into the register, its person due for the sync now. */
  private void dueBeneficiary(String person) {
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.update("insert into beneficiary (owner, beneficiary_id, program, personal_id, full_name, date_of_birth,"
        + " preferred_bank_bin, status, created_at, updated_at) values ('dolisa-demo', ?, 'SOCIAL_ALLOWANCE', ?,"
        + " 'Phan Văn Tâm', date '1950-01-01', '970405', 'ACCOUNT_OPEN', ?, ?)", "RS-" + person, person, now, now);
    jdbc.update("insert into register_sync (personal_id, due_at) values (?, now() - interval '1 day')", person);
  }

  @Test
  void theScheduledSyncFindsADeathTheRegistryLearnedOfAfterRegistration() throws Exception {
    String person = newPerson();
    String name = "Trương Văn Sáu";
    String beneficiaryId = "SY-" + person;
    PopulationRegistryStubs.citizen(registry, person, name, "19500101", false);
    HttpResponse<String> registered = postJson("/api/v1/beneficiaries", token("dolisa-demo"), """
        {"beneficiaryId":"%s","program":"PENSION","personalId":"%s","fullName":"%s",
         "dateOfBirth":"1950-01-01","gender":"MALE","preferredBankBin":"970405"}""".formatted(beneficiaryId, person, name));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
        "select count(*) from person_verification where personal_id = ?", Long.class, person) == 1);
    // a month and more goes by; meanwhile the registry learns of the death
    jdbc.update("update person_verification set verified_at = now() - interval '40 days' where personal_id = ?", person);
    jdbc.update("delete from register_sync where personal_id = ?", person);
    PopulationRegistryStubs.diedOn(registry, person, name, "20261105");
    registerSync.enrol();
    assertThat(jdbc.queryForObject("select due_at <= now() from register_sync where personal_id = ?", Boolean.class,
        person)).as("due again within the window after the last verification").isTrue();

    camel.getRouteController().startRoute("register-sync");
    try {
      await().atMost(Duration.ofSeconds(15)).until(() -> !deathsOf(person).isEmpty());
    } finally {
      camel.getRouteController().stopRoute("register-sync");
    }

    assertThat(deathsOf(person)).containsExactly(new PersonDied(person, LocalDate.of(2026, 11, 5), "register-sync"));
    assertThat(jdbc.queryForObject("select date_of_death::text from deceased_person where personal_id = ?", String.class,
        person)).isEqualTo("2026-11-05");
    assertThat(jdbc.queryForObject("select verified_at > now() - interval '1 minute' from person_verification"
        + " where personal_id = ?", Boolean.class, person)).as("the payment gate benefits").isTrue();
    assertThat(jdbc.queryForObject("select due_at between now() and now() + interval '30 days' from register_sync"
        + " where personal_id = ?", Boolean.class, person)).as("next due at its place in the coming window").isTrue();
  }

  @Test
  void twoInstancesTogetherStayUnderTheConfiguredCallsPerSecondCountedAtTheRegistry() throws Exception {
    registry.stubFor(post(urlEqualTo("/population")).atPriority(20)
        .withRequestBody(matching("(?s).*<SoDinhDanh>044050[0-9]{6}</SoDinhDanh>.*"))
        .willReturn(PopulationRegistryStubs.soap(PopulationRegistryStubs.lookupAnswer("044050000000", "Phan Văn Tâm",
            "19500101", false))));
    for (int i = 0; i < 60; i++) {
      dueBeneficiary(newPerson());
    }
    int limit = 5;
    long runFor = 4_000;
    List<Integer> claimedBy = new ArrayList<>();
    try (RegisterSync one = worker(limit, 8); RegisterSync two = worker(limit, 8)) {
      long end = System.currentTimeMillis() + runFor;
      List<CompletableFuture<Integer>> workers = new ArrayList<>();
      for (RegisterSync w : List.of(one, two)) {
        workers.add(CompletableFuture.supplyAsync(() -> {
          int claimed = 0;
          try {
            while (System.currentTimeMillis() < end) {
              claimed += w.verifyNext();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return claimed;
        }));
      }
      workers.forEach(w -> claimedBy.add(w.join()));
    }

    List<Long> calls = registry.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getBodyAsString().contains("<MaYeuCau>register-sync-"))
        .map(e -> e.getRequest().getLoggedDate().getTime()).sorted().toList();
    Map<Long, Integer> perSecond = new TreeMap<>();
    calls.forEach(t -> perSecond.merge(t / 1000, 1, Integer::sum));
    assertThat(claimedBy).as("both instances took work").allMatch(n -> n > 0);
    assertThat(calls.size()).as("the run made calls: %s", perSecond).isGreaterThanOrEqualTo(15);
    assertThat(perSecond.values()).as("calls per second at the registry: %s", perSecond).allMatch(n -> n <= limit);
    long seconds = calls.get(calls.size() - 1) / 1000 - calls.get(0) / 1000 + 1;
    assertThat(calls.size()).as("calls over the %s calendar seconds of the run", seconds)
        .isLessThanOrEqualTo((int) (limit * seconds));
  }

  @Test
  void peopleVerifiedOnOneDayAreDueAgainSpreadOverTheWindowAndWithinIt() {
    // 3,000 people verified at the same moment: their next verifications fall evenly over 30 days
    List<Map<String, Object>> days = jdbc.queryForList("""
        select floor(extract(epoch from register_next_due(lpad(g::text, 12, '0'), now(), 2592000) - now())
                     / 86400)::int as day, count(*) as people
        from generate_series(1, 3000) g group by 1 order by 1""");

    assertThat(days).hasSize(30);
    assertThat(days).allSatisfy(d -> assertThat(((Number) d.get("people")).longValue()).isBetween(50L, 150L));
    assertThat(jdbc.queryForObject("select bool_and(register_next_due(lpad(g::text, 12, '0'), now(), 2592000)"
        + " between now() and now() + interval '30 days') from generate_series(1, 3000) g", Boolean.class)).isTrue();
  }

  @Test
  void anIdentityChangePushedByTheRegistryPutsThePersonFirstInTheQueue() throws Exception {
    String waiting = newPerson();
    String changed = newPerson();
    dueBeneficiary(waiting);
    dueBeneficiary(changed);
    jdbc.update("update register_sync set due_at = now() - interval '20 days' where personal_id = ?", waiting);
    PopulationRegistryStubs.citizen(registry, changed, "Phan Văn Tâm", "19500101", false);

    HttpResponse<String> accepted = push(REGISTRY_PARTNER, "population-registry",
        event("C06-ID-" + changed, changed, "IDENTITY_CHANGED", "2026-11-20"));
    try (RegisterSync w = worker(20, 1)) {
      w.verifyNext();
    }

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(jdbc.queryForList("select personal_id from person_verification where personal_id in (?, ?)",
        String.class, waiting, changed)).containsExactly(changed);
  }

  @Test
  void aPersonHeldByAnInstanceThatStoppedIsTakenAgainOnceItsLeaseRunsOut() throws Exception {
    String person = newPerson();
    dueBeneficiary(person);
    jdbc.update("update register_sync set due_at = '-infinity', claimed_until = now() + interval '5 minutes'"
        + " where personal_id = ?", person);
    PopulationRegistryStubs.citizen(registry, person, "Phan Văn Tâm", "19500101", false);

    try (RegisterSync w = worker(20, 1)) {
      w.verifyNext();
      assertThat(jdbc.queryForObject("select count(*) from person_verification where personal_id = ?", Long.class,
          person)).as("still leased to the instance that took it").isZero();

      jdbc.update("update register_sync set claimed_until = now() - interval '1 second' where personal_id = ?", person);
      w.verifyNext();
    }

    assertThat(jdbc.queryForObject("select count(*) from person_verification where personal_id = ?", Long.class,
        person)).as("taken again from the table after the lease").isEqualTo(1);
    assertThat(jdbc.queryForObject("select claimed_until is null and due_at > now() from register_sync"
        + " where personal_id = ?", Boolean.class, person)).isTrue();
  }

  @Test
  void nothingIsClaimedWhileTheRegistrysCircuitIsOpen() throws Exception {
    String person = newPerson();
    dueBeneficiary(person);
    populationRegistryCircuitBreaker.transitionToOpenState();
    try (RegisterSync w = worker(20, 8)) {
      w.run(null);
    } finally {
      populationRegistryCircuitBreaker.reset();
    }
    assertThat(registry.getAllServeEvents()).isEmpty();
    assertThat(jdbc.queryForObject("select claimed_until is null and due_at <= now() from register_sync"
        + " where personal_id = ?", Boolean.class, person)).as("still due, for later").isTrue();
    assertThat(populationRegistryCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void syncStatusAnswersWithTheNumbers() throws Exception {
    String person = newPerson();
    dueBeneficiary(person);
    jdbc.update("update register_sync set due_at = '-infinity' where personal_id = ?", person);
    jdbc.update("insert into person_verification (personal_id, known, verified_at) values (?, true,"
        + " now() - interval '45 days')", person);
    PopulationRegistryStubs.citizen(registry, person, "Phan Văn Tâm", "19500101", false);
    JsonNode before = status();

    assertThat(before.path("activeBeneficiaries").asLong()).isPositive();
    assertThat(before.path("due").asLong()).isPositive();
    assertThat(Instant.parse(before.path("oldestVerificationAt").asText()))
        .isBefore(Instant.now().minus(Duration.ofDays(44)));
    assertThat(before.path("maxCallsPerSecond").asInt()).isEqualTo(20);
    assertThat(before.path("reverifyEvery").asText()).isEqualTo("PT720H");

    try (RegisterSync w = worker(20, 1)) {
      assertThat(w.verifyNext()).isEqualTo(1);
    }
    assertThat(pushDeath("C06-" + person, newPerson(), "2026-11-20").statusCode()).isEqualTo(202);
    JsonNode after = status();

    assertThat(after.path("due").asLong()).isLessThanOrEqualTo(before.path("due").asLong() - 1);
    assertThat(after.path("verifiedWithinWindow").asLong())
        .isGreaterThanOrEqualTo(before.path("verifiedWithinWindow").asLong() + 1);
    assertThat(after.path("callsPerSecondLastMinute").asDouble()).isPositive();
    assertThat(after.at("/deathsThisMonth/bySource/population-event").asLong())
        .isEqualTo(before.at("/deathsThisMonth/bySource/population-event").asLong() + 1);
    assertThat(after.at("/deathsThisMonth/total").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(get("/api/v1/register/sync-status", token("dolisa-demo")).statusCode()).isEqualTo(403);
    assertThat(get("/api/v1/register/sync-status", null).statusCode()).isEqualTo(401);
  }

  private JsonNode status() {
    HttpResponse<String> r = get("/api/v1/register/sync-status", token("ops-demo"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.read(r.body());
  }
}

package vn.ansinh.gateway.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.ForkedGateway;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** Two gateway instances on one PostgreSQL share a backlog: every bank request is sent exactly once. */
class TwoInstancesTest {

  private static final String BANK = "/banks/970405/accounts/opening-requests";
  private static final int BACKLOG = 1000;
  private static final Pattern BANK_CALLS = Pattern.compile(
      "camel_exchanges_total\\{[^}]*routeId=\"onboarding-account-opening-request\"[^}]*} ([0-9.]+)");

  @Test
  void aBacklogOfAThousandRegistrationsIsSentToTheBankExactlyOnceEach() throws Exception {
    WireMockServer agencies = new WireMockServer(options().dynamicPort().containerThreads(40));
    agencies.start();
    PopulationRegistryStubs.citizen(agencies, "040090000123", "Nguyễn Văn An", "19900517", false);
    agencies.stubFor(post(urlEqualTo(BANK)).willReturn(aResponse().withStatus(202)));
    Path root = Path.of("target", "two-instances", Long.toString(System.nanoTime()));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String[] shared = {
          "--gateway.database.embedded=false",
          "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
          "--spring.datasource.username=postgres",
          "--gateway.agencies.population-registry.url=" + agencies.baseUrl() + "/population",
          "--gateway.banks[970405].url=" + agencies.baseUrl() + "/banks/970405"};
      try (ForkedGateway a = new ForkedGateway(root.resolve("a"), shared);
           ForkedGateway b = new ForkedGateway(root.resolve("b"), shared)) {
        a.start(2);
        b.start(2);
        String backlog = IntStream.range(0, BACKLOG).mapToObj(i -> """
            {"beneficiaryId":"TWO-%04d","program":"SOCIAL_ALLOWANCE","personalId":"040090000123",
             "fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17","preferredBankBin":"970405"}""".formatted(i))
            .collect(Collectors.joining(",", "[", "]"));

        assertThat(Json.read(a.postJson("/api/v1/beneficiaries/bulk", a.token("dolisa-demo"), backlog).body())
            .get("accepted").asInt()).isEqualTo(BACKLOG);

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(
            () -> agencies.findAll(postRequestedFor(urlEqualTo(BANK))).size() >= BACKLOG);
        Thread.sleep(1000);   // a duplicate, if there were one, would arrive now
        Map<String, Long> perBeneficiary = agencies.findAll(postRequestedFor(urlEqualTo(BANK))).stream()
            .map(r -> Json.read(r.getBodyAsString()).get("beneficiaryId").asText())
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perBeneficiary).hasSize(BACKLOG).allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
        // both instances took part
        assertThat(bankCalls(a)).isPositive();
        assertThat(bankCalls(b)).isPositive();
        assertThat(bankCalls(a) + bankCalls(b)).isEqualTo(BACKLOG);
      }
    } finally {
      agencies.stop();
    }
  }

  private static long bankCalls(ForkedGateway gateway) {
    Matcher m = BANK_CALLS.matcher(gateway.get("/actuator/prometheus", gateway.token("ops-demo")).body());
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }
}

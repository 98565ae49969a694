package vn.ansinh.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** Every path is denied unless a valid token, the scope and the partner's access right allow it. */
class TokenRulesTest extends GatewayHttpTest {

  private static final String AN = """
      {"personalId":"040090000123","fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17"}""";

  @Autowired
  RSAKey tokenSigningKey;

  @Value("${gateway.security.issuer}")
  String issuer;

  @Value("${gateway.security.audience}")
  String audience;

  private int verifyWith(String token) {
    return postJson("/api/v1/citizens/verifications", token, AN).statusCode();
  }

  private String signed(RSAKey key, Instant expires, List<String> scopes) throws Exception {
    return signed(key, new JWTClaimsSet.Builder().subject("dolisa-demo").issuer(issuer).audience(audience)
        .issueTime(Date.from(expires.minusSeconds(900))).expirationTime(Date.from(expires))
        .claim("scope", scopes).build());
  }

  /** A token signed with the gateway's own key: only the claims decide. */
  private String signed(RSAKey key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Test
  void aValidTokenWithScopeAndAccessRightPasses() throws Exception {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);

    assertThat(verifyWith(token("dolisa-demo"))).isEqualTo(200);
    assertThat(verifyWith(signed(tokenSigningKey, Instant.now().plusSeconds(600), List.of("citizen.verify"))))
        .isEqualTo(200);
  }

  @Test
  void noTokenIs401WithAChallengeAndAProblem() {
    HttpResponse<String> response = postJson("/api/v1/citizens/verifications", null, AN);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(Json.read(response.body()).get("status").asInt()).isEqualTo(401);
  }

  @Test
  void aGarbageTokenIs401() {
    assertThat(verifyWith("not-a-jwt")).isEqualTo(401);
  }

  @Test
  void anUnsignedAlgNoneTokenIs401() {
    String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    String claims = b64("{\"sub\":\"dolisa-demo\",\"iss\":\"" + issuer + "\",\"scope\":[\"citizen.verify\"],\"exp\":"
        + Instant.now().plusSeconds(600).getEpochSecond() + "}");

    assertThat(verifyWith(header + "." + claims + ".")).isEqualTo(401);
  }

  @Test
  void aTokenSignedWithAnotherKeyIs401() throws Exception {
    RSAKey stranger = new RSAKeyGenerator(2048).keyID(tokenSigningKey.getKeyID()).generate();

    assertThat(verifyWith(signed(stranger, Instant.now().plusSeconds(600), List.of("citizen.verify")))).isEqualTo(401);
  }

  @Test
  void anExpiredTokenIs401() throws Exception {
    assertThat(verifyWith(signed(tokenSigningKey, Instant.now().minusSeconds(3600), List.of("citizen.verify"))))
        .isEqualTo(401);
  }

  private JWTClaimsSet.Builder claims(Instant issued) {
    return new JWTClaimsSet.Builder().subject("dolisa-demo").issuer(issuer)
        .issueTime(Date.from(issued)).claim("scope", List.of("citizen.verify"));
  }

  @Test
  void aWellSignedTokenWithoutExpiryIs401() throws Exception {
    Instant now = Instant.now();

    assertThat(verifyWith(signed(tokenSigningKey, claims(now).audience(audience).build()))).isEqualTo(401);
  }

  @Test
  void aWellSignedTokenForAnotherResourceServerOrForNoneIs401() throws Exception {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    Instant now = Instant.now();
    Date expires = Date.from(now.plusSeconds(600));

    assertThat(verifyWith(signed(tokenSigningKey, claims(now).audience("another-resource-server")
        .expirationTime(expires).build()))).isEqualTo(401);
    assertThat(verifyWith(signed(tokenSigningKey, claims(now).expirationTime(expires).build()))).isEqualTo(401);
    assertThat(verifyWith(signed(tokenSigningKey, claims(now).audience(List.of("another-resource-server", audience))
        .expirationTime(expires).build()))).as("one of several audiences").isEqualTo(200);
  }

  @Test
  void aWellSignedTokenThatLivesLongerThanTheGatewaysTokensIs401() throws Exception {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    Instant now = Instant.now();

    assertThat(verifyWith(signed(tokenSigningKey, claims(now).audience(audience)
        .expirationTime(Date.from(now.plus(java.time.Duration.ofDays(365)))).build()))).isEqualTo(401);
    assertThat(verifyWith(signed(tokenSigningKey, new JWTClaimsSet.Builder().subject("dolisa-demo").issuer(issuer)
        .audience(audience).claim("scope", List.of("citizen.verify")).expirationTime(Date.from(now.plusSeconds(600)))
        .build()))).as("no iat, so no lifetime to check").isEqualTo(401);
    assertThat(verifyWith(signed(tokenSigningKey, claims(now).audience(audience)
        .expirationTime(Date.from(now.plusSeconds(900))).build()))).as("exactly the configured lifetime").isEqualTo(200);
  }

  @Test
  void issuedTokensNameTheGatewayAsTheirAudience() throws Exception {
    SignedJWT jwt = SignedJWT.parse(fetchToken("dolisa-demo", "citizen.verify"));

    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(audience);
    assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isNotNull();
  }

  @Test
  void aTokenWithoutTheScopeIs403() {
    String narrow = fetchToken("dolisa-demo", "beneficiary.read");

    assertThat(verifyWith(narrow)).isEqualTo(403);
  }

  @Test
  void aPartnerWithTheScopeButNoAccessRightIs403() {
    HttpResponse<String> response = postJson("/api/v1/citizens/verifications", token("no-right-test"), AN);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(Json.read(response.body()).get("type").asText()).isEqualTo("urn:ansinh:problem:forbidden");
    assertThat(registryCallsFromRequests()).isEmpty();
  }

  @Test
  void soapCallsNeedATokenToo() {
    assertThat(postSoap("/ws/citizen", null, "<x/>").statusCode()).isEqualTo(401);
    assertThat(postSoap("/ws/citizen", token("no-right-test"), "<x/>").statusCode()).isEqualTo(403);
  }

  @Test
  void anotherPartnersServiceAndUnknownPathsAreDenied() {
    assertThat(get("/api/v1/audit/events", token("dolisa-demo")).statusCode()).isEqualTo(403);
    assertThat(get("/api/v1/unknown", token("dolisa-demo")).statusCode()).isEqualTo(403);
    assertThat(get("/api/v1/unknown", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aWrongClientSecretGetsNoToken() {
    HttpResponse<String> response = send(java.net.http.HttpRequest.newBuilder(url("/oauth2/token"))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("dolisa-demo:wrong".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @ParameterizedTest(name = "Accept: {0}")
  @ValueSource(strings = {"*/*", "application/json"})
  void aTokenRequestWithoutClientCredentialsIsInvalidClientNotARedirectToTheSignInPage(String accept) {
    HttpResponse<String> response = send(java.net.http.HttpRequest.newBuilder(url("/oauth2/token"))
        .header("Accept", accept).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Location")).isEmpty();
    // RFC 6749 section 5.2, as a wrong secret gets it: what an OAuth2 client library reads
    assertThat(Json.read(response.body()).path("error").asText()).isEqualTo("invalid_client");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
  }

  @Test
  void issuedTokensAreRs256AndVerifiableWithThePublishedKeys() throws Exception {
    SignedJWT jwt = SignedJWT.parse(token("dolisa-demo"));
    String jwks = get("/oauth2/jwks", null).body();

    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.getJWTClaimsSet().getStringListClaim("scope")).contains("citizen.verify", "beneficiary.read");
    assertThat(Json.read(jwks).at("/keys/0/kid").asText()).isEqualTo(jwt.getHeader().getKeyID());
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}

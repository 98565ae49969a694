package vn.ansinh.gateway.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.Base64;

/**
 * How a simulated bank, wallet provider or population database pushes to the gateway, as a real
 * one would: a token for its demo client (client credentials), the body signed with its key (JWS,
 * detached, in {@code X-JWS-Signature}), and an {@code Idempotency-Key} where one is given.
 */
final class SignedPushes {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json;
  private final String gatewayUrl;
  private final String clientSecret;

  SignedPushes(ObjectMapper json, String gatewayUrl, String clientSecret) {
    this.json = json;
    this.gatewayUrl = gatewayUrl;
    this.clientSecret = clientSecret;
  }

  /** The gateway's HTTP status for the push of {@code body} to {@code path} as {@code client}. */
  int push(String client, ECPrivateKey key, String path, String contentType, byte[] body, String idempotencyKey)
      throws IOException, InterruptedException, JOSEException {
    return send(client, key, path, contentType, body, idempotencyKey).statusCode();
  }

  /** The gateway's whole answer to the push of {@code body} to {@code path} as {@code client}. */
  HttpResponse<String> send(String client, ECPrivateKey key, String path, String contentType, byte[] body,
      String idempotencyKey) throws IOException, InterruptedException, JOSEException {
    JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload(body));
    jws.sign(new ECDSASigner(key));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
        .header("Authorization", "Bearer " + token(client)).header("Content-Type", contentType)
        .header("X-JWS-Signature", jws.serialize(true)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String token(String client) throws IOException, InterruptedException {
    String basic = Base64.getEncoder().encodeToString((client + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/oauth2/token"))
        .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
        HttpResponse.BodyHandlers.ofString());
    return json.readTree(r.body()).path("access_token").asText();
  }
}

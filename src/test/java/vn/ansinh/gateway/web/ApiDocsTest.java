package vn.ansinh.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.GatewayHttpTest;

/** The only published description is the contract in contracts/; nothing is generated from the code. */
class ApiDocsTest extends GatewayHttpTest {

  @Test
  void noDescriptionIsGeneratedFromTheCode() {
    for (String path : new String[] {"/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config"}) {
      HttpResponse<String> anonymous = get(path, null);
      HttpResponse<String> partner = get(path, token("dolisa-demo"));
      assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
      assertThat(partner.statusCode()).as(path).isIn(403, 404);
      assertThat(anonymous.body() + partner.body()).doesNotContain("/login").doesNotContain("/sim/");
    }
  }

  @Test
  void theApiPageShowsTheContractAsWritten() {
    HttpResponse<String> redirect = get("/api-docs", null);
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(
        l -> assertThat(l).endsWith("/api-docs/index.html"));
    HttpResponse<String> page = get("/api-docs/index.html", null);
    assertThat(page.body()).contains("/webjars/swagger-ui/swagger-ui-bundle.js").contains("contract.js");
    assertThat(get("/api-docs/contract.js", null).body()).contains("'/contracts/gateway/openapi.yaml'");
    HttpResponse<String> bundle = send(HttpRequest.newBuilder(url("/webjars/swagger-ui/swagger-ui-bundle.js"))
        .GET().build());
    assertThat(bundle.statusCode()).isEqualTo(200);
    assertThat(get("/contracts/gateway/openapi.yaml", null).body()).startsWith("openapi: 3.0.3");
  }
}

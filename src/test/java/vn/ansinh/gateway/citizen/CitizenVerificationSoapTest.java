package vn.ansinh.gateway.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

class CitizenVerificationSoapTest extends GatewayHttpTest {

  static String verifyCitizen(String id, String name, String dob) {
    return """
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:v="urn:ansinh:gateway:citizen:v1">
          <soap:Body><v:VerifyCitizenRequest><v:personalId>%s</v:personalId><v:fullName>%s</v:fullName>
          <v:dateOfBirth>%s</v:dateOfBirth></v:VerifyCitizenRequest></soap:Body></soap:Envelope>""".formatted(id, name, dob);
  }

  @Test
  void verifiesAnOverSoapWithTheSameFlow() {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);

    HttpResponse<String> response = postSoap("/ws/citizen", token("dolisa-demo"),
        verifyCitizen("040090000123", "Nguyễn Văn An", "1990-05-17"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("VerifyCitizenResponse")
        .contains("<personalId>040090000123</personalId>")
        .contains("<match>true</match>")
        .contains("<deceased>false</deceased>")
        .doesNotContain("<mismatches>");
  }

  @Test
  void reportsTheDeceasedBinhOverSoap() {
    PopulationRegistryStubs.citizen(registry, "001045000789", "Lê Văn Bình", "19450819", true);

    HttpResponse<String> response = postSoap("/ws/citizen", token("dolisa-demo"),
        verifyCitizen("001045000789", "Lê Văn Bình", "1945-08-20"));

    assertThat(response.body())
        .contains("<match>false</match>")
        .contains("<mismatches>dateOfBirth</mismatches>")
        .contains("<deceased>true</deceased>");
  }

  @Test
  void aBadPersonalIdIsAClientFaultAndNoAgencyIsCalled() {
    HttpResponse<String> response = postSoap("/ws/citizen", token("dolisa-demo"),
        verifyCitizen("040290000123", "Nguyễn Văn An", "1990-05-17"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("<faultcode>soap:Client</faultcode>").contains("personalId");
    assertThat(registryCallsFromRequests()).isEmpty();
  }

  @Test
  void aSchemaViolationIsAClientFault() {
    HttpResponse<String> response = postSoap("/ws/citizen", token("dolisa-demo"), """
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:v="urn:ansinh:gateway:citizen:v1">
          <soap:Body><v:VerifyCitizenRequest><v:personalId>040090000123</v:personalId>
          <v:dateOfBirth>1990-05-17</v:dateOfBirth></v:VerifyCitizenRequest></soap:Body></soap:Envelope>""");

    assertThat(response.body()).contains("<faultcode>soap:Client</faultcode>");
  }
}

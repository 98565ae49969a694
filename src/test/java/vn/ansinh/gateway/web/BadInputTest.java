package vn.ansinh.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;

/** Bad input gets a clear 4xx or SOAP Client fault, fast, and no agency is called. */
class BadInputTest extends GatewayHttpTest {

  private HttpResponse<String> verify(String json) {
    return postJson("/api/v1/citizens/verifications", token("dolisa-demo"), json);
  }

  @ParameterizedTest(name = "{3}")
  @CsvSource(delimiter = '|', textBlock = """
      04009000012    | 1990-05-17 | personalId  | eleven digits
      04009000012X   | 1990-05-17 | personalId  | a letter
      003090000123   | 1990-05-17 | personalId  | a province code outside the legacy table
      097090000123   | 1990-05-17 | personalId  | a province code above 096
      040690000123   | 1990-05-17 | personalId  | a century digit above 5
      040290000123   | 1990-05-17 | dateOfBirth | the 2000s century digit with a 1990 birth date
      040091000123   | 1990-05-17 | dateOfBirth | birth year 1991 in the id, 1990 in the date
      040290000123   | 2090-05-17 | personalId  | a birth year in the future
      """)
  void eachPersonalIdRuleIsA400BeforeAnyAgencyIsCalled(String id, String dob, String field, String rule) {
    HttpResponse<String> response = verify(
        "{\"personalId\":\"" + id + "\",\"fullName\":\"Nguyễn Văn An\",\"dateOfBirth\":\"" + dob + "\"}");

    assertThat(response.statusCode()).as(rule).isEqualTo(400);
    JsonNode problem = Json.read(response.body());
    assertThat(problem.get("type").asText()).isEqualTo("urn:ansinh:problem:invalid-request");
    assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).contains(field);
    assertThat(response.body()).doesNotContain(id);
    assertThat(registryCallsFromRequests()).isEmpty();
  }

  @Test
  void badInputIsAClientErrorNotAnErrorInTheGatewaysLog() throws Exception {
    Path log = Path.of("target/test-logs/gateway.log");   // application-test.yaml's logging.file.name
    long before = Files.size(log);

    assertThat(verify("{\"personalId\":\"04009000012X\",\"fullName\":\"An\",\"dateOfBirth\":\"1990-05-17\"}")
        .statusCode()).isEqualTo(400);

    String written;
    try (InputStream in = Files.newInputStream(log)) {
      in.skipNBytes(before);
      written = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(written).doesNotContain(" ERROR ").doesNotContain("Failed delivery");
  }

  @Test
  void missingFieldsAreListed() {
    JsonNode problem = Json.read(verify("{\"personalId\":\"040090000123\"}").body());

    assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).contains("fullName", "dateOfBirth");
  }

  @Test
  void malformedJsonIs400() {
    HttpResponse<String> response = verify("{\"personalId\": \"0400900");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        ct -> assertThat(ct).startsWith("application/problem+json"));
    assertThat(response.body()).contains("not well-formed JSON").doesNotContain("Exception").doesNotContain("at vn.");
  }

  @Test
  void anImpossibleDateIs400NamingTheField() {
    JsonNode problem = Json.read(verify(
        "{\"personalId\":\"040090000123\",\"fullName\":\"An\",\"dateOfBirth\":\"1990-02-30\"}").body());

    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo("dateOfBirth");
  }

  @Test
  void theWrongContentTypeIs415() {
    HttpResponse<String> response = send(HttpRequest.newBuilder(url("/api/v1/citizens/verifications"))
        .header("Authorization", "Bearer " + token("dolisa-demo")).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("040090000123")).build());

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(Json.read(response.body()).get("status").asInt()).isEqualTo(415);
  }

  @Test
  void aFiveMegabyteFieldIs413() {
    String huge = "A".repeat(5 * 1024 * 1024);

    HttpResponse<String> response = verify(
        "{\"personalId\":\"040090000123\",\"fullName\":\"" + huge + "\",\"dateOfBirth\":\"1990-05-17\"}");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Json.read(response.body()).get("type").asText()).isEqualTo("urn:ansinh:problem:payload-too-large");
  }

  @Test
  void aFiveMegabyteChunkedBodyIs413Too() {
    byte[] huge = ("{\"personalId\":\"040090000123\",\"fullName\":\"" + "A".repeat(5 * 1024 * 1024) + "\"}").getBytes();
    HttpResponse<String> response = send(HttpRequest.newBuilder(url("/api/v1/citizens/verifications"))
        .header("Authorization", "Bearer " + token("dolisa-demo")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))).build());

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void anExternalEntityInSoapIsAClientFaultAndNothingIsRead() {
    long start = System.nanoTime();
    HttpResponse<String> response = postSoap("/ws/citizen", token("dolisa-demo"), """
        <?xml version="1.0"?>
        <!DOCTYPE v [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:v="urn:ansinh:gateway:citizen:v1">
          <soap:Body><v:VerifyCitizenRequest><v:personalId>&xxe;</v:personalId><v:fullName>An</v:fullName>
          <v:dateOfBirth>1990-05-17</v:dateOfBirth></v:VerifyCitizenRequest></soap:Body></soap:Envelope>""");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(response.body()).contains("<faultcode>soap:Client</faultcode>");
    assertThat(response.body()).doesNotContain(hostname());
    assertThat(registryCallsFromRequests()).isEmpty();
  }

  @Test
  void aBillionLaughsSoapBodyIsAClientFaultFast() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE v [<!ENTITY l0 \"ha\">");
    for (int i = 1; i <= 10; i++) {
      dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    long start = System.nanoTime();
    HttpResponse<String> response = postSoap("/ws/citizen", token("dolisa-demo"), "<?xml version=\"1.0\"?>" + dtd + """
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:v="urn:ansinh:gateway:citizen:v1">
          <soap:Body><v:VerifyCitizenRequest><v:personalId>&l10;</v:personalId><v:fullName>An</v:fullName>
          <v:dateOfBirth>1990-05-17</v:dateOfBirth></v:VerifyCitizenRequest></soap:Body></soap:Envelope>""");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(response.body()).contains("<faultcode>soap:Client</faultcode>");
    assertThat(registryCallsFromRequests()).isEmpty();
  }

  private static final String AN_BENEFICIARY = "{\"beneficiaryId\":\"%s\",\"program\":%s,\"personalId\":\"040090000123\","
      + "\"fullName\":%s,\"dateOfBirth\":%s,\"gender\":%s,\"provinceCode\":\"40\",\"communeCode\":\"16681\","
      + "\"preferredBankBin\":\"970405\"}";

  private static String beneficiary(String id, String program, String name, String dob, String gender) {
    return AN_BENEFICIARY.formatted(id, program, name, dob, gender);
  }

  private static void assertRefused(HttpResponse<String> response, String field, String what) {
    assertThat(response.statusCode()).as(what).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/problem+json");
    JsonNode problem = Json.read(response.body());
    assertThat(problem.get("errors")).as(what).extracting(e -> e.get("field").asText()).contains(field);
    assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("com.fasterxml");
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      {"personalId":"040090000123","fullName":"An\\u0000","dateOfBirth":"1990-05-17"}          | fullName    | a NUL in a name
      {"personalId":"040090000123","fullName":"An\\u0007","dateOfBirth":"1990-05-17"}          | fullName    | a bell in a name
      {"personalId":"040090000123","fullName":"An\\u001b[31m","dateOfBirth":"1990-05-17"}      | fullName    | an escape sequence in a name
      {"personalId":"040090000123","fullName":"An\\ud800","dateOfBirth":"1990-05-17"}          | fullName    | half a surrogate pair
      {"personalId":40090000123,"fullName":"An","dateOfBirth":"1990-05-17"}                    | personalId  | a number where a string belongs
      {"personalId":"040090000123","fullName":true,"dateOfBirth":"1990-05-17"}                 | fullName    | a boolean as a name
      {"personalId":"040090000123","fullName":["An"],"dateOfBirth":"1990-05-17"}               | fullName    | an array as a name
      {"personalId":"040090000123","fullName":"An","dateOfBirth":"1990-05-17T00:00:00Z"}       | dateOfBirth | a date-time as a date
      {"personalId":"040090000123","fullName":"An","dateOfBirth":"+999999-01-01"}              | dateOfBirth | a six-digit year
      {"personalId":"040090000123","fullName":"An","dateOfBirth":"1066-10-14"}                 | dateOfBirth | a date far in the past
      {"personalId":"040090000123","fullName":"An","dateOfBirth":19900517}                     | dateOfBirth | a number as a date
      {"personalId":"040090000123","fullName":"An","dateOfBirth":[1990,5,17]}                  | dateOfBirth | an array as a date
      null                                                                                     | body        | a null body
      []                                                                                       | body        | an array for an object
      {"personalId":"040090000123","fullName":"An","dateOfBirth":"1990-05-17"} {}              | body        | a second value after the body
      """)
  void everyOddValueInAVerificationIsA400NamingTheField(String body, String field, String what) {
    assertRefused(verify(body), field, what);
    assertThat(registryCallsFromRequests()).isEmpty();
  }

  @ParameterizedTest(name = "{4}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      `"SOCIAL_ALLOWANCE"` | `"An\\u0000"` | `"1990-05-17"`          | `"MALE"`   | fullName    | a NUL in a name
      `1`                  | `"An"`         | `"1990-05-17"`          | `"MALE"`   | program     | a number as a program
      `"SOCIAL_ALLOWANCE"` | `"An"`         | `"1990-05-17"`          | `0`        | gender      | a number as a gender
      `"SOCIAL_ALLOWANCE"` | `"An"`         | `"1990-05-17"`          | `true`     | gender      | a boolean as a gender
      `"SOCIAL_ALLOWANCE"` | `12`           | `"1990-05-17"`          | `"MALE"`   | fullName    | a number as a name
      `"SOCIAL_ALLOWANCE"` | `"An"`         | `"+999999-01-01"`       | `"MALE"`   | dateOfBirth | a six-digit year
      `"SOCIAL_ALLOWANCE"` | `"An"`         | `"1990-05-17T10:00:00"` | `"MALE"`   | dateOfBirth | a date-time as a date
      """)
  void everyOddValueInARegistrationIsA400NamingTheField(String program, String name, String dob, String gender,
      String field, String what) {
    assertRefused(postJson("/api/v1/beneficiaries", token("dolisa-demo"), beneficiary("BAD-1", program, name, dob, gender)),
        field, what);
  }

  @Test
  void nullsInListsAndNullBodiesAre400() {
    assertRefused(postJson("/api/v1/beneficiaries/bulk", token("dolisa-demo"), "[null]"), "[0]", "a null registration");
    assertRefused(postJson("/api/v1/beneficiaries/bulk", token("dolisa-demo"), "null"), "body", "a null list");
    assertRefused(postJson("/api/v1/beneficiaries", token("dolisa-demo"), "null"), "body", "a null registration");
    assertRefused(postBody("/api/v1/account-openings/confirmations", token("bank-970405-demo"), "application/json",
        "null", "Idempotency-Key", "k-null", "X-JWS-Signature", vn.ansinh.gateway.support.BankSignatures.sign("970405", "null")),
        "body", "a null confirmation");
  }

  @Test
  void aPaymentListWithAControlCharacterOrANullPaymentIs400() {
    String path = "/api/v1/payment-batches?program=SOCIAL_ALLOWANCE&period=2026-11";
    String row = "{\"paymentId\":\"P-\\u0000\",\"beneficiaryId\":\"B\",\"personalId\":\"040090000123\","
        + "\"fullName\":\"An\",\"amountVnd\":500000}";

    assertRefused(postBody(path, token("dolisa-demo"), "application/json", "{\"payments\":[" + row + "]}",
        "X-Control-Count", "1", "X-Control-Sum", "500000"), "paymentId", "a NUL in a payment id");
    assertRefused(postBody(path, token("dolisa-demo"), "application/json", "{\"payments\":[null]}",
        "X-Control-Count", "1", "X-Control-Sum", "500000"), "payments", "a null payment");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      /api/v1/citizens/verifications                                    | application/json
      /api/v1/citizens/verifications                                    | application/json; charset=UTF-8
      /api/v1/beneficiaries                                             | application/json
      /api/v1/beneficiaries/bulk                                        | application/json
      /api/v1/payment-batches?program=SOCIAL_ALLOWANCE&period=2026-11   | application/json
      /api/v1/account-openings/confirmations                            | application/json
      /api/v1/relief-programs                                           | application/json
      /api/v1/cash-payouts                                              | application/json
      /api/v1/wallet-reports                                            | application/json
      """)
  void aJsonBodyThatIsNotUtf8Is400Everywhere(String path, String contentType) {
    // a payment list is read payment by payment: its bad bytes are in a payment, which the answer names
    String text = path.contains("payment-batches") ? "{\"payments\":[{\"fullName\":\"\u00e9\u00ff\"}]}"
        : "{\"fullName\":\"Nguy\u1ec5n\",\"x\":\"\u00e9\u00ff\"}";
    byte[] latin1 = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    String owner = path.contains("account-openings") ? "bank-970405-demo" : path.contains("cash-payouts") ? "vnpost-demo"
        : path.contains("wallet-reports") ? "wallet-viettelmoney-demo" : "dolisa-demo";
    HttpResponse<String> response = send(HttpRequest.newBuilder(url(path))
        .header("Authorization", "Bearer " + token(owner)).header("Content-Type", contentType)
        .header("Idempotency-Key", "k-utf8").header("X-JWS-Signature", "x..y")
        .header("X-Control-Count", "1").header("X-Control-Sum", "1")
        .POST(HttpRequest.BodyPublishers.ofByteArray(latin1)).build());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Json.read(response.body()).at("/errors/0/reason").asText()).contains("not valid UTF-8");
  }

  private static final String ENVELOPE = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
      + " xmlns:v=\"urn:ansinh:gateway:citizen:v1\">";
  private static final String REQUEST = "<v:VerifyCitizenRequest><v:personalId>040090000123</v:personalId>"
      + "<v:fullName>An</v:fullName><v:dateOfBirth>1990-05-17</v:dateOfBirth></v:VerifyCitizenRequest>";

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> soapMistakes() {
    return java.util.stream.Stream.of(
        org.junit.jupiter.params.provider.Arguments.of("an empty message", "".getBytes(), null),
        org.junit.jupiter.params.provider.Arguments.of("an envelope without a Body",
            (ENVELOPE + "</soap:Envelope>").getBytes(), null),
        org.junit.jupiter.params.provider.Arguments.of("two Bodies",
            (ENVELOPE + "<soap:Body>" + REQUEST + "</soap:Body><soap:Body/></soap:Envelope>").getBytes(), null),
        org.junit.jupiter.params.provider.Arguments.of("a NUL character reference",
            (ENVELOPE + "<soap:Body>" + REQUEST.replace(">An<", ">A&#0;n<") + "</soap:Body></soap:Envelope>").getBytes(), null),
        org.junit.jupiter.params.provider.Arguments.of("bytes that are not UTF-8",
            (ENVELOPE + "<soap:Body>" + REQUEST.replace(">An<", ">Nguy\u1ec5n<") + "</soap:Body></soap:Envelope>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_16LE), null),
        org.junit.jupiter.params.provider.Arguments.of("a DTD",
            ("<!DOCTYPE x>" + ENVELOPE + "<soap:Body>" + REQUEST + "</soap:Body></soap:Envelope>").getBytes(), null),
        org.junit.jupiter.params.provider.Arguments.of("not XML at all", "040090000123".getBytes(), null),
        org.junit.jupiter.params.provider.Arguments.of("a root element in SOAP's namespace that is not Envelope",
            (ENVELOPE.replace("soap:Envelope", "soap:Envelop") + "<soap:Body>" + REQUEST + "</soap:Body></soap:Envelop>")
                .getBytes(), null),
        org.junit.jupiter.params.provider.Arguments.of("an envelope outside SOAP's namespace",
            ("<Envelope><Body>" + REQUEST + "</Body></Envelope>").getBytes(), null),
        org.junit.jupiter.params.provider.Arguments.of("an unknown operation",
            (ENVELOPE + "<soap:Body><v:Other/></soap:Body></soap:Envelope>").getBytes(), null),
        org.junit.jupiter.params.provider.Arguments.of("an unknown SOAPAction",
            (ENVELOPE + "<soap:Body>" + REQUEST + "</soap:Body></soap:Envelope>").getBytes(), "urn:no-such-action"),
        org.junit.jupiter.params.provider.Arguments.of("a schema violation",
            (ENVELOPE + "<soap:Body>" + REQUEST.replace("<v:fullName>An</v:fullName>", "")
                + "</soap:Body></soap:Envelope>").getBytes(), null));
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("soapMistakes")
  void eachSoapMistakeIsAClientFaultWithAReadableReason(String what, byte[] body, String soapAction) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url("/ws/citizen"))
        .header("Authorization", "Bearer " + token("dolisa-demo")).header("Content-Type", "text/xml; charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (soapAction != null) {
      b.header("SOAPAction", "\"" + soapAction + "\"");
    }
    HttpResponse<String> response = send(b.build());

    assertThat(response.body()).as(what).contains("<faultcode>soap:Client</faultcode>");
    String reason = response.body().replaceAll("(?s).*<faultstring[^>]*>(.*)</faultstring>.*", "$1");
    assertThat(reason).as(what).startsWith("Invalid request: ")
        .doesNotContainIgnoringCase("exception").doesNotContain("XMLStream").doesNotContain("org.")
        .doesNotContain("com.ctc").doesNotContain("Unmarshalling").doesNotContain("[row,col").doesNotContain("cvc-")
        .doesNotContain("040090000123");
    assertThat(registryCallsFromRequests()).as(what).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      wsdl=other.wsdl
      wsdl=../../etc/passwd
      wsdl=%00
      xsd
      xsd=1
      xsd=file:///etc/passwd
      """)
  void aWsdlOrSchemaDocumentThatIsNotThereIsTheCallersMistake(String query) {
    HttpResponse<String> response = get("/ws/citizen?" + query, token("dolisa-demo"));

    assertThat(response.body()).as(query).contains("<faultcode>soap:Client</faultcode>")
        .contains("no such WSDL or schema document").doesNotContain("passwd").doesNotContain("other.wsdl");
    assertThat(get("/ws/citizen?wsdl", token("dolisa-demo")).body()).contains("wsdl:definitions");
  }

  @Test
  void aHeaderThatMustBeUnderstoodIsAMustUnderstandFault() {
    String envelope = ENVELOPE + "<soap:Header><x:Secret xmlns:x=\"urn:other\" soap:mustUnderstand=\"1\">1</x:Secret>"
        + "</soap:Header><soap:Body>" + REQUEST + "</soap:Body></soap:Envelope>";

    HttpResponse<String> response = postSoap("/ws/citizen", token("dolisa-demo"), envelope);

    assertThat(response.body()).contains("<faultcode>soap:MustUnderstand</faultcode>").contains("mustUnderstand");
    assertThat(registryCallsFromRequests()).isEmpty();
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', textBlock = """
      infosec-demo | /api/v1/audit/events?from=%2B999999-01-01T00:00:00Z | a six-digit year in a query
      infosec-demo | /api/v1/audit/events?to=-999999-01-01T00:00:00Z     | a negative year in a query
      infosec-demo | /api/v1/audit/events?from=2026-11-30                 | a date for a date and time
      infosec-demo | /api/v1/audit/integrity?from=%2B999999-01-01T00:00:00Z | a six-digit year for the integrity check
      infosec-demo | /api/v1/audit/events?partner=%00x                    | a NUL in a query parameter
      infosec-demo | /api/v1/audit/events?outcome=%07                     | a bell in a query parameter
      dolisa-demo  | /api/v1/reports/reconciliation?batchId=%00           | a NUL in a batch id
      dolisa-demo  | /api/v1/reports/relief?reliefProgramId=%00          | a NUL in a relief program id
      vnpost-demo  | /api/v1/cash-payouts?period=%2B999999-01&communeCode=16702 | an absurd period in the cash list
      vnpost-demo  | /api/v1/cash-payouts?period=2026-11&communeCode=%00  | a NUL in a commune code
      infosec-demo | /api/v1/audit/events?traceId=XYZ                     | a trace id that is not W3C
      infosec-demo | /api/v1/audit/integrity?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z | a window that ends before it starts
      infosec-demo | /api/v1/audit/events?from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z | a window that ends where it starts
      infosec-demo | /api/v1/audit/export?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z | an export that ends before it starts
      """)
  void oddQueryParametersAre400(String partner, String path, String what) {
    HttpResponse<String> response = get(path, token(partner));

    assertThat(response.statusCode()).as(what).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/problem+json");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      `"+999999-01-01T00:00:00Z"` | a six-digit year
      `"2026-11-23"`              | a date for a date and time
      `1796062387`                | a number for a date and time
      `"2026-02-30T09:00:00Z"`    | a day that does not exist
      """)
  void anAbsurdTimestampInABankConfirmationIs400NamingTheField(String openedAt, String what) {
    String body = "{\"requestId\":\"r-odd\",\"beneficiaryId\":\"B\",\"personalId\":\"040090000123\",\"bankBin\":\"970405\","
        + "\"accountNumber\":\"1500205123456\",\"accountName\":\"NGUYEN VAN AN\",\"status\":\"OPENED\",\"openedAt\":"
        + openedAt + "}";

    assertRefused(postBody("/api/v1/account-openings/confirmations", token("bank-970405-demo"), "application/json", body,
        "Idempotency-Key", "odd-" + Math.abs(openedAt.hashCode()), "X-JWS-Signature",
        vn.ansinh.gateway.support.BankSignatures.sign("970405", body)), "openedAt", what);
  }

  private static String hostname() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).trim();
    } catch (java.io.IOException e) {
      return "no-hostname-file";
    }
  }
}

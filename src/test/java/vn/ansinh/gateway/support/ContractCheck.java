package vn.ansinh.gateway.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every response an HTTP-level test receives from {@code /api/v1} must be one that
 * contracts/gateway/openapi.yaml describes: a documented status for that operation, its content
 * type, headers and body schema. So the contract cannot drift from the code without a red build.
 */
public final class ContractCheck {

  static final String CONTRACT = "contracts/gateway/openapi.yaml";
  private static final String API = "/api/v1/";
  private static final String UNKNOWN_PATH = ".path.missing";
  private static final String UNKNOWN_METHOD = ".operation.notAllowed";
  /** What any path answers that the contract cannot list: no token, deny by default, nothing there. */
  private static final Set<Integer> UNKNOWN_PATH_ANSWERS = Set.of(401, 403, 404);
  private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
      .createForSpecificationUrl(Path.of(CONTRACT).toAbsolutePath().toUri().toString()).build();

  private ContractCheck() {}

  /** Throws an AssertionError naming each mismatch; answers outside the REST API are not its business. */
  public static void verify(HttpRequest request, HttpResponse<String> response) {
    List<String> mismatches = mismatches(request.method(), request.uri().getPath(), response);
    if (!mismatches.isEmpty()) {
      throw new AssertionError("The response to " + request.method() + " " + request.uri().getPath() + " ("
          + response.statusCode() + ") breaks " + CONTRACT + ":\n  " + String.join("\n  ", mismatches));
    }
  }

  static List<String> mismatches(String method, String path, HttpResponse<String> response) {
    if (!path.startsWith(API)) {
      return List.of();
    }
    SimpleResponse.Builder actual = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
    response.headers().map().forEach((name, values) -> {
      if (name.equalsIgnoreCase("content-type")) {
        actual.withContentType(values.get(0));
      } else {
        actual.withHeader(name, values);
      }
    });
    ValidationReport report = VALIDATOR.validateResponse(path, Request.Method.valueOf(method), actual.build());
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .filter(m -> !outsideTheOperations(m.getKey(), response))
        .map(m -> m.getKey() + ": " + m.getMessage())
        .collect(Collectors.toList());
  }

  /** An unknown path, or a known one with another method: the answers the contract's info describes. */
  private static boolean outsideTheOperations(String key, HttpResponse<String> response) {
    int status = response.statusCode();
    if (key.endsWith(UNKNOWN_PATH)) {
      return UNKNOWN_PATH_ANSWERS.contains(status) && isProblem(response);
    }
    if (key.endsWith(UNKNOWN_METHOD)) {
      return status == 401 && isProblem(response)
          || status == 405 && isProblem(response) && response.headers().firstValue("Allow").isPresent();
    }
    return false;
  }

  private static boolean isProblem(HttpResponse<String> response) {
    // a HEAD answer carries the headers without the body
    return response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
        && (response.body().isEmpty() || Json.read(response.body()).path("status").asInt() == response.statusCode());
  }
}

package vn.ansinh.gateway.beneficiary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.web.StrictJson;

/**
 * A JSON merge patch (RFC 7396) of a beneficiary, read field by field: a value sets a field,
 * {@code null} removes one that may be absent. What a registration fixes (the id, the program,
 * the person) cannot be patched. Reasons never echo the values.
 *
 * @param values        field name → new value (null: removed), in the order sent
 * @param effectiveFrom the date a move takes effect; only with {@code provinceCode} or {@code communeCode}
 */
record BeneficiaryPatch(Map<String, String> values, LocalDate effectiveFrom) {

  private static final Set<String> FIXED = Set.of("beneficiaryId", "program", "personalId", "dateOfBirth", "gender");
  private static final Set<String> REMOVABLE = Set.of("phone", "socialInsuranceNumber", "householdId",
      "householdCategory");
  // the same shapes as a registration's (BeneficiaryRules)
  private static final Map<String, Pattern> SHAPES = Map.of("phone", Pattern.compile("0[0-9]{9}"),
      "provinceCode", Pattern.compile("[0-9]{2}"), "communeCode", Pattern.compile("[0-9]{5}"),
      "socialInsuranceNumber", Pattern.compile("[0-9]{10}"), "preferredBankBin", Pattern.compile("[0-9]{6}"),
      "householdId", Pattern.compile("[A-Za-z0-9-]{1,32}"), "householdCategory", Pattern.compile("POOR|NEAR_POOR"));
  private static final Map<String, String> RULES = Map.of(
      "phone", "must be a 10-digit Vietnamese phone number starting with 0",
      "provinceCode", "must be a 2-digit province code", "communeCode", "must be a 5-digit commune code",
      "socialInsuranceNumber", "must be the 10-digit VSS social-insurance number",
      "preferredBankBin", "is not a bank this gateway works with",
      "householdId", "must be 1-32 letters, digits or '-'", "householdCategory", "must be POOR or NEAR_POOR");
  private static final int MAX_NAME = 200;
  static final String EFFECTIVE_FROM = "effectiveFrom";

  static BeneficiaryPatch read(JsonNode body, ObjectMapper json, BankDirectory banks) {
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException("body", "must be a JSON object (RFC 7396 merge patch)");
    }
    List<Violation> v = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    LocalDate effectiveFrom = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = e.getKey();
      JsonNode value = e.getValue();
      if (FIXED.contains(field)) {
        v.add(Violation.of(field, "cannot be changed: register the person anew"));
      } else if (field.equals(EFFECTIVE_FROM)) {
        effectiveFrom = date(value, json, v);
      } else if (!field.equals("fullName") && !SHAPES.containsKey(field)) {
        v.add(Violation.of(field, "is not a field of this request"));
      } else if (value.isNull()) {
        if (REMOVABLE.contains(field)) {
          values.put(field, null);
        } else {
          v.add(Violation.of(field, "cannot be removed"));
        }
      } else if (!value.isTextual()) {
        v.add(Violation.of(field, "must be a string"));
      } else if (!StrictJson.clean(value.textValue())) {
        v.add(Violation.of(field, "must not contain control characters"));
      } else if (field.equals("fullName")) {
        String name = value.textValue();
        if (name.isBlank() || name.length() > MAX_NAME) {
          v.add(Violation.of(field, "must be 1 to " + MAX_NAME + " characters, not blank"));
        } else {
          values.put(field, name);
        }
      } else if (!SHAPES.get(field).matcher(value.textValue()).matches()
          || field.equals("preferredBankBin") && banks.find(value.textValue()).isEmpty()) {
        v.add(Violation.of(field, RULES.get(field)));
      } else {
        values.put(field, value.textValue());
      }
    }
    boolean move = body.has("provinceCode") || body.has("communeCode");
    if (move && !body.has(EFFECTIVE_FROM)) {
      v.add(Violation.of(EFFECTIVE_FROM, "is required with a move (provinceCode, communeCode): yyyy-MM-dd"));
    }
    if (!move && body.has(EFFECTIVE_FROM)) {
      v.add(Violation.of(EFFECTIVE_FROM, "goes only with a move (provinceCode, communeCode)"));
    }
    if (body.isEmpty()) {
      v.add(Violation.of("body", "names no field to change"));
    }
    if (!v.isEmpty()) {
      throw new InvalidRequestException(v);
    }
    return new BeneficiaryPatch(values, effectiveFrom);
  }

  /** A date read as every JSON body's dates are ({@code yyyy-MM-dd}, a real day, in the accepted range). */
  private static LocalDate date(JsonNode value, ObjectMapper json, List<Violation> v) {
    if (!value.isTextual()) {
      v.add(Violation.of(EFFECTIVE_FROM, "must be a date as yyyy-MM-dd"));
      return null;
    }
    try {
      return json.treeToValue(value, LocalDate.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String reason = e instanceof JsonProcessingException j ? StrictJson.violation(j).reason() : null;
      v.add(Violation.of(EFFECTIVE_FROM, reason == null || reason.startsWith("is not well-formed")
          ? "must be a date as yyyy-MM-dd" : reason));
      return null;
    }
  }

  boolean moves() {
    return values.containsKey("provinceCode") || values.containsKey("communeCode");
  }

  /** The names of the fields this patch changes, in the order sent. */
  List<String> fields() {
    return List.copyOf(values.keySet());
  }
}

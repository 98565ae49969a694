package vn.ansinh.gateway.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import vn.ansinh.gateway.error.Violation;

/**
 * JSON binding without leniency, for every body the gateway reads: a value has the type the
 * contract says (no number as a name or an enum, no boolean as a name, no date-time as a date), no
 * text carries control characters, dates are {@code yyyy-MM-dd} and instants RFC 3339 within a
 * sensible range, and no list holds {@code null}. What is refused names the field and never echoes
 * the value.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern INSTANT = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
  private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
      .withResolverStyle(ResolverStyle.STRICT);

  @Bean
  Jackson2ObjectMapperBuilderCustomizer strictJsonBinding(
      @Value("${gateway.request.earliest-date}") LocalDate earliest,
      @Value("${gateway.request.latest-date}") LocalDate latest) {
    return builder -> builder
        .featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .featuresToEnable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
            JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .deserializerByType(String.class, new Text())
        .deserializerByType(LocalDate.class, new Dates(earliest, latest))
        .deserializerByType(Instant.class, new Instants(earliest, latest))
        .postConfigurer(mapper -> {
          mapper.coercionConfigDefaults()
              .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
              .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
              .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
          mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
          mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        });
  }

  /**
   * The same rules for instants and dates in query parameters ({@code from}, {@code to}, …): a
   * value PostgreSQL cannot hold never reaches a query.
   */
  @Bean
  WebMvcConfigurer strictQueryValues(@Value("${gateway.request.earliest-date}") LocalDate earliest,
      @Value("${gateway.request.latest-date}") LocalDate latest) {
    Instant first = earliest.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant last = latest.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    return new WebMvcConfigurer() {
      @Override
      public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldType(Instant.class, new Formatter<Instant>() {
          @Override
          public Instant parse(String text, Locale locale) {
            String problem = instantProblem(text, first, last);
            if (problem != null) {
              throw new IllegalArgumentException(problem);
            }
            return OffsetDateTime.parse(text).toInstant();
          }

          @Override
          public String print(Instant value, Locale locale) {
            return value.toString();
          }
        });
      }
    };
  }

  /** Why a text is not an acceptable instant, or null when it is one. */
  static String instantProblem(String text, Instant earliest, Instant latest) {
    if (text == null || !INSTANT.matcher(text).matches()) {
      return "must be a date and time as yyyy-MM-ddTHH:mm:ssZ (RFC 3339)";
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME.withResolverStyle(ResolverStyle.STRICT))
          .toInstant();
    } catch (DateTimeException e) {
      return "is not a real date and time";
    }
    return at.isBefore(earliest) || !at.isBefore(latest) ? "must be between " + earliest + " and " + latest : null;
  }

  /** The field and reason for a body Jackson refused; never the value itself, which may be personal data. */
  public static Violation violation(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException m) || e.getCause() instanceof JsonParseException) {
      return Violation.of("body", "is not well-formed JSON");
    }
    String field = path(m);
    if (m instanceof UnrecognizedPropertyException u) {
      return Violation.of(field == null ? u.getPropertyName() : field, "is not a field of this request");
    }
    if (m instanceof RejectedValue r) {
      return Violation.of(field == null ? "body" : field, r.getOriginalMessage());
    }
    Class<?> target = m instanceof MismatchedInputException mi ? mi.getTargetType() : null;
    if (field == null) {
      return target == null ? Violation.of("body", "is not well-formed JSON")
          : Violation.of("body", Collection.class.isAssignableFrom(target) ? "must be a JSON array" : "must be a JSON object");
    }
    if (m instanceof InvalidNullException) {
      return Violation.of(field, "must not be null");
    }
    if (target != null && target.isEnum()) {
      return Violation.of(field, "must be one of " + Arrays.stream(target.getEnumConstants())
          .map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", ")));
    }
    if (target == Boolean.class || target == boolean.class) {
      return Violation.of(field, "must be true or false");
    }
    if (target != null && (Number.class.isAssignableFrom(target) || target.isPrimitive())) {
      return Violation.of(field, "must be a number");
    }
    if (target != null && Collection.class.isAssignableFrom(target)) {
      return Violation.of(field, "must be a JSON array");
    }
    return Violation.of(field, "has the wrong type or format");
  }

  private static String path(JsonMappingException m) {
    if (m.getPath().isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : m.getPath()) {
      if (r.getFieldName() != null) {
        b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.isEmpty() ? null : b.toString();
  }

  /** Whether text is free of control characters (tab and line breaks aside) and of broken surrogate pairs. */
  public static boolean clean(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7f && c <= 0x9f || c == 0xfffe || c == 0xffff) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** A value refused for a reason that a partner can act on. */
  public static final class RejectedValue extends MismatchedInputException {
    RejectedValue(JsonParser p, String reason, Class<?> target) {
      super(p, reason, target);
    }
  }

  /** Text: a JSON string, and nothing else, with no control characters. */
  static final class Text extends StdScalarDeserializer<String> {
    Text() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        throw new RejectedValue(p, "must be a string", String.class);
      }
      return checked(p, p.getText());
    }

    @Override
    public LogicalType logicalType() {
      return LogicalType.Textual;
    }
  }

  /** A number kept as its text (an amount that must become a row error, not fail a whole list), or text. */
  public static final class NumberAsText extends StdScalarDeserializer<String> {
    public NumberAsText() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
        return p.getText();
      }
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        throw new RejectedValue(p, "must be a number", String.class);
      }
      return checked(p, p.getText());
    }
  }

  private static String checked(JsonParser p, String text) throws RejectedValue {
    if (!clean(text)) {
      throw new RejectedValue(p, "must not contain control characters", String.class);
    }
    return text;
  }

  /** A date: exactly {@code yyyy-MM-dd}, a real day, within the configured range. */
  static final class Dates extends StdScalarDeserializer<LocalDate> {
    private final LocalDate earliest;
    private final LocalDate latest;

    Dates(LocalDate earliest, LocalDate latest) {
      super(LocalDate.class);
      this.earliest = earliest;
      this.latest = latest;
    }

    @Override
    public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.hasToken(JsonToken.VALUE_STRING) ? p.getText() : null;
      if (text == null || !DATE.matcher(text).matches()) {
        throw new RejectedValue(p, "must be a date as yyyy-MM-dd", LocalDate.class);
      }
      LocalDate date;
      try {
        date = LocalDate.parse(text, ISO_DATE);
      } catch (DateTimeException e) {
        throw new RejectedValue(p, "is not a real date", LocalDate.class);
      }
      if (date.isBefore(earliest) || date.isAfter(latest)) {
        throw new RejectedValue(p, "must be between " + earliest + " and " + latest, LocalDate.class);
      }
      return date;
    }
  }

  /** An instant: RFC 3339 with an offset, within the configured range. */
  static final class Instants extends StdScalarDeserializer<Instant> {
    private final Instant earliest;
    private final Instant latest;

    Instants(LocalDate earliest, LocalDate latest) {
      super(Instant.class);
      this.earliest = earliest.atStartOfDay(ZoneOffset.UTC).toInstant();
      this.latest = latest.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.hasToken(JsonToken.VALUE_STRING) ? p.getText() : null;
      String problem = instantProblem(text, earliest, latest);
      if (problem != null) {
        throw new RejectedValue(p, problem, Instant.class);
      }
      Instant at = OffsetDateTime.parse(text).toInstant();
      return at;
    }
  }
}

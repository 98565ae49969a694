package vn.ansinh.gateway.payment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.format.CsvRecords;
import vn.ansinh.gateway.format.IntakeLimits;
import vn.ansinh.gateway.format.StrictReader;
import vn.ansinh.gateway.format.UndecodableText;
import vn.ansinh.gateway.web.StrictJson;

/** Payment lists read one row at a time, from CSV or from JSON {@code {"payments": [...]}}: never whole. */
final class PaymentLists {

  static final List<String> CSV_COLUMNS = List.of("payment_id", "beneficiary_id", "personal_id", "full_name",
      "amount_vnd", "bank_bin", "account_number", "province_code", "commune_code", "purpose", "wallet_provider",
      "wallet_id");
  static final List<String> CSV_REQUIRED = List.of("payment_id", "beneficiary_id", "personal_id", "full_name",
      "amount_vnd");

  private PaymentLists() {}

  static Iterator<PaymentRow> csv(InputStream in, Charset charset, IntakeLimits limits) {
    CsvRecords records = new CsvRecords(in, charset, limits, CSV_REQUIRED);
    return records.rows(r -> new PaymentRow(records.cell(r, "payment_id"), records.cell(r, "beneficiary_id"),
        records.cell(r, "personal_id"), records.cell(r, "full_name"), records.cell(r, "amount_vnd"),
        records.cell(r, "bank_bin"), records.cell(r, "account_number"), records.cell(r, "province_code"),
        records.cell(r, "commune_code"), records.cell(r, "purpose"), records.cell(r, "date_of_birth"),
        records.cell(r, "household_id"), records.cell(r, "wallet_provider"), records.cell(r, "wallet_id")));
  }

  /**
   * Streams the elements of the {@code payments} array; anything else in the object is refused.
   * JSON is UTF-8 (RFC 8259), decoded strictly: bytes that are not are a 400 naming the payment.
   */
  static Iterator<PaymentRow> json(InputStream in, ObjectMapper mapper) throws IOException {
    PushbackReader text = new PushbackReader(new StrictReader(in, StandardCharsets.UTF_8), 1);
    JsonParser parser;
    try {
      int first = text.read();
      if (first >= 0 && first != '\uFEFF') {   // a byte-order mark is allowed, and is no JSON
        text.unread(first);
      }
      parser = mapper.getFactory().createParser(text);
      if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME
          || !"payments".equals(parser.currentName()) || parser.nextToken() != JsonToken.START_ARRAY) {
        throw new InvalidRequestException("body", "must be an object with one field, payments: an array of payments");
      }
    } catch (JsonProcessingException e) {
      throw notJson();
    } catch (UndecodableText e) {
      throw new InvalidRequestException("body", e.reason());
    }
    // one element of the array at a time: the rest of the array is not trailing garbage here
    ObjectReader reader = mapper.readerFor(PaymentRow.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    return new Iterator<>() {
      private int read;
      private JsonToken next = advance();

      private JsonToken advance() {
        try {
          return parser.nextToken();
        } catch (JsonProcessingException e) {
          throw undecodable(e, read + 1).orElseGet(PaymentLists::notJson);
        } catch (IOException e) {
          throw failed(e, read + 1);
        }
      }

      @Override
      public boolean hasNext() {
        if (next == JsonToken.START_OBJECT) {
          return true;
        }
        if (next == JsonToken.END_ARRAY) {
          return false;
        }
        throw new InvalidRequestException("payments", "must be an array of payment objects");
      }

      @Override
      public PaymentRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        try {
          PaymentRow row = reader.readValue(parser);
          read++;
          next = advance();
          return row;
        } catch (UnrecognizedPropertyException e) {
          throw new InvalidRequestException(e.getPropertyName(), "is not a field of a payment");
        } catch (JsonMappingException e) {
          // bytes that are not UTF-8 first; then a text field with a control character, a payment that
          // is null: the field, never the value
          Optional<RuntimeException> undecodable = undecodable(e, read + 1);
          if (undecodable.isPresent()) {
            throw undecodable.get();
          }
          Violation v = StrictJson.violation(e);
          throw "body".equals(v.field()) ? notJson() : new InvalidRequestException(List.of(v));
        } catch (JsonProcessingException e) {
          throw undecodable(e, read + 1).orElseGet(PaymentLists::notJson);
        } catch (IOException e) {
          throw failed(e, read + 1);
        }
      }
    };
  }

  /** Bytes that are not UTF-8 in the payment being read: a 400 with its number; other failures of the stream as they are. */
  private static RuntimeException failed(IOException e, int payment) {
    return undecodable(e, payment).orElseGet(() -> new UncheckedIOException(e));
  }

  private static Optional<RuntimeException> undecodable(Throwable e, int payment) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UndecodableText u) {
        return Optional.of(new InvalidRequestException(List.of(new Violation("payments", payment, u.reason()))));
      }
    }
    return Optional.empty();
  }

  private static InvalidRequestException notJson() {
    // never echo the offending text: it may be personal data
    return new InvalidRequestException("body", "is not well-formed JSON, or a payment has a value of the wrong type");
  }
}

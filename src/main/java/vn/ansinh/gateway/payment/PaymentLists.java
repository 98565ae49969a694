package vn.ansinh.gateway.payment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.format.CsvRecords;
import vn.ansinh.gateway.web.StrictJson;

/** Payment lists read one row at a time, from CSV or from JSON {@code {"payments": [...]}}: never whole. */
final class PaymentLists {

  static final List<String> CSV_COLUMNS = List.of("payment_id", "beneficiary_id", "personal_id", "full_name",
      "amount_vnd", "bank_bin", "account_number", "province_code", "commune_code", "purpose");
  static final List<String> CSV_REQUIRED = List.of("payment_id", "beneficiary_id", "personal_id", "full_name",
      "amount_vnd");

  private PaymentLists() {}

  static Iterator<PaymentRow> csv(BufferedReader in) {
    CsvRecords records = new CsvRecords(in, CSV_REQUIRED);
    return records.rows(r -> new PaymentRow(records.cell(r, "payment_id"), records.cell(r, "beneficiary_id"),
        records.cell(r, "personal_id"), records.cell(r, "full_name"), records.cell(r, "amount_vnd"),
        records.cell(r, "bank_bin"), records.cell(r, "account_number"), records.cell(r, "province_code"),
        records.cell(r, "commune_code"), records.cell(r, "purpose")));
  }

  /** Streams the elements of the {@code payments} array; anything else in the object is refused. */
  static Iterator<PaymentRow> json(InputStream in, ObjectMapper mapper) throws IOException {
    JsonParser parser = mapper.getFactory().createParser(in);
    try {
      if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME
          || !"payments".equals(parser.currentName()) || parser.nextToken() != JsonToken.START_ARRAY) {
        throw new InvalidRequestException("body", "must be an object with one field, payments: an array of payments");
      }
    } catch (JsonProcessingException e) {
      throw notJson();
    }
    // one element of the array at a time: the rest of the array is not trailing garbage here
    ObjectReader reader = mapper.readerFor(PaymentRow.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    return new Iterator<>() {
      private JsonToken next = advance();

      private JsonToken advance() {
        try {
          return parser.nextToken();
        } catch (JsonProcessingException e) {
          throw notJson();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
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
          next = advance();
          return row;
        } catch (UnrecognizedPropertyException e) {
          throw new InvalidRequestException(e.getPropertyName(), "is not a field of a payment");
        } catch (JsonMappingException e) {
          // a text field with a control character, a payment that is null: the field, never the value
          Violation v = StrictJson.violation(e);
          throw "body".equals(v.field()) ? notJson() : new InvalidRequestException(List.of(v));
        } catch (JsonProcessingException e) {
          throw notJson();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  private static InvalidRequestException notJson() {
    // never echo the offending text: it may be personal data
    return new InvalidRequestException("body", "is not well-formed JSON, or a payment has a value of the wrong type");
  }
}

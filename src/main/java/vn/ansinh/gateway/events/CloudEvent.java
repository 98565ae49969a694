package vn.ansinh.gateway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/**
 * One event in CloudEvents 1.0 structured mode (JSON). {@code partner} is an extension attribute:
 * the partner whose object the event is about (for the audit, the caller of the exchange).
 * {@code id} is unique per source: consumers dedupe on it, since delivery is at least once.
 * {@code data} is JSON already (as PostgreSQL stored it), copied in verbatim: a grouped payment
 * event is large, and parsing it only to write it again would cost the batch's dispatch.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
    String datacontenttype, String partner, @JsonRawValue String data) {

  public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

  static CloudEvent of(String id, String source, String type, String subject, Instant time, String partner,
      String data) {
    return new CloudEvent("1.0", id, source, type, subject, time, "application/json", partner, data);
  }
}

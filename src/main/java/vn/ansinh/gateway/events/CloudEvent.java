package vn.ansinh.gateway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One event in CloudEvents 1.0 structured mode (JSON). {@code partner} is an extension attribute:
 * the partner whose object the event is about (for the audit, the caller of the exchange).
 * {@code id} is unique per source: consumers dedupe on it, since delivery is at least once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
    String datacontenttype, String partner, Object data) {

  public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

  static CloudEvent of(String id, String source, String type, String subject, Instant time, String partner,
      Object data) {
    return new CloudEvent("1.0", id, source, type, subject, time, "application/json", partner, data);
  }
}

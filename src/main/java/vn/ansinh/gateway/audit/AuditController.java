package vn.ansinh.gateway.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.ansinh.gateway.error.InvalidRequestException;

/** The audit trail for information-security staff (scope audit.read). */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = "application/json")
public class AuditController {

  private static final int MAX_PAGE_SIZE = 500;
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
  private final AuditSearch search;
  private final IntegrityVerifier verifier;
  private final SubjectHasher subjects;
  private final AuditExport export;
  private final AuditVerifications verifications;

  public AuditController(AuditSearch search, IntegrityVerifier verifier, SubjectHasher subjects, AuditExport export,
      AuditVerifications verifications) {
    this.verifications = verifications;
    this.export = export;
    this.search = search;
    this.verifier = verifier;
    this.subjects = subjects;
  }

  /** The signed export for inspectors; {@code java -jar <gateway>.jar audit-verify export.zip} checks it offline. */
  @GetMapping(path = "/export", produces = "application/zip")
  public void export(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
      HttpServletResponse response) throws IOException {
    window(from, to);
    response.setContentType("application/zip");
    response.setHeader("Content-Disposition", "attachment; filename=\"audit-export.zip\"");
    export.write(from, to, response.getOutputStream());
  }

  @GetMapping("/events")
  public EventPage events(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
      @RequestParam(required = false) String partner,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String operation,
      @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String requestId,
      @RequestParam(required = false) String personalId,
      @RequestParam(required = false) String traceId,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    window(from, to);
    if (page < 0) {
      throw new InvalidRequestException("page", "must be 0 or more");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidRequestException("size", "must be between 1 and " + MAX_PAGE_SIZE);
    }
    String subject = subjects.hash(personalId);
    if (subject != null) {
      // who looked for which citizen is itself on the record
      AuditContext.current().subjectHash(subject);
    }
    if (traceId != null && !TRACE_ID.matcher(traceId).matches()) {
      throw new InvalidRequestException("traceId", "must be a W3C trace id: 32 lowercase hexadecimal digits");
    }
    List<EventView> events = search.find(new AuditQuery(from, to, partner, service, operation, outcome, requestId,
        subject, traceId, page, size)).stream().map(EventView::of).toList();
    return new EventPage(page, size, events);
  }

  @GetMapping("/integrity")
  public IntegrityReport integrity(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
    window(from, to);
    IntegrityReport report = verifier.verify(from, to);
    if (from == null && to == null) {
      verifications.record(report);
    }
    return report;
  }

  /** A window is from (inclusive) to (exclusive): a {@code to} not after {@code from} holds nothing and is a mistake. */
  private static void window(Instant from, Instant to) {
    if (from != null && to != null && !to.isAfter(from)) {
      throw new InvalidRequestException("to", "must be after from");
    }
  }

  public record EventPage(int page, int size, List<EventView> events) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EventView(long seq, Instant occurredAt, String direction, String partner, String xroadClient,
      String xroadId, String service, String operation, String outcome, Integer status, int latencyMs,
      String requestId, String requestSha256, String responseSha256, String subjectHash, String traceId, String hash) {

    static EventView of(ChainedAuditEvent c) {
      AuditEvent e = c.event();
      return new EventView(c.seq(), e.occurredAt(), e.direction().name(), e.partner(), e.xroadClient(), e.xroadId(),
          e.service(), e.operation(), e.outcome(), e.status(), e.latencyMs(), e.requestId(), e.requestSha256(),
          e.responseSha256(), e.subjectHash(), e.traceId(), c.hash());
    }
  }
}

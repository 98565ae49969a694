package vn.ansinh.gateway.register;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.ansinh.gateway.audit.AuditChain;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.audit.SubjectHasher;
import vn.ansinh.gateway.beneficiary.IdempotentRequests;
import vn.ansinh.gateway.citizen.PersonalIdRules;
import vn.ansinh.gateway.error.ConflictException;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.payment.DeceasedRegister;
import vn.ansinh.gateway.security.PushSignatures;
import vn.ansinh.gateway.web.StrictJson;

/**
 * The population database's pushed events (SPEC §4.11): signed like a bank's push, idempotent by
 * event id — the same event again gets the stored answer, the same id with other content a 409, and
 * identical pushes at the same moment wait for each other. A death goes to the register (and from
 * there to the person's payments and beneficiaries); an identity change puts the person first in
 * the sync's queue.
 */
@Service
public class PopulationEvents {

  private static final Pattern EVENT_ID = Pattern.compile("[\\p{Graph}]{1,64}");
  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final String FIRST_IN_QUEUE = "insert into register_sync (personal_id, due_at) values (?, '-infinity')"
      + " on conflict (personal_id) do update set due_at = '-infinity'";

  private final PushSignatures signatures;
  private final IdempotentRequests idempotent;
  private final DeceasedRegister deceased;
  private final SubjectHasher subjects;
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  public PopulationEvents(PushSignatures signatures, IdempotentRequests idempotent, DeceasedRegister deceased,
      SubjectHasher subjects, JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
    this.signatures = signatures;
    this.idempotent = idempotent;
    this.deceased = deceased;
    this.subjects = subjects;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  @Transactional
  public IdempotentRequests.Answer receive(String partner, String signature, byte[] body) {
    signatures.verify(partner, signature, body);
    PopulationEvent event = parse(body);
    AuditContext.current().subjectHash(subjects.hash(event.personalId()));
    // the content, not the bytes: the same event sent again with other spacing is the same event
    String sha = AuditChain.sha256Hex((event.eventId() + '|' + event.personalId() + '|' + event.type() + '|'
        + event.date()).getBytes(StandardCharsets.UTF_8));
    String key = "population-event|" + event.eventId();
    idempotent.lock(partner, key);   // identical pushes at once: the first answers, the rest find its answer
    var earlier = idempotent.find(partner, key);
    if (earlier.isPresent()) {
      if (!earlier.get().bodySha256().equals(sha)) {
        throw new ConflictException("eventId '" + event.eventId() + "' was already used for another event");
      }
      return new IdempotentRequests.Answer(sha, 200, earlier.get().response());
    }
    if (event.type() == PopulationEvent.Type.DECEASED) {
      deceased.record(event.personalId(), DeathNotices.PUSHED, event.date());
    } else {
      jdbc.update(FIRST_IN_QUEUE, event.personalId());
    }
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("eventId", event.eventId());
    response.put("type", event.type().name());
    response.put("status", "ACCEPTED");
    IdempotentRequests.Answer answer = new IdempotentRequests.Answer(sha, 202, write(response));
    idempotent.remember(partner, key, answer);
    return answer;
  }

  private PopulationEvent parse(byte[] body) {
    PopulationEvent e;
    try {
      e = json.readValue(body, PopulationEvent.class);
    } catch (JsonMappingException ex) {
      // a field of the wrong type or out of range: named, never echoed
      throw new InvalidRequestException(List.of(StrictJson.violation(ex)));
    } catch (IOException | RuntimeException ex) {
      throw new InvalidRequestException("body", "is not a valid population event");
    }
    if (e == null) {
      throw new InvalidRequestException("body", "is required: a population event");
    }
    List<Violation> v = new ArrayList<>();
    if (e.eventId() == null || !EVENT_ID.matcher(e.eventId()).matches()) {
      v.add(Violation.of("eventId", "is required: 1 to 64 visible characters"));
    }
    v.addAll(PersonalIdRules.check(e.personalId(), null, null));
    if (e.type() == null) {
      v.add(Violation.of("type", "is required: DECEASED or IDENTITY_CHANGED"));
    }
    LocalDate today = LocalDate.now(clock.withZone(VIETNAM));
    if (e.date() == null) {
      v.add(Violation.of("date", "is required: the day of the event, yyyy-MM-dd"));
    } else if (e.date().isAfter(today.plusDays(1))) {
      v.add(Violation.of("date", "must not be later than today"));
    }
    if (!v.isEmpty()) {
      throw new InvalidRequestException(v);
    }
    return e;
  }

  private String write(Map<String, Object> response) {
    try {
      return json.writeValueAsString(response);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a population event answer", e);
    }
  }
}

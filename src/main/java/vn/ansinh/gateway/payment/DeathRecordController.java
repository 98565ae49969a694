package vn.ansinh.gateway.payment;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.audit.SubjectHasher;
import vn.ansinh.gateway.citizen.PersonalIdRules;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.Violation;

/**
 * Operators correct a wrong death record (scope ops.manage): the personal id travels in the body,
 * never in the path, and reaches the audit trail only as a keyed hash.
 */
@RestController
public class DeathRecordController {

  private static final int MAX_REASON = 300;
  private final DeathRecords records;
  private final SubjectHasher subjects;

  public DeathRecordController(DeathRecords records, SubjectHasher subjects) {
    this.records = records;
    this.subjects = subjects;
  }

  public record CorrectionRequest(String personalId, String reason) {
    @Override
    public String toString() {
      return "CorrectionRequest[personal data withheld]";
    }
  }

  @PostMapping(path = "/api/v1/death-records/corrections", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public DeathRecords.Correction correct(@RequestBody CorrectionRequest request, Authentication operator) {
    List<Violation> violations = new ArrayList<>(PersonalIdRules.check(request.personalId(), null, null));
    if (request.reason() == null || request.reason().isBlank() || request.reason().length() > MAX_REASON
        || request.reason().chars().anyMatch(Character::isISOControl)) {
      violations.add(Violation.of("reason", "is required: at most " + MAX_REASON + " characters, no control characters"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    AuditContext.current().subjectHash(subjects.hash(request.personalId()));
    return records.correct(operator.getName(), request.personalId(), request.reason().strip());
  }
}

package vn.ansinh.gateway.citizen;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.audit.SubjectHasher;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.Violation;

/** Checks a verification request before any agency is called, and notes its subject for the audit trail. */
@Component("citizenRequestValidator")
public class CitizenRequestValidator {

  static final int MAX_NAME_LENGTH = 200;
  public static final String REQUEST_PROPERTY = "citizenVerificationRequest";
  private final SubjectHasher subjects;

  public CitizenRequestValidator(SubjectHasher subjects) {
    this.subjects = subjects;
  }

  public void validate(Exchange exchange) throws InvalidPayloadException {
    CitizenVerificationRequest request = exchange.getMessage().getMandatoryBody(CitizenVerificationRequest.class);
    AuditContext.current().subjectHash(subjects.hash(request.personalId()));
    List<Violation> violations = new ArrayList<>();
    if (request.fullName() == null || request.fullName().isBlank()) {
      violations.add(Violation.of("fullName", "is required"));
    } else if (request.fullName().length() > MAX_NAME_LENGTH) {
      violations.add(Violation.of("fullName", "is longer than " + MAX_NAME_LENGTH + " characters"));
    }
    if (request.dateOfBirth() == null) {
      violations.add(Violation.of("dateOfBirth", "is required"));
    }
    violations.addAll(PersonalIdRules.check(request.personalId(), request.dateOfBirth(), null));
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    exchange.setProperty(REQUEST_PROPERTY, request);
  }
}

package vn.ansinh.gateway.beneficiary;

import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.audit.SubjectHasher;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.outbox.Outbox;

/** Registration stores the beneficiary and its first piece of work together, before the 202. */
@Service
public class BeneficiaryService {

  static final String IDENTITY_CHECK = "identity-check";
  private final Beneficiaries beneficiaries;
  private final Outbox outbox;
  private final BankDirectory banks;
  private final SubjectHasher subjects;

  public BeneficiaryService(Beneficiaries beneficiaries, Outbox outbox, BankDirectory banks, SubjectHasher subjects) {
    this.beneficiaries = beneficiaries;
    this.outbox = outbox;
    this.banks = banks;
    this.subjects = subjects;
  }

  @Transactional
  public Beneficiary register(String owner, BeneficiaryRegistration registration) {
    AuditContext.current().subjectHash(subjects.hash(registration.personalId()));
    List<Violation> violations = BeneficiaryRules.check(registration, banks);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    beneficiaries.insert(owner, registration);
    outbox.enqueue(IDENTITY_CHECK, owner, registration.beneficiaryId());
    return find(owner, registration.beneficiaryId());
  }

  public Beneficiary find(String owner, String beneficiaryId) {
    Beneficiary b = beneficiaries.find(owner, beneficiaryId)
        .orElseThrow(() -> new NotFoundException("beneficiary", beneficiaryId));
    AuditContext.current().subjectHash(subjects.hash(b.registration().personalId()));
    return b;
  }
}

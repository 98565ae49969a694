package vn.ansinh.gateway.beneficiary;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.audit.SubjectHasher;
import vn.ansinh.gateway.error.ConflictException;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.error.UnknownAdministrativeUnitException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.outbox.Outbox;
import vn.ansinh.gateway.payment.WalletDirectory;
import vn.ansinh.gateway.reference.AdministrativeUnits;

/** Registration stores the beneficiary and its first piece of work together, before the 202. */
@Service
public class BeneficiaryService {

  static final String IDENTITY_CHECK = "identity-check";
  private final Beneficiaries beneficiaries;
  private final Outbox outbox;
  private final BankDirectory banks;
  private final SubjectHasher subjects;
  private final AdministrativeUnits units;
  private final WalletDirectory wallets;

  public BeneficiaryService(Beneficiaries beneficiaries, Outbox outbox, BankDirectory banks, SubjectHasher subjects,
      AdministrativeUnits units, WalletDirectory wallets) {
    this.wallets = wallets;
    this.beneficiaries = beneficiaries;
    this.outbox = outbox;
    this.banks = banks;
    this.subjects = subjects;
    this.units = units;
  }

  @Transactional
  public Beneficiary register(String owner, BeneficiaryRegistration registration) {
    AuditContext.current().subjectHash(subjects.hash(registration.personalId()));
    List<Violation> violations = BeneficiaryRules.check(registration, banks, wallets);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    // well-formed codes must be in the list valid today: 422 naming the code and the list
    List<Violation> unknown = units.codesOn(units.today()).check(registration.provinceCode(), registration.communeCode());
    if (!unknown.isEmpty()) {
      throw new UnknownAdministrativeUnitException(unknown);
    }
    if (!beneficiaries.insert(owner, registration)) {
      throw new ConflictException("beneficiaryId '" + registration.beneficiaryId() + "' is already registered by this partner");
    }
    outbox.enqueue(IDENTITY_CHECK, owner, registration.beneficiaryId());
    return find(owner, registration.beneficiaryId());
  }

  /**
   * Registers every valid row and lists the others with their row number (1 = the first
   * registration); accepted rows and their work commit together.
   */
  @Transactional
  public BulkResult registerAll(String owner, Iterable<BeneficiaryRegistration> registrations) {
    Iterator<BeneficiaryRegistration> each = registrations.iterator();
    return registerRead(owner, () -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return each.hasNext();
      }

      @Override
      public ReadRow next() {
        return new ReadRow(each.next(), List.of());
      }
    });
  }

  /** A registration as read from a list, with the values that could not be read (an unknown program…). */
  public record ReadRow(BeneficiaryRegistration registration, List<Violation> unreadable) {}

  @Transactional
  public BulkResult registerRead(String owner, Iterable<ReadRow> rows) {
    List<Violation> errors = new ArrayList<>();
    int row = 0;
    int accepted = 0;
    AdministrativeUnits.Codes codes = units.codesOn(units.today());
    for (ReadRow read : rows) {
      row++;
      BeneficiaryRegistration r = read.registration();
      List<Violation> violations = new ArrayList<>(read.unreadable());
      for (Violation v : BeneficiaryRules.check(r, banks, wallets)) {
        if (read.unreadable().stream().noneMatch(u -> u.field().equals(v.field()))) {
          violations.add(v);
        }
      }
      violations.addAll(codes.check(r.provinceCode(), r.communeCode()));
      if (violations.isEmpty() && !beneficiaries.insert(owner, r)) {
        violations = List.of(Violation.of("beneficiaryId", "is already registered by this partner"));
      }
      if (violations.isEmpty()) {
        outbox.enqueue(IDENTITY_CHECK, owner, r.beneficiaryId());
        accepted++;
      } else {
        for (Violation v : violations) {
          errors.add(new Violation(v.field(), row, v.reason()));
        }
      }
    }
    return new BulkResult(row, accepted, row - accepted, errors);
  }

  /** What a bulk registration did: counts, and the row errors. */
  public record BulkResult(int received, int accepted, int rejected, List<Violation> errors) {}

  public Beneficiary find(String owner, String beneficiaryId) {
    Beneficiary b = beneficiaries.find(owner, beneficiaryId)
        .orElseThrow(() -> new NotFoundException("beneficiary", beneficiaryId));
    AuditContext.current().subjectHash(subjects.hash(b.registration().personalId()));
    return b;
  }
}

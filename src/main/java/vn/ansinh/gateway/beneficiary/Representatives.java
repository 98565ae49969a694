package vn.ansinh.gateway.beneficiary;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.ProducerTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.audit.SubjectHasher;
import vn.ansinh.gateway.citizen.CitizenVerificationRequest;
import vn.ansinh.gateway.citizen.CitizenVerificationResult;
import vn.ansinh.gateway.citizen.NameKey;
import vn.ansinh.gateway.error.ChangeRefusedException;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.payment.WalletDirectory;
import vn.ansinh.gateway.payment.WalletRules;

/**
 * A beneficiary's authorised representative (SPEC §4.16), set and ended by the owning agency only.
 * The representative's identity is confirmed live with the population database before anything is
 * stored (its 5-second rule, 503/504 when it is down or slow); a new one replaces the one before
 * from today; the owning agency hears of each change in its own format, like the lifecycle's.
 */
@Service
public class Representatives {

  static final Set<String> RELATIONSHIPS = Set.of("SPOUSE", "CHILD", "PARENT", "SIBLING", "GRANDCHILD",
      "OTHER_RELATIVE", "GUARDIAN", "OTHER");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{8,19}");

  /**
   * What the agency registers; {@code bankBin} and {@code accountNumber} together, or neither; the
   * representative's own wallet ({@code walletProvider} and {@code walletId}) instead of an account, never beside one.
   */
  public record Authorisation(String personalId, String fullName, LocalDate dateOfBirth, String relationship,
      String authorisationReference, LocalDate validUntil, String bankBin, String accountNumber,
      String walletProvider, String walletId) {

    @Override
    public String toString() {
      return "Authorisation[personal data withheld]";
    }
  }

  /** A representative as stored; {@code endedOn}: not used from that day. */
  public record Representative(long id, String personalId, String fullName, LocalDate dateOfBirth, String relationship,
      String authorisationReference, LocalDate validFrom, LocalDate validUntil, String bankBin, String accountNumber,
      String walletProvider, String walletId, LocalDate endedOn) {

    @Override
    public String toString() {
      return "Representative[" + id + ", personal data withheld]";
    }
  }

  private final BeneficiaryLifecycle lifecycle;
  private final LifecycleRecords records;
  private final ProducerTemplate flows;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final BankDirectory banks;
  private final WalletDirectory wallets;
  private final RepresentativeProperties properties;
  private final SubjectHasher subjects;
  private final Clock clock;

  public Representatives(BeneficiaryLifecycle lifecycle, LifecycleRecords records, ProducerTemplate flows,
      JdbcTemplate jdbc, TransactionTemplate tx, BankDirectory banks, WalletDirectory wallets,
      RepresentativeProperties properties, SubjectHasher subjects, Clock clock) {
    this.lifecycle = lifecycle;
    this.records = records;
    this.flows = flows;
    this.jdbc = jdbc;
    this.tx = tx;
    this.banks = banks;
    this.wallets = wallets;
    this.properties = properties;
    this.subjects = subjects;
    this.clock = clock;
  }

  /** Sets the representative from today, replacing any other; 422 when the population database does not confirm them. */
  public Representative authorise(String owner, String beneficiaryId, Authorisation a, String changedBy) {
    Beneficiary b = lifecycle.load(owner, beneficiaryId);
    LocalDate today = lifecycle.today();
    check(a, today);
    if (a.personalId().equals(b.registration().personalId())) {
      throw new ChangeRefusedException("change-refused", "Change refused",
          Violation.of("personalId", "must be another person than the beneficiary"));
    }
    confirm(a);
    AuditContext.current().subjectHash(subjects.hash(b.registration().personalId()));   // the event is the beneficiary's
    return tx.execute(status -> {
      BeneficiaryLifecycle.checkChangeable(records.lock(owner, beneficiaryId).orElseThrow(), null);
      jdbc.update("update representative set ended_on = ? where owner = ? and beneficiary_id = ? and ended_on is null",
          Date.valueOf(today), owner, beneficiaryId);
      jdbc.update("insert into representative (owner, beneficiary_id, personal_id, full_name, date_of_birth, relationship,"
          + " authorisation_reference, valid_from, valid_until, bank_bin, account_number, wallet_provider, wallet_id,"
          + " name_key, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", owner,
          beneficiaryId, a.personalId(), a.fullName().strip(), Date.valueOf(a.dateOfBirth()), a.relationship(),
          a.authorisationReference().strip(), Date.valueOf(today), Date.valueOf(a.validUntil()), a.bankBin(),
          a.accountNumber(), a.walletProvider(), WalletRules.normalized(a.walletId()), NameKey.of(a.fullName().strip()),
          changedBy, Timestamp.from(clock.instant()));
      lifecycle.changed(owner, beneficiaryId, "REPRESENTATIVE_SET", List.of("representative"), today, a.relationship(),
          changedBy);
      return current(owner, beneficiaryId).orElseThrow();
    });
  }

  /** The representative in force or last set and not ended (it may have expired); 404 when there is none. */
  public Representative find(String owner, String beneficiaryId) {
    lifecycle.load(owner, beneficiaryId);
    return current(owner, beneficiaryId).orElseThrow(() -> new NotFoundException("representative of", beneficiaryId));
  }

  /** Ends the representative from today: payments no longer go to them. */
  public void end(String owner, String beneficiaryId, String changedBy) {
    lifecycle.load(owner, beneficiaryId);
    LocalDate today = lifecycle.today();
    tx.executeWithoutResult(status -> {
      BeneficiaryLifecycle.checkChangeable(records.lock(owner, beneficiaryId).orElseThrow(), null);
      if (jdbc.update("update representative set ended_on = ? where owner = ? and beneficiary_id = ? and ended_on is null",
          Date.valueOf(today), owner, beneficiaryId) == 0) {
        throw new NotFoundException("representative of", beneficiaryId);
      }
      lifecycle.changed(owner, beneficiaryId, "REPRESENTATIVE_ENDED", List.of("representative"), today, null, changedBy);
    });
  }

  private Optional<Representative> current(String owner, String beneficiaryId) {
    return jdbc.query("select * from representative where owner = ? and beneficiary_id = ? and ended_on is null"
        + " order by id desc limit 1", (rs, i) -> {
          Date ended = rs.getDate("ended_on");
          return new Representative(rs.getLong("id"), rs.getString("personal_id"), rs.getString("full_name"),
              rs.getDate("date_of_birth").toLocalDate(), rs.getString("relationship"),
              rs.getString("authorisation_reference"), rs.getDate("valid_from").toLocalDate(),
              rs.getDate("valid_until").toLocalDate(), rs.getString("bank_bin"), rs.getString("account_number"),
              rs.getString("wallet_provider"), rs.getString("wallet_id"), ended == null ? null : ended.toLocalDate());
        }, owner, beneficiaryId).stream().findFirst();
  }

  /** The population database must know the person under this name and date of birth, alive. */
  private void confirm(Authorisation a) {
    CitizenVerificationResult result = flows.requestBody("direct:verify-citizen",
        new CitizenVerificationRequest(a.personalId(), a.fullName(), a.dateOfBirth()), CitizenVerificationResult.class);
    if (!result.match()) {
      List<String> m = result.mismatches();
      throw new ChangeRefusedException("identity-mismatch", "Identity not confirmed", m.contains("personalId")
          ? Violation.of("personalId", "the population database does not know this personal id")
          : m.contains("fullName") ? Violation.of("fullName", "does not match the population database")
          : Violation.of("dateOfBirth", "does not match the population database"));
    }
    if (result.deceased()) {
      throw new ChangeRefusedException("identity-mismatch", "Identity not confirmed",
          Violation.of("personalId", "the population database records this person as deceased"));
    }
  }

  private void check(Authorisation a, LocalDate today) {
    if (a == null) {
      throw new InvalidRequestException("body", "is required");
    }
    List<Violation> v = new ArrayList<>();
    if (a.personalId() == null) {
      v.add(Violation.of("personalId", "is required: 12 digits"));
    }
    if (a.fullName() == null || a.fullName().isBlank() || a.fullName().length() > 200) {
      v.add(Violation.of("fullName", "is required: 1 to 200 characters"));
    }
    if (a.dateOfBirth() == null) {
      v.add(Violation.of("dateOfBirth", "is required: yyyy-MM-dd"));
    }
    if (a.relationship() == null || !RELATIONSHIPS.contains(a.relationship())) {
      v.add(Violation.of("relationship", "is required: one of " + String.join(", ", RELATIONSHIPS.stream().sorted().toList())));
    }
    if (a.authorisationReference() == null || a.authorisationReference().isBlank()
        || a.authorisationReference().length() > 100) {
      v.add(Violation.of("authorisationReference", "is required: the authorisation or consent document, 1 to 100 characters"));
    }
    LocalDate latest = today.plusDays(properties.maxValidity().toDays());
    if (a.validUntil() == null || a.validUntil().isBefore(today) || a.validUntil().isAfter(latest)) {
      v.add(Violation.of("validUntil", "is required: the last day the authorisation may be used, from " + today
          + " to " + latest));
    }
    if ((a.bankBin() == null) != (a.accountNumber() == null)) {
      v.add(Violation.of(a.bankBin() == null ? "bankBin" : "accountNumber", "bankBin and accountNumber go together"));
    } else if (a.bankBin() != null) {
      if (banks.find(a.bankBin()).isEmpty()) {
        v.add(Violation.of("bankBin", "is not a bank the gateway pays through"));
      }
      if (!ACCOUNT.matcher(a.accountNumber()).matches()) {
        v.add(Violation.of("accountNumber", "must be 8 to 19 digits"));
      }
    }
    v.addAll(WalletRules.check(a.walletProvider(), a.walletId(), a.bankBin(), a.accountNumber(), wallets));
    if (!v.isEmpty()) {
      throw new InvalidRequestException(v);
    }
  }
}

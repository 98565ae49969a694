package vn.ansinh.gateway.beneficiary;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.ansinh.gateway.events.DomainEvents;

/** Opening requests sent to banks, and the personal-id → account mapping with its history. */
@Repository
public class Accounts {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final DomainEvents events;

  public Accounts(JdbcTemplate jdbc, Clock clock, DomainEvents events) {
    this.events = events;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void openingRequestSent(String requestId, String owner, String beneficiaryId, String bankBin) {
    jdbc.update("insert into account_opening_request (request_id, owner, beneficiary_id, bank_bin, sent_at)"
        + " values (?, ?, ?, ?, ?) on conflict (request_id) do nothing",
        requestId, owner, beneficiaryId, bankBin, Timestamp.from(clock.instant()));
  }

  /** The request, locked until the transaction ends: one bank answer at a time, and only one. */
  public Optional<OpeningRequest> lockOpeningRequest(String requestId) {
    return jdbc.query("select * from account_opening_request where request_id = ? for update",
        (rs, i) -> new OpeningRequest(rs.getString("request_id"), rs.getString("owner"),
            rs.getString("beneficiary_id"), rs.getString("bank_bin"), rs.getString("answer")), requestId)
        .stream().findFirst();
  }

  public void openingRequestAnswered(String requestId, String answer) {
    jdbc.update("update account_opening_request set answer = ?, answered_at = ? where request_id = ?", answer,
        Timestamp.from(clock.instant()), requestId);
  }

  /**
   * Stops a reported account being used, under every mapping that names it for this person;
   * the rows stay, inactive, with when and why. Answers whose beneficiaries lost their account.
   */
  public List<Owned> deactivate(String personalId, String bankBin, String accountNumber, String reason) {
    List<Owned> stopped = jdbc.query("update beneficiary_account set active = false, deactivated_at = ?, deactivation_reason = ?"
            + " where active and personal_id = ? and bank_bin = ? and account_number = ?"
            + " returning owner, beneficiary_id",
        (rs, i) -> new Owned(rs.getString(1), rs.getString(2)), Timestamp.from(clock.instant()), reason, personalId,
        bankBin, accountNumber);
    stopped.forEach(o -> events.account(o.owner(), o.beneficiaryId(), "account-stopped", bankBin,
        AccountMasks.mask(accountNumber), reason));
    return stopped;
  }

  /** The account most recently stopped, for the owning agency's notification only. */
  public Optional<FullAccount> lastDeactivated(String owner, String beneficiaryId) {
    return jdbc.query("select bank_bin, account_number, account_name from beneficiary_account"
            + " where owner = ? and beneficiary_id = ? and deactivated_at is not null order by deactivated_at desc, id desc"
            + " limit 1",
        (rs, i) -> new FullAccount(rs.getString(1), rs.getString(2), rs.getString(3)), owner, beneficiaryId)
        .stream().findFirst();
  }

  /** Records the account as the active one, superseding any earlier one for the same program. */
  public void open(Beneficiary b, String bankBin, String accountNumber, String accountName, Instant openedAt) {
    Timestamp now = Timestamp.from(clock.instant());
    BeneficiaryRegistration r = b.registration();
    jdbc.update("update beneficiary_account set active = false, superseded_at = ?"
        + " where owner = ? and beneficiary_id = ? and program = ? and active", now, b.owner(), r.beneficiaryId(),
        r.program().name());
    jdbc.update("insert into beneficiary_account (owner, beneficiary_id, program, personal_id, bank_bin, account_number,"
            + " account_name, opened_at, active) values (?, ?, ?, ?, ?, ?, ?, ?, true)",
        b.owner(), r.beneficiaryId(), r.program().name(), r.personalId(), bankBin, accountNumber, accountName,
        Timestamp.from(openedAt != null ? openedAt : clock.instant()));
    events.account(b.owner(), r.beneficiaryId(), "account-opened", bankBin, AccountMasks.mask(accountNumber), null);
  }

  public Optional<ActiveAccount> active(String owner, String beneficiaryId) {
    return jdbc.query("select bank_bin, account_number, opened_at from beneficiary_account"
            + " where owner = ? and beneficiary_id = ? and active",
        (rs, i) -> new ActiveAccount(rs.getString(1), AccountMasks.mask(rs.getString(2)),
            rs.getTimestamp(3).toInstant()), owner, beneficiaryId).stream().findFirst();
  }

  /** The active account in full, for the owning agency's notification only. */
  public Optional<FullAccount> activeUnmasked(String owner, String beneficiaryId) {
    return jdbc.query("select bank_bin, account_number, account_name from beneficiary_account"
            + " where owner = ? and beneficiary_id = ? and active",
        (rs, i) -> new FullAccount(rs.getString(1), rs.getString(2), rs.getString(3)), owner, beneficiaryId)
        .stream().findFirst();
  }

  public record FullAccount(String bankBin, String accountNumber, String accountName) {
    @Override
    public String toString() {
      return "FullAccount[" + bankBin + ", " + AccountMasks.mask(accountNumber) + "]";
    }
  }

  /** An opening request as sent; {@code answer} is the bank's (OPENED, REJECTED), null while it waits. */
  public record OpeningRequest(String requestId, String owner, String beneficiaryId, String bankBin, String answer) {}

  /** A beneficiary named by its owner. */
  public record Owned(String owner, String beneficiaryId) {}

  /** The active account as partners see it: the number masked. */
  public record ActiveAccount(String bankBin, String accountNumber, Instant openedAt) {}
}

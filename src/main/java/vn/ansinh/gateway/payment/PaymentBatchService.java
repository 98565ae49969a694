package vn.ansinh.gateway.payment;

import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.ansinh.gateway.beneficiary.AccountMasks;
import vn.ansinh.gateway.error.ConflictException;
import vn.ansinh.gateway.error.ForbiddenException;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.outbox.Outbox;
import vn.ansinh.gateway.security.PartnerRegistry;

/**
 * Batches as partners see and move them: the payer reads its own; the treasury reads the batches
 * it must approve and approves them (never the payer itself); after approval each planned bank
 * file becomes one piece of outbox work.
 */
@Service
public class PaymentBatchService {

  static final String FILE_DELIVERY = "payment-file-delivery";
  private static final String TREASURY = "TREASURY";
  private final PaymentBatches batches;
  private final JdbcTemplate jdbc;
  private final Outbox outbox;
  private final PartnerRegistry partners;
  private final Clock clock;
  private final ReliefListChecks relief;
  private final WalletOrders walletOrders;

  public PaymentBatchService(PaymentBatches batches, JdbcTemplate jdbc, Outbox outbox, PartnerRegistry partners,
      Clock clock, ReliefListChecks relief, WalletOrders walletOrders) {
    this.relief = relief;
    this.walletOrders = walletOrders;
    this.batches = batches;
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.partners = partners;
    this.clock = clock;
  }

  /** The treasury's decision; an empty body approves. */
  public record Decision(Boolean approved, String reason) {
    boolean approves() {
      return approved == null || approved;
    }
  }

  /** Another partner's batch answers exactly as an unknown one (SPEC §2: existence is not disclosed). */
  public PaymentBatch find(String partner, String batchId) {
    boolean treasury = partners.find(partner).map(p -> TREASURY.equals(p.role())).orElse(false);
    return batches.find(batchId).filter(b -> b.owner().equals(partner) || treasury)
        .orElseThrow(() -> new NotFoundException("payment batch", batchId));
  }

  @Transactional
  public PaymentBatch decide(String partner, String batchId, Decision decision) {
    find(partner, batchId);
    PaymentBatch b = batches.lock(batchId).orElseThrow();
    if (b.owner().equals(partner)) {
      throw new ForbiddenException("The payer cannot approve its own payment batch");
    }
    if (b.status() != BatchStatus.AWAITING_APPROVAL) {
      throw new ConflictException("The batch is " + b.status() + "; only a batch awaiting approval can be decided");
    }
    if (!decision.approves()) {
      batches.status(b.key(), BatchStatus.REJECTED, "declined by the treasury"
          + (decision.reason() == null || decision.reason().isBlank() ? "" : ": " + clip(decision.reason())));
      // nothing was paid: the payer may send these payments again
      // through the batch's own rows, so the claims' primary keys find them
      jdbc.update("delete from payment_id_claim c using payment p where p.batch_key = ? and c.owner = ?"
          + " and c.payment_id = p.payment_id and c.batch_key = p.batch_key", b.key(), b.owner());
      jdbc.update("delete from person_claim c using payment p where p.batch_key = ? and c.program = ? and c.period = ?"
          + " and c.personal_id = p.personal_id and c.batch_key = p.batch_key", b.key(), b.program(), b.period());
      relief.release(b.key());
      return batches.find(batchId).orElseThrow();
    }
    batches.approved(b.key(), partner, clock.instant());
    List<String> files = jdbc.queryForList("select file_id from payment_file where batch_key = ? order by file_id",
        String.class, b.key());
    for (String file : files) {
      outbox.enqueue(FILE_DELIVERY, b.owner(), file);
    }
    int orders = walletOrders.enqueue(b);
    if (files.isEmpty() && orders == 0) {
      batches.status(b.key(), BatchStatus.DISPATCHED, "every payment of this batch is in cash");
    }
    return batches.find(batchId).orElseThrow();
  }

  private static String clip(String reason) {
    return reason.length() > 200 ? reason.substring(0, 200) : reason;
  }

  public PaymentBatches.Eligibility eligibility(PaymentBatch b) {
    return batches.eligibility(b.key());
  }

  /** Per bank: payments, their sum, files planned and files delivered. */
  public List<BankTotals> banks(PaymentBatch b) {
    return jdbc.query("select bank_bin, sum(tx_count), sum(ctrl_sum), count(*), count(*) filter (where status = 'DELIVERED')"
        + " from payment_file where batch_key = ? group by bank_bin order by bank_bin",
        (rs, i) -> new BankTotals(rs.getString(1), rs.getLong(2), PaymentBatches.sumOf(rs, 3), rs.getInt(4),
            rs.getInt(5)), b.key());
  }

  public record BankTotals(String bankBin, long payments, BigInteger sumVnd, int files, int filesDelivered) {}

  /** Per wallet provider: payments, their sum, its order and whether the provider has it. */
  public List<WalletOrders.ProviderTotals> wallets(PaymentBatch b) {
    return walletOrders.totals(b.key());
  }

  /** The row errors, a page of invalid rows at a time. */
  public List<Violation> errors(PaymentBatch b, int page, int size) {
    List<Violation> errors = new ArrayList<>();
    jdbc.query("select row_no, errors from payment where batch_key = ? and status = 'INVALID' order by row_no"
        + " limit ? offset ?", rs -> {
          int row = rs.getInt(1);
          for (String line : rs.getString(2).split("\n")) {
            int tab = line.indexOf('\t');
            errors.add(new Violation(line.substring(0, tab), row, line.substring(tab + 1)));
          }
        }, b.key(), size, (long) page * size);
    return errors;
  }

  /**
   * One payment as its payer sees it: the account or wallet number masked; orderId for a wallet
   * payment; how it was paid once PAID; whether it goes to, or was collected by, the beneficiary's
   * authorised representative.
   */
  public record PaymentView(int row, String paymentId, String beneficiaryId, PaymentStatus status, String statusReason,
      BigInteger amountVnd, String bankBin, String accountNumber, String communeCode, String fileId, String method,
      boolean viaRepresentative, String walletProvider, String walletId, String orderId) {}

  public List<PaymentView> payments(PaymentBatch b, PaymentStatus status, int page, int size) {
    String sql = "select p.row_no, p.payment_id, p.beneficiary_id, p.status, p.status_reason, p.amount_vnd, p.bank_bin,"
        + " p.account_number, p.commune_code, f.file_id, " + PaymentStatus.METHOD + ", p.representative_id is not null,"
        + " p.wallet_provider, p.wallet_id, w.order_id from payment p left join payment_file f"
        + " on f.batch_key = p.batch_key and f.bank_bin = p.bank_bin and f.file_seq = p.file_seq"
        + " and p." + PaymentStatus.IN_ITS_FILE
        + " left join wallet_order w on w.batch_key = p.batch_key and w.provider = p.wallet_provider"
        + " and p." + PaymentStatus.IN_ITS_FILE
        + " where p.batch_key = ?" + (status == null ? "" : " and p.status = ?") + " order by p.row_no limit ? offset ?";
    Object[] args = status == null ? new Object[] {b.key(), size, (long) page * size}
        : new Object[] {b.key(), status.name(), size, (long) page * size};
    return jdbc.query(sql, (rs, i) -> new PaymentView(rs.getInt(1), rs.getString(2), rs.getString(3),
        PaymentStatus.valueOf(rs.getString(4)), rs.getString(5), PaymentBatches.sumOf(rs, 6), rs.getString(7),
        rs.getString(8) == null ? null : AccountMasks.mask(rs.getString(8)), rs.getString(9), rs.getString(10),
        rs.getString(11), rs.getBoolean(12), rs.getString(13), WalletRules.mask(rs.getString(14)), rs.getString(15)),
        args);
  }

  /** What became of a batch's cash payments: recorded as paid at the payment point, and not collected. */
  public record CashOutcomes(long paid, long uncollected) {}

  public CashOutcomes cash(PaymentBatch b) {
    // counted as payouts are recorded and swept, so a view polled during dispatch reads one row, not every cash payment
    return jdbc.queryForObject("select cash_paid_count, cash_uncollected_count from payment_batch where batch_key = ?",
        (rs, i) -> new CashOutcomes(rs.getLong(1), rs.getLong(2)), b.key());
  }
}

package vn.ansinh.gateway.payment;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.security.Callers;

/**
 * A batch's reconciliation (SPEC §4.6): from what was declared to what the banks did, in counts
 * and đồng, and whether it balances to the last đồng. Sums are exact for any amounts. A payment is
 * dispatched only once its file is DELIVERED; until then it is pending, so a file never delivered
 * shows. A wallet payment's order stands for its file (SPEC §4.15). For the payer, the treasury and operators.
 */
@RestController
public class ReconciliationController {

  // statuses of rows that go no further; any other row is paid through its bank file, or else in cash
  private static final Set<String> STOPPED = Set.of("RECEIVED", "INVALID", "DUPLICATE", "DECEASED", "UNVERIFIED",
      "IDENTITY_MISMATCH", "INELIGIBLE");
  private static final Set<String> AWAITING_RESULT = Set.of("PENDING", "DISPATCHED", "ACCEPTED");
  private static final Set<BatchStatus> ALL_DELIVERED = Set.of(BatchStatus.DISPATCHED, BatchStatus.PARTIALLY_SETTLED,
      BatchStatus.SETTLED);
  // per status: is the row in a bank file or a wallet order, was that delivered, and is it a wallet payment
  private static final String BY_STATUS = """
      select p.status, p.file_seq is not null or p.wallet_provider is not null,
             coalesce(f.status = 'DELIVERED', w.status = 'DELIVERED', false), count(*),
             coalesce(sum(p.amount_vnd), 0), p.wallet_provider is not null
      from payment p left join payment_file f
        on f.batch_key = p.batch_key and f.bank_bin = p.bank_bin and f.file_seq = p.file_seq
      left join wallet_order w on w.batch_key = p.batch_key and w.provider = p.wallet_provider
      where p.batch_key = ? group by 1, 2, 3, 6""";

  private final PaymentBatches batches;
  private final Callers callers;
  private final JdbcTemplate jdbc;

  public ReconciliationController(PaymentBatches batches, Callers callers, JdbcTemplate jdbc) {
    this.batches = batches;
    this.callers = callers;
    this.jdbc = jdbc;
  }

  /** A count and its sum in đồng, exact. */
  public record Total(long count, BigInteger sumVnd) {
    static final Total ZERO = new Total(0, BigInteger.ZERO);

    Total plus(Total other) {
      return new Total(count + other.count, sumVnd.add(other.sumVnd));
    }

    Total negate() {
      return new Total(-count, sumVnd.negate());
    }
  }

  /**
   * {@code valid} passed the row checks: duplicates, the deceased, the unverified, identity mismatches and
   * the ineligible (suspended or terminated for the period) among them are stopped. {@code dispatched}: in files delivered to their banks, of which {@code paid},
   * {@code rejected}, {@code returned} and {@code awaitingResult}. {@code pending}: in files not yet delivered.
   * Wallet payments count there too, their orders as their files; {@code toWallets} is their share.
   */
  public record Reconciliation(String batchId, BatchStatus status, Total declared, Total received, Total valid,
      Total invalid, Total duplicate, Total deceased, Total unverified, Total identityMismatch, Total ineligible,
      Total cash,
      Total dispatched, Total paid, Total rejected, Total returned, Total awaitingResult, Total pending,
      Total cashPaid, Total cashUncollected, Total cashAwaiting, Total toWallets, boolean balanced) {}

  @GetMapping(path = "/api/v1/reports/reconciliation", produces = MediaType.APPLICATION_JSON_VALUE)
  public Reconciliation reconcile(@RequestParam String batchId, Authentication partner) {
    String role = callers.role(partner);
    // another partner's batch answers exactly as an unknown one (SPEC §2: existence is not disclosed)
    PaymentBatch b = batches.find(batchId)
        .filter(x -> x.owner().equals(partner.getName()) || role.equals("TREASURY") || role.equals("OPERATIONS"))
        .orElseThrow(() -> new NotFoundException("payment batch", batchId));
    Map<String, Total> others = new HashMap<>();        // rows in no bank file, by status; cash rows as CASH
    Map<String, Total> cashByStatus = new HashMap<>();  // the cash rows: CASH (not recorded yet), PAID, UNCOLLECTED
    Map<String, Total> delivered = new HashMap<>();     // rows in files their banks have, by status
    Map<String, Total> undelivered = new HashMap<>();   // rows in files not delivered yet, by status
    Total[] toWallets = {Total.ZERO};                   // rows in wallet orders, delivered or not
    jdbc.query(BY_STATUS, rs -> {
      String status = rs.getString(1);
      Total t = new Total(rs.getLong(4), PaymentBatches.sumOf(rs, 5));
      if (!STOPPED.contains(status) && rs.getBoolean(6)) {
        toWallets[0] = toWallets[0].plus(t);
      }
      if (STOPPED.contains(status)) {
        others.merge(status, t, Total::plus);
      } else if (!rs.getBoolean(2)) {
        others.merge("CASH", t, Total::plus);   // paid at the payment point, whatever it has recorded since
        cashByStatus.merge(status, t, Total::plus);
      } else {
        (rs.getBoolean(3) ? delivered : undelivered).merge(status, t, Total::plus);
      }
    }, b.key());
    Total invalid = others.getOrDefault("INVALID", Total.ZERO);
    Total duplicate = others.getOrDefault("DUPLICATE", Total.ZERO);
    Total deceased = others.getOrDefault("DECEASED", Total.ZERO);
    Total unverified = others.getOrDefault("UNVERIFIED", Total.ZERO);
    Total mismatch = others.getOrDefault("IDENTITY_MISMATCH", Total.ZERO);
    Total ineligible = others.getOrDefault("INELIGIBLE", Total.ZERO);
    Total cash = others.getOrDefault("CASH", Total.ZERO);
    Total cashPaid = cashByStatus.getOrDefault("PAID", Total.ZERO);
    Total cashUncollected = cashByStatus.getOrDefault("UNCOLLECTED", Total.ZERO);
    Total cashAwaiting = cashByStatus.getOrDefault("CASH", Total.ZERO);
    Total dispatched = sum(delivered, null);
    Total paid = delivered.getOrDefault("PAID", Total.ZERO);
    Total rejected = delivered.getOrDefault("REJECTED", Total.ZERO);
    Total returned = delivered.getOrDefault("RETURNED", Total.ZERO);
    Total awaiting = sum(delivered, AWAITING_RESULT);
    Total pending = sum(undelivered, null);
    Total toBanks = dispatched.plus(pending).plus(toWallets[0].negate());   // bank files only
    Total ordered = jdbc.queryForObject("select coalesce(sum(tx_count), 0), coalesce(sum(total_vnd), 0)"
        + " from wallet_order where batch_key = ?", (rs, i) -> new Total(rs.getLong(1), PaymentBatches.sumOf(rs, 2)), b.key());
    Total valid = toBanks.plus(toWallets[0]).plus(duplicate).plus(deceased).plus(unverified).plus(mismatch).plus(ineligible).plus(cash)
        .plus(others.getOrDefault("RECEIVED", Total.ZERO));
    Total received = new Total(b.receivedCount(), b.receivedSum());
    Total declared = new Total(b.declaredCount(), b.declaredSum());
    // every row and every đồng accounted for: declared = received = valid + invalid; what validation
    // sent to the banks and to cash is what the banks and the payment points have; what was delivered
    // is paid, rejected, returned or still awaiting its result; and a batch that says it is dispatched
    // has no payment left in an undelivered file
    boolean balanced = declared.equals(received) && received.equals(valid.plus(invalid))
        && (b.bankSum() == null || b.bankSum().equals(toBanks.sumVnd()) && b.bankCount() == toBanks.count())
        && (b.bankSum() == null || ordered.equals(toWallets[0]))   // what the wallet orders carry, no more, no less
        && (b.cashSum() == null || b.cashSum().equals(cash.sumVnd()) && Objects.equals(b.cashCount(), cash.count()))
        && dispatched.equals(paid.plus(rejected).plus(returned).plus(awaiting))
        && cash.equals(cashPaid.plus(cashUncollected).plus(cashAwaiting))
        && (!ALL_DELIVERED.contains(b.status()) || pending.count() == 0);
    return new Reconciliation(b.batchId(), b.status(), declared, received, valid, invalid, duplicate, deceased,
        unverified, mismatch, ineligible, cash, dispatched, paid, rejected, returned, awaiting, pending, cashPaid,
        cashUncollected, cashAwaiting, toWallets[0], balanced);
  }

  /** The rows of these statuses (null: all) in one total. */
  private static Total sum(Map<String, Total> byStatus, Set<String> statuses) {
    return byStatus.entrySet().stream().filter(e -> statuses == null || statuses.contains(e.getKey()))
        .map(Map.Entry::getValue).reduce(Total.ZERO, Total::plus);
  }
}

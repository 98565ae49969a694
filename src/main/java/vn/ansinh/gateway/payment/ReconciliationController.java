package vn.ansinh.gateway.payment;

import java.util.LinkedHashMap;
import java.util.Map;
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
 * and đồng, and whether it balances to the last đồng. For the payer, the treasury and operators.
 */
@RestController
public class ReconciliationController {

  private final PaymentBatches batches;
  private final Callers callers;
  private final JdbcTemplate jdbc;

  public ReconciliationController(PaymentBatches batches, Callers callers, JdbcTemplate jdbc) {
    this.batches = batches;
    this.callers = callers;
    this.jdbc = jdbc;
  }

  /** A count and its sum in đồng. */
  public record Total(long count, long sumVnd) {
    Total plus(Total other) {
      return new Total(count + other.count, sumVnd + other.sumVnd);
    }
  }

  public record Reconciliation(String batchId, BatchStatus status, Total declared, Total received, Total valid,
      Total invalid, Total duplicate, Total deceased, Total cash, Total dispatched, Total paid, Total rejected,
      Total returned, Total pending, boolean balanced) {}

  @GetMapping(path = "/api/v1/reports/reconciliation", produces = MediaType.APPLICATION_JSON_VALUE)
  public Reconciliation reconcile(@RequestParam String batchId, Authentication partner) {
    String role = callers.role(partner);
    // another partner's batch answers exactly as an unknown one (SPEC §2: existence is not disclosed)
    PaymentBatch b = batches.find(batchId)
        .filter(x -> x.owner().equals(partner.getName()) || role.equals("TREASURY") || role.equals("OPERATIONS"))
        .orElseThrow(() -> new NotFoundException("payment batch", batchId));
    Map<String, Total> by = new LinkedHashMap<>();
    jdbc.query("select status, count(*), coalesce(sum(amount_vnd), 0) from payment where batch_key = ? group by status",
        rs -> {
          by.put(rs.getString(1), new Total(rs.getLong(2), rs.getLong(3)));
        }, b.key());
    Total zero = new Total(0, 0);
    Total invalid = by.getOrDefault("INVALID", zero);
    Total paid = by.getOrDefault("PAID", zero);
    Total rejected = by.getOrDefault("REJECTED", zero);
    Total returned = by.getOrDefault("RETURNED", zero);
    Total pending = by.getOrDefault("PENDING", zero).plus(by.getOrDefault("DISPATCHED", zero))
        .plus(by.getOrDefault("ACCEPTED", zero));
    Total dispatched = pending.plus(paid).plus(rejected).plus(returned);
    Total duplicate = by.getOrDefault("DUPLICATE", zero);
    Total deceased = by.getOrDefault("DECEASED", zero);
    Total cash = by.getOrDefault("CASH", zero);
    Total valid = dispatched.plus(duplicate).plus(deceased).plus(cash).plus(by.getOrDefault("RECEIVED", zero));
    Total received = new Total(b.receivedCount(), b.receivedSum());
    Total declared = new Total(b.declaredCount(), b.declaredSum());
    // every row and every đồng accounted for: declared = received = valid + invalid; what validation
    // sent to the banks and to cash is what the banks and the payment points have
    boolean balanced = declared.equals(received) && received.equals(valid.plus(invalid))
        && (b.bankSum() == null || b.bankSum() == dispatched.sumVnd() && b.bankCount() == dispatched.count())
        && (b.cashSum() == null || b.cashSum() == cash.sumVnd());
    return new Reconciliation(b.batchId(), b.status(), declared, received, valid, invalid, duplicate, deceased, cash,
        dispatched, paid, rejected, returned, pending, balanced);
  }
}

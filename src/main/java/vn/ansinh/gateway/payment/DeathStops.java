package vn.ansinh.gateway.payment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import vn.ansinh.gateway.outbox.Outbox;

/**
 * A death learnt after validation (SPEC §4.11): the person's payments for periods after the month of
 * death, in batches still awaiting the treasury's approval, are stopped as DECEASED — out of their
 * bank file, their payment id and person claims released — the reverse of {@link DeathRecords}'
 * correction. The treasury gets each batch's order again, and the paying agency hears of the stops.
 */
@Service
public class DeathStops {

  // payable rows of batches not yet approved; a whole month after the death (null date: every period)
  private static final String PAYABLE = """
      select p.batch_key, p.row_no, p.payment_id, p.amount_vnd, p.bank_bin, p.file_seq, p.status, p.wallet_provider,
             b.batch_id, b.owner, b.program, b.period
      from payment_batch b join payment p on p.batch_key = b.batch_key
      where b.status = 'AWAITING_APPROVAL' and p.personal_id = ? and p.status in ('PENDING', 'CASH')
        and (?::date is null or b.period > to_char(?::date, 'YYYY-MM'))
      order by p.batch_key, p.row_no
      """;
  private static final String REASON = "the population database reports a death before this period";
  private static final String TELL = """
      insert into payment_result (batch_key, bank_bin, msg_id, results, created_at)
      select ?, null, 'DEATH', json_agg(json_build_object('paymentId', payment_id, 'beneficiaryId', beneficiary_id,
             'status', status, 'reason', status_reason, 'amountVnd', amount_vnd, 'personalId', personal_id)
             order by row_no), ?
      from payment where batch_key = ? and row_no = any(?) returning id
      """;

  private final JdbcTemplate jdbc;
  private final PaymentBatches batches;
  private final Outbox outbox;
  private final Clock clock;

  public DeathStops(JdbcTemplate jdbc, PaymentBatches batches, Outbox outbox, Clock clock) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Stops the person's later payments in the caller's transaction; returns how many were stopped. */
  @Transactional(propagation = Propagation.MANDATORY)
  public int stopAfter(String personalId, LocalDate dateOfDeath) {
    // one batch at a time across instances, like validation and corrections
    jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, BatchValidation.CLAIM_LOCK);
    java.sql.Date died = dateOfDeath == null ? null : java.sql.Date.valueOf(dateOfDeath);
    Map<Long, List<Integer>> stopped = new LinkedHashMap<>();
    Map<Long, String[]> owners = new LinkedHashMap<>();
    for (Map<String, Object> row : jdbc.queryForList(PAYABLE, personalId, died, died)) {
      long key = ((Number) row.get("batch_key")).longValue();
      if (!owners.containsKey(key)) {
        batches.lock(key);
        owners.put(key, new String[] {(String) row.get("owner"), (String) row.get("batch_id")});
      }
      if (stop(key, row, personalId)) {
        batches.paymentsChanged(key, List.of(((Number) row.get("row_no")).intValue()), "death-record");
        stopped.computeIfAbsent(key, k -> new ArrayList<>()).add(((Number) row.get("row_no")).intValue());
      }
    }
    int count = 0;
    Timestamp now = Timestamp.from(clock.instant());
    for (Map.Entry<Long, List<Integer>> e : stopped.entrySet()) {
      long key = e.getKey();
      String[] ownerAndId = owners.get(key);
      batches.validated(key, BatchValidation.totals(jdbc, key));
      outbox.enqueue(BatchValidation.TREASURY_ORDER, ownerAndId[0], ownerAndId[1]);   // the order as it now stands
      Long result = jdbc.queryForObject(TELL, Long.class, key, now, key, e.getValue().toArray(new Integer[0]));
      outbox.enqueue(PaymentReports.RESULTS, ownerAndId[0], Long.toString(result));
      count += e.getValue().size();
    }
    return count;
  }

  private boolean stop(long key, Map<String, Object> row, String personalId) {
    int rowNo = ((Number) row.get("row_no")).intValue();
    // still payable now that the batch is locked
    if (jdbc.update("update payment set status = 'DECEASED', status_reason = ? where batch_key = ? and row_no = ?"
        + " and status in ('PENDING', 'CASH')", REASON, key, rowNo) == 0) {
      return false;
    }
    jdbc.update("delete from payment_id_claim where owner = ? and payment_id = ? and batch_key = ?", row.get("owner"),
        row.get("payment_id"), key);
    jdbc.update("delete from person_claim where program = ? and period = ? and personal_id = ? and batch_key = ?",
        row.get("program"), row.get("period"), personalId, key);
    Number fileSeq = (Number) row.get("file_seq");
    if ("PENDING".equals(row.get("status")) && row.get("bank_bin") != null && fileSeq != null) {
      long amount = ((Number) row.get("amount_vnd")).longValue();
      jdbc.update("update payment_file set tx_count = tx_count - 1, ctrl_sum = ctrl_sum - ? where batch_key = ?"
          + " and bank_bin = ? and file_seq = ? and status = 'PLANNED'", amount, key, row.get("bank_bin"), fileSeq.intValue());
      jdbc.update("delete from payment_file where batch_key = ? and bank_bin = ? and file_seq = ? and status = 'PLANNED'"
          + " and tx_count = 0", key, row.get("bank_bin"), fileSeq.intValue());
    }
    if ("PENDING".equals(row.get("status")) && row.get("wallet_provider") != null) {   // out of its wallet order
      jdbc.update("update wallet_order set tx_count = tx_count - 1, total_vnd = total_vnd - ? where batch_key = ?"
          + " and provider = ? and status = 'PLANNED'", ((Number) row.get("amount_vnd")).longValue(), key,
          row.get("wallet_provider"));
      jdbc.update("delete from wallet_order where batch_key = ? and provider = ? and status = 'PLANNED' and tx_count = 0",
          key, row.get("wallet_provider"));
    }
    return true;
  }
}

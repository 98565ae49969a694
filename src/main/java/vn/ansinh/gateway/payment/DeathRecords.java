package vn.ansinh.gateway.payment;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.outbox.Outbox;

/**
 * An operator's correction of a wrong death record (SPEC §4.9): the record is removed (kept as a
 * correction, with who and why), and the person's payments that validation stopped as DECEASED in
 * batches not yet approved are put back — into their planned bank file, or in cash — unless that
 * would pay the payment id or the person twice. The treasury gets the batch's order again.
 */
@Service
public class DeathRecords {

  private static final String STOPPED = """
      select p.batch_key, p.row_no, p.payment_id, p.amount_vnd, p.bank_bin, p.file_seq,
             b.batch_id, b.owner, b.program, b.period
      from payment p join payment_batch b on b.batch_key = p.batch_key
      where p.personal_id = ? and p.status = 'DECEASED' and b.status = 'AWAITING_APPROVAL'
      order by p.batch_key, p.row_no
      """;

  private final JdbcTemplate jdbc;
  private final PaymentBatches batches;
  private final Outbox outbox;
  private final Clock clock;

  public DeathRecords(JdbcTemplate jdbc, PaymentBatches batches, Outbox outbox, Clock clock) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** What a correction changed: payments put back, and the batches they are in. */
  public record Correction(int paymentsFreed, List<String> batches) {}

  @Transactional
  public Correction correct(String operator, String personalId, String reason) {
    // claims are made one batch at a time across instances: this takes the same lock as validation
    jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, BatchValidation.CLAIM_LOCK);
    List<Map<String, Object>> record = jdbc.queryForList("select date_of_death, source, recorded_at from deceased_person"
        + " where personal_id = ? for update", personalId);
    if (record.isEmpty()) {
      throw new NotFoundException("death record", "for this personal id");
    }
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update("insert into death_record_correction (personal_id, date_of_death, source, recorded_at, corrected_by,"
        + " reason, corrected_at) values (?, ?, ?, ?, ?, ?, ?)", personalId, record.get(0).get("date_of_death"),
        record.get(0).get("source"), record.get(0).get("recorded_at"), operator, reason, now);
    jdbc.update("delete from deceased_person where personal_id = ?", personalId);

    int freed = 0;
    List<String> touched = new ArrayList<>();
    for (Map<String, Object> row : jdbc.queryForList(STOPPED, personalId)) {
      long key = ((Number) row.get("batch_key")).longValue();
      batches.lock(key);
      if (putBack(key, row)) {
        freed++;
      }
      batches.paymentsChanged(key, List.of(((Number) row.get("row_no")).intValue()), "death-record-corrected");
      String batchId = (String) row.get("batch_id");
      if (!touched.contains(batchId)) {
        touched.add(batchId);
      }
    }
    for (String batchId : touched) {
      PaymentBatch b = batches.find(batchId).orElseThrow();
      batches.validated(b.key(), BatchValidation.totals(jdbc, b.key()));
      outbox.enqueue(BatchValidation.TREASURY_ORDER, b.owner(), batchId);   // the order as it now stands
    }
    return new Correction(freed, touched);
  }

  private boolean putBack(long key, Map<String, Object> row) {
    int rowNo = ((Number) row.get("row_no")).intValue();
    String paymentId = (String) row.get("payment_id");
    boolean idFree = jdbc.update("insert into payment_id_claim (owner, payment_id, batch_key) values (?, ?, ?)"
        + " on conflict do nothing", row.get("owner"), paymentId, key) == 1;
    boolean personFree = idFree && jdbc.update("insert into person_claim (program, period, personal_id, batch_key)"
        + " select ?, ?, personal_id, ? from payment where batch_key = ? and row_no = ? on conflict do nothing",
        row.get("program"), row.get("period"), key, key, rowNo) == 1;
    if (!personFree) {
      if (idFree) {
        jdbc.update("delete from payment_id_claim where owner = ? and payment_id = ?", row.get("owner"), paymentId);
      }
      jdbc.update("update payment set status = 'DUPLICATE', status_reason = ? where batch_key = ? and row_no = ?",
          "the death record was corrected, but this payment or person is already claimed", key, rowNo);
      return false;
    }
    String bin = (String) row.get("bank_bin");
    Number fileSeq = (Number) row.get("file_seq");
    if (bin == null || fileSeq == null) {
      jdbc.update("update payment set status = 'CASH', status_reason = 'no account known: to be paid in cash at the"
          + " commune payment point' where batch_key = ? and row_no = ?", key, rowNo);
      return true;
    }
    jdbc.update("update payment set status = 'PENDING', status_reason = null where batch_key = ? and row_no = ?",
        key, rowNo);
    long amount = ((Number) row.get("amount_vnd")).longValue();
    // back in its file: validation's range for it took the stopped rows in already; a file planned anew
    // here, after all its payments were stopped, starts with this row and grows with the next one freed
    int planned = jdbc.update("update payment_file set tx_count = tx_count + 1, ctrl_sum = ctrl_sum + ?,"
        + " first_row = least(first_row, ?), last_row = greatest(last_row, ?)"
        + " where batch_key = ? and bank_bin = ? and file_seq = ?", amount, rowNo, rowNo, key, bin, fileSeq.intValue());
    if (planned == 0) {
      jdbc.update("insert into payment_file (file_id, batch_key, bank_bin, file_seq, tx_count, ctrl_sum, status,"
          + " created_at, first_row, last_row) values ('ASG' || ? || '-' || ? || '-' || lpad(?::text, 4, '0'), ?, ?, ?, 1,"
          + " ?, 'PLANNED', ?, ?, ?)", key, bin, fileSeq.intValue() + 1, key, bin, fileSeq.intValue(), amount,
          Timestamp.from(clock.instant()), rowNo, rowNo);
    }
    return true;
  }
}

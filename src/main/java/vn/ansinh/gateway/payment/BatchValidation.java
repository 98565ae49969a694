package vn.ansinh.gateway.payment;

import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.outbox.Outbox;
import vn.ansinh.gateway.outbox.OutboxWorker;

/**
 * The batch-level checks, run as outbox work once the rows are in: duplicates stopped (a payer's
 * payment id once for ever; a person once per program and period), the deceased stopped, missing
 * accounts taken from the account mapping or else paid in cash, and the bank files planned. Set
 * based, in one transaction; batches are validated one at a time across instances, so two lists
 * can never both claim the same payment.
 */
@Component("paymentBatchValidation")
public class BatchValidation {

  static final String TREASURY_ORDER = "treasury-payment-order";
  private static final long CLAIM_LOCK = 0x414E53494E48L;   // pg_advisory_xact_lock key for claiming payments

  /** What validation decides for a row, by the code the query gives it. */
  private enum Decision {
    PAY(PaymentStatus.PENDING, null),
    REPEATED_ID(PaymentStatus.DUPLICATE, "paymentId repeats an earlier row of this list"),
    USED_ID(PaymentStatus.DUPLICATE, "paymentId was already used by this payer"),
    REPEATED_PERSON(PaymentStatus.DUPLICATE, "this person already has a payment in this list"),
    PAID_PERSON(PaymentStatus.DUPLICATE, "this person was already paid for this program and period"),
    DECEASED(PaymentStatus.DECEASED, "the beneficiary is recorded as deceased"),
    CASH(PaymentStatus.CASH, "no account known: to be paid in cash at the commune payment point");

    final PaymentStatus status;
    final String reason;

    Decision(PaymentStatus status, String reason) {
      this.status = status;
      this.reason = reason;
    }

    static String sqlArray(java.util.function.Function<Decision, String> value) {
      StringBuilder a = new StringBuilder("(array[");
      for (Decision d : values()) {
        String v = value.apply(d);
        a.append(d.ordinal() == 0 ? "" : ", ").append(v == null ? "null" : "'" + v + "'");
      }
      return a.append("]::varchar[])").toString();
    }
  }

  // rows are decided by small codes (sorts stay narrow); the codes become statuses and reasons once, in the update
  private static final String DECIDE = """
      with received as (
        select p.row_no, p.payment_id, p.personal_id, p.bank_bin, p.account_number,
               row_number() over (partition by p.payment_id order by p.row_no) as id_rank,
               exists (select 1 from payment_id_claim c where c.owner = ? and c.payment_id = p.payment_id) as id_used
        from payment p where p.batch_key = ? and p.status = 'RECEIVED'
      ), fresh as (
        -- a person counts once among the rows whose payment id is new
        select r.row_no, row_number() over (partition by r.personal_id order by r.row_no) as person_rank
        from received r where r.id_rank = 1 and not r.id_used
      ), decided as (
        select r.row_no, r.payment_id, r.personal_id,
          case   -- the codes are Decision's ordinals
            when r.id_rank > 1 then 1
            when r.id_used then 2
            when f.person_rank > 1 then 3
            when exists (select 1 from person_claim c
                         where c.program = ? and c.period = ? and c.personal_id = r.personal_id) then 4
            when exists (select 1 from deceased_person d where d.personal_id = r.personal_id) then 5
            when coalesce(r.account_number, m.account_number) is null then 6
            else 0
          end as decision,
          coalesce(r.bank_bin, m.bank_bin) as bank_bin,
          coalesce(r.account_number, m.account_number) as account_number
        from received r
        left join fresh f on f.row_no = r.row_no
        left join lateral (
          select a.bank_bin, a.account_number from beneficiary_account a
          where r.account_number is null and a.active and a.personal_id = r.personal_id
          order by a.program = ? desc, a.opened_at desc limit 1) m on true   -- the person's account, this program's first
      ), numbered as (
        select d.*, case when d.decision = 0 then
                 (row_number() over (partition by d.decision = 0, d.bank_bin order by d.row_no) - 1) / ? end as file_seq
        from decided d
      ), ids_claimed as (   -- each claim in its key's order: the index fills from left to right
        insert into payment_id_claim (owner, payment_id, batch_key)
        select ?, n.payment_id, ? from numbered n where n.decision in (0, 6) order by n.payment_id
      ), people_claimed as (
        insert into person_claim (program, period, personal_id, batch_key)
        select ?, ?, n.personal_id, ? from numbered n where n.decision in (0, 6) order by n.personal_id
      )
      update payment p set status = STATUSES[n.decision + 1], status_reason = REASONS[n.decision + 1],
             bank_bin = n.bank_bin, account_number = n.account_number, file_seq = n.file_seq
      from numbered n where p.batch_key = ? and p.row_no = n.row_no
      """.replace("STATUSES", Decision.sqlArray(d -> d.status.name()))
      .replace("REASONS", Decision.sqlArray(d -> d.reason));

  private static final String PLAN_FILES = """
      insert into payment_file (file_id, batch_key, bank_bin, file_seq, tx_count, ctrl_sum, status, created_at)
      select 'ASG' || ? || '-' || bank_bin || '-' || lpad((file_seq + 1)::text, 4, '0'), ?, bank_bin, file_seq,
             count(*), sum(amount_vnd), 'PLANNED', now()
      from payment where batch_key = ? and file_seq is not null group by bank_bin, file_seq
      """;

  private final JdbcTemplate jdbc;
  private final PaymentBatches batches;
  private final PaymentProperties properties;
  private final Outbox outbox;

  public BatchValidation(JdbcTemplate jdbc, PaymentBatches batches, PaymentProperties properties, Outbox outbox) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.properties = properties;
    this.outbox = outbox;
  }

  public void validate(Exchange exchange) {
    String batchId = exchange.getProperty(OutboxWorker.SUBJECT, String.class);
    jdbc.execute("set local work_mem = '256MB'");   // the sorts of a million-row list stay in memory
    jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, CLAIM_LOCK);
    PaymentBatch b = batches.lock(batchId).orElseThrow();
    if (b.status() != BatchStatus.VALIDATING) {
      return;   // already done: a repeated outbox run changes nothing
    }
    long k = b.key();
    jdbc.update(DECIDE, b.owner(), k, b.program(), b.period(), b.program(), properties.maxTransactionsPerFile(),
        b.owner(), k, b.program(), b.period(), k, k);
    jdbc.update(PLAN_FILES, k, k, k);
    PaymentBatches.Totals totals = jdbc.queryForObject("""
        select count(*) filter (where status = 'DUPLICATE'), count(*) filter (where status = 'DECEASED'),
               count(*) filter (where status = 'CASH'), coalesce(sum(amount_vnd) filter (where status = 'CASH'), 0),
               count(*) filter (where status = 'PENDING'), coalesce(sum(amount_vnd) filter (where status = 'PENDING'), 0)
        from payment where batch_key = ?""", (rs, i) -> new PaymentBatches.Totals(rs.getLong(1), rs.getLong(2),
        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)), k);
    batches.validated(k, totals);
    if (totals.cash() + totals.bank() == 0) {
      batches.status(k, BatchStatus.REJECTED, "no row of the list can be paid: see its errors and payments");
      return;
    }
    batches.status(k, BatchStatus.AWAITING_APPROVAL, null);
    outbox.enqueue(TREASURY_ORDER, b.owner(), batchId);
  }
}

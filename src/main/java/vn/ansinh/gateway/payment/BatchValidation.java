package vn.ansinh.gateway.payment;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.beneficiary.LifecycleProperties;
import vn.ansinh.gateway.outbox.Outbox;
import vn.ansinh.gateway.outbox.OutboxWorker;
import vn.ansinh.gateway.relief.ReliefProgram;
import vn.ansinh.gateway.relief.ReliefPrograms;

/**
 * The batch-level checks, run as outbox work once the rows are in and the eligibility gate has
 * verified every person, in one transaction: duplicates stopped (a payer's payment id once for
 * ever; a person once per program and period), people the population database does not know or
 * under another name stopped, the deceased stopped, people the payer suspended or terminated for
 * the period stopped (INELIGIBLE), payments through an authorised representative flagged, missing
 * accounts taken from the representative's account or the account mapping or else paid in cash, the payable rows claimed and the bank files planned. Each step changes only the rows it stops, in
 * this order; batches are validated one at a time across instances, so two lists can never both
 * claim the same payment. A relief list is checked against its decision instead (ReliefListChecks),
 * and is refused whole when its payable rows would pass the program's remaining budget.
 */
@Component("paymentBatchValidation")
public class BatchValidation {

  static final String TREASURY_ORDER = "treasury-payment-order";
  static final long CLAIM_LOCK = 0x414E53494E48L;   // pg_advisory_xact_lock key for claiming payments
  private static final String OPEN = "p.status in ('PENDING', 'RECEIVED')";   // valid rows not stopped yet

  // a stopped row keeps its file number, so the numbering of the bank's rows stays as it was counted
  private static final String STOP = "update payment p set status = ?, status_reason = ?";

  /** All but the first open row of each repeated value of {@code column}, the whole list grouped by it. */
  private static String stopRepeated(String column) {
    return STOP + " from (select " + column + " as v, min(row_no) as first from payment p"
        + " where p.batch_key = ? and " + OPEN + " group by " + column + " having count(*) > 1) d"
        + " where p.batch_key = ? and " + OPEN + " and p." + column + " = d.v and p.row_no > d.first";
  }

  /** The same among the rows the list's intake found may repeat a value (RepeatedValues): every row of a repeat is one of them. */
  private static String stopRepeatedAmongCandidates(String column) {
    String candidates = "p.row_no = any(select unnest(row_nos) from payment_repeat_rows where batch_key = ? and key_column = '"
        + column + "')";
    return STOP + " from (select " + column + " as v, min(row_no) as first from payment p"
        + " where p.batch_key = ? and " + candidates + " and " + OPEN + " group by " + column + " having count(*) > 1) d"
        + " where p.batch_key = ? and " + candidates + " and " + OPEN + " and p." + column + " = d.v and p.row_no > d.first";
  }

  private static final String STOP_USED_IDS = STOP + " where p.batch_key = ? and " + OPEN
      + " and exists (select 1 from payment_id_claim c where c.owner = ? and c.payment_id = p.payment_id)";

  // one pass for the person-level stops, in this order: paid already for the program and period; the
  // population database does not know the id; the name is not the registry's; deceased before the period
  // (payments up to and including the month of death stay payable); suspended or terminated for the period
  // by the payer, in every registration it has of the person for the program (SPEC §4.10; the reason is
  // SUSPENDED or TERMINATED:<reason>, a termination first). The gate verified everyone just before.
  private static final String STOP_INELIGIBLE = """
      with stops as (
        select n.personal_id, n.beneficiary_id,
               case e.kind when 'TERMINATED' then 'TERMINATED:' || e.reason else 'SUSPENDED' end as why
        from beneficiary_period e join beneficiary n on n.owner = e.owner and n.beneficiary_id = e.beneficiary_id
        where e.owner = ? and n.program = ? and e.from_date < ?::date and (e.until_date is null or e.until_date >= ?::date)
      ), ineligible as (
        select t.personal_id, max(t.why) as why from stops t
        where not exists (select 1 from beneficiary m where m.owner = ? and m.program = ?
                          and m.personal_id = t.personal_id
                          and not exists (select 1 from stops u where u.beneficiary_id = m.beneficiary_id))
        group by t.personal_id
      )
      update payment p set status = s.status, status_reason = case s.status
          when 'DUPLICATE' then 'this person was already paid for this program and period'
          when 'UNVERIFIED' then 'the population database does not know this personal id'
          when 'IDENTITY_MISMATCH' then 'the name does not match the population database'
          when 'INELIGIBLE' then s.why
          else 'the beneficiary is recorded as deceased before this period' end
      from (select p.row_no, case
                when c.personal_id is not null then 'DUPLICATE'
                when v.known is not true then 'UNVERIFIED'
                when p.name_key is not null and v.name_key is distinct from p.name_key then 'IDENTITY_MISMATCH'
                when d.personal_id is not null and (d.date_of_death is null or to_char(d.date_of_death, 'YYYY-MM') < ?)
                  then 'DECEASED'
                when i.personal_id is not null then 'INELIGIBLE'
              end as status, i.why
            from payment p
            left join person_claim c on c.program = ? and c.period = ? and c.personal_id = p.personal_id
            left join person_verification v on v.personal_id = p.personal_id
            left join deceased_person d on d.personal_id = p.personal_id
            left join ineligible i on i.personal_id = p.personal_id
            where p.batch_key = ? and %s) s
      where p.batch_key = ? and p.row_no = s.row_no and s.status is not null
      """.formatted(OPEN);

  // a beneficiary's authorised representative valid on the day the list is validated (SPEC §4.16):
  // the payment is flagged, and goes to the representative's own account where one was given
  private static final String FLAG_REPRESENTATIVES = """
      update payment p set representative_id = r.id
      from representative r
      where p.batch_key = ? and p.status in ('RECEIVED', 'PENDING') and r.owner = ? and r.beneficiary_id = p.beneficiary_id
        and %s
      """.formatted(CashPayouts.VALID_ON);

  // each row still without an account: the representative's account where the payment goes through one, else
  // the person's active account (this program's first), numbered on after the bank's rows (the representative's
  // account makes them the creditor: to_representative); else cash at the commune. One pass over the list.
  private static final String RESOLVE_ACCOUNTS_OR_CASH = """
      with received as (
        select p.row_no, m.bank_bin, m.account_number, m.rank = 0 as to_representative from payment p
        left join lateral (select x.bank_bin, x.account_number, x.rank from (
                             select r.bank_bin, r.account_number, 0 as rank, null::timestamptz as opened_at
                             from representative r where r.id = p.representative_id and r.account_number is not null
                             union all
                             select a.bank_bin, a.account_number, case when a.program = ? then 1 else 2 end, a.opened_at
                             from beneficiary_account a where a.active and a.personal_id = p.personal_id) x
                           order by x.rank, x.opened_at desc limit 1) m on true
        where p.batch_key = ? and p.status = 'RECEIVED'
      ), counted as (
        select q.bank_bin, count(*) as numbered from payment q
        where q.batch_key = ? and q.file_seq is not null and q.bank_bin in (select bank_bin from received)
        group by q.bank_bin
      ), numbered as (
        select f.row_no, (coalesce(c.numbered, 0) + row_number() over (partition by f.bank_bin order by f.row_no) - 1) / ?
               as file_seq
        from received f left join counted c on c.bank_bin = f.bank_bin
        where f.bank_bin is not null
      )
      update payment p set status = case when r.bank_bin is null then 'CASH' else 'PENDING' end,
             status_reason = case when r.bank_bin is null
                 then 'no account known: to be paid in cash at the commune payment point' else p.status_reason end,
             bank_bin = coalesce(r.bank_bin, p.bank_bin), account_number = coalesce(r.account_number, p.account_number),
             file_seq = coalesce(n.file_seq, p.file_seq), to_representative = coalesce(r.to_representative, p.to_representative)
      from received r left join numbered n on n.row_no = r.row_no
      where p.batch_key = ? and p.row_no = r.row_no
      """;

  // in each key's order: the primary key fills from left to right
  private static final String CLAIM_IDS = "insert into payment_id_claim (owner, payment_id, batch_key)"
      + " select ?, payment_id, batch_key from payment where batch_key = ? and status in ('PENDING', 'CASH')"
      + " order by payment_id";
  private static final String CLAIM_PEOPLE = "insert into person_claim (program, period, personal_id, batch_key)"
      + " select ?, ?, personal_id, batch_key from payment where batch_key = ? and status in ('PENDING', 'CASH')"
      + " order by personal_id";

  // a file's range of rows covers every row numbered into it, the stopped ones too: one freed later is in it already
  private static final String PLAN_FILES = """
      insert into payment_file (file_id, batch_key, bank_bin, file_seq, tx_count, ctrl_sum, status, created_at,
                                first_row, last_row)
      select 'ASG' || ? || '-' || bank_bin || '-' || lpad((file_seq + 1)::text, 4, '0'), ?, bank_bin, file_seq,
             count(*) filter (where status = 'PENDING'), sum(amount_vnd) filter (where status = 'PENDING'), 'PLANNED',
             now(), min(row_no), max(row_no)
      from payment where batch_key = ? and file_seq is not null group by bank_bin, file_seq
      having count(*) filter (where status = 'PENDING') > 0
      """;

  // the payments validation stopped, for the paying agency: in list order, at most results-per-notification
  // in one message, so a month with a few thousand stops is one message wherever they are in the list
  private static final String TELL_STOPS = """
      insert into payment_result (batch_key, bank_bin, msg_id, results, created_at)
      select ?, null, 'VALIDATION', json_agg(json_build_object('paymentId', payment_id, 'beneficiaryId', beneficiary_id,
             'status', status, 'reason', status_reason, 'amountVnd', amount_vnd, 'personalId', personal_id)
             order by row_no), now()
      from (select row_no, payment_id, beneficiary_id, status, status_reason, amount_vnd, personal_id,
                   (row_number() over (order by row_no) - 1) / ? as part
            from payment where batch_key = ?
              and status in ('DUPLICATE', 'DECEASED', 'UNVERIFIED', 'IDENTITY_MISMATCH', 'INELIGIBLE')) s
      group by part order by part returning id
      """;

  private final JdbcTemplate jdbc;
  private final PaymentBatches batches;
  private final PaymentProperties properties;
  private final Outbox outbox;
  private final ReliefPrograms reliefPrograms;
  private final ReliefListChecks relief;
  private final Clock clock;
  private final LifecycleProperties calendar;
  private final WalletOrders walletOrders;

  public BatchValidation(JdbcTemplate jdbc, PaymentBatches batches, PaymentProperties properties, Outbox outbox,
      ReliefPrograms reliefPrograms, ReliefListChecks relief, Clock clock, LifecycleProperties calendar,
      WalletOrders walletOrders) {
    this.walletOrders = walletOrders;
    this.clock = clock;
    this.calendar = calendar;
    this.jdbc = jdbc;
    this.batches = batches;
    this.properties = properties;
    this.outbox = outbox;
    this.reliefPrograms = reliefPrograms;
    this.relief = relief;
  }

  public void validate(Exchange exchange) {
    String batchId = exchange.getProperty(OutboxWorker.SUBJECT, String.class);
    jdbc.execute("set local work_mem = '256MB'");   // the groupings of a million-row list stay in memory
    jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, CLAIM_LOCK);
    PaymentBatch b = batches.lock(batchId).orElseThrow();
    if (b.status() != BatchStatus.VALIDATING) {
      return;   // already done: a repeated outbox run changes nothing
    }
    long k = b.key();
    stopRepeated(k, "payment_id", "paymentId repeats an earlier row of this list");
    jdbc.update(STOP_USED_IDS, "DUPLICATE", "paymentId was already used by this payer", k, b.owner());
    stopRepeated(k, "personal_id", "this person already has a payment in this list");
    // a relief list (SPEC §4.14) is checked against its decision instead of the program's month
    ReliefProgram decision = reliefPrograms.ofBatch(k).orElse(null);
    if (decision == null) {
      // the month after the period: a stop counts in the period when it starts before this and ends on or after it
      Date next = Date.valueOf(YearMonth.parse(b.period()).plusMonths(1).atDay(1));
      jdbc.update(STOP_INELIGIBLE, b.owner(), b.program(), next, next, b.owner(), b.program(), b.period(), b.program(),
          b.period(), k, k);
    } else {
      if (decision.perHousehold()) {
        stopRepeated(k, "household_id", "this household already has a payment in this list");
      }
      relief.stop(k, decision);
    }
    Date today = Date.valueOf(LocalDate.ofInstant(clock.instant(), calendar.zone()));
    jdbc.update(FLAG_REPRESENTATIVES, k, b.owner(), today, today, today);
    jdbc.update(RESOLVE_ACCOUNTS_OR_CASH, b.program(), k, k, properties.maxTransactionsPerFile(), k);
    long toWallets = walletOrders.plan(k);   // wallets their provider did not confirm are stopped first
    PaymentBatches.Totals totals = totals(jdbc, k);
    String overBudget = decision == null ? null : relief.commit(k, decision.key(), totals, walletOrders.total(k));
    if (overBudget == null) {
      jdbc.update(CLAIM_IDS, b.owner(), k);
      if (decision == null) {
        jdbc.update(CLAIM_PEOPLE, b.program(), b.period(), k);
      } else {
        relief.claim(k, decision);
      }
      jdbc.update(PLAN_FILES, k, k, k);
    }
    jdbc.update("delete from payment_repeat_rows where batch_key = ?", k);
    batches.validated(k, totals);
    batches.paymentsDecided(k);
    // one pass over the list for the gate's stops and the lifecycle's
    jdbc.query("select count(*) filter (where status = 'UNVERIFIED'), count(*) filter (where status = 'IDENTITY_MISMATCH'),"
        + " count(*) filter (where status = 'INELIGIBLE') from payment where batch_key = ?", rs -> {
          batches.stopped(k, rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }, k);
    for (Long stops : jdbc.queryForList(TELL_STOPS, Long.class, k, properties.resultsPerNotification(), k)) {
      outbox.enqueue(PaymentReports.RESULTS, b.owner(), Long.toString(stops));
    }
    if (overBudget != null) {
      batches.status(k, BatchStatus.REJECTED, overBudget);
      return;
    }
    if (totals.cash() + totals.bank() + toWallets == 0) {
      batches.status(k, BatchStatus.REJECTED, "no row of the list can be paid: see its errors and payments");
      return;
    }
    batches.status(k, BatchStatus.AWAITING_APPROVAL, null);
    outbox.enqueue(TREASURY_ORDER, b.owner(), batchId);
  }

  /** Stops as DUPLICATE all but the first open row of each value of {@code column} that repeats in the list. */
  private void stopRepeated(long k, String column, String reason) {
    boolean followed = jdbc.queryForObject("select exists (select 1 from payment_repeat_rows where batch_key = ?"
        + " and key_column = ?)", Boolean.class, k, column);
    if (followed) {
      jdbc.update(stopRepeatedAmongCandidates(column), "DUPLICATE", reason, k, k, k, k);
    } else {
      jdbc.update(stopRepeated(column), "DUPLICATE", reason, k, k);
    }
  }

  /** What the batch's rows add up to once validated: stops, cash and bank payments (wallet orders count their own). */
  static PaymentBatches.Totals totals(JdbcTemplate jdbc, long key) {
    return jdbc.queryForObject("""
        select count(*) filter (where status = 'DUPLICATE'), count(*) filter (where status = 'DECEASED'),
               count(*) filter (where status = 'CASH'), coalesce(sum(amount_vnd) filter (where status = 'CASH'), 0),
               count(*) filter (where status = 'PENDING' and wallet_provider is null),
               coalesce(sum(amount_vnd) filter (where status = 'PENDING' and wallet_provider is null), 0)
        from payment where batch_key = ?""", (rs, i) -> new PaymentBatches.Totals(rs.getLong(1), rs.getLong(2),
        rs.getLong(3), PaymentBatches.sumOf(rs, 4), rs.getLong(5), PaymentBatches.sumOf(rs, 6)), key);
  }
}

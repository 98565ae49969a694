package vn.ansinh.gateway.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.ansinh.gateway.audit.SubjectHasher;

/**
 * Writes domain events to the outbox table {@code domain_event} in the caller's transaction, so an
 * event exists exactly when its change does. Each event reads the state it tells from the row just
 * changed, after that row's lock was taken: events of one key are numbered in the order they happen.
 * Payment status changes are grouped (a validation, a bank file, a report): one event per status
 * (and reason) naming the rows that took it as ranges ({@code "1-4,6,9-120"}), at most
 * {@code ranges-per-event} ranges each, built in one statement, never one insert per payment; a
 * million statuses are a few megabytes on the stream, not a few hundred.
 * With {@code gateway.events.enabled} false nothing is written.
 */
@Repository
public class DomainEvents {

  public static final String BENEFICIARY = "beneficiary";
  public static final String PAYMENT = "payment";
  public static final String AUDIT = "audit";
  static final String TYPE_PREFIX = "vn.ansinh.gateway.";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSERT = "insert into domain_event (family, type, partner, event_key, subject, data, created_at) ";
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final SubjectHasher hasher;
  private final EventStreamProperties properties;

  public DomainEvents(JdbcTemplate jdbc, Clock clock, SubjectHasher hasher, EventStreamProperties properties) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.hasher = hasher;
    this.properties = properties;
  }

  /** The beneficiary as it is now ({@code beneficiary.registered}, {@code beneficiary.status-changed}): ids, program, status. */
  public void beneficiary(String owner, String beneficiaryId, String type) {
    if (!properties.enabled()) {
      return;
    }
    String subjectHash = jdbc.query("select personal_id from beneficiary where owner = ? and beneficiary_id = ?",
        rs -> rs.next() ? hasher.hash(rs.getString(1)) : null, owner, beneficiaryId);
    jdbc.update(INSERT + "select 'beneficiary', ?, owner, owner || '/' || beneficiary_id, beneficiary_id,"
        + " json_strip_nulls(json_build_object('beneficiaryId', beneficiary_id, 'program', program, 'status', status,"
        + " 'statusReason', status_reason, 'subjectHash', ?::text))::text, ? from beneficiary where owner = ? and beneficiary_id = ?",
        TYPE_PREFIX + BENEFICIARY + "." + type, subjectHash, now(), owner, beneficiaryId);
  }

  /** An account opened or stopped for a beneficiary: the bank and the masked number only. */
  public void account(String owner, String beneficiaryId, String type, String bankBin, String maskedAccount,
      String reason) {
    if (!properties.enabled()) {
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("beneficiaryId", beneficiaryId);
    data.put("bankBin", bankBin);
    data.put("accountNumber", maskedAccount);
    if (reason != null) {
      data.put("reason", reason);
    }
    jdbc.update(INSERT + "values ('beneficiary', ?, ?, ?, ?, ?, ?)", TYPE_PREFIX + BENEFICIARY + "." + type,
        owner, owner + "/" + beneficiaryId, beneficiaryId, json(data), now());
  }

  /** A batch milestone ({@code payment.batch.<type>}): the batch's status and counts as they are now. */
  public void batch(long batchKey, String type) {
    if (!properties.enabled()) {
      return;
    }
    jdbc.update(INSERT + "select 'payment', ?, owner, batch_id, batch_id, json_strip_nulls(json_build_object("
        + "'batchId', batch_id, 'program', program, 'period', period, 'status', status, 'statusReason', status_reason,"
        + " 'receivedCount', received_count, 'invalidCount', invalid_count, 'duplicateCount', duplicate_count,"
        + " 'deceasedCount', deceased_count, 'cashCount', cash_count, 'bankCount', bank_count,"
        + " 'bankSumVnd', bank_sum, 'approvedAt', approved_at))::text, ? from payment_batch where batch_key = ?",
        TYPE_PREFIX + "payment.batch." + type, now(), batchKey);
  }

  /**
   * Every payment of the batch with its status now: what validation decided. Most rows are PENDING,
   * so only the others are read in order; the PENDING ranges are the gaps between them (rows are
   * numbered 1…n), and a million-row list costs a scan, not a window over every row.
   */
  public void paymentsOfBatch(long batchKey, String cause) {
    String listed = " and (status <> 'PENDING' or status_reason is not null)";
    payments(batchKey, cause, ranges(listed) + " union all " + PENDING_GAPS.formatted(listed),
        List.of(batchKey, batchKey, batchKey));
  }

  /** The payments of one bank file that it dispatched. */
  public void paymentsOfFile(long batchKey, String bankBin, int fileSeq, String cause) {
    payments(batchKey, cause, ranges(" and bank_bin = ? and file_seq = ? and status = 'DISPATCHED'"),
        List.of(batchKey, bankBin, fileSeq));
  }

  /** The payments of one wallet payment order that it dispatched. */
  public void paymentsOfWalletOrder(long batchKey, String provider, String cause) {
    payments(batchKey, cause, ranges(" and wallet_provider = ? and status = 'DISPATCHED'"), List.of(batchKey, provider));
  }

  /** Some payments of a batch, by row number (a bank report's, a death record's). */
  public void paymentRows(long batchKey, List<Integer> rows, String cause) {
    if (!rows.isEmpty()) {
      payments(batchKey, cause, ranges(" and row_no = any(?)"),
          List.of(batchKey, (Object) rows.toArray(new Integer[0])));
    }
  }

  /**
   * The ranges (status, status_reason, lo, c) of the batch's rows that {@code where} selects, in one
   * pass in row order: a range starts where the row before is not the previous number or has
   * another status or reason; the running count of starts numbers the ranges. One parameter, the
   * batch key, before those of {@code where}.
   */
  private static String ranges(String where) {
    return """
        select status, status_reason, min(row_no) as lo, count(*) as c
        from (select row_no, status, status_reason, sum(starts) over (order by row_no) as range_no
              from (select row_no, status, status_reason,
                      case when lag(row_no) over w = row_no - 1 and lag(status) over w = status
                             and lag(status_reason) over w is not distinct from status_reason
                           then 0 else 1 end as starts
                    from payment where batch_key = ?%s
                    window w as (order by row_no)) s) n
        group by range_no, status, status_reason""".formatted(where);
  }

  /** The PENDING ranges between the rows {@code %s} selects (parameters: the batch key, twice). */
  private static final String PENDING_GAPS = """
      select 'PENDING', null, lo, hi - lo + 1 from (
        select lag(row_no, 1, 0) over (order by row_no) + 1 as lo, row_no - 1 as hi
        from (select row_no from payment where batch_key = ?%s
              union all select coalesce(max(row_no), 0) + 1 from payment where batch_key = ?) s) g
      where hi >= lo""";

  /** One event per status and reason (and per {@code ranges-per-event} of its ranges), in the order of each group's first row. */
  private void payments(long batchKey, String cause, String ranges, List<Object> rangeArgs) {
    if (!properties.enabled()) {
      return;
    }
    List<Object> args = new ArrayList<>(List.of(TYPE_PREFIX + "payment.statuses-changed", cause, now(),
        properties.rangesPerEvent()));
    args.addAll(rangeArgs);
    args.add(batchKey);
    jdbc.update(INSERT + """
        select 'payment', ?, b.owner, b.batch_id, b.batch_id,
          '{"batchId":' || to_json(b.batch_id)::text || ',"cause":' || to_json(?::text)::text
          || ',"status":"' || g.status || '"' || coalesce(',"statusReason":' || to_json(g.status_reason)::text, '')
          || ',"count":' || g.n || ',"rows":"' || g.rows || '"}', ?
        from (select status, status_reason, min(lo) as first, sum(c) as n,
                string_agg(case when c = 1 then lo::text else lo || '-' || (lo + c - 1) end, ',' order by lo) as rows
              from (select status, status_reason, lo, c,
                      (row_number() over (partition by status, status_reason order by lo) - 1) / ? as part
                    from (""" + ranges + """
                    ) r) i
              group by status, status_reason, part) g
        cross join payment_batch b where b.batch_key = ? order by g.first""", args.toArray());
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static String json(Object data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event data not serialisable", e);
    }
  }
}

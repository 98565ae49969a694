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
   * so only the others are read and put in order; the PENDING ranges are the gaps between them
   * (rows are numbered 1…n): a million-row list costs a scan, not a sort of every row.
   */
  public void paymentsOfBatch(long batchKey, String cause) {
    payments(batchKey, cause, " and (status <> 'PENDING' or status_reason is not null)", List.of(), true);
  }

  /**
   * Payments that one step moved to one status ({@code DISPATCHED} by a bank file or a wallet order),
   * by row: the rows come from the step's own update, so the event costs no second read of them.
   */
  public void paymentsMoved(long batchKey, String cause, String status, List<Integer> rows) {
    if (!properties.enabled() || rows.isEmpty()) {
      return;
    }
    int[] sorted = rows.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    String head = ",\"cause\":" + json(cause) + ",\"status\":" + json(status);
    StringBuilder ranges = new StringBuilder();
    int count = 0;
    int inEvent = 0;
    for (int i = 0; i < sorted.length; i++) {
      int first = sorted[i];
      while (i + 1 < sorted.length && sorted[i + 1] == sorted[i] + 1) {
        i++;
      }
      ranges.append(ranges.isEmpty() ? "" : ",").append(first).append(first == sorted[i] ? "" : "-" + sorted[i]);
      count += sorted[i] - first + 1;
      if (++inEvent == properties.rangesPerEvent() || i == sorted.length - 1) {
        jdbc.update(INSERT + "select 'payment', ?, owner, batch_id, batch_id, '{\"batchId\":' || to_json(batch_id)::text || ?,"
            + " ? from payment_batch where batch_key = ?", TYPE_PREFIX + "payment.statuses-changed",
            head + ",\"count\":" + count + ",\"rows\":\"" + ranges + "\"}", now(), batchKey);
        ranges.setLength(0);
        count = 0;
        inEvent = 0;
      }
    }
  }

  /** Some payments of a batch, by row number (a bank report's, a death record's). */
  public void paymentRows(long batchKey, List<Integer> rows, String cause) {
    if (!rows.isEmpty()) {
      payments(batchKey, cause, " and row_no = any(?)", List.of((Object) rows.toArray(new Integer[0])), false);
    }
  }

  /**
   * One event per status and reason (and per {@code ranges-per-event} of its ranges), in the order
   * of each group's first row. The rows {@code where} selects are read first (materialized: the
   * planner then takes the file's index, not the whole batch in row order) and numbered into ranges
   * in one pass: a range starts where the row before is not the previous number or has another
   * status or reason. With {@code gapsArePending}, the rows between them are PENDING ranges too.
   */
  private void payments(long batchKey, String cause, String where, List<Object> whereArgs, boolean gapsArePending) {
    if (!properties.enabled()) {
      return;
    }
    List<Object> args = new ArrayList<>();
    args.add(batchKey);
    args.addAll(whereArgs);
    if (gapsArePending) {
      args.add(batchKey);
    }
    args.addAll(List.of(TYPE_PREFIX + "payment.statuses-changed", cause, now(), properties.rangesPerEvent(), batchKey));
    String gaps = !gapsArePending ? "" : """
         union all
        select 'PENDING', null, lo, hi - lo + 1 from (
          select lag(row_no, 1, 0) over (order by row_no) + 1 as lo, row_no - 1 as hi
          from (select row_no from listed
                union all select coalesce(max(row_no), 0) + 1 from payment where batch_key = ?) e) g
        where hi >= lo""";
    jdbc.update(INSERT + """
        with listed as materialized (select row_no, status, status_reason from payment where batch_key = ?""" + where + """
        ), ranges as (
          select status, status_reason, min(row_no) as lo, count(*) as c
          from (select row_no, status, status_reason, sum(starts) over (order by row_no) as range_no
                from (select row_no, status, status_reason,
                        case when lag(row_no) over w = row_no - 1 and lag(status) over w = status
                               and lag(status_reason) over w is not distinct from status_reason
                             then 0 else 1 end as starts
                      from listed window w as (order by row_no)) s) n
          group by range_no, status, status_reason""" + gaps + """
        )
        select 'payment', ?, b.owner, b.batch_id, b.batch_id,
          '{"batchId":' || to_json(b.batch_id)::text || ',"cause":' || to_json(?::text)::text
          || ',"status":"' || g.status || '"' || coalesce(',"statusReason":' || to_json(g.status_reason)::text, '')
          || ',"count":' || g.n || ',"rows":"' || g.rows || '"}', ?
        from (select status, status_reason, min(lo) as first, sum(c) as n,
                string_agg(case when c = 1 then lo::text else lo || '-' || (lo + c - 1) end, ',' order by lo) as rows
              from (select status, status_reason, lo, c,
                      (row_number() over (partition by status, status_reason order by lo) - 1) / ? as part
                    from ranges) r
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

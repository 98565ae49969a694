package vn.ansinh.gateway.payment;

import java.sql.Date;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.relief.ReliefProgram;
import vn.ansinh.gateway.relief.ReliefPrograms;

/**
 * The batch-level checks of a relief list (SPEC §4.14), in the batch validation's transaction and
 * under its lock: people already paid under the decision, unknown to the population database,
 * under another name or date of birth, or dead before the decision, are stopped; then the budget is
 * committed (or the list refused) and the people and households claimed.
 */
@Component
class ReliefListChecks {

  private static final String OPEN = "p.status in ('PENDING', 'RECEIVED')";
  private static final String STOP = """
      with found as (
        select p.row_no, case
            when c.subject is not null then 'DUPLICATE:this person was already paid under this relief decision'
            when h.subject is not null then 'DUPLICATE:this household was already paid under this relief decision'
            when v.known is not true then 'UNVERIFIED:the population database does not know this personal id'
            when v.name_key is distinct from p.name_key then 'IDENTITY_MISMATCH:the name does not match the population database'
            when v.date_of_birth is distinct from p.date_of_birth
              then 'IDENTITY_MISMATCH:the date of birth does not match the population database'
            when d.personal_id is not null and (d.date_of_death is null or d.date_of_death < ?)
              then 'DECEASED:the recipient is recorded as deceased before the relief decision'
          end as stop
        from payment p
        left join relief_claim c on c.decision_key = ? and c.subject = 'P:' || p.personal_id
        left join relief_claim h on ? and h.decision_key = ? and h.subject = 'H:' || p.household_id
        left join person_verification v on v.personal_id = p.personal_id
        left join deceased_person d on d.personal_id = p.personal_id
        where p.batch_key = ? and %s
      )
      update payment p set status = split_part(f.stop, ':', 1), status_reason = substr(f.stop, strpos(f.stop, ':') + 1)
      from found f where p.batch_key = ? and p.row_no = f.row_no and f.stop is not null
      """.formatted(OPEN);
  private static final String CLAIM = "insert into relief_claim (decision_key, subject, batch_key)"
      + " select ?, ? || %s, batch_key from payment where batch_key = ? and status in ('PENDING', 'CASH') order by 2";

  private final JdbcTemplate jdbc;
  private final ReliefPrograms programs;

  ReliefListChecks(JdbcTemplate jdbc, ReliefPrograms programs) {
    this.jdbc = jdbc;
    this.programs = programs;
  }

  /** Stops the rows that must not be paid under the decision; the gate verified everyone just before. */
  void stop(long batchKey, ReliefProgram p) {
    jdbc.update(STOP, Date.valueOf(p.decidedOn()), p.decisionKey(), p.perHousehold(), p.decisionKey(), batchKey,
        batchKey);
  }

  /**
   * Commits the list's payable amount to the program's budget, or answers why not: the remaining
   * budget. The program's row is locked; its check constraint is the last line of defence.
   */
  String commit(long batchKey, long programKey, PaymentBatches.Totals totals, long toWalletsVnd) {
    ReliefProgram p = programs.lock(programKey);
    long payable = Math.addExact(totals.cashSum().add(totals.bankSum()).longValueExact(), toWalletsVnd);
    long remaining = p.budgetVnd() - p.committedVnd();
    if (payable > remaining) {
      return "the list's payable rows come to " + payable + " VND, above the relief program's remaining budget of "
          + remaining + " VND (budget " + p.budgetVnd() + " VND, " + p.committedVnd() + " VND committed)";
    }
    jdbc.update("update relief_program set committed_vnd = committed_vnd + ? where program_key = ?", payable, programKey);
    jdbc.update("update payment_batch set relief_committed_vnd = ? where batch_key = ?", payable, batchKey);
    return null;
  }

  /** Claims the list's payable people (and households, where the amount is per household) under the decision. */
  void claim(long batchKey, ReliefProgram p) {
    jdbc.update(CLAIM.formatted("personal_id"), p.decisionKey(), "P:", batchKey);
    if (p.perHousehold()) {
      jdbc.update(CLAIM.formatted("household_id"), p.decisionKey(), "H:", batchKey);
    }
  }

  /** A declined list gives its claims and its share of the budget back. */
  void release(long batchKey) {
    jdbc.update("delete from relief_claim where batch_key = ?", batchKey);
    jdbc.update("update relief_program r set committed_vnd = committed_vnd - b.relief_committed_vnd from payment_batch b"
        + " where b.batch_key = ? and r.program_key = b.relief_program_key and b.relief_committed_vnd is not null",
        batchKey);
    jdbc.update("update payment_batch set relief_committed_vnd = null where batch_key = ?", batchKey);
  }
}

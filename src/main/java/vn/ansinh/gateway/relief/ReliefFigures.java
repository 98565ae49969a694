package vn.ansinh.gateway.relief;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What a relief program's lists have committed and paid, from the payments that hold a claim on
 * the decision: the payable rows of validated lists the treasury has not declined.
 */
@Repository
public class ReliefFigures {

  // the channel is derived from the row, never stored: an account when the row has one, else cash at the payment point
  private static final String CHANNEL = "case when p.wallet_provider is not null then 'WALLET' when p.bank_bin is not null"
      + " then 'ACCOUNT' else 'CASH' end";
  // the rows a list claimed when it committed its share of the budget (a declined list's share is given
  // back), less those stopped since: the primary key's range per batch, no join on the claims
  private static final String CLAIMED = " from payment_batch b join payment p on p.batch_key = b.batch_key"
      + " where b.relief_program_key = ? and b.relief_committed_vnd is not null and p.status not in ('RECEIVED',"
      + " 'INVALID', 'DUPLICATE', 'DECEASED', 'UNVERIFIED', 'IDENTITY_MISMATCH', 'INELIGIBLE')";
  private static final String FIGURES = "count(*), count(distinct p.household_id), coalesce(sum(p.amount_vnd), 0),"
      + " count(*) filter (where p.status = 'PAID'), count(distinct p.household_id) filter (where p.status = 'PAID'),"
      + " coalesce(sum(p.amount_vnd) filter (where p.status = 'PAID'), 0)";

  private final JdbcTemplate jdbc;

  public ReliefFigures(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** People, households and đồng. */
  public record Figures(long people, long households, long amountVnd) {}

  /** Committed: claimed by a list awaiting approval or approved; paid: reported paid (PAID). */
  public record Progress(Figures committed, Figures paid) {}

  public record Channel(String channel, Figures committed, Figures paid) {}

  public record Commune(String communeCode, Figures committed, Figures paid, List<Channel> channels) {}

  Progress of(ReliefProgram p) {
    return jdbc.queryForObject("select " + FIGURES + CLAIMED, (rs, i) -> new Progress(
        new Figures(rs.getLong(1), rs.getLong(2), rs.getLong(3)), new Figures(rs.getLong(4), rs.getLong(5),
            rs.getLong(6))), p.key());
  }

  long lists(ReliefProgram p) {
    return jdbc.queryForObject("select count(*) from payment_batch where relief_program_key = ?", Long.class, p.key());
  }

  /** Every affected commune, in the decision's order, with its figures per channel (none yet: zeros). */
  List<Commune> perCommune(ReliefProgram p) {
    Map<String, Figures[]> communes = new LinkedHashMap<>();
    Map<String, List<Channel>> channels = new LinkedHashMap<>();
    Figures none = new Figures(0, 0, 0);
    for (String code : p.communeCodes()) {
      communes.put(code, new Figures[] {none, none});
      channels.put(code, new ArrayList<>());
    }
    jdbc.query("select p.commune_code, " + CHANNEL + ", grouping(" + CHANNEL + "), " + FIGURES + CLAIMED
        + " group by grouping sets ((p.commune_code, " + CHANNEL + "), (p.commune_code)) order by 1, 2", rs -> {
          String code = rs.getString(1);
          Figures committed = new Figures(rs.getLong(4), rs.getLong(5), rs.getLong(6));
          Figures paid = new Figures(rs.getLong(7), rs.getLong(8), rs.getLong(9));
          if (!communes.containsKey(code)) {
            return;   // rows are checked against the affected communes at intake: none is outside them
          }
          if (rs.getInt(3) == 1) {
            communes.put(code, new Figures[] {committed, paid});
          } else {
            channels.get(code).add(new Channel(rs.getString(2), committed, paid));
          }
        }, p.key());
    List<Commune> result = new ArrayList<>(communes.size());
    communes.forEach((code, f) -> result.add(new Commune(code, f[0], f[1], channels.get(code))));
    return result;
  }
}

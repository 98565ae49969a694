package vn.ansinh.gateway.beneficiary;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The account-opening progress query on 100,000 beneficiaries in one province (about 40,000
 * households in 100 communes, a quarter with accounts): its plan and its time, logged. Not part of
 * {@code ./mvnw verify}; run it with {@code ./mvnw test -Dtest=AccountOpeningProgressBenchmark}.
 */
class AccountOpeningProgressBenchmark {

  private static final Logger log = LoggerFactory.getLogger(AccountOpeningProgressBenchmark.class);
  private static final String[] STATUSES = {"ACCOUNT_OPEN", "ACCOUNT_REQUESTED", "ACCOUNT_REJECTED", "VERIFYING",
      "IDENTITY_MISMATCH"};

  @Test
  void oneProvinceOfAHundredThousandBeneficiaries() throws Exception {
    int people = Integer.getInteger("bench.households.people", 100_000);
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      DataSource db = postgres.getPostgresDatabase();
      Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
      JdbcTemplate jdbc = new JdbcTemplate(db);
      SplittableRandom random = new SplittableRandom(12);
      List<Object[]> rows = new ArrayList<>();
      for (String province : List.of("40", "42")) {   // a second province the query must not read
        for (int i = 0; i < people; i++) {
          String status = STATUSES[random.nextInt(STATUSES.length)];
          rows.add(new Object[] {i % 3 == 0 ? "vss-demo" : "dolisa-demo", province + "-B" + i,
              String.format("040090%06d", i), province, String.format("%05d", 16000 + random.nextInt(100)),
              status, i % 10 == 9 ? null : "H" + (i * 2 / 5), random.nextInt(3) == 0 ? "NEAR_POOR" : "POOR"});
        }
      }
      jdbc.batchUpdate("insert into beneficiary (owner, beneficiary_id, program, personal_id, full_name, date_of_birth,"
          + " preferred_bank_bin, province_code, commune_code, status, household_id, household_category, created_at,"
          + " updated_at) values (?, ?, 'POOR_HOUSEHOLD', ?, 'X', date '1990-01-01', '970405', ?, ?, ?, ?, ?, now(), now())",
          rows);
      jdbc.update("insert into beneficiary_account (owner, beneficiary_id, program, personal_id, bank_bin,"
          + " account_number, account_name, opened_at, active) select owner, beneficiary_id, program, personal_id,"
          + " '970405', '1500200000000', 'X', now(), true from beneficiary where status = 'ACCOUNT_OPEN'");
      jdbc.execute("vacuum analyze");

      for (String scope : List.of("and b.owner = ?", "")) {
        Object[] args = scope.isEmpty() ? new Object[] {"40"} : new Object[] {"40", "dolisa-demo"};
        String sql = AccountOpeningProgressController.PROGRESS.formatted(scope);
        jdbc.queryForList(sql, args);   // warm up
        long start = System.nanoTime();
        int lines = jdbc.queryForList(sql, args).size();
        long millis = (System.nanoTime() - start) / 1_000_000;
        String plan = String.join("\n", jdbc.queryForList("explain (analyze, buffers) " + sql, String.class, args));
        log.info("BENCH account-opening-progress {} people={} lines={} ms={}\n{}",
            scope.isEmpty() ? "province" : "agency", people, lines, millis, plan);
        assertThat(plan).doesNotContain("Seq Scan on beneficiary b");
        assertThat(lines).isEqualTo(200);
      }
    }
  }
}

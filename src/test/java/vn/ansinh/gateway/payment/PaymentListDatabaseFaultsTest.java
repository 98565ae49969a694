package vn.ansinh.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database connection under a payment-list upload drops in the middle of its COPY: the upload
 * ends at once with a 503 problem and its pooled connection comes back, however often it happens.
 */
class PaymentListDatabaseFaultsTest extends PaymentCycleTest {

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  DataSource dataSource;

  /** The list's first rows (enough for the COPY to be under way), then nothing until released, then the rest. */
  private static final class HeldList extends InputStream {
    private final CountDownLatch released = new CountDownLatch(1);
    private final InputStream in;

    HeldList(String marker) {
      StringBuilder first = new StringBuilder(HEADER);
      StringBuilder rest = new StringBuilder();
      for (int i = 1; i <= 6000; i++) {
        (i <= 2000 ? first : rest).append(marker).append('-').append(i).append(",B,").append(newPerson())
            .append(",Nguyễn Văn An,500000,970405,1500205000001,40,16681,\n");
      }
      InputStream held = new InputStream() {
        @Override
        public int read() throws IOException {
          try {
            released.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return -1;
        }
      };
      this.in = new SequenceInputStream(new SequenceInputStream(bytes(first), held), bytes(rest));
    }

    private static InputStream bytes(CharSequence s) {
      return new ByteArrayInputStream(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int read() throws IOException {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, len);
    }
  }

  private int copiesRunning() {
    return jdbc.queryForObject("select count(*) from pg_stat_activity where query like 'copy payment%'"
        + " and state = 'active' and pid <> pg_backend_pid()", Integer.class);
  }

  @Test
  void aConnectionDroppedMidCopyEndsTheUploadWith503AndReturnsItsConnectionEveryTime() throws Exception {
    int poolSize = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
    for (int i = 0; i < poolSize + 2; i++) {
      HeldList list = new HeldList("DROP" + i);
      HttpRequest request = HttpRequest.newBuilder(url("/api/v1/payment-batches?program=SOCIAL_ALLOWANCE&period=2027-09"))
          .header("Authorization", "Bearer " + token("dolisa-demo")).header("Content-Type", "text/csv; charset=UTF-8")
          .header("X-Control-Count", "6000").header("X-Control-Sum", "3000000000")
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> list)).build();
      CompletableFuture<HttpResponse<String>> upload = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());

      await().atMost(Duration.ofSeconds(10)).until(() -> copiesRunning() == 1 || upload.isDone());
      assertThat(upload).as("the upload must still be streaming").isNotDone();
      jdbc.queryForList("select pg_terminate_backend(pid) from pg_stat_activity where query like 'copy payment%'"
          + " and state = 'active' and pid <> pg_backend_pid()");
      list.released.countDown();

      HttpResponse<String> answer = upload.get(10, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
      assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
      assertThat(answer.headers().firstValue("Retry-After")).isPresent();
      assertThat(answer.body()).contains("database-unavailable").doesNotContain("DROP" + i);
    }

    // every connection came back: the pool still serves, and a list goes in as before
    await().atMost(Duration.ofSeconds(5)).until(() ->
        dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().getActiveConnections() == 0);
    String csv = "DROPOK-1,B1," + newPerson() + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,\n";
    assertThat(submit("dolisa-demo", "2027-09", csv, 1, 500_000).statusCode()).isEqualTo(202);
    assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
  }
}

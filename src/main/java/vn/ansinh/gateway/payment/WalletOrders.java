package vn.ansinh.gateway.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.outbox.Outbox;
import vn.ansinh.gateway.outbox.OutboxWorker;
import vn.ansinh.gateway.partner.AgencyCalls;
import vn.ansinh.gateway.security.Partner;
import vn.ansinh.gateway.security.PartnerRegistry;

/**
 * Wallet payment orders (SPEC §4.15, contracts/wallets/openapi.yaml): one per batch and provider,
 * planned with the batch's validation (wallets the provider did not confirm are stopped first), sent
 * through the outbox after the treasury's approval. An order's payments are its batch's wallet rows
 * with that provider, fixed at validation, so every attempt, a replay included, sends the same order
 * under the same id, and the provider drops a repeat by that id; once it has the order, its payments
 * are DISPATCHED.
 */
@Component("walletOrders")
public class WalletOrders {

  static final String DELIVERY = "wallet-payment-order";
  static final String UNCONFIRMED = "the wallet provider did not confirm that this wallet belongs to this person";
  static final String UNCONFIRMED_REPRESENTATIVE = "the wallet provider did not confirm that this wallet belongs to"
      + " the authorised representative";

  // open wallet rows whose wallet has no confirmation on record for the person it is paid to: never paid
  // (the checks ran just before)
  private static final String STOP_UNCONFIRMED = """
      update payment q set status = 'IDENTITY_MISMATCH', status_reason = case when q.to_representative then ? else ? end
      from payment p %s
      where q.batch_key = ? and q.wallet_provider is not null and q.status in ('PENDING', 'RECEIVED')
        and p.batch_key = q.batch_key and p.row_no = q.row_no
        and not exists (select 1 from wallet_ownership w where w.provider = p.wallet_provider
                        and w.wallet_id = p.wallet_id and w.personal_id = o.personal_id and w.name_key = o.name_key
                        and w.confirmed)""".formatted(WalletOwnership.OWNER);
  private static final String PLAN = """
      insert into wallet_order (order_id, batch_key, provider, tx_count, total_vnd, status, created_at)
      select 'ASW' || ? || '-' || wallet_provider, ?, wallet_provider, count(*), sum(amount_vnd), 'PLANNED', ?
      from payment where batch_key = ? and wallet_provider is not null and status = 'PENDING' group by wallet_provider""";
  // the name is the wallet owner's: the representative's when the wallet is theirs
  private static final String ORDER_ROWS = "select p.payment_id, p.wallet_id, o.full_name, p.amount_vnd, p.purpose,"
      + " p.representative_id is not null from payment p " + WalletOwnership.OWNER
      + " where p.batch_key = ? and p.wallet_provider = ? and " + PaymentStatus.IN_ITS_FILE.replace("status", "p.status")
      + " order by p.row_no";

  private final JdbcTemplate jdbc;
  private final PaymentBatches batches;
  private final WalletDirectory wallets;
  private final PartnerRegistry partners;
  private final Outbox outbox;
  private final ObjectMapper json;
  private final Clock clock;

  public WalletOrders(JdbcTemplate jdbc, PaymentBatches batches, WalletDirectory wallets, PartnerRegistry partners,
      Outbox outbox, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.wallets = wallets;
    this.partners = partners;
    this.outbox = outbox;
    this.json = json;
    this.clock = clock;
  }

  /** An order as stored. */
  record Order(String orderId, long batchKey, String provider, long txCount, long totalVnd, String status) {}

  /** Validation, in its transaction: unconfirmed wallets stopped, then the orders planned; returns the payments in them. */
  long plan(long batchKey) {
    jdbc.update(STOP_UNCONFIRMED, UNCONFIRMED_REPRESENTATIVE, UNCONFIRMED, batchKey);
    jdbc.update(PLAN, batchKey, batchKey, Timestamp.from(clock.instant()), batchKey);
    Long payments = jdbc.queryForObject("select coalesce(sum(tx_count), 0) from wallet_order where batch_key = ?",
        Long.class, batchKey);
    return payments == null ? 0 : payments;
  }

  /** What the batch's wallet orders carry, in đồng. */
  long total(long batchKey) {
    Long total = jdbc.queryForObject("select coalesce(sum(total_vnd), 0) from wallet_order where batch_key = ?",
        Long.class, batchKey);
    return total == null ? 0 : total;
  }

  /** Approval, in its transaction: each planned order becomes one piece of outbox work; returns how many. */
  int enqueue(PaymentBatch b) {
    List<String> orders = jdbc.queryForList("select order_id from wallet_order where batch_key = ? order by order_id",
        String.class, b.key());
    orders.forEach(id -> outbox.enqueue(DELIVERY, b.owner(), id));
    return orders.size();
  }

  /** Route step: the body becomes the order; {@code walletUrl} says where it goes. */
  public void prepare(Exchange exchange) throws IOException {
    Order order = find(exchange.getProperty(OutboxWorker.SUBJECT, String.class));
    PaymentBatch batch = batches.find(order.batchKey()).orElseThrow();
    WalletDirectory.Provider provider = wallets.find(order.provider())
        .orElseThrow(() -> new NotFoundException("wallet provider", order.provider()));
    List<Map<String, Object>> payments = jdbc.query(ORDER_ROWS, (rs, i) -> {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("paymentId", rs.getString(1));
      p.put("walletId", rs.getString(2));
      p.put("fullName", rs.getString(3));
      p.put("amountVnd", rs.getLong(4));
      p.put("purpose", rs.getString(5));
      p.put("viaRepresentative", rs.getBoolean(6));
      return p;
    }, order.batchKey(), order.provider());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("orderId", order.orderId());
    body.put("provider", order.provider());
    body.put("payer", partners.find(batch.owner()).map(Partner::memberId).orElse(batch.owner()));
    body.put("program", batch.program());
    body.put("period", batch.period());
    body.put("approvedAt", batch.approvedAt());
    body.put("count", payments.size());
    body.put("totalVnd", payments.stream().mapToLong(p -> (Long) p.get("amountVnd")).sum());
    body.put("payments", payments);
    exchange.setProperty(AgencyCalls.AGENCY, "wallet-" + provider.code());
    exchange.setProperty("walletUrl", provider.url());
    exchange.getMessage().setBody(json.writeValueAsBytes(body));
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
    exchange.getMessage().setHeader("Idempotency-Key", order.orderId());
  }

  /** Route step: the provider has the order; its payments are dispatched, and the batch once all its files and orders are. */
  public void delivered(Exchange exchange) {
    Order order = find(exchange.getProperty(OutboxWorker.SUBJECT, String.class));
    // the order's row, then its payments, then the batch: the same order as a bank file's delivery
    if (jdbc.update("update wallet_order set status = 'DELIVERED', delivered_at = ? where order_id = ?"
        + " and status = 'PLANNED'", Timestamp.from(clock.instant()), order.orderId()) == 1) {
      List<Integer> rows = jdbc.queryForList("update payment set status = 'DISPATCHED' where batch_key = ?"
          + " and wallet_provider = ? and status = 'PENDING' returning row_no", Integer.class, order.batchKey(),
          order.provider());
      batches.paymentsDispatchedToWallet(order.batchKey(), rows, order.orderId());
    }
    batches.dispatchProgressed(order.batchKey());
  }

  Order find(String orderId) {
    return jdbc.query("select order_id, batch_key, provider, tx_count, total_vnd, status from wallet_order"
        + " where order_id = ?", (rs, i) -> new Order(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
        rs.getLong(5), rs.getString(6)), orderId).stream().findFirst()
        .orElseThrow(() -> new NotFoundException("wallet order", orderId));
  }

  /** Per provider: payments, their sum, and whether the order was delivered. */
  public record ProviderTotals(String walletProvider, long payments, long sumVnd, String orderId, boolean delivered) {}

  List<ProviderTotals> totals(long batchKey) {
    return jdbc.query("select provider, tx_count, total_vnd, order_id, status = 'DELIVERED' from wallet_order"
        + " where batch_key = ? order by provider", (rs, i) -> new ProviderTotals(rs.getString(1), rs.getLong(2),
        rs.getLong(3), rs.getString(4), rs.getBoolean(5)), batchKey);
  }
}

package vn.ansinh.gateway.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.outbox.OutboxWorker;
import vn.ansinh.gateway.partner.AgencyCalls;
import vn.ansinh.gateway.security.Partner;
import vn.ansinh.gateway.security.PartnerRegistry;

/** The payment order a validated batch sends to the treasury (SPEC §6.3): the batch's totals, per bank and in cash. */
@Component("treasuryOrders")
public class TreasuryOrders {

  private final PaymentBatches batches;
  private final JdbcTemplate jdbc;
  private final PartnerRegistry partners;
  private final PaymentProperties properties;
  private final ObjectMapper json;

  public TreasuryOrders(PaymentBatches batches, JdbcTemplate jdbc, PartnerRegistry partners,
      PaymentProperties properties, ObjectMapper json) {
    this.batches = batches;
    this.jdbc = jdbc;
    this.partners = partners;
    this.properties = properties;
    this.json = json;
  }

  /** Body becomes the order; the treasury's URL goes in {@code treasuryUrl}. */
  public void build(Exchange exchange) throws JsonProcessingException {
    String batchId = exchange.getProperty(OutboxWorker.SUBJECT, String.class);
    PaymentBatch b = batches.find(batchId).orElseThrow();
    List<Map<String, Object>> perBank = jdbc.query("select bank_bin, sum(tx_count), sum(ctrl_sum), count(*)"
        + " from payment_file where batch_key = ? group by bank_bin order by bank_bin", (rs, i) -> {
          Map<String, Object> bank = new LinkedHashMap<>();
          bank.put("bankBin", rs.getString(1));
          bank.put("count", rs.getLong(2));
          bank.put("totalVnd", PaymentBatches.sumOf(rs, 3));
          bank.put("files", rs.getLong(4));
          return bank;
        }, b.key());
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("orderId", "PO-" + b.batchId());
    order.put("batchId", b.batchId());
    order.put("payer", partners.find(b.owner()).map(Partner::memberId).orElse(b.owner()));
    order.put("program", b.program());
    order.put("period", b.period());
    order.put("count", b.bankCount() + b.cashCount());
    order.put("totalVnd", b.bankSum().add(b.cashSum()));   // exact: JSON numbers of any size
    order.put("debtorAccount", properties.debtorAccount());
    order.put("banks", perBank);
    order.put("cash", Map.of("count", b.cashCount(), "totalVnd", b.cashSum()));
    order.put("approval", "/api/v1/payment-batches/" + b.batchId() + "/approval");
    exchange.setProperty(AgencyCalls.AGENCY, "treasury");
    exchange.setProperty("treasuryUrl", properties.treasuryUrl());
    exchange.getMessage().setBody(json.writeValueAsBytes(order));
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
    exchange.getMessage().setHeader("Idempotency-Key", "PO-" + b.batchId());
  }
}

package vn.ansinh.gateway.payment;

import java.io.ByteArrayOutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import javax.xml.stream.XMLStreamException;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.beneficiary.BankDirectory;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.outbox.OutboxWorker;
import vn.ansinh.gateway.partner.AgencyCalls;
import vn.ansinh.gateway.security.Partner;
import vn.ansinh.gateway.security.PartnerRegistry;

/**
 * The bank files of approved batches: each file's pain.001 is written from its planned rows (the
 * same bytes on every attempt, so a bank can drop a repeat by MsgId), and once the bank has it,
 * its payments are DISPATCHED. A payment's file is fixed when the batch is validated; nothing here
 * can move it to another one.
 */
@Component("paymentFiles")
public class PaymentFiles {

  public static final String DELIVERY = "paymentFileDelivery";
  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final int FETCH_SIZE = 5000;

  private final JdbcTemplate jdbc;
  private final JdbcTemplate cursor;
  private final PaymentBatches batches;
  private final BankDirectory banks;
  private final PartnerRegistry partners;
  private final PaymentProperties properties;
  private final Clock clock;

  public PaymentFiles(JdbcTemplate jdbc, DataSource dataSource, PaymentBatches batches, BankDirectory banks,
      PartnerRegistry partners, PaymentProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.cursor = new JdbcTemplate(dataSource);
    this.cursor.setFetchSize(FETCH_SIZE);
    this.batches = batches;
    this.banks = banks;
    this.partners = partners;
    this.properties = properties;
    this.clock = clock;
  }

  /** Body becomes the file; properties say where it goes ({@code bankUrl}, or {@code dropFolder} and {@code fileName}). */
  public void prepare(Exchange exchange) throws XMLStreamException {
    PaymentFile file = find(exchange.getProperty(OutboxWorker.SUBJECT, String.class));
    PaymentBatch batch = batches.find(file.batchKey()).orElseThrow();
    BankDirectory.Bank bank = banks.find(file.bankBin())
        .orElseThrow(() -> new NotFoundException("bank", file.bankBin()));
    byte[] xml = write(file, batch);
    if (properties.verifyFiles()) {
      Pain001ReadBack.check(xml, file.fileId(), file.txCount(), file.ctrlSum());
    }
    exchange.setProperty(AgencyCalls.AGENCY, "bank-" + file.bankBin());
    exchange.setProperty(DELIVERY, bank.paymentFiles().name());
    exchange.setProperty("bankUrl", bank.url());
    exchange.setProperty("dropFolder", bank.dropFolder());
    exchange.setProperty("fileName", file.fileId() + ".xml");
    exchange.getMessage().setBody(xml);
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/xml");
    exchange.getMessage().setHeader("Idempotency-Key", file.fileId());
  }

  /**
   * The bank has the file: its payments are dispatched, and the batch too once all its files are.
   * The file's row, then its payments, then the batch: the order a bank's report locks them in, and
   * only the batch's status waits for the batch's lock, so two files' payments are marked at once.
   */
  public void delivered(Exchange exchange) {
    PaymentFile file = find(exchange.getProperty(OutboxWorker.SUBJECT, String.class));
    if (jdbc.update("update payment_file set status = 'DELIVERED', delivered_at = ? where file_id = ?"
        + " and status = 'PLANNED'", Timestamp.from(clock.instant()), file.fileId()) == 1) {
      List<Integer> rows = jdbc.queryForList("update payment set status = 'DISPATCHED' where " + PaymentFile.ROWS
          + " and status = 'PENDING' returning row_no", Integer.class, file.rows());
      batches.paymentsDispatched(file.batchKey(), rows, file.fileId());
    }
    batches.dispatchProgressed(file.batchKey());
  }

  private byte[] write(PaymentFile file, PaymentBatch batch) throws XMLStreamException {
    String payer = partners.find(batch.owner()).map(Partner::memberId).orElse(batch.owner());
    Pain001Writer.FileHeader header = new Pain001Writer.FileHeader(file.fileId(), file.createdAt(),
        batch.approvedAt().atZone(VIETNAM).toLocalDate(), payer, properties.debtorName(),
        properties.debtorAccount(), properties.debtorAgentBin(), file.txCount(), file.ctrlSum());
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, file.txCount() * 700));
    // the creditor is the account holder, whom banks compare: the representative when the account is theirs
    try (Stream<CreditTransfer> rows = cursor.queryForStream("select payment_id, amount_vnd, bank_bin, account_number,"
        + " case when to_representative then (select r.full_name from representative r where r.id = payment.representative_id)"
        + " else full_name end, purpose from payment where " + PaymentFile.ROWS
        + " and " + PaymentStatus.IN_ITS_FILE + " order by row_no",
        PaymentFiles::transfer, file.rows())) {
      Iterator<CreditTransfer> transfers = rows.iterator();
      Pain001Writer.write(out, header, transfers);
    }
    return out.toByteArray();
  }

  PaymentFile find(String fileId) {
    return jdbc.query("select * from payment_file where file_id = ?", PaymentFiles::map, fileId).stream()
        .findFirst().orElseThrow(() -> new NotFoundException("payment file", fileId));
  }

  private static CreditTransfer transfer(ResultSet rs, int row) throws SQLException {
    return new CreditTransfer(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6));
  }

  static PaymentFile map(ResultSet rs, int row) throws SQLException {
    Timestamp delivered = rs.getTimestamp("delivered_at");
    return new PaymentFile(rs.getString("file_id"), rs.getLong("batch_key"), rs.getString("bank_bin"),
        rs.getInt("file_seq"), rs.getLong("tx_count"), PaymentBatches.sumOf(rs, "ctrl_sum"), rs.getString("status"),
        rs.getTimestamp("created_at").toInstant(), delivered == null ? null : delivered.toInstant(), rs.getInt("first_row"),
        rs.getInt("last_row"));
  }
}

package vn.ansinh.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstruction30;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Bank files are valid pain.001.001.09: against the official schema and as read back by Prowide. */
class Pain001WriterTest {

  /** The official schema, kept outside the project (reference data, not copied in): beside the checkout, or in /work/shared. */
  static final Path SCHEMA = Stream.of(Path.of("..", "shared", "iso20022", "pain.001.001.09.xsd"),
      Path.of("/work", "shared", "iso20022", "pain.001.001.09.xsd")).filter(Files::exists).findFirst()
      .orElse(Path.of("..", "shared", "iso20022", "pain.001.001.09.xsd"));

  private static Pain001Writer.FileHeader header(long count, long sum) {
    return new Pain001Writer.FileHeader("AG-2026-11-970405-0001", Instant.parse("2026-11-23T09:00:00Z"),
        LocalDate.of(2026, 11, 25), "Sở Y tế Nghệ An", "Kho bạc Nhà nước Nghệ An", "3701.0.1234567", "970405",
        count, BigInteger.valueOf(sum));
  }

  private static final List<CreditTransfer> TRANSFERS = List.of(
      new CreditTransfer("P-000001", 500_000, "970405", "1500205123456", "NGUYEN VAN AN", "Trợ cấp xã hội 11/2026"),
      new CreditTransfer("P-000002", 750_000, "970405", "1500205654321", "TRAN THI HOA", "Trợ cấp xã hội 11/2026"),
      new CreditTransfer("P-000003", 2_789_000, "970405", "150020599999", "HOANG VAN NAM", null));

  static byte[] write(Pain001Writer.FileHeader header, Iterator<CreditTransfer> transfers) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Pain001Writer.write(out, header, transfers);
    return out.toByteArray();
  }

  static void assertSchemaValid(byte[] xml) throws Exception {
    // reference data kept beside the project, not copied in; a checkout without it skips this check
    Assumptions.assumeTrue(Files.exists(SCHEMA), "no official schema at " + SCHEMA.toAbsolutePath());
    validate(xml);
  }

  static void validate(byte[] xml) throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.newSchema(SCHEMA.toFile()).newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
  }

  @Test
  void aBankFileIsValidAgainstTheOfficialSchemaAndReadsBackWithItsTotals() throws Exception {
    byte[] xml = write(header(3, 4_039_000), TRANSFERS.iterator());

    assertSchemaValid(xml);
    MxPain00100109 mx = MxPain00100109.parse(new String(xml, StandardCharsets.UTF_8));
    assertThat(mx.getCstmrCdtTrfInitn().getGrpHdr().getNbOfTxs()).isEqualTo("3");
    assertThat(mx.getCstmrCdtTrfInitn().getGrpHdr().getCtrlSum()).isEqualByComparingTo(new BigDecimal(4_039_000));
    PaymentInstruction30 batch = mx.getCstmrCdtTrfInitn().getPmtInf().get(0);
    assertThat(batch.getDbtrAcct().getId().getOthr().getId()).isEqualTo("3701.0.1234567");
    List<CreditTransferTransaction34> txs = batch.getCdtTrfTxInf();
    assertThat(txs).extracting(t -> t.getPmtId().getEndToEndId()).containsExactly("P-000001", "P-000002", "P-000003");
    assertThat(txs).allSatisfy(t -> {
      assertThat(t.getAmt().getInstdAmt().getCcy()).isEqualTo("VND");
      assertThat(t.getAmt().getInstdAmt().getValue().scale()).isLessThanOrEqualTo(0);
      assertThat(t.getCdtrAgt().getFinInstnId().getClrSysMmbId().getMmbId()).isEqualTo("970405");
    });
    assertThat(new String(xml, StandardCharsets.UTF_8)).contains("<InstdAmt Ccy=\"VND\">500000</InstdAmt>")
        .contains("Trợ cấp xã hội 11/2026");
  }

  @Test
  void theReadBackIntoProwidesModelAcceptsTheFileAsPlannedAndNothingElse() throws Exception {
    byte[] xml = write(header(3, 4_039_000), TRANSFERS.iterator());

    Pain001ReadBack.check(xml, "AG-2026-11-970405-0001", 3, BigInteger.valueOf(4_039_000));
    assertThatThrownBy(() -> Pain001ReadBack.check(xml, "AG-2026-11-970405-0001", 3, BigInteger.valueOf(4_039_001)))
        .hasMessageContaining("other totals");
    assertThatThrownBy(() -> Pain001ReadBack.check(xml, "AG-2026-11-970405-0001", 4, BigInteger.valueOf(4_039_000)))
        .hasMessageContaining("other totals");
    byte[] altered = new String(xml, StandardCharsets.UTF_8).replace(">750000<", ">750001<").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Pain001ReadBack.check(altered, "AG-2026-11-970405-0001", 3, BigInteger.valueOf(4_039_000)))
        .hasMessageContaining("other totals");
    byte[] repeated = new String(xml, StandardCharsets.UTF_8).replace("P-000002", "P-000001").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Pain001ReadBack.check(repeated, "AG-2026-11-970405-0001", 3, BigInteger.valueOf(4_039_000)))
        .hasMessageContaining("repeats an EndToEndId");
  }

  @Test
  void theReadBackLooksAtEveryTransferNotOnlyTheOnesBoundToTheModel() throws Exception {
    String xml = new String(write(header(3, 4_039_000), TRANSFERS.iterator()), StandardCharsets.UTF_8);
    int last = xml.lastIndexOf("<InstdAmt Ccy=\"VND\">");
    String lastAmount = xml.substring(last, xml.indexOf("</InstdAmt>", last));
    String inDollars = xml.substring(0, last) + lastAmount.replace("VND", "USD") + xml.substring(last + lastAmount.length());
    String withDecimals = xml.substring(0, last) + lastAmount + ".50" + xml.substring(last + lastAmount.length());
    String otherInfoCount = xml.replace("<PmtMtd>TRF</PmtMtd><NbOfTxs>3</NbOfTxs>", "<PmtMtd>TRF</PmtMtd><NbOfTxs>2</NbOfTxs>");
    assertThat(otherInfoCount).isNotEqualTo(xml);

    for (String bad : List.of(inDollars, withDecimals)) {
      assertThatThrownBy(() -> Pain001ReadBack.check(bad.getBytes(StandardCharsets.UTF_8), "AG-2026-11-970405-0001", 3,
          BigInteger.valueOf(4_039_000))).hasMessageContaining("not whole VND");
    }
    assertThatThrownBy(() -> Pain001ReadBack.check(otherInfoCount.getBytes(StandardCharsets.UTF_8),
        "AG-2026-11-970405-0001", 3, BigInteger.valueOf(4_039_000))).hasMessageContaining("other totals");
  }

  @Test
  void transfersThatDoNotAddUpToTheHeaderAreRefused() {
    assertThatThrownBy(() -> write(header(3, 4_039_001), TRANSFERS.iterator()))
        .hasMessageContaining("do not match the header");
    assertThatThrownBy(() -> write(header(4, 4_039_000), TRANSFERS.iterator()))
        .hasMessageContaining("do not match the header");
  }

  @Test
  void aHundredThousandTransfersStreamFromAnIteratorWithoutAList() throws Exception {
    int n = 100_000;
    Iterator<CreditTransfer> generated = LongStream.range(0, n).mapToObj(i -> new CreditTransfer(
        "P-" + i, 500_000, i % 2 == 0 ? "970405" : "970415", "15002" + String.format("%08d", i), "NGUYEN VAN AN",
        "Trợ cấp")).iterator();
    Path file = Files.createTempFile("pain001-", ".xml");
    try (OutputStream out = Files.newOutputStream(file)) {
      Pain001Writer.write(out, header(n, 500_000L * n), generated);
    }
    assertThat(Files.size(file)).isGreaterThan(30L * n);
    Files.delete(file);
  }

  @Property(tries = 50)
  void anyBatchReadsBackWithTheCountAndSumItWasWrittenWith(
      @ForAll @Size(min = 1, max = 40) List<@LongRange(min = 1, max = 50_000_000) Long> amounts,
      @ForAll @IntRange(min = 0, max = 1) int bank) throws Exception {
    String bin = bank == 0 ? "970405" : "970415";
    long sum = amounts.stream().mapToLong(Long::longValue).sum();
    Iterator<CreditTransfer> transfers = LongStream.range(0, amounts.size()).mapToObj(i -> new CreditTransfer(
        "P-" + i, amounts.get((int) i), bin, "1500205" + String.format("%06d", i), "LE THI MAI", null)).iterator();

    byte[] xml = write(header(amounts.size(), sum), transfers);

    if (Files.exists(SCHEMA)) {
      validate(xml);
    }
    MxPain00100109 mx = MxPain00100109.parse(new String(xml, StandardCharsets.UTF_8));
    List<CreditTransferTransaction34> txs = mx.getCstmrCdtTrfInitn().getPmtInf().get(0).getCdtTrfTxInf();
    assertThat(txs).hasSize(amounts.size());
    assertThat(txs.stream().map(t -> t.getAmt().getInstdAmt().getValue()).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(new BigDecimal(sum))
        .isEqualByComparingTo(mx.getCstmrCdtTrfInitn().getGrpHdr().getCtrlSum());
  }
}

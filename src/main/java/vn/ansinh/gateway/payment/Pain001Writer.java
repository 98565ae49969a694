package vn.ansinh.gateway.payment;

import java.io.OutputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes one ISO 20022 {@code pain.001.001.09} credit-transfer file, streaming: transactions are
 * written as they come, so a file of any size needs no more memory than one row. The totals go in
 * the group header, so the caller knows them before the rows (a count and sum query).
 */
public final class Pain001Writer {

  static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
  private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
  private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

  private Pain001Writer() {}

  /**
   * What a file says about itself and who pays.
   *
   * @param messageId      unique id of this file (MsgId and PmtInfId)
   * @param createdAt      creation time
   * @param executionDate  requested execution date
   * @param initiatingParty the paying agency's name
   * @param debtorName     the debtor (the treasury account holder)
   * @param debtorAccount  the treasury account the payments are drawn on
   * @param debtorAgentBin the debtor's bank, by BIN
   * @param transactions   number of transfers that follow
   * @param controlSumVnd  their sum in whole đồng
   */
  public record FileHeader(String messageId, Instant createdAt, LocalDate executionDate, String initiatingParty,
      String debtorName, String debtorAccount, String debtorAgentBin, long transactions, BigInteger controlSumVnd) {}

  /** Writes the file; fails if the transfers do not add up to the header's count and sum. */
  public static void write(OutputStream out, FileHeader header, Iterator<CreditTransfer> transfers)
      throws XMLStreamException {
    XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out, "UTF-8");
    xml.writeStartDocument("UTF-8", "1.0");
    xml.writeStartElement("Document");
    xml.writeDefaultNamespace(NAMESPACE);
    xml.writeStartElement("CstmrCdtTrfInitn");

    xml.writeStartElement("GrpHdr");
    text(xml, "MsgId", header.messageId());
    text(xml, "CreDtTm", CREATED.format(header.createdAt().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
    text(xml, "NbOfTxs", Long.toString(header.transactions()));
    text(xml, "CtrlSum", header.controlSumVnd().toString());
    xml.writeStartElement("InitgPty");
    text(xml, "Nm", header.initiatingParty());
    xml.writeEndElement();
    xml.writeEndElement();

    xml.writeStartElement("PmtInf");
    text(xml, "PmtInfId", header.messageId());
    text(xml, "PmtMtd", "TRF");
    text(xml, "NbOfTxs", Long.toString(header.transactions()));
    text(xml, "CtrlSum", header.controlSumVnd().toString());
    xml.writeStartElement("ReqdExctnDt");
    text(xml, "Dt", header.executionDate().toString());
    xml.writeEndElement();
    xml.writeStartElement("Dbtr");
    text(xml, "Nm", header.debtorName());
    xml.writeEndElement();
    account(xml, "DbtrAcct", header.debtorAccount());
    agent(xml, "DbtrAgt", header.debtorAgentBin());

    long count = 0;
    ExactSum sum = new ExactSum();
    while (transfers.hasNext()) {
      CreditTransfer t = transfers.next();
      xml.writeStartElement("CdtTrfTxInf");
      xml.writeStartElement("PmtId");
      text(xml, "EndToEndId", t.paymentId());
      xml.writeEndElement();
      xml.writeStartElement("Amt");
      xml.writeStartElement("InstdAmt");
      xml.writeAttribute("Ccy", "VND");
      xml.writeCharacters(Long.toString(t.amountVnd()));   // the đồng has no minor unit
      xml.writeEndElement();
      xml.writeEndElement();
      agent(xml, "CdtrAgt", t.bankBin());
      xml.writeStartElement("Cdtr");
      text(xml, "Nm", t.creditorName());
      xml.writeEndElement();
      account(xml, "CdtrAcct", t.accountNumber());
      if (t.purpose() != null && !t.purpose().isBlank()) {
        xml.writeStartElement("RmtInf");
        text(xml, "Ustrd", t.purpose().length() > 140 ? t.purpose().substring(0, 140) : t.purpose());
        xml.writeEndElement();
      }
      xml.writeEndElement();
      count++;
      sum.add(t.amountVnd());
    }
    if (count != header.transactions() || !sum.value().equals(header.controlSumVnd())) {
      throw new IllegalStateException("the transfers (" + count + ", " + sum.value() + " VND) do not match the header ("
          + header.transactions() + ", " + header.controlSumVnd() + " VND)");
    }
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    xml.flush();
  }

  private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(value);
    xml.writeEndElement();
  }

  private static void account(XMLStreamWriter xml, String name, String number) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeStartElement("Id");
    xml.writeStartElement("Othr");
    text(xml, "Id", number);
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();
  }

  private static void agent(XMLStreamWriter xml, String name, String bin) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeStartElement("FinInstnId");
    xml.writeStartElement("ClrSysMmbId");
    text(xml, "MmbId", bin);
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();
  }
}

package vn.ansinh.gateway.payment;

import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader85;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import vn.ansinh.gateway.partner.SecureXml;

/**
 * Reads a written pain.001 back before it leaves, in one streaming pass, so a file of any size is
 * checked in bounded memory. The group header and the first transfer are bound to Prowide's ISO
 * 20022 model (the file's shape is what Prowide reads); every transfer is then read for what a bank
 * would book: VND in whole đồng, a distinct EndToEndId, and the count and sum, which must be what
 * the file was planned with and what both its group header and its payment information say.
 * Binding a million transfers to the model would cost more than writing them; the rest of each
 * transfer comes from the same writer code as the first.
 */
final class Pain001ReadBack {

  private static final JAXBContext MODEL = model();
  private static final int MAX_AMOUNT_DIGITS = 18;   // fits a long; a larger amount was never planned

  private Pain001ReadBack() {}

  private static JAXBContext model() {
    try {
      return JAXBContext.newInstance(MxPain00100109._classes);
    } catch (JAXBException e) {
      throw new IllegalStateException("Prowide's pain.001.001.09 model cannot be loaded", e);
    }
  }

  /** Prowide's message types are bound without a namespace (they serve many message versions), as its own reader sees them. */
  private static XMLStreamReader withoutNamespace(XMLStreamReader reader) {
    return new StreamReaderDelegate(reader) {
      @Override
      public String getNamespaceURI() {
        return "";
      }

      @Override
      public String getNamespaceURI(int index) {
        return "";
      }

      @Override
      public String getNamespaceURI(String prefix) {
        return "";
      }

      @Override
      public QName getName() {
        return new QName(getLocalName());
      }
    };
  }

  /** Fails unless the file reads back with exactly this count and sum. */
  static void check(byte[] xml, String fileId, long count, BigInteger sum) {
    try {
      XMLStreamReader in = SecureXml.input().createXMLStreamReader(new ByteArrayInputStream(xml));
      XMLStreamReader bound = withoutNamespace(in);   // the same parser, seen the way Prowide's model is bound
      Unmarshaller model = MODEL.createUnmarshaller();
      GroupHeader85 header = null;
      boolean firstBound = false;
      String infoCount = null;
      String infoSum = null;
      long read = 0;
      ExactSum total = new ExactSum();
      Set<String> ids = new HashSet<>();
      while (in.hasNext()) {
        if (in.getEventType() != XMLStreamConstants.START_ELEMENT) {
          in.next();
          continue;
        }
        switch (in.getLocalName()) {
          case "GrpHdr" -> header = model.unmarshal(bound, GroupHeader85.class).getValue();
          case "NbOfTxs" -> infoCount = in.getElementText();   // the group header's was bound above: this is PmtInf's
          case "CtrlSum" -> infoSum = in.getElementText();
          case "CdtTrfTxInf" -> {
            if (!firstBound) {
              CreditTransferTransaction34 t = model.unmarshal(bound, CreditTransferTransaction34.class).getValue();
              BigDecimal amount = t.getAmt().getInstdAmt().getValue();
              if (!"VND".equals(t.getAmt().getInstdAmt().getCcy()) || amount.scale() > 0) {
                throw notBookable(fileId);
              }
              firstBound = true;
              count(t.getPmtId().getEndToEndId(), amount.toPlainString(), ids, total, fileId);
            } else {
              transfer(in, ids, total, fileId);
            }
            read++;
          }
          default -> in.next();
        }
      }
      String planned = total.value().toString();
      if (header == null || read != count || !sum.toString().equals(planned)
          || !Long.toString(count).equals(header.getNbOfTxs()) || header.getCtrlSum().compareTo(new BigDecimal(sum)) != 0
          || !Long.toString(count).equals(infoCount) || infoSum == null || new BigDecimal(infoSum).compareTo(new BigDecimal(sum)) != 0
          || !fileId.equals(header.getMsgId())) {
        throw new IllegalStateException("payment file " + fileId + " reads back with other totals than planned");
      }
    } catch (XMLStreamException | JAXBException | NumberFormatException e) {
      throw new IllegalStateException("payment file " + fileId + " does not read back as pain.001.001.09", e);
    }
  }

  /** One CdtTrfTxInf, from its start tag to past its end tag: its EndToEndId and instructed amount. */
  private static void transfer(XMLStreamReader in, Set<String> ids, ExactSum total, String fileId)
      throws XMLStreamException {
    String endToEnd = null;
    String amount = null;
    int depth = 0;
    do {
      int event = in.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        switch (in.getLocalName()) {
          case "EndToEndId" -> endToEnd = in.getElementText();
          case "InstdAmt" -> {
            if (!"VND".equals(in.getAttributeValue(null, "Ccy"))) {
              throw notBookable(fileId);
            }
            amount = in.getElementText();
          }
          default -> depth++;
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    } while (depth >= 0);
    in.next();
    count(endToEnd, amount, ids, total, fileId);
  }

  private static void count(String endToEnd, String amount, Set<String> ids, ExactSum total, String fileId) {
    if (endToEnd == null || amount == null || amount.isEmpty() || amount.length() > MAX_AMOUNT_DIGITS
        || !amount.chars().allMatch(c -> c >= '0' && c <= '9') || !ids.add(endToEnd)) {
      throw notBookable(fileId);
    }
    total.add(Long.parseLong(amount));
  }

  private static IllegalStateException notBookable(String fileId) {
    return new IllegalStateException("payment file " + fileId + " has a transfer that is not whole VND or repeats an EndToEndId");
  }
}

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
 * Reads a written pain.001 back into Prowide's ISO 20022 model, one transaction at a time (the
 * group header and each CdtTrfTxInf are bound to Prowide's types), so a file of any size is
 * checked in bounded memory: the count, the sum, VND without decimals, and distinct EndToEndIds
 * must be what the file was planned with.
 */
final class Pain001ReadBack {

  private static final JAXBContext MODEL = model();

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
      XMLStreamReader in = withoutNamespace(SecureXml.input().createXMLStreamReader(new ByteArrayInputStream(xml)));
      Unmarshaller model = MODEL.createUnmarshaller();
      GroupHeader85 header = null;
      long read = 0;
      BigDecimal total = BigDecimal.ZERO;
      Set<String> ids = new HashSet<>();
      while (in.hasNext()) {
        if (in.getEventType() == XMLStreamConstants.START_ELEMENT && "GrpHdr".equals(in.getLocalName())) {
          header = model.unmarshal(in, GroupHeader85.class).getValue();
        } else if (in.getEventType() == XMLStreamConstants.START_ELEMENT && "CdtTrfTxInf".equals(in.getLocalName())) {
          CreditTransferTransaction34 t = model.unmarshal(in, CreditTransferTransaction34.class).getValue();
          BigDecimal amount = t.getAmt().getInstdAmt().getValue();
          if (!"VND".equals(t.getAmt().getInstdAmt().getCcy()) || amount.scale() > 0 || !ids.add(t.getPmtId().getEndToEndId())) {
            throw new IllegalStateException("payment file " + fileId + " has a transfer that is not whole VND or repeats an EndToEndId");
          }
          total = total.add(amount);
          read++;
        } else {
          in.next();
        }
      }
      if (header == null || read != count || total.compareTo(new BigDecimal(sum)) != 0
          || !Long.toString(count).equals(header.getNbOfTxs()) || header.getCtrlSum().compareTo(total) != 0
          || !fileId.equals(header.getMsgId())) {
        throw new IllegalStateException("payment file " + fileId + " reads back with other totals than planned");
      }
    } catch (XMLStreamException | JAXBException e) {
      throw new IllegalStateException("payment file " + fileId + " does not read back as pain.001.001.09", e);
    }
  }
}

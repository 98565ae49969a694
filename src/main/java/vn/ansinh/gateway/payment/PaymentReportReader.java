package vn.ansinh.gateway.payment;

import com.prowidesoftware.swift.model.mx.MxCamt05400108;
import com.prowidesoftware.swift.model.mx.MxPain00200110;
import com.prowidesoftware.swift.model.mx.dic.AccountNotification17;
import com.prowidesoftware.swift.model.mx.dic.EntryDetails9;
import com.prowidesoftware.swift.model.mx.dic.EntryTransaction10;
import com.prowidesoftware.swift.model.mx.dic.OriginalPaymentInstruction32;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransaction105;
import com.prowidesoftware.swift.model.mx.dic.ReportEntry10;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.partner.SecureXml;

/**
 * Reads a bank's report with Prowide's ISO 20022 models, after a first pass that refuses DTDs and
 * entities and names the message by its namespace. Only what the gateway needs is taken out,
 * and each required part is checked, so a report missing one gets a 400 saying which.
 */
final class PaymentReportReader {

  static final String PAIN_002 = "urn:iso:std:iso:20022:tech:xsd:pain.002.001.10";
  static final String CAMT_054 = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08";
  private static final Set<String> ACCEPTED = Set.of("ACCP", "ACSP", "ACTC", "ACWC", "PDNG", "ACFC");
  private static final Set<String> SETTLED = Set.of("ACSC", "ACCC");
  // ISO 20022 Max35Text without control characters: ids the gateway looks up and keeps
  private static final Pattern MAX35 = Pattern.compile("[^\\p{Cntrl}]{1,35}");
  private static final Pattern REASON_CODE = Pattern.compile("[A-Za-z0-9]{1,4}");   // ExternalStatusReason1Code
  private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999999999");   // 18 digits: fits a bigint

  private PaymentReportReader() {}

  static PaymentReport read(byte[] xml) {
    String namespace = namespaceOf(xml);
    String text = new String(xml, StandardCharsets.UTF_8);
    return switch (namespace) {
      case PAIN_002 -> pain002(MxPain00200110.parse(text));
      case CAMT_054 -> camt054(MxCamt05400108.parse(text));
      default -> throw new InvalidRequestException("body",
          "is not a report this gateway takes: pain.002.001.10 or camt.054.001.08");
    };
  }

  /** The root element's namespace; any DTD or entity reference is refused before Prowide sees the text. */
  private static String namespaceOf(byte[] xml) {
    try {
      XMLStreamReader in = SecureXml.input().createXMLStreamReader(new ByteArrayInputStream(xml));
      while (in.hasNext()) {
        int event = in.next();
        if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
          throw new InvalidRequestException("body", "must not contain a DTD or entities");
        }
        if (event == XMLStreamConstants.START_ELEMENT) {
          if (!"Document".equals(in.getLocalName())) {
            throw new InvalidRequestException("body", "must be an ISO 20022 Document");
          }
          String ns = in.getNamespaceURI();
          // the rest must be well-formed too, and free of DTDs and entities
          while (in.hasNext()) {
            int e = in.next();
            if (e == XMLStreamConstants.DTD || e == XMLStreamConstants.ENTITY_REFERENCE) {
              throw new InvalidRequestException("body", "must not contain a DTD or entities");
            }
          }
          return ns == null ? "" : ns;
        }
      }
      throw new InvalidRequestException("body", "is empty");
    } catch (XMLStreamException e) {
      throw new InvalidRequestException("body", "is not well-formed XML");
    }
  }

  private static PaymentReport pain002(MxPain00200110 mx) {
    if (mx == null || mx.getCstmrPmtStsRpt() == null || mx.getCstmrPmtStsRpt().getGrpHdr() == null) {
      throw invalid("CstmrPmtStsRpt/GrpHdr", "is required");
    }
    var report = mx.getCstmrPmtStsRpt();
    String msgId = id(report.getGrpHdr().getMsgId(), "GrpHdr/MsgId");
    String file = report.getOrgnlGrpInfAndSts() == null ? null : report.getOrgnlGrpInfAndSts().getOrgnlMsgId();
    List<PaymentReport.Entry> entries = new ArrayList<>();
    for (OriginalPaymentInstruction32 instruction : report.getOrgnlPmtInfAndSts()) {
      String fileId = instruction.getOrgnlPmtInfId() != null ? instruction.getOrgnlPmtInfId() : file;
      for (PaymentTransaction105 tx : instruction.getTxInfAndSts()) {
        String e2e = id(tx.getOrgnlEndToEndId(), "TxInfAndSts/OrgnlEndToEndId");
        String status = required(tx.getTxSts(), "TxInfAndSts/TxSts");
        String reason = tx.getStsRsnInf().isEmpty() || tx.getStsRsnInf().get(0).getRsn() == null ? null
            : tx.getStsRsnInf().get(0).getRsn().getCd();
        PaymentStatus outcome;
        if (SETTLED.contains(status)) {
          outcome = PaymentStatus.PAID;
        } else if (ACCEPTED.contains(status)) {
          outcome = PaymentStatus.ACCEPTED;
        } else if ("RJCT".equals(status)) {
          outcome = PaymentStatus.REJECTED;
          reason(reason, "TxInfAndSts/StsRsnInf/Rsn/Cd of a rejection");
        } else {
          throw invalid("TxInfAndSts/TxSts", "is not a status this gateway knows");
        }
        if (reason != null) {
          reason(reason, "TxInfAndSts/StsRsnInf/Rsn/Cd");
        }
        entries.add(new PaymentReport.Entry(id(fileId, "OrgnlGrpInfAndSts/OrgnlMsgId"), e2e, outcome, reason,
            null));
      }
    }
    return new PaymentReport(msgId, "pain.002.001.10", checked(entries));
  }

  private static PaymentReport camt054(MxCamt05400108 mx) {
    if (mx == null || mx.getBkToCstmrDbtCdtNtfctn() == null || mx.getBkToCstmrDbtCdtNtfctn().getGrpHdr() == null) {
      throw invalid("BkToCstmrDbtCdtNtfctn/GrpHdr", "is required");
    }
    var notification = mx.getBkToCstmrDbtCdtNtfctn();
    String msgId = id(notification.getGrpHdr().getMsgId(), "GrpHdr/MsgId");
    List<PaymentReport.Entry> entries = new ArrayList<>();
    for (AccountNotification17 n : notification.getNtfctn()) {
      for (ReportEntry10 entry : n.getNtry()) {
        for (EntryDetails9 details : entry.getNtryDtls()) {
          for (EntryTransaction10 tx : details.getTxDtls()) {
            if (tx.getRefs() == null) {
              throw invalid("TxDtls/Refs", "is required");
            }
            String fileId = tx.getRefs().getPmtInfId() != null ? tx.getRefs().getPmtInfId() : tx.getRefs().getMsgId();
            String e2e = id(tx.getRefs().getEndToEndId(), "TxDtls/Refs/EndToEndId");
            var amount = tx.getAmt() != null ? tx.getAmt() : entry.getAmt();
            if (amount == null || amount.getValue() == null || !"VND".equals(amount.getCcy())) {
              throw invalid("TxDtls/Amt", "is required, in whole VND");
            }
            long amountVnd = wholeVnd(amount.getValue());
            boolean returned = tx.getRtrInf() != null;
            String reason = returned && tx.getRtrInf().getRsn() != null ? tx.getRtrInf().getRsn().getCd() : null;
            if (returned) {
              reason(reason, "TxDtls/RtrInf/Rsn/Cd");
            }
            entries.add(new PaymentReport.Entry(id(fileId, "TxDtls/Refs/PmtInfId or MsgId"), e2e,
                returned ? PaymentStatus.RETURNED : PaymentStatus.PAID, reason, amountVnd));
          }
        }
      }
    }
    return new PaymentReport(msgId, "camt.054.001.08", checked(entries));
  }

  /** A positive whole amount of at most 18 digits; anything else (1E+400, 31 digits, 0.5) is a 400. */
  private static long wholeVnd(BigDecimal amount) {
    // compare before stripping: a value like 1E+400 is only looked at by its magnitude
    if (amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) > 0 || amount.stripTrailingZeros().scale() > 0) {
      throw invalid("TxDtls/Amt", "must be a positive whole amount in VND of at most 18 digits");
    }
    return amount.longValueExact();
  }

  /** An id the gateway looks up or keeps: ISO 20022 Max35Text. */
  private static String id(String value, String field) {
    required(value, field);
    if (!MAX35.matcher(value).matches()) {
      throw invalid(field, "must be at most 35 characters, without control characters");
    }
    return value;
  }

  private static void reason(String value, String field) {
    required(value, field);
    if (!REASON_CODE.matcher(value).matches()) {
      throw invalid(field, "must be an ISO 20022 reason code of at most 4 letters or digits");
    }
  }

  private static List<PaymentReport.Entry> checked(List<PaymentReport.Entry> entries) {
    if (entries.isEmpty()) {
      throw invalid("body", "reports no transaction");
    }
    return entries;
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw invalid(field, "is required");
    }
    return value;
  }

  private static InvalidRequestException invalid(String field, String reason) {
    return new InvalidRequestException(field, reason);
  }
}

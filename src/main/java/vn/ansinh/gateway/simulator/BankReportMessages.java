package vn.ansinh.gateway.simulator;

import java.util.List;

/** The ISO 20022 reports a bank sends about a payment file: pain.002.001.10 statuses and camt.054.001.08 bookings. */
public final class BankReportMessages {

  private BankReportMessages() {}

  /** One transaction's status: TxSts (ACSC, ACCP, RJCT …) and, for a rejection, its reason code. */
  public record Status(String endToEndId, String txSts, String reason) {}

  /** One booked transaction; with a reason code it is a return (paid, then reversed). */
  public record Booking(String endToEndId, long amountVnd, String returnReason) {}

  public static String pain002(String msgId, String fileId, List<Status> statuses) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.10\"><CstmrPmtStsRpt>"
        + "<GrpHdr><MsgId>" + msgId + "</MsgId><CreDtTm>2026-11-24T09:00:00</CreDtTm></GrpHdr>"
        + "<OrgnlGrpInfAndSts><OrgnlMsgId>" + fileId + "</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>"
        + "</OrgnlGrpInfAndSts><OrgnlPmtInfAndSts><OrgnlPmtInfId>" + fileId + "</OrgnlPmtInfId>");
    for (Status s : statuses) {
      b.append("<TxInfAndSts><OrgnlEndToEndId>").append(s.endToEndId()).append("</OrgnlEndToEndId><TxSts>")
          .append(s.txSts()).append("</TxSts>");
      if (s.reason() != null) {
        b.append("<StsRsnInf><Rsn><Cd>").append(s.reason()).append("</Cd></Rsn></StsRsnInf>");
      }
      b.append("</TxInfAndSts>");
    }
    return b.append("</OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>").toString();
  }

  public static String camt054(String msgId, String fileId, String account, List<Booking> bookings) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\"><BkToCstmrDbtCdtNtfctn>"
        + "<GrpHdr><MsgId>" + msgId + "</MsgId><CreDtTm>2026-11-24T10:00:00</CreDtTm></GrpHdr>"
        + "<Ntfctn><Id>" + msgId + "-1</Id><Acct><Id><Othr><Id>" + account + "</Id></Othr></Id></Acct>");
    for (Booking k : bookings) {
      boolean returned = k.returnReason() != null;
      b.append("<Ntry><Amt Ccy=\"VND\">").append(k.amountVnd()).append("</Amt><CdtDbtInd>")
          .append(returned ? "CRDT" : "DBIT").append("</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>")
          .append("<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>").append(returned ? "RRTN" : "ESCT")
          .append("</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls><TxDtls><Refs><PmtInfId>").append(fileId)
          .append("</PmtInfId><EndToEndId>").append(k.endToEndId()).append("</EndToEndId></Refs><Amt Ccy=\"VND\">")
          .append(k.amountVnd()).append("</Amt>");
      if (returned) {
        b.append("<RtrInf><Rsn><Cd>").append(k.returnReason()).append("</Cd></Rsn></RtrInf>");
      }
      b.append("</TxDtls></NtryDtls></Ntry>");
    }
    return b.append("</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>").toString();
  }
}

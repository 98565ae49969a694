package vn.ansinh.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Payment files as a bank received them: parsed with Prowide, repeats (same Idempotency-Key) folded. */
record BankFiles(Map<String, MxPain00100109> byMsgId) {

  static final String PATH = "/banks/[0-9]+/payments/pain001";

  /**
   * Every distinct file the agency server got with this text in it (other tests' batches may still
   * be on their way); a repeated file must carry the same key and the same bytes.
   */
  static BankFiles receivedBy(WireMockServer server, String marker) throws Exception {
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    Map<String, MxPain00100109> files = new LinkedHashMap<>();
    for (LoggedRequest r : server.findAll(WireMock.postRequestedFor(WireMock.urlMatching(PATH))
        .withRequestBody(WireMock.containing(marker)))) {
      String key = r.getHeader("Idempotency-Key");
      byte[] earlier = bodies.putIfAbsent(key, r.getBody());
      if (earlier != null) {
        assertThat(r.getBody()).as("a repeated file %s has the same bytes", key).isEqualTo(earlier);
        continue;
      }
      if (Files.exists(Pain001WriterTest.SCHEMA)) {   // a checkout without the reference data still checks the rest
        Pain001WriterTest.validate(r.getBody());
      }
      MxPain00100109 mx = MxPain00100109.parse(new String(r.getBody(), StandardCharsets.UTF_8));
      assertThat(mx.getCstmrCdtTrfInitn().getGrpHdr().getMsgId()).isEqualTo(key);
      files.put(key, mx);
    }
    return new BankFiles(files);
  }

  /** The EndToEndIds of every file, in order: a payment listed twice shows up twice here. */
  List<String> endToEndIds() {
    List<String> ids = new ArrayList<>();
    byMsgId.values().forEach(f -> transactions(f).forEach(t -> ids.add(t.getPmtId().getEndToEndId())));
    return ids;
  }

  long sum() {
    return byMsgId.values().stream().mapToLong(f -> f.getCstmrCdtTrfInitn().getGrpHdr().getCtrlSum().longValueExact())
        .sum();
  }

  static List<CreditTransferTransaction34> transactions(MxPain00100109 f) {
    return f.getCstmrCdtTrfInitn().getPmtInf().get(0).getCdtTrfTxInf();
  }

  /** Each file's header totals agree with its own transactions. */
  void assertEachFileAddsUp() {
    byMsgId.forEach((id, f) -> {
      List<CreditTransferTransaction34> txs = transactions(f);
      long sum = txs.stream().mapToLong(t -> t.getAmt().getInstdAmt().getValue().longValueExact()).sum();
      assertThat(f.getCstmrCdtTrfInitn().getGrpHdr().getNbOfTxs()).as(id).isEqualTo(Integer.toString(txs.size()));
      assertThat(f.getCstmrCdtTrfInitn().getGrpHdr().getCtrlSum().longValueExact()).as(id).isEqualTo(sum);
      assertThat(f.getCstmrCdtTrfInitn().getPmtInf().get(0).getCtrlSum().longValueExact()).as(id).isEqualTo(sum);
    });
  }
}

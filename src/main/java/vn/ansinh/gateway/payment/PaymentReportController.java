package vn.ansinh.gateway.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Banks push pain.002 and camt.054 reports here (SPEC §4.5), signed like every bank push. */
@RestController
public class PaymentReportController {

  private final PaymentReports reports;

  public PaymentReportController(PaymentReports reports) {
    this.reports = reports;
  }

  @PostMapping(path = "/api/v1/payment-reports", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE},
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> report(@RequestBody byte[] body, Authentication bank,
      @RequestHeader(name = "X-JWS-Signature", required = false) String signature) throws JsonProcessingException {
    // the raw bytes: the signature covers exactly what the bank sent
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(reports.receive(bank.getName(), signature, body));
  }
}

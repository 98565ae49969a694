package vn.ansinh.gateway.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Wallet providers push their payment results here (SPEC §4.15), signed like every bank push. */
@RestController
public class WalletReportController {

  private final WalletReports reports;

  public WalletReportController(WalletReports reports) {
    this.reports = reports;
  }

  @PostMapping(path = "/api/v1/wallet-reports", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> report(@RequestBody byte[] body, Authentication provider,
      @RequestHeader(name = "X-JWS-Signature", required = false) String signature) throws JsonProcessingException {
    // the raw bytes: the signature covers exactly what the provider sent
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
        .body(reports.receive(provider.getName(), signature, body));
  }
}

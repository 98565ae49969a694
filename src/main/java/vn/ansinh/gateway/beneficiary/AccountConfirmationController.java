package vn.ansinh.gateway.beneficiary;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Banks push account-opening confirmations here (SPEC §4.3): signed, idempotent, their own only. */
@RestController
public class AccountConfirmationController {

  private final AccountConfirmations confirmations;

  public AccountConfirmationController(AccountConfirmations confirmations) {
    this.confirmations = confirmations;
  }

  @PostMapping(path = "/api/v1/account-openings/confirmations", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> confirm(@RequestBody byte[] body, Authentication bank,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestHeader(name = "X-JWS-Signature", required = false) String signature) {
    // the raw bytes, not a parsed object: the signature covers exactly what the bank sent
    IdempotentRequests.Answer answer = confirmations.confirm(bank.getName(), idempotencyKey, signature, body);
    return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.response());
  }
}

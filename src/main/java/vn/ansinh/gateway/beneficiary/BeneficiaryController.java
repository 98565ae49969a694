package vn.ansinh.gateway.beneficiary;

import java.net.URI;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Beneficiary registration and status (SPEC §4.2); a partner sees only the beneficiaries it registered. */
@RestController
public class BeneficiaryController {

  private final BeneficiaryService service;
  private final Accounts accounts;

  public BeneficiaryController(BeneficiaryService service, Accounts accounts) {
    this.service = service;
    this.accounts = accounts;
  }

  @PostMapping(path = "/api/v1/beneficiaries", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<BeneficiaryView> register(@RequestBody BeneficiaryRegistration registration,
      Authentication partner) {
    Beneficiary b = service.register(partner.getName(), registration);
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/beneficiaries/" + b.registration().beneficiaryId()))
        .body(BeneficiaryView.of(b, null));
  }

  @GetMapping(path = "/api/v1/beneficiaries/{beneficiaryId}", produces = MediaType.APPLICATION_JSON_VALUE)
  public BeneficiaryView status(@PathVariable String beneficiaryId, Authentication partner) {
    Beneficiary b = service.find(partner.getName(), beneficiaryId);
    return BeneficiaryView.of(b, accounts.active(partner.getName(), beneficiaryId).orElse(null));
  }

  /** What a partner sees: the state of the work, not the personal data it sent. */
  public record BeneficiaryView(String beneficiaryId, Program program, BeneficiaryStatus status, String statusReason,
      String preferredBankBin, Accounts.ActiveAccount account, Instant registeredAt, Instant updatedAt) {

    static BeneficiaryView of(Beneficiary b, Accounts.ActiveAccount account) {
      return new BeneficiaryView(b.registration().beneficiaryId(), b.registration().program(), b.status(),
          b.statusReason(), b.registration().preferredBankBin(), account, b.createdAt(), b.updatedAt());
    }
  }
}

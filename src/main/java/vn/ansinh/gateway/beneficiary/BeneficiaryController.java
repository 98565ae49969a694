package vn.ansinh.gateway.beneficiary;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.ansinh.gateway.payment.WalletRules;
import vn.ansinh.gateway.format.ContentTypes;
import vn.ansinh.gateway.format.IntakeLimits;

/** Beneficiary registration and status (SPEC §4.2); a partner sees only the beneficiaries it registered. */
@RestController
public class BeneficiaryController {

  private final BeneficiaryService service;
  private final Accounts accounts;
  private final IntakeLimits limits;
  private final BeneficiaryLifecycle lifecycle;

  public BeneficiaryController(BeneficiaryService service, Accounts accounts, IntakeLimits limits,
      BeneficiaryLifecycle lifecycle) {
    this.service = service;
    this.accounts = accounts;
    this.limits = limits;
    this.lifecycle = lifecycle;
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

  @PostMapping(path = "/api/v1/beneficiaries/bulk", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<BeneficiaryService.BulkResult> registerAll(
      @RequestBody List<BeneficiaryRegistration> registrations, Authentication partner) {
    return ResponseEntity.accepted().body(service.registerAll(partner.getName(), registrations));
  }

  /** CSV in UTF-8 (the default), windows-1258, TCVN3 or VNI, as provincial and commune exports come. */
  @PostMapping(path = "/api/v1/beneficiaries/bulk", consumes = "text/csv", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<BeneficiaryService.BulkResult> registerCsv(HttpServletRequest request, Authentication partner)
      throws IOException {
    Charset charset = ContentTypes.charsetOf(request);
    try (InputStream in = request.getInputStream()) {
      return ResponseEntity.accepted().body(service.registerRead(partner.getName(), new BeneficiaryCsv(in, charset,
          limits)));
    }
  }

  /** With a strong ETag, the version a change (PATCH) must name in If-Match. */
  @GetMapping(path = "/api/v1/beneficiaries/{beneficiaryId}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<BeneficiaryView> status(@PathVariable String beneficiaryId, Authentication partner) {
    BeneficiaryLifecycle.Seen seen = lifecycle.find(partner.getName(), beneficiaryId);
    return ResponseEntity.ok().eTag(seen.etag()).body(BeneficiaryView.of(seen.beneficiary(),
        accounts.active(partner.getName(), beneficiaryId).orElse(null)));
  }

  /** What a partner sees: the state of the work, not the personal data it sent. */
  public record BeneficiaryView(String beneficiaryId, Program program, BeneficiaryStatus status, String statusReason,
      String preferredBankBin, String socialInsuranceNumber, String householdId, HouseholdCategory householdCategory,
      Accounts.ActiveAccount account, Instant registeredAt, Instant updatedAt, String walletProvider, String walletId) {

    static BeneficiaryView of(Beneficiary b, Accounts.ActiveAccount account) {
      return new BeneficiaryView(b.registration().beneficiaryId(), b.registration().program(), b.status(),
          b.statusReason(), b.registration().preferredBankBin(), b.registration().socialInsuranceNumber(),
          b.registration().householdId(), b.registration().householdCategory(), account,
          b.createdAt(), b.updatedAt(), b.registration().walletProvider(), WalletRules.mask(b.registration().walletId()));
    }
  }
}

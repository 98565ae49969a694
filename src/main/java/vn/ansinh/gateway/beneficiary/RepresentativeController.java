package vn.ansinh.gateway.beneficiary;

import java.time.LocalDate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.ansinh.gateway.payment.WalletRules;

/**
 * A beneficiary's authorised representative (SPEC §4.16), for its owning agency only: another
 * partner's beneficiary answers 404.
 */
@RestController
public class RepresentativeController {

  private static final String PATH = "/api/v1/beneficiaries/{beneficiaryId}/representative";
  private final Representatives representatives;
  private final BeneficiaryLifecycle lifecycle;

  public RepresentativeController(Representatives representatives, BeneficiaryLifecycle lifecycle) {
    this.representatives = representatives;
    this.lifecycle = lifecycle;
  }

  /** As the owner reads it back: the personal id and account masked except their last 4 digits, the wallet like a beneficiary's. */
  public record RepresentativeView(String beneficiaryId, String personalId, String fullName, LocalDate dateOfBirth,
      String relationship, String authorisationReference, LocalDate validFrom, LocalDate validUntil, String bankBin,
      String accountNumber, String walletProvider, String walletId, String status) {

    static RepresentativeView of(String beneficiaryId, Representatives.Representative r, LocalDate today) {
      return new RepresentativeView(beneficiaryId, AccountMasks.mask(r.personalId()), r.fullName(), r.dateOfBirth(),
          r.relationship(), r.authorisationReference(), r.validFrom(), r.validUntil(), r.bankBin(),
          AccountMasks.mask(r.accountNumber()), r.walletProvider(), WalletRules.mask(r.walletId()), r.validUntil().isBefore(today) ? "EXPIRED" : "ACTIVE");
    }
  }

  @PutMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  public RepresentativeView authorise(@PathVariable String beneficiaryId,
      @RequestBody Representatives.Authorisation authorisation, Authentication partner) {
    Representatives.Representative r = representatives.authorise(partner.getName(), beneficiaryId, authorisation,
        partner.getName());
    return RepresentativeView.of(beneficiaryId, r, lifecycle.today());
  }

  @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  public RepresentativeView representative(@PathVariable String beneficiaryId, Authentication partner) {
    return RepresentativeView.of(beneficiaryId, representatives.find(partner.getName(), beneficiaryId),
        lifecycle.today());
  }

  @DeleteMapping(path = PATH)
  public ResponseEntity<Void> end(@PathVariable String beneficiaryId, Authentication partner) {
    representatives.end(partner.getName(), beneficiaryId, partner.getName());
    return ResponseEntity.noContent().build();
  }
}

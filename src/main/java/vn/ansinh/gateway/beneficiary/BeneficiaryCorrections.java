package vn.ansinh.gateway.beneficiary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.ansinh.gateway.citizen.CitizenVerificationRequest;
import vn.ansinh.gateway.citizen.CitizenVerificationResult;
import vn.ansinh.gateway.error.ChangeRefusedException;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.PreconditionRequiredException;
import vn.ansinh.gateway.error.UnknownAdministrativeUnitException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.outbox.Outbox;
import vn.ansinh.gateway.reference.AdministrativeUnits;

/**
 * Corrections and moves of a beneficiary (SPEC §4.10): a JSON merge patch made from the version its
 * If-Match names. A corrected name takes effect only once the population database confirms it
 * (through the citizen-verification route, outside the transaction); a move is dated and kept.
 */
@Service
public class BeneficiaryCorrections {

  private final BeneficiaryLifecycle lifecycle;
  private final Beneficiaries beneficiaries;
  private final LifecycleRecords records;
  private final Outbox outbox;
  private final BankDirectory banks;
  private final ObjectMapper json;
  private final ProducerTemplate flows;
  private final TransactionTemplate tx;
  private final AdministrativeUnits units;

  public BeneficiaryCorrections(BeneficiaryLifecycle lifecycle, Beneficiaries beneficiaries, LifecycleRecords records,
      Outbox outbox, BankDirectory banks, ObjectMapper json, ProducerTemplate flows, TransactionTemplate tx,
      AdministrativeUnits units) {
    this.units = units;
    this.lifecycle = lifecycle;
    this.beneficiaries = beneficiaries;
    this.records = records;
    this.outbox = outbox;
    this.banks = banks;
    this.json = json;
    this.flows = flows;
    this.tx = tx;
  }

  /** Applies a merge patch made from the version {@code ifMatch} names. */
  public BeneficiaryLifecycle.Seen patch(String owner, String beneficiaryId, String ifMatch, JsonNode body,
      String changedBy) {
    Beneficiary b = lifecycle.load(owner, beneficiaryId);
    LifecycleRecords.State before = records.state(owner, beneficiaryId).orElseThrow();
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      throw new PreconditionRequiredException();
    }
    BeneficiaryPatch patch = BeneficiaryPatch.read(body, json, banks);
    BeneficiaryLifecycle.checkChangeable(before, ifMatch);
    if (patch.moves()) {
      lifecycle.within(patch.effectiveFrom());
    }
    String name = patch.values().get("fullName");
    boolean renamed = name != null && !name.equals(b.registration().fullName());
    if (renamed) {
      confirmName(b, name);   // outside the transaction: the registry may take seconds
    }
    return tx.execute(status -> {
      LifecycleRecords.State now = records.lock(owner, beneficiaryId).orElseThrow();
      BeneficiaryLifecycle.checkChangeable(now, ifMatch);
      Beneficiary current = lifecycle.load(owner, beneficiaryId);
      Map<String, String> values = new LinkedHashMap<>(patch.values());
      household(current.registration(), values);
      if (patch.moves()) {
        LocalDate last = records.lastMove(owner, beneficiaryId);
        if (last != null && !patch.effectiveFrom().isAfter(last)) {
          throw new ChangeRefusedException("change-refused", "Change refused", Violation.of(
              BeneficiaryPatch.EFFECTIVE_FROM, "must be after the last move, which took effect on " + last));
        }
        String province = values.getOrDefault("provinceCode", current.registration().provinceCode());
        String commune = values.getOrDefault("communeCode", current.registration().communeCode());
        List<Violation> unknown = units.codesOn(patch.effectiveFrom()).check(province, commune);
        if (!unknown.isEmpty()) {
          throw new UnknownAdministrativeUnitException(unknown);
        }
        records.moved(owner, beneficiaryId, patch.effectiveFrom(), current.registration().provinceCode(),
            current.registration().communeCode(), province, commune);
      }
      records.update(owner, beneficiaryId, values);
      if (renamed && current.status() == BeneficiaryStatus.IDENTITY_MISMATCH) {
        // the corrected identity is the registry's: onboarding goes on from the identity check
        beneficiaries.status(owner, beneficiaryId, BeneficiaryStatus.IDENTITY_MISMATCH, BeneficiaryStatus.VERIFYING, null);
        outbox.enqueue(BeneficiaryService.IDENTITY_CHECK, owner, beneficiaryId);
      }
      lifecycle.changed(owner, beneficiaryId, patch.moves() ? "MOVED" : "CHANGED", patch.fields(),
          patch.moves() ? patch.effectiveFrom() : lifecycle.today(), null, changedBy);
      return lifecycle.find(owner, beneficiaryId);
    });
  }

  /** A household is named by its id and its category together, after the patch as before it (BeneficiaryRules). */
  private static void household(BeneficiaryRegistration now, Map<String, String> values) {
    String id = values.containsKey("householdId") ? values.get("householdId") : now.householdId();
    Object category = values.containsKey("householdCategory") ? values.get("householdCategory") : now.householdCategory();
    if (id != null && category == null) {
      throw new InvalidRequestException("householdCategory", "is required with householdId: POOR or NEAR_POOR");
    }
    if (id == null && category != null) {
      throw new InvalidRequestException("householdId", "is required with householdCategory");
    }
  }

  private void confirmName(Beneficiary b, String name) {
    BeneficiaryRegistration r = b.registration();
    CitizenVerificationResult result = flows.requestBody("direct:verify-citizen",
        new CitizenVerificationRequest(r.personalId(), name, r.dateOfBirth()), CitizenVerificationResult.class);
    if (!result.match()) {
      throw new ChangeRefusedException("identity-mismatch", "Identity not confirmed", result.mismatches()
          .contains("personalId") ? Violation.of("fullName", "cannot be confirmed: the population database does not know"
          + " the personal id") : result.mismatches().contains("fullName")
          ? Violation.of("fullName", "does not match the population database; the registered name stays")
          : Violation.of("fullName", "cannot be confirmed: the registered date of birth does not match the population"
              + " database"));
    }
  }
}

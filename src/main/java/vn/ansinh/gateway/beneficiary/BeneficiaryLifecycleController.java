package vn.ansinh.gateway.beneficiary;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import vn.ansinh.gateway.beneficiary.BeneficiaryController.BeneficiaryView;

/**
 * The lifecycle of a beneficiary (SPEC §4.10), for its owning agency only: another partner's
 * beneficiary answers 404. Every change answers with the beneficiary as it now is and its new ETag.
 */
@RestController
public class BeneficiaryLifecycleController {

  static final String MERGE_PATCH = "application/merge-patch+json";
  private final BeneficiaryLifecycle lifecycle;
  private final BeneficiaryCorrections corrections;
  private final Accounts accounts;

  public BeneficiaryLifecycleController(BeneficiaryLifecycle lifecycle, BeneficiaryCorrections corrections,
      Accounts accounts) {
    this.lifecycle = lifecycle;
    this.corrections = corrections;
    this.accounts = accounts;
  }

  @PatchMapping(path = "/api/v1/beneficiaries/{beneficiaryId}", consumes = MERGE_PATCH,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<BeneficiaryView> change(@PathVariable String beneficiaryId,
      @RequestHeader(name = "If-Match", required = false) String ifMatch, @RequestBody JsonNode patch,
      Authentication partner) {
    return answer(partner, corrections.patch(partner.getName(), beneficiaryId, ifMatch, patch, partner.getName()));
  }

  /** A suspension from a date: its months are not paid until a resumption. */
  public record Suspension(String reason, LocalDate effectiveFrom) {}

  @PostMapping(path = "/api/v1/beneficiaries/{beneficiaryId}/suspension", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<BeneficiaryView> suspend(@PathVariable String beneficiaryId, @RequestBody Suspension s,
      Authentication partner) {
    return answer(partner, lifecycle.suspend(partner.getName(), beneficiaryId, s.reason(), s.effectiveFrom(),
        partner.getName()));
  }

  /** The end of a suspension: paid again from the month of {@code effectiveFrom}. */
  public record Resumption(LocalDate effectiveFrom) {}

  @DeleteMapping(path = "/api/v1/beneficiaries/{beneficiaryId}/suspension", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<BeneficiaryView> resume(@PathVariable String beneficiaryId, @RequestBody Resumption r,
      Authentication partner) {
    return answer(partner, lifecycle.resume(partner.getName(), beneficiaryId, r.effectiveFrom(), partner.getName()));
  }

  public record Termination(TerminationReason reason, LocalDate effectiveFrom, String note) {}

  @PostMapping(path = "/api/v1/beneficiaries/{beneficiaryId}/termination", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<BeneficiaryView> terminate(@PathVariable String beneficiaryId, @RequestBody Termination t,
      Authentication partner) {
    return answer(partner, lifecycle.terminate(partner.getName(), beneficiaryId, t.reason(), t.effectiveFrom(),
        t.note(), partner.getName()));
  }

  /** One entry of the history: what kind of change, which fields (names only), from when, by whom. */
  public record HistoryEntry(Long changeId, String kind, List<String> fields, LocalDate effectiveFrom, String reason,
      String changedBy, Instant changedAt) {}

  public record History(String beneficiaryId, List<HistoryEntry> changes) {}

  @GetMapping(path = "/api/v1/beneficiaries/{beneficiaryId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
  public History history(@PathVariable String beneficiaryId, Authentication partner) {
    Beneficiary b = lifecycle.find(partner.getName(), beneficiaryId).beneficiary();
    List<HistoryEntry> changes = new ArrayList<>();
    changes.add(new HistoryEntry(null, "REGISTERED", List.of(), null, null, b.owner(), b.createdAt()));
    for (LifecycleRecords.Change c : lifecycle.history(partner.getName(), beneficiaryId)) {
      changes.add(new HistoryEntry(c.id(), c.kind(), c.fields(), c.effectiveFrom(), c.reason(), c.changedBy(),
          c.changedAt()));
    }
    return new History(beneficiaryId, changes);
  }

  private ResponseEntity<BeneficiaryView> answer(Authentication partner, BeneficiaryLifecycle.Seen seen) {
    String id = seen.beneficiary().registration().beneficiaryId();
    return ResponseEntity.ok().eTag(seen.etag())
        .body(BeneficiaryView.of(seen.beneficiary(), accounts.active(partner.getName(), id).orElse(null)));
  }
}

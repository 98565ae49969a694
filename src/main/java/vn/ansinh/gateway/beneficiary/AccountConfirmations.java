package vn.ansinh.gateway.beneficiary;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.ansinh.gateway.audit.AuditChain;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.audit.SubjectHasher;
import vn.ansinh.gateway.error.ConflictException;
import vn.ansinh.gateway.error.ForbiddenException;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.outbox.Outbox;
import vn.ansinh.gateway.security.Partner;
import vn.ansinh.gateway.security.PartnerRegistry;
import vn.ansinh.gateway.security.PushSignatures;

/**
 * A bank's signed confirmation (SPEC §4.3): signature, idempotency, ownership of the request,
 * then the account mapping and the beneficiary's status — all in one transaction.
 */
@Service
public class AccountConfirmations {

  private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[0-9]{8,19}");
  private final PushSignatures signatures;
  private final IdempotentRequests idempotent;
  private final Accounts accounts;
  private final Beneficiaries beneficiaries;
  private final PartnerRegistry partners;
  private final SubjectHasher subjects;
  private final ObjectMapper json;
  private final Outbox outbox;

  public AccountConfirmations(PushSignatures signatures, IdempotentRequests idempotent, Accounts accounts,
      Beneficiaries beneficiaries, PartnerRegistry partners, SubjectHasher subjects, ObjectMapper json,
      Outbox outbox) {
    this.outbox = outbox;
    this.signatures = signatures;
    this.idempotent = idempotent;
    this.accounts = accounts;
    this.beneficiaries = beneficiaries;
    this.partners = partners;
    this.subjects = subjects;
    this.json = json;
  }

  @Transactional
  public IdempotentRequests.Answer confirm(String bank, String idempotencyKey, String signature, byte[] body) {
    if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
      throw new InvalidRequestException("Idempotency-Key", "header is required (at most 200 characters)");
    }
    signatures.verify(bank, signature, body);
    String sha = AuditChain.sha256Hex(body);
    var earlier = idempotent.find(bank, idempotencyKey);
    if (earlier.isPresent()) {
      if (!earlier.get().bodySha256().equals(sha)) {
        throw new ConflictException("Idempotency-Key '" + idempotencyKey + "' was used with another body");
      }
      return earlier.get();
    }
    AccountConfirmation c = parse(body);
    AuditContext.current().subjectHash(subjects.hash(c.personalId()));
    Partner caller = partners.find(bank).orElseThrow(() -> new ForbiddenException("unknown partner"));
    if (caller.bankBin() == null || !caller.bankBin().equals(c.bankBin())) {
      throw new ForbiddenException("bankBin is not the calling bank's BIN");
    }
    Accounts.OpeningRequest request = accounts.openingRequest(c.requestId())
        .filter(r -> r.bankBin().equals(caller.bankBin()))
        .orElseThrow(() -> new NotFoundException("account-opening request", c.requestId()));
    Beneficiary b = beneficiaries.find(request.owner(), request.beneficiaryId())
        .orElseThrow(() -> new NotFoundException("account-opening request", c.requestId()));
    if (!b.registration().beneficiaryId().equals(c.beneficiaryId())
        || !b.registration().personalId().equals(c.personalId())) {
      throw new InvalidRequestException("beneficiaryId", "beneficiaryId or personalId does not match the request");
    }
    BeneficiaryStatus outcome;
    if ("OPENED".equals(c.status())) {
      accounts.open(b, c.bankBin(), c.accountNumber(), c.accountName(), c.openedAt());
      outcome = BeneficiaryStatus.ACCOUNT_OPEN;
      beneficiaries.status(b.owner(), c.beneficiaryId(), outcome, null);
    } else {
      outcome = BeneficiaryStatus.ACCOUNT_REJECTED;
      beneficiaries.status(b.owner(), c.beneficiaryId(), outcome, "the bank rejected the request: " + c.reason());
    }
    outbox.enqueue(AgencyNotifications.KIND, b.owner(), c.beneficiaryId());
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("requestId", c.requestId());
    response.put("beneficiaryId", c.beneficiaryId());
    response.put("status", outcome.name());
    if (outcome == BeneficiaryStatus.ACCOUNT_OPEN) {
      response.put("accountNumber", AccountMasks.mask(c.accountNumber()));
    }
    IdempotentRequests.Answer answer = new IdempotentRequests.Answer(sha, 200, write(response));
    idempotent.remember(bank, idempotencyKey, answer);
    return answer;
  }

  private AccountConfirmation parse(byte[] body) {
    AccountConfirmation c;
    try {
      c = json.readValue(body, AccountConfirmation.class);
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      throw new InvalidRequestException(List.of(vn.ansinh.gateway.web.StrictJson.violation(e)));
    } catch (IOException e) {
      throw new InvalidRequestException("body", "is not a valid account-opening confirmation");
    }
    if (c == null) {
      throw new InvalidRequestException("body", "is required: an account-opening confirmation");
    }
    List<Violation> v = new ArrayList<>();
    if (c.requestId() == null) {
      v.add(Violation.of("requestId", "is required"));
    }
    if (c.beneficiaryId() == null) {
      v.add(Violation.of("beneficiaryId", "is required"));
    }
    if (c.personalId() == null) {
      v.add(Violation.of("personalId", "is required"));
    }
    if (!"OPENED".equals(c.status()) && !"REJECTED".equals(c.status())) {
      v.add(Violation.of("status", "must be OPENED or REJECTED"));
    }
    if ("OPENED".equals(c.status()) && (c.accountNumber() == null || !ACCOUNT_NUMBER.matcher(c.accountNumber()).matches())) {
      v.add(Violation.of("accountNumber", "must be 8 to 19 digits"));
    }
    if ("OPENED".equals(c.status()) && (c.accountName() == null || c.accountName().isBlank())) {
      v.add(Violation.of("accountName", "is required"));
    }
    if ("REJECTED".equals(c.status()) && (c.reason() == null || c.reason().isBlank())) {
      v.add(Violation.of("reason", "is required when the request is rejected"));
    }
    if (!v.isEmpty()) {
      throw new InvalidRequestException(v);
    }
    return c;
  }

  private String write(Map<String, Object> response) {
    try {
      return json.writeValueAsString(response);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a confirmation answer", e);
    }
  }
}

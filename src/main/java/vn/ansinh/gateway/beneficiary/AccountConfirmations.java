package vn.ansinh.gateway.beneficiary;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
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
import vn.ansinh.gateway.error.AccountNameMismatchException;
import vn.ansinh.gateway.error.ConflictException;
import vn.ansinh.gateway.error.ForbiddenException;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.outbox.Outbox;
import vn.ansinh.gateway.security.Partner;
import vn.ansinh.gateway.security.PartnerRegistry;
import vn.ansinh.gateway.security.PushSignatures;
import vn.ansinh.gateway.web.StrictJson;

/**
 * A bank's signed confirmation (SPEC §4.3): signature, idempotency, ownership of the request,
 * then the account mapping and the beneficiary's status — all in one transaction. A request is
 * answered once (another answer under a new key is a 409), and an account opens only in the
 * registered beneficiary's name.
 */
@Service
public class AccountConfirmations {

  private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[0-9]{8,19}");
  private static final Pattern REQUEST_ID = Pattern.compile("[\\p{Graph}]{1,64}");
  private static final Pattern PERSONAL_ID = Pattern.compile("[0-9]{12}");
  private static final Pattern BANK_BIN = Pattern.compile("[0-9]{6}");
  // no control characters (NUL cannot even be stored), and something besides white space
  private static final Pattern ACCOUNT_NAME = Pattern.compile("(?=.*\\S)[^\\p{Cntrl}]{1,200}");
  private static final Pattern REASON = Pattern.compile("(?=.*\\S)[^\\p{Cntrl}]{1,160}");
  private static final Instant EARLIEST_OPENING = Instant.parse("2000-01-01T00:00:00Z");
  private final PushSignatures signatures;
  private final IdempotentRequests idempotent;
  private final Accounts accounts;
  private final Beneficiaries beneficiaries;
  private final PartnerRegistry partners;
  private final SubjectHasher subjects;
  private final ObjectMapper json;
  private final Outbox outbox;
  private final AccountProperties properties;
  private final Clock clock;

  public AccountConfirmations(PushSignatures signatures, IdempotentRequests idempotent, Accounts accounts,
      Beneficiaries beneficiaries, PartnerRegistry partners, SubjectHasher subjects, ObjectMapper json,
      Outbox outbox, AccountProperties properties, Clock clock) {
    this.outbox = outbox;
    this.properties = properties;
    this.clock = clock;
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
    IdempotentRequests.checkKey("Idempotency-Key", idempotencyKey);
    signatures.verify(bank, signature, body);
    String sha = AuditChain.sha256Hex(body);
    idempotent.lock(bank, idempotencyKey);   // identical pushes at once: the first answers, the rest find its answer
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
    Accounts.OpeningRequest request = accounts.lockOpeningRequest(c.requestId())
        .filter(r -> r.bankBin().equals(caller.bankBin()))
        .orElseThrow(() -> new NotFoundException("account-opening request", c.requestId()));
    Beneficiary b = beneficiaries.find(request.owner(), request.beneficiaryId())
        .orElseThrow(() -> new NotFoundException("account-opening request", c.requestId()));
    if (!b.registration().beneficiaryId().equals(c.beneficiaryId())
        || !b.registration().personalId().equals(c.personalId())) {
      throw new InvalidRequestException("beneficiaryId", "beneficiaryId or personalId does not match the request");
    }
    if (request.answer() != null) {
      throw new ConflictException("The account-opening request was already answered (" + request.answer()
          + "); a bank answers a request once");
    }
    BeneficiaryStatus outcome;
    if ("OPENED".equals(c.status())) {
      if (!AccountHolderNames.same(b.registration().fullName(), c.accountName())) {
        throw new AccountNameMismatchException();
      }
      accounts.open(b, c.bankBin(), c.accountNumber(), c.accountName(), c.openedAt());
      outcome = BeneficiaryStatus.ACCOUNT_OPEN;
      beneficiaries.status(b.owner(), c.beneficiaryId(), outcome, null);
    } else {
      outcome = BeneficiaryStatus.ACCOUNT_REJECTED;
      beneficiaries.status(b.owner(), c.beneficiaryId(), outcome, "the bank rejected the request: " + c.reason());
    }
    accounts.openingRequestAnswered(c.requestId(), c.status());
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
    } catch (JsonMappingException e) {
      // a field of the wrong type or out of range (a year +999999, 1E+400): named, never echoed
      throw new InvalidRequestException(List.of(StrictJson.violation(e)));
    } catch (IOException | RuntimeException e) {
      throw new InvalidRequestException("body", "is not a valid account-opening confirmation");
    }
    if (c == null) {
      throw new InvalidRequestException("body", "is required: an account-opening confirmation");
    }
    List<Violation> v = new ArrayList<>();
    text(v, "requestId", c.requestId(), REQUEST_ID, "is required: at most 64 visible characters");
    text(v, "beneficiaryId", c.beneficiaryId(), REQUEST_ID, "is required: at most 64 visible characters");
    text(v, "personalId", c.personalId(), PERSONAL_ID, "is required: 12 digits");
    text(v, "bankBin", c.bankBin(), BANK_BIN, "is required: 6 digits");
    if (!"OPENED".equals(c.status()) && !"REJECTED".equals(c.status())) {
      v.add(Violation.of("status", "must be OPENED or REJECTED"));
    }
    if ("OPENED".equals(c.status())) {
      text(v, "accountNumber", c.accountNumber(), ACCOUNT_NUMBER, "must be 8 to 19 digits");
      text(v, "accountName", c.accountName(), ACCOUNT_NAME, "is required: at most 200 characters, no control characters");
    }
    if ("REJECTED".equals(c.status())) {
      text(v, "reason", c.reason(), REASON,
          "is required when the request is rejected: at most 160 characters, no control characters");
    }
    Instant latest = clock.instant().plus(properties.confirmationClockSkew());
    if (c.openedAt() != null && (c.openedAt().isBefore(EARLIEST_OPENING) || c.openedAt().isAfter(latest))) {
      v.add(Violation.of("openedAt", "must be a time between 2000-01-01 and now"));
    }
    if (!v.isEmpty()) {
      throw new InvalidRequestException(v);
    }
    return c;
  }

  /** A required text: present and of the expected shape (which also keeps NUL and other control characters out). */
  private static void text(List<Violation> v, String field, String value, Pattern shape, String reason) {
    if (value == null || !shape.matcher(value).matches()) {
      v.add(Violation.of(field, reason));
    }
  }

  private String write(Map<String, Object> response) {
    try {
      return json.writeValueAsString(response);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a confirmation answer", e);
    }
  }
}

package vn.ansinh.gateway.beneficiary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.citizen.CitizenVerificationRequest;
import vn.ansinh.gateway.citizen.CitizenVerificationResult;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.outbox.Outbox;
import vn.ansinh.gateway.outbox.OutboxWorker;
import vn.ansinh.gateway.payment.DeceasedRegister;

/** The steps of onboarding that the onboarding routes run: what to ask, and what an answer means. */
@Component("onboarding")
public class Onboarding {

  static final String ACCOUNT_OPENING_REQUEST = "account-opening-request";
  private final Beneficiaries beneficiaries;
  private final Accounts accounts;
  private final BankDirectory banks;
  private final Outbox outbox;
  private final ObjectMapper json;
  private final DeceasedRegister deceased;

  public Onboarding(Beneficiaries beneficiaries, Accounts accounts, BankDirectory banks, Outbox outbox,
      ObjectMapper json, DeceasedRegister deceased) {
    this.deceased = deceased;
    this.beneficiaries = beneficiaries;
    this.accounts = accounts;
    this.banks = banks;
    this.outbox = outbox;
    this.json = json;
  }

  /** Body becomes the verification request for the beneficiary named by the outbox item. */
  public CitizenVerificationRequest identityRequest(Exchange exchange) {
    BeneficiaryRegistration r = load(exchange).registration();
    return new CitizenVerificationRequest(r.personalId(), r.fullName(), r.dateOfBirth());
  }

  /** Deceased and mismatching identities stop here; verified ones go on to the bank. */
  public void identityChecked(Exchange exchange) {
    CitizenVerificationResult result = exchange.getMessage().getBody(CitizenVerificationResult.class);
    Beneficiary b = load(exchange);
    String id = b.registration().beneficiaryId();
    if (result.deceased()) {
      beneficiaries.status(b.owner(), id, BeneficiaryStatus.DECEASED, "the population database records a death");
    } else if (deceased.isRecorded(b.registration().personalId())) {
      // a death the registry pushed before this person was registered outweighs a lookup that lags behind
      beneficiaries.status(b.owner(), id, BeneficiaryStatus.DECEASED, "a death is recorded for this person");
    } else if (!result.match()) {
      beneficiaries.status(b.owner(), id, BeneficiaryStatus.IDENTITY_MISMATCH,
          "does not match the population database: " + String.join(", ", result.mismatches()));
    } else if (b.registration().walletProvider() != null) {
      // paid to the wallet (SPEC §4.15): no account to open; its provider confirms the owner before the first payment
      beneficiaries.status(b.owner(), id, BeneficiaryStatus.WALLET_REGISTERED, null);
    } else {
      outbox.enqueue(ACCOUNT_OPENING_REQUEST, b.owner(), id);
    }
  }

  /** Body becomes the bank's account-opening request; the bank's URL goes in {@code bankUrl}. */
  public void accountOpeningRequest(Exchange exchange) throws JsonProcessingException {
    Beneficiary b = load(exchange);
    BeneficiaryRegistration r = b.registration();
    BankDirectory.Bank bank = banks.find(r.preferredBankBin())
        .orElseThrow(() -> new NotFoundException("bank", r.preferredBankBin()));
    String requestId = openingRequestId(b);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("requestId", requestId);
    request.put("beneficiaryId", r.beneficiaryId());
    request.put("program", r.program());
    request.put("personalId", r.personalId());
    request.put("fullName", r.fullName());
    request.put("dateOfBirth", r.dateOfBirth().toString());
    request.put("phone", r.phone());
    request.put("bankBin", r.preferredBankBin());
    exchange.setProperty("agency", "bank-" + r.preferredBankBin());
    exchange.setProperty("bankUrl", bank.url());
    exchange.getMessage().setBody(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
    // the same request id on every attempt, so a bank can drop a repeat
    exchange.getMessage().setHeader("Idempotency-Key", requestId);
  }

  public void accountRequested(Exchange exchange) {
    Beneficiary b = load(exchange);
    accounts.openingRequestSent(openingRequestId(b), b.owner(), b.registration().beneficiaryId(),
        b.registration().preferredBankBin());
    beneficiaries.status(b.owner(), b.registration().beneficiaryId(), BeneficiaryStatus.ACCOUNT_REQUESTED, null);
  }

  static String openingRequestId(Beneficiary b) {
    return "AO-" + UUID.nameUUIDFromBytes((b.owner() + '|' + b.registration().beneficiaryId())
        .getBytes(StandardCharsets.UTF_8));
  }

  private Beneficiary load(Exchange exchange) {
    String owner = exchange.getProperty(OutboxWorker.OWNER, String.class);
    String id = exchange.getProperty(OutboxWorker.SUBJECT, String.class);
    return beneficiaries.find(owner, id).orElseThrow(() -> new NotFoundException("beneficiary", id));
  }
}

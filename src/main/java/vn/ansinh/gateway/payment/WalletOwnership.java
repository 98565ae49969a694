package vn.ansinh.gateway.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.audit.SubjectHasher;
import vn.ansinh.gateway.error.AgencyTimeoutException;
import vn.ansinh.gateway.error.AgencyUnavailableException;
import vn.ansinh.gateway.error.GatewayException;
import vn.ansinh.gateway.outbox.Outbox;
import vn.ansinh.gateway.outbox.OutboxWorker;
import vn.ansinh.gateway.partner.AgencyCalls;
import vn.ansinh.gateway.web.GatewayFailures;

/**
 * Wallet ownership (SPEC §4.15), a step of a batch's validation after the population database's:
 * before the first payment to a wallet its provider confirms that the wallet belongs to that
 * personal id under that name. Answers are kept ({@code ownership-max-age}), so a wallet paid every
 * month is asked about once. While a provider is unavailable the batch is held in VALIDATING, like
 * a registry outage; validation then pays only wallets with a confirmation on record. A row naming
 * neither account nor wallet goes to the wallet its beneficiary was registered with, if any.
 */
@Component("walletOwnership")
public class WalletOwnership {

  /** Exchange property: true when every wallet of the batch has its provider's answer. */
  public static final String EVERY_WALLET_CHECKED = "everyWalletChecked";
  static final String ROUTE = "direct:wallet-ownership-check";
  static final String CHECK = "walletOwnershipCheck";
  private static final Set<String> RESULTS = Set.of("CONFIRMED", "MISMATCH", "UNKNOWN_WALLET");

  // the batch's wallets with no recent answer on record for that person and name
  private static final String UNCHECKED = """
      select distinct p.wallet_provider, p.wallet_id, p.personal_id, p.name_key, p.full_name from payment p
      where p.batch_key = ? and p.wallet_provider is not null and p.status in ('RECEIVED', 'PENDING')
        and not exists (select 1 from wallet_ownership w where w.provider = p.wallet_provider
                        and w.wallet_id = p.wallet_id and w.personal_id = p.personal_id and w.name_key = p.name_key
                        and w.checked_at >= ?)
      limit ?""";
  // rows naming neither account nor wallet, of a beneficiary the payer registered with a wallet: paid to it
  private static final String REGISTERED_WALLETS = """
      update payment p set status = 'PENDING', wallet_provider = n.wallet_provider, wallet_id = n.wallet_id
      from beneficiary n
      where p.batch_key = ? and p.status = 'RECEIVED' and n.owner = ? and n.beneficiary_id = p.beneficiary_id
        and n.personal_id = p.personal_id and n.wallet_provider is not null and n.terminated_from is null""";
  private static final String RECORD = """
      insert into wallet_ownership (provider, wallet_id, personal_id, name_key, confirmed, result, checked_at)
      values (?, ?, ?, ?, ?, ?, ?)
      on conflict (provider, wallet_id, personal_id, name_key) do update
        set confirmed = excluded.confirmed, result = excluded.result, checked_at = excluded.checked_at""";

  /** One question to a provider: does this wallet belong to this person? */
  record Check(String provider, String walletId, String personalId, long nameKey, String fullName) {
    @Override
    public String toString() {
      return "WalletOwnership.Check[" + provider + "]";
    }
  }

  private final JdbcTemplate jdbc;
  private final PaymentBatches batches;
  private final WalletDirectory wallets;
  private final WalletProperties properties;
  private final EligibilityProperties eligibility;
  private final ProducerTemplate flows;
  private final SubjectHasher subjects;
  private final Outbox outbox;
  private final ObjectMapper json;
  private final Clock clock;

  public WalletOwnership(JdbcTemplate jdbc, PaymentBatches batches, WalletDirectory wallets, WalletProperties properties,
      EligibilityProperties eligibility, ProducerTemplate flows, SubjectHasher subjects, Outbox outbox,
      ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.wallets = wallets;
    this.properties = properties;
    this.eligibility = eligibility;
    this.flows = flows;
    this.subjects = subjects;
    this.outbox = outbox;
    this.json = json;
    this.clock = clock;
  }

  /** Asks the providers about the next wallets with no answer on record; sets {@link #EVERY_WALLET_CHECKED}. */
  public void checkNext(Exchange exchange) {
    exchange.setProperty(EVERY_WALLET_CHECKED, false);
    String owner = exchange.getProperty(OutboxWorker.OWNER, String.class);
    String batchId = exchange.getProperty(OutboxWorker.SUBJECT, String.class);
    PaymentBatch b = batches.find(batchId).orElseThrow();
    if (b.status() != BatchStatus.VALIDATING) {
      return;
    }
    jdbc.update(REGISTERED_WALLETS, b.key(), b.owner());
    Timestamp freshSince = Timestamp.from(clock.instant().minus(properties.ownershipMaxAge()));
    int chunk = properties.ownershipChunk();
    List<Check> checks = jdbc.query(UNCHECKED, (rs, i) -> new Check(rs.getString(1), rs.getString(2), rs.getString(3),
        rs.getLong(4), rs.getString(5)), b.key(), freshSince, chunk);
    for (Check check : checks) {
      GatewayException failure = ask(owner, "outbox-" + batchId, check);
      if (failure != null) {
        batches.status(b.key(), BatchStatus.VALIDATING, "held: " + failure.getMessage()
            + "; wallet checks go on when it answers again");
        outbox.enqueueAt(PaymentSubmission.VALIDATION, owner, batchId,
            clock.instant().plus(eligibility.verificationHoldRetry()));
        return;
      }
    }
    if (checks.size() == chunk) {
      outbox.enqueue(PaymentSubmission.VALIDATION, owner, batchId);   // the next chunk, in a transaction of its own
      return;
    }
    exchange.setProperty(EVERY_WALLET_CHECKED, true);
  }

  /** One check through the route (timeout, breaker, audit); the provider's failure is returned, the answer kept. */
  private GatewayException ask(String partner, String requestId, Check check) {
    GatewayException[] failure = {null};
    AuditContext.runOnBehalfOf(partner, requestId, () -> {
      AuditContext.current().subjectHash(subjects.hash(check.personalId()));
      Exchange done = flows.send(ROUTE, e -> e.setProperty(CHECK, check));
      if (done.getException() == null) {
        String result = done.getMessage().getBody(String.class);
        jdbc.update(RECORD, check.provider(), check.walletId(), check.personalId(), check.nameKey(),
            "CONFIRMED".equals(result), result, Timestamp.from(clock.instant()));
        return;
      }
      GatewayException typed = GatewayFailures.find(done.getException());
      if (typed instanceof AgencyUnavailableException || typed instanceof AgencyTimeoutException) {
        failure[0] = typed;
      } else {
        throw new IllegalStateException("a wallet ownership check failed", done.getException());
      }
    });
    return failure[0];
  }

  /** Route step: the question as the provider's contract has it (contracts/wallets/openapi.yaml). */
  public void request(Exchange exchange) throws IOException {
    Check check = exchange.getProperty(CHECK, Check.class);
    WalletDirectory.Provider provider = wallets.find(check.provider()).orElseThrow();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("walletId", check.walletId());
    body.put("personalId", check.personalId());
    body.put("fullName", check.fullName());
    exchange.setProperty(AgencyCalls.AGENCY, "wallet-" + provider.code());
    exchange.setProperty("walletUrl", provider.url());
    exchange.getMessage().setBody(json.writeValueAsBytes(body));
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
    exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
  }

  /** Route step: the provider's answer becomes CONFIRMED, MISMATCH or UNKNOWN_WALLET; anything else is its failure. */
  public void answer(Exchange exchange) {
    String provider = exchange.getProperty(AgencyCalls.AGENCY, String.class);
    String result;
    try {
      JsonNode answer = json.readTree(exchange.getMessage().getBody(byte[].class));
      result = answer == null ? null : answer.path("result").asText(null);
    } catch (IOException e) {
      result = null;
    }
    if (result == null || !RESULTS.contains(result)) {
      throw new AgencyUnavailableException(provider, "The " + provider + " answered an ownership check with no"
          + " result the contract knows", null);
    }
    exchange.getMessage().setBody(result);
  }
}

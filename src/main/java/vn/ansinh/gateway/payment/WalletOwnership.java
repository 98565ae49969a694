package vn.ansinh.gateway.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
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
import vn.ansinh.gateway.beneficiary.LifecycleProperties;
import vn.ansinh.gateway.error.AgencyTimeoutException;
import vn.ansinh.gateway.error.AgencyUnavailableException;
import vn.ansinh.gateway.error.GatewayException;
import vn.ansinh.gateway.outbox.Outbox;
import vn.ansinh.gateway.outbox.OutboxWorker;
import vn.ansinh.gateway.partner.AgencyCalls;
import vn.ansinh.gateway.partner.AgencyCircuits;
import vn.ansinh.gateway.web.GatewayFailures;

/**
 * Wallet ownership (SPEC §4.15), a step of a batch's validation after the population database's:
 * before the first payment to a wallet its provider confirms that the wallet belongs to that
 * personal id under that name. Answers are kept ({@code ownership-max-age}), so a wallet paid every
 * month is asked about once. While a provider is unavailable the batch is held in VALIDATING, like
 * a registry outage; validation then pays only wallets with a confirmation on record. A row naming
 * neither account nor wallet goes to the wallet of the beneficiary's authorised representative valid
 * today, whose owner is then asked about as the representative; else, unless that representative has
 * an account of their own (BatchValidation pays it), to the wallet its beneficiary was registered with.
 * A provider's failure holds its own wallets only: the other providers' are still asked.
 */
@Component("walletOwnership")
public class WalletOwnership {

  /** Exchange property: true when every wallet of the batch has its provider's answer. */
  public static final String EVERY_WALLET_CHECKED = "everyWalletChecked";
  static final String ROUTE = "direct:wallet-ownership-check";
  static final String CHECK = "walletOwnershipCheck";
  private static final Set<String> RESULTS = Set.of("CONFIRMED", "MISMATCH", "UNKNOWN_WALLET");

  /**
   * SQL: the person whose wallet payment {@code p} goes to, as {@code o}: its authorised representative
   * when the wallet is theirs, else the beneficiary; answers are kept per wallet and per that person and name.
   */
  static final String OWNER = """
      join lateral (select coalesce(r.personal_id, p.personal_id) as personal_id, coalesce(r.name_key, p.name_key)
                           as name_key, coalesce(r.full_name, p.full_name) as full_name, r.id is not null as representative
                    from (select 1) one left join representative r on p.to_representative and r.id = p.representative_id) o
        on true""";
  // the batch's wallets with no recent answer on record for the person they are paid to, under that name
  private static final String UNCHECKED = """
      select distinct p.wallet_provider, p.wallet_id, o.personal_id, o.name_key, o.full_name from payment p
      %s
      where p.batch_key = ? and p.wallet_provider is not null and p.status in ('RECEIVED', 'PENDING')
        and not (p.wallet_provider = any(?))
        and not exists (select 1 from wallet_ownership w where w.provider = p.wallet_provider
                        and w.wallet_id = p.wallet_id and w.personal_id = o.personal_id and w.name_key = o.name_key
                        and w.checked_at >= ?)
      limit ?""".formatted(OWNER);
  // rows naming neither account nor wallet, of a beneficiary whose representative valid today has a wallet: paid
  // to it, as the representative's (SPEC §4.16)
  private static final String REPRESENTATIVE_WALLETS = """
      update payment p set status = 'PENDING', wallet_provider = r.wallet_provider, wallet_id = r.wallet_id,
             representative_id = r.id, to_representative = true
      from representative r
      where p.batch_key = ? and p.status = 'RECEIVED' and r.owner = ? and r.beneficiary_id = p.beneficiary_id
        and r.wallet_provider is not null and %s""".formatted(CashPayouts.VALID_ON);
  // rows naming neither account nor wallet, of a beneficiary the payer registered with a wallet: paid to it,
  // unless a representative valid today has an account of their own, which validation pays instead
  private static final String REGISTERED_WALLETS = """
      update payment p set status = 'PENDING', wallet_provider = n.wallet_provider, wallet_id = n.wallet_id
      from beneficiary n
      where p.batch_key = ? and p.status = 'RECEIVED' and n.owner = ? and n.beneficiary_id = p.beneficiary_id
        and n.personal_id = p.personal_id and n.wallet_provider is not null and n.terminated_from is null
        and not exists (select 1 from representative r where r.owner = n.owner and r.beneficiary_id = n.beneficiary_id
                        and r.account_number is not null and %s)""".formatted(CashPayouts.VALID_ON);
  private static final String RECORD = """
      insert into wallet_ownership (provider, wallet_id, personal_id, name_key, confirmed, result, checked_at)
      values (?, ?, ?, ?, ?, ?, ?)
      on conflict (provider, wallet_id, personal_id, name_key) do update
        set confirmed = excluded.confirmed, result = excluded.result, checked_at = excluded.checked_at""";

  /** One question to a provider: does this wallet belong to this person (the beneficiary or their representative)? */
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
  private final LifecycleProperties calendar;
  private final ProducerTemplate flows;
  private final SubjectHasher subjects;
  private final Outbox outbox;
  private final ObjectMapper json;
  private final Clock clock;

  public WalletOwnership(JdbcTemplate jdbc, PaymentBatches batches, WalletDirectory wallets, WalletProperties properties,
      EligibilityProperties eligibility, LifecycleProperties calendar, ProducerTemplate flows, SubjectHasher subjects,
      Outbox outbox, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.wallets = wallets;
    this.properties = properties;
    this.eligibility = eligibility;
    this.calendar = calendar;
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
    Date today = Date.valueOf(LocalDate.ofInstant(clock.instant(), calendar.zone()));
    jdbc.update(REPRESENTATIVE_WALLETS, b.key(), b.owner(), today, today, today);
    jdbc.update(REGISTERED_WALLETS, b.key(), b.owner(), today, today, today);
    Timestamp freshSince = Timestamp.from(clock.instant().minus(properties.ownershipMaxAge()));
    int chunk = properties.ownershipChunk();
    // a provider that fails is not asked again in this step; the other providers' wallets still are
    Map<String, GatewayException> failing = new LinkedHashMap<>();
    boolean more;
    do {
      List<Check> checks = unchecked(b.key(), failing.keySet(), freshSince, chunk);
      int failures = failing.size();
      for (Check check : checks) {
        if (!failing.containsKey(check.provider())) {
          GatewayException failure = ask(owner, "outbox-" + batchId, check);
          if (failure != null) {
            failing.put(check.provider(), failure);
          }
        }
      }
      more = checks.size() == chunk;
      if (more && failing.size() == failures) {
        outbox.enqueue(PaymentSubmission.VALIDATION, owner, batchId);   // the next chunk, in a transaction of its own
        return;
      }
    } while (more);   // a provider failed in a full chunk: ask again without it
    if (!failing.isEmpty()) {
      batches.status(b.key(), BatchStatus.VALIDATING, "held: " + failing.values().iterator().next().getMessage()
          + "; wallet checks go on when it answers again");
      outbox.enqueueAt(PaymentSubmission.VALIDATION, owner, batchId,
          clock.instant().plus(eligibility.verificationHoldRetry()));
      return;
    }
    exchange.setProperty(EVERY_WALLET_CHECKED, true);
  }

  /** The next wallets with no recent answer, leaving out the providers that failed in this step. */
  private List<Check> unchecked(long batchKey, Set<String> failing, Timestamp freshSince, int chunk) {
    return jdbc.query(con -> {
      PreparedStatement ps = con.prepareStatement(UNCHECKED);
      ps.setLong(1, batchKey);
      ps.setArray(2, con.createArrayOf("varchar", failing.toArray()));
      ps.setTimestamp(3, freshSince);
      ps.setInt(4, chunk);
      return ps;
    }, (rs, i) -> new Check(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
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
    exchange.setProperty(AgencyCircuits.CIRCUIT, provider.code());   // its own circuit breaker
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

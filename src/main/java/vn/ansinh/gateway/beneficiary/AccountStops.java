package vn.ansinh.gateway.beneficiary;

import java.util.Map;
import org.springframework.stereotype.Service;
import vn.ansinh.gateway.outbox.Outbox;

/**
 * A bank's report that an account is wrong, closed or blocked (AC01, AC04, AC06 by default) stops
 * that personal-id → account mapping: next month's rows without an account go to cash, and the
 * owning agency hears of it in its own format. Runs in the report's transaction.
 */
@Service
public class AccountStops {

  private static final Map<String, String> MEANING = Map.of("AC01", "incorrect account number",
      "AC04", "closed account", "AC06", "blocked account");
  private final AccountProperties properties;
  private final Accounts accounts;
  private final Beneficiaries beneficiaries;
  private final Outbox outbox;

  public AccountStops(AccountProperties properties, Accounts accounts, Beneficiaries beneficiaries, Outbox outbox) {
    this.properties = properties;
    this.accounts = accounts;
    this.beneficiaries = beneficiaries;
    this.outbox = outbox;
  }

  /** The bank {@code bankBin} rejected or returned a payment to this person's account for {@code reasonCode}. */
  public void reported(String personalId, String bankBin, String accountNumber, String reasonCode) {
    if (!properties.deactivates(reasonCode) || personalId == null || accountNumber == null) {
      return;
    }
    String why = "bank " + bankBin + " reported " + reasonCode
        + (MEANING.containsKey(reasonCode) ? " (" + MEANING.get(reasonCode) + ")" : "");
    for (Accounts.Owned stopped : accounts.deactivate(personalId, bankBin, accountNumber, why)) {
      if (beneficiaries.status(stopped.owner(), stopped.beneficiaryId(), BeneficiaryStatus.ACCOUNT_OPEN,
          BeneficiaryStatus.ACCOUNT_INACTIVE, why)) {
        outbox.enqueue(AgencyNotifications.KIND, stopped.owner(), stopped.beneficiaryId());
      }
    }
  }
}

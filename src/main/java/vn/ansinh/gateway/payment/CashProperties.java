package vn.ansinh.gateway.payment;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who pays cash at the commune payment points (SPEC §4.16), and the sweep of payments not
 * collected in time.
 *
 * @param payers     per cash partner (client id) or payment-point staff user: the provinces whose
 *                   cash payments it hands over, for any paying agency; a caller not listed sees none
 * @param sweepEveryMs how often an instance looks for cash payments not recorded in time
 * @param sweepLimit the most payments one sweep step moves to UNCOLLECTED (one transaction)
 */
@ConfigurationProperties("gateway.cash")
public record CashProperties(Map<String, Payer> payers, long sweepEveryMs, int sweepLimit) {

  public CashProperties {
    payers = payers == null ? Map.of() : Map.copyOf(payers);
    sweepEveryMs = sweepEveryMs <= 0 ? 3_600_000 : sweepEveryMs;
    sweepLimit = sweepLimit <= 0 ? 10_000 : sweepLimit;
  }

  /** @param provinces the 2-digit codes of the provinces whose payment points it serves */
  public record Payer(List<String> provinces) {

    public Payer {
      provinces = provinces == null ? List.of() : List.copyOf(provinces);
    }
  }
}

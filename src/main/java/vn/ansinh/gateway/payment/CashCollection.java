package vn.ansinh.gateway.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a cash payment waits at the payment point (SPEC §4.16).
 *
 * @param cashCollectWithin from the batch's approval: a cash payment not recorded by then becomes
 *                          UNCOLLECTED and goes back to the paying agency
 */
@ConfigurationProperties("gateway.payments")
public record CashCollection(Duration cashCollectWithin) {

  public CashCollection {
    cashCollectWithin = cashCollectWithin == null ? Duration.ofDays(60) : cashCollectWithin;
  }
}

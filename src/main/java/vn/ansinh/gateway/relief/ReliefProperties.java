package vn.ansinh.gateway.relief;

import java.time.Duration;
import java.time.LocalDate;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a relief decision may say (SPEC §4.14).
 *
 * @param earliestDecision  the earliest decision date a program may carry
 * @param longestPayment    the longest time from the decision to its pay-until date
 * @param maxAmountVnd      the largest amount per person or per household, in whole đồng
 * @param maxBudgetVnd      the largest budget of one decision, in whole đồng
 * @param maxCommunes       the most affected communes one decision may name
 */
@ConfigurationProperties("gateway.relief")
public record ReliefProperties(LocalDate earliestDecision, Duration longestPayment, long maxAmountVnd,
    long maxBudgetVnd, int maxCommunes) {}

package vn.ansinh.gateway.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The monthly payment cycle's settings.
 *
 * @param maxTransactionsPerFile the most credit transfers in one pain.001 file
 * @param maxUploadSize          the largest payment list accepted in one request
 * @param treasuryUrl            base URL of the treasury's API (payment orders go to {url}/payment-orders)
 * @param debtorName             the debtor named in every bank file: the treasury account holder
 * @param debtorAccount          the treasury account the payments are drawn on
 * @param debtorAgentBin         the BIN of the bank that holds the treasury account
 * @param verifyFiles            read every written file back with the Prowide model before it leaves
 * @param resultsPerNotification the most payment results in one message to the paying agency
 */
@ConfigurationProperties("gateway.payments")
public record PaymentProperties(int maxTransactionsPerFile, DataSize maxUploadSize, String treasuryUrl,
    String debtorName, String debtorAccount, String debtorAgentBin, boolean verifyFiles, int resultsPerNotification) {}

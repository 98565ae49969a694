package vn.ansinh.gateway.beneficiary;

import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The banks the gateway talks to, by NAPAS BIN (a curated table: public lists get BINs wrong).
 *
 * @param banks BIN → the bank's name and base URL
 */
@ConfigurationProperties("gateway")
public record BankDirectory(Map<String, Bank> banks) {

  public BankDirectory {
    banks = banks == null ? Map.of() : Map.copyOf(banks);
  }

  /**
   * @param name         the bank's name
   * @param url          base URL of its API (opening requests go to {url}/accounts/opening-requests,
   *                     payment files to {url}/payments/pain001)
   * @param paymentFiles how payment files reach the bank: HTTP (the default) or FILE_DROP
   * @param dropFolder   the folder files are dropped in, with FILE_DROP
   */
  public record Bank(String name, String url, FileDelivery paymentFiles, String dropFolder) {
    public Bank {
      paymentFiles = paymentFiles == null ? FileDelivery.HTTP : paymentFiles;
    }
  }

  /** How a bank takes its payment files. */
  public enum FileDelivery { HTTP, FILE_DROP }

  public Optional<Bank> find(String bin) {
    return Optional.ofNullable(bin == null ? null : banks.get(bin));
  }
}

package vn.ansinh.gateway.payment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.ansinh.gateway.error.Violation;

/**
 * A row's wallet (SPEC §4.15): a configured provider and the Vietnamese mobile number the wallet is
 * registered to, instead of a bank account, never beside one. Reasons never echo the number.
 */
public final class WalletRules {

  // a mobile number: 0 or +84/84, then a mobile prefix 3, 5, 7, 8 or 9 and eight digits (after the 2018 renumbering)
  private static final Pattern MOBILE = Pattern.compile("(?:0|\\+84|84)([35789][0-9]{8})");

  private WalletRules() {}

  /** The number in its national form, 0xxxxxxxxx; null when it is no Vietnamese mobile number. */
  public static String normalized(String walletId) {
    if (walletId == null) {
      return null;
    }
    Matcher m = MOBILE.matcher(walletId.replace(" ", "").replace(".", ""));
    return m.matches() ? "0" + m.group(1) : null;
  }

  /** The wallet's violations; none for a row (or a representative) that names no wallet. */
  public static List<Violation> check(String provider, String walletId, String bankBin, String accountNumber,
      WalletDirectory wallets) {
    List<Violation> v = new ArrayList<>(1);
    if (provider == null && walletId == null) {
      return v;
    }
    if ((provider == null) != (walletId == null)) {
      v.add(Violation.of(provider == null ? "walletProvider" : "walletId",
          "walletProvider and walletId go together: give both, or neither"));
    }
    if (provider != null && wallets.find(provider).isEmpty()) {
      v.add(Violation.of("walletProvider", "is not a wallet provider this gateway works with"));
    }
    if (walletId != null && normalized(walletId) == null) {
      v.add(Violation.of("walletId", "must be a Vietnamese mobile number: 10 digits starting 03, 05, 07, 08 or 09"
          + " (or +84 without the 0)"));
    }
    if (bankBin != null || accountNumber != null) {
      v.add(Violation.of("walletProvider", "a payment goes to a bank account or to a wallet, not both"));
    }
    return v;
  }

  /** A registration's wallet: both parts, a known provider, a mobile number, and no preferred bank beside it. */
  public static List<Violation> registration(String provider, String walletId, String preferredBankBin,
      WalletDirectory wallets) {
    List<Violation> v = check(provider, walletId, null, null, wallets);
    if (preferredBankBin != null) {
      v.add(Violation.of("preferredBankBin", "a beneficiary is paid to a bank account or to a wallet, not both"));
    }
    return v;
  }

  /** A wallet number as partners see it: the provider's prefix and the last two digits. */
  public static String mask(String walletId) {
    return walletId == null || walletId.length() < 6 ? walletId
        : walletId.substring(0, 3) + "*".repeat(walletId.length() - 5) + walletId.substring(walletId.length() - 2);
  }
}

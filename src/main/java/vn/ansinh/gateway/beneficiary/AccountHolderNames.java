package vn.ansinh.gateway.beneficiary;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Banks write the holder's name in capitals without tone marks ("NGUYEN VAN AN"). To compare it
 * with the registered name — and only here — case, white space and every diacritic (đ → d) are
 * folded; identity checks compare names the Vietnamese way (citizen.NameMatcher), never like this.
 */
final class AccountHolderNames {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACE = Pattern.compile("[\\s\\p{Z}]+");

  private AccountHolderNames() {}

  static boolean same(String registered, String bankName) {
    return fold(registered).equals(fold(bankName));
  }

  static String fold(String name) {
    String bare = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("")
        .replace('đ', 'd').replace('Đ', 'D').replace('Ð', 'D');   // Ð (U+00D0): the look-alike some legacy fonts give for Đ
    return SPACE.matcher(bare).replaceAll(" ").trim().toUpperCase(Locale.ROOT);
  }
}

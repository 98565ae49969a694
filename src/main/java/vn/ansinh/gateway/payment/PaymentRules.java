package vn.ansinh.gateway.payment;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import vn.ansinh.gateway.beneficiary.BankDirectory;
import vn.ansinh.gateway.citizen.PersonalIdRules;
import vn.ansinh.gateway.error.Violation;

/** What one payment row must satisfy before it may be paid. Reasons never echo the values. */
final class PaymentRules {

  static final Pattern PAYMENT_ID = Pattern.compile("[A-Za-z0-9._/-]{1,35}");   // EndToEndId is Max35Text
  private static final Pattern BENEFICIARY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{8,19}");
  private static final Pattern PROVINCE = Pattern.compile("[0-9]{2}");
  private static final Pattern COMMUNE = Pattern.compile("[0-9]{5}");
  private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
  private static final int LONG_DIGITS = 18;   // any 18-digit number fits a long
  private static final int MAX_NAME = 140;   // the creditor name in pain.001 is Max140Text
  private static final int MAX_PURPOSE = 140;

  private PaymentRules() {}

  /**
   * The amount in whole đồng, of any sign and size, or null when it is not a whole number. Every
   * amount that is one counts in the list's received sum, as the payer counted it over its file.
   */
  static BigInteger amountOf(PaymentRow r) {
    String a = r.amountVnd();
    if (a == null || !WHOLE.matcher(a).matches()) {
      return null;
    }
    return a.length() <= LONG_DIGITS ? BigInteger.valueOf(Long.parseLong(a)) : new BigInteger(a);
  }

  /** The row's violations; {@code amount} is {@link #amountOf}, {@code maxAmount} the program's ceiling. */
  static List<Violation> check(PaymentRow r, BigInteger amount, long maxAmount, BankDirectory banks) {
    return check(r, amount, maxAmount, banks, true);
  }

  /** The same; a relief recipient need not be a registered beneficiary, so its beneficiary id may be left out. */
  static List<Violation> check(PaymentRow r, BigInteger amount, long maxAmount, BankDirectory banks,
      boolean beneficiaryIdRequired) {
    List<Violation> v = new ArrayList<>(2);
    if (r.paymentId() == null || !PAYMENT_ID.matcher(r.paymentId()).matches()) {
      v.add(Violation.of("paymentId", "is required: 1-35 letters, digits, '.', '_', '/' or '-'"));
    }
    if ((beneficiaryIdRequired || r.beneficiaryId() != null)
        && (r.beneficiaryId() == null || !BENEFICIARY_ID.matcher(r.beneficiaryId()).matches())) {
      v.add(Violation.of("beneficiaryId", "is required: 1-64 letters, digits, '.', '_' or '-'"));
    }
    v.addAll(PersonalIdRules.check(r.personalId(), null, null));
    if (r.fullName() == null || r.fullName().isBlank() || r.fullName().length() > MAX_NAME
        || hasControlCharacters(r.fullName())) {
      v.add(Violation.of("fullName", "is required, at most " + MAX_NAME + " characters, no control characters"));
    }
    if (amount == null || amount.signum() <= 0) {
      v.add(Violation.of("amountVnd", "must be a whole number of đồng above zero"));
    } else if (amount.compareTo(BigInteger.valueOf(maxAmount)) > 0) {
      v.add(Violation.of("amountVnd", "is above this program's ceiling of " + maxAmount + " VND per payment"));
    }
    if ((r.bankBin() == null) != (r.accountNumber() == null)) {
      v.add(Violation.of(r.bankBin() == null ? "bankBin" : "accountNumber",
          "bankBin and accountNumber go together: give both, or neither to use the account mapping"));
    }
    if (r.bankBin() != null && banks.find(r.bankBin()).isEmpty()) {
      v.add(Violation.of("bankBin", "is not a bank this gateway works with"));
    }
    if (r.accountNumber() != null && !ACCOUNT.matcher(r.accountNumber()).matches()) {
      v.add(Violation.of("accountNumber", "must be 8-19 digits"));
    }
    if (r.provinceCode() != null && !PROVINCE.matcher(r.provinceCode()).matches()) {
      v.add(Violation.of("provinceCode", "must be a 2-digit province code"));
    }
    if (r.communeCode() != null && !COMMUNE.matcher(r.communeCode()).matches()) {
      v.add(Violation.of("communeCode", "must be a 5-digit commune code"));
    }
    if (r.purpose() != null && (r.purpose().length() > MAX_PURPOSE || hasControlCharacters(r.purpose()))) {
      v.add(Violation.of("purpose", "is at most " + MAX_PURPOSE + " characters, no control characters"));
    }
    return v;
  }

  private static boolean hasControlCharacters(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}

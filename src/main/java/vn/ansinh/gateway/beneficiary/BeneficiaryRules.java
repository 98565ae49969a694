package vn.ansinh.gateway.beneficiary;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import vn.ansinh.gateway.citizen.PersonalIdRules;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.payment.WalletDirectory;
import vn.ansinh.gateway.payment.WalletRules;

/** What a registration must satisfy before it is accepted. Reasons never echo the values. */
final class BeneficiaryRules {

  private static final Pattern BENEFICIARY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern PHONE = Pattern.compile("0[0-9]{9}");
  private static final Pattern PROVINCE = Pattern.compile("[0-9]{2}");
  private static final Pattern COMMUNE = Pattern.compile("[0-9]{5}");
  private static final Pattern SOCIAL_INSURANCE_NUMBER = Pattern.compile("[0-9]{10}");
  private static final Pattern HOUSEHOLD_ID = Pattern.compile("[A-Za-z0-9-]{1,32}");
  private static final int MAX_NAME = 200;

  private BeneficiaryRules() {}

  static List<Violation> check(BeneficiaryRegistration r, BankDirectory banks, WalletDirectory wallets) {
    List<Violation> v = new ArrayList<>();
    if (r.beneficiaryId() == null || !BENEFICIARY_ID.matcher(r.beneficiaryId()).matches()) {
      v.add(Violation.of("beneficiaryId", "is required: 1-64 letters, digits, '.', '_' or '-'"));
    }
    if (r.program() == null) {
      v.add(Violation.of("program", "is required"));
    }
    if (r.fullName() == null || r.fullName().isBlank() || r.fullName().length() > MAX_NAME
        || r.fullName().chars().anyMatch(Character::isISOControl)) {
      v.add(Violation.of("fullName", "is required, at most " + MAX_NAME + " characters, no control characters"));
    }
    if (r.dateOfBirth() == null) {
      v.add(Violation.of("dateOfBirth", "is required"));
    }
    v.addAll(PersonalIdRules.check(r.personalId(), r.dateOfBirth(), r.gender()));
    if (r.provinceCode() != null && !PROVINCE.matcher(r.provinceCode()).matches()) {
      v.add(Violation.of("provinceCode", "must be a 2-digit province code"));
    }
    if (r.communeCode() != null && !COMMUNE.matcher(r.communeCode()).matches()) {
      v.add(Violation.of("communeCode", "must be a 5-digit commune code"));
    }
    if (r.phone() != null && !PHONE.matcher(r.phone()).matches()) {
      v.add(Violation.of("phone", "must be a 10-digit Vietnamese phone number starting with 0"));
    }
    if (r.socialInsuranceNumber() != null && !SOCIAL_INSURANCE_NUMBER.matcher(r.socialInsuranceNumber()).matches()) {
      v.add(Violation.of("socialInsuranceNumber", "must be the 10-digit VSS social-insurance number"));
    }
    v.addAll(household(r));
    if (r.walletProvider() != null || r.walletId() != null) {   // a wallet instead of a bank account (SPEC §4.15)
      v.addAll(WalletRules.registration(r.walletProvider(), r.walletId(), r.preferredBankBin(), wallets));
    } else if (banks.find(r.preferredBankBin()).isEmpty()) {
      v.add(Violation.of("preferredBankBin", "is not a bank this gateway works with"));
    }
    return v;
  }

  /** A household is named by its id and its category together: one without the other cannot be counted. */
  private static List<Violation> household(BeneficiaryRegistration r) {
    List<Violation> v = new ArrayList<>(0);
    if (r.householdId() != null && !HOUSEHOLD_ID.matcher(r.householdId()).matches()) {
      v.add(Violation.of("householdId", "must be 1-32 letters, digits or '-'"));
    }
    if (r.householdId() != null && r.householdCategory() == null) {
      v.add(Violation.of("householdCategory", "is required with householdId: POOR or NEAR_POOR"));
    }
    if (r.householdId() == null && r.householdCategory() != null) {
      v.add(Violation.of("householdId", "is required with householdCategory"));
    }
    return v;
  }
}

package vn.ansinh.gateway.beneficiary;

import java.time.LocalDate;
import vn.ansinh.gateway.citizen.Gender;

/**
 * A paying agency's registration of one beneficiary, as sent (SPEC §4.2); the social-insurance
 * number (VSS "mã số BHXH") is optional, and so is the household (its id and poverty category,
 * given together). A wallet (walletProvider and walletId, SPEC §4.15) may stand instead of the preferred bank.
 */
public record BeneficiaryRegistration(String beneficiaryId, Program program, String personalId, String fullName,
    LocalDate dateOfBirth, Gender gender, String provinceCode, String communeCode, String phone,
    String preferredBankBin, String socialInsuranceNumber, String householdId, HouseholdCategory householdCategory,
    String walletProvider, String walletId) {

  /** A registration with a bank (no wallet), as most agencies send it. */
  public BeneficiaryRegistration(String beneficiaryId, Program program, String personalId, String fullName,
      LocalDate dateOfBirth, Gender gender, String provinceCode, String communeCode, String phone,
      String preferredBankBin, String socialInsuranceNumber, String householdId, HouseholdCategory householdCategory) {
    this(beneficiaryId, program, personalId, fullName, dateOfBirth, gender, provinceCode, communeCode, phone,
        preferredBankBin, socialInsuranceNumber, householdId, householdCategory, null, null);
  }

  /** A registration without a household, as most programs send it. */
  public BeneficiaryRegistration(String beneficiaryId, Program program, String personalId, String fullName,
      LocalDate dateOfBirth, Gender gender, String provinceCode, String communeCode, String phone,
      String preferredBankBin, String socialInsuranceNumber) {
    this(beneficiaryId, program, personalId, fullName, dateOfBirth, gender, provinceCode, communeCode, phone,
        preferredBankBin, socialInsuranceNumber, null, null, null, null);
  }

  @Override
  public String toString() {
    return "BeneficiaryRegistration[" + beneficiaryId + ", personal data withheld]";
  }
}

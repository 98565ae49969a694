package vn.ansinh.gateway.beneficiary;

import java.time.LocalDate;
import vn.ansinh.gateway.citizen.Gender;

/**
 * A paying agency's registration of one beneficiary, as sent (SPEC §4.2); the social-insurance
 * number (VSS "mã số BHXH") is optional.
 */
public record BeneficiaryRegistration(String beneficiaryId, Program program, String personalId, String fullName,
    LocalDate dateOfBirth, Gender gender, String provinceCode, String communeCode, String phone,
    String preferredBankBin, String socialInsuranceNumber) {

  @Override
  public String toString() {
    return "BeneficiaryRegistration[" + beneficiaryId + ", personal data withheld]";
  }
}

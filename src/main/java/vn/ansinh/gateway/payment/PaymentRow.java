package vn.ansinh.gateway.payment;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import vn.ansinh.gateway.web.StrictJson;

/**
 * One row of a payment list, as sent (SPEC §4.4; CSV columns in snake_case). Every value is kept
 * as text so that a bad one becomes a row error instead of failing the whole list. Relief lists
 * (SPEC §4.14) add the recipient's date of birth and household; other lists may leave them out. A
 * row may name a wallet (walletProvider and walletId, SPEC §4.15) instead of a bank account.
 */
public record PaymentRow(String paymentId, String beneficiaryId, String personalId, String fullName,
    @JsonDeserialize(using = StrictJson.NumberAsText.class) String amountVnd, String bankBin, String accountNumber,
    String provinceCode, String communeCode, String purpose, String dateOfBirth, String householdId,
    String walletProvider, String walletId) {

  @Override
  public String toString() {
    return "PaymentRow[" + paymentId + "]";
  }
}

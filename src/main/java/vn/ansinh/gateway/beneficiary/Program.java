package vn.ansinh.gateway.beneficiary;

/** The benefit programs a beneficiary can be registered for (SPEC §4.2). */
public enum Program { SOCIAL_ALLOWANCE, PENSION, SOCIAL_INSURANCE_BENEFIT, MERITORIOUS, POOR_HOUSEHOLD }

package vn.ansinh.gateway.beneficiary;

/** The poverty category of a household, as the commune's annual review lists it. */
public enum HouseholdCategory { POOR, NEAR_POOR }

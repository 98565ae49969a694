package vn.ansinh.gateway.beneficiary;

/** Why a benefit ends (SPEC §4.10). */
public enum TerminationReason { DECEASED, MOVED_OUT, NO_LONGER_ELIGIBLE, OTHER }

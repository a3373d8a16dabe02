// One finding of `rolegate policy validate`, shaped like IAM Access Analyzer's ValidatePolicy
// findings: a finding type, an issue code, the message and where it points. Types only.
import type { Position } from '../types.js';

/** Access Analyzer's finding types; only ERROR fails `policy validate`. */
export type FindingType = 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';

/** `error` for ERROR findings, `warning` for every other type (the field older output had). */
export type FindingSeverity = 'error' | 'warning';

/**
 * Access Analyzer's issue codes for the checks it documents (IAM User Guide, "IAM policy validation
 * check reference"), and rolegate's own where Access Analyzer has no such check or splits it
 * differently: MALFORMED_POLICY (IAM's MalformedPolicyDocument), POLICY_SIZE_EXCEEDED, UNKNOWN_SERVICE,
 * UNKNOWN_ACTION, INVALID_ARN, MISSING_SOURCE_CONDITION, DUPLICATE_KEY, ALLOW_WITH_STAR_PRINCIPAL and
 * ACTION_WITHOUT_MATCHING_RESOURCE.
 */
export type FindingCode =
  // rolegate's own
  | 'MALFORMED_POLICY' | 'POLICY_SIZE_EXCEEDED' | 'UNKNOWN_SERVICE' | 'UNKNOWN_ACTION' | 'INVALID_ARN' | 'MISSING_SOURCE_CONDITION'
  | 'DUPLICATE_KEY' | 'ALLOW_WITH_STAR_PRINCIPAL' | 'ACTION_WITHOUT_MATCHING_RESOURCE'
  // Access Analyzer's
  | 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE' | 'MISSING_VERSION' | 'EMPTY_SID_VALUE' | 'EMPTY_OBJECT_CONDITION'
  | 'PASS_ROLE_WITH_STAR_IN_RESOURCE' | 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE' | 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION'
  | 'PASS_ROLE_WITH_NOT_RESOURCE' | 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE' | 'PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE'
  | 'CREATE_SLR_WITH_STAR_IN_RESOURCE' | 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE' | 'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION'
  | 'CREATE_SLR_WITH_NOT_RESOURCE' | 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE' | 'CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE'
  | 'ALLOW_WITH_NOT_PRINCIPAL'
  | 'INVALID_GLOBAL_CONDITION_KEY' | 'INVALID_SERVICE_CONDITION_KEY' | 'INVALID_SERVICE' | 'FORALLVALUES_WITH_SINGLE_VALUED_KEY'
  | 'WILDCARD_WITHOUT_LIKE_OPERATOR' | 'NULL_WITH_QUALIFIER'
  | 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE' | 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE'
  | 'INVALID_ARN_RESOURCE' | 'ARN_REGION_NOT_ALLOWED' | 'ARN_ACCOUNT_NOT_ALLOWED' | 'MISSING_ARN_REGION'
  | 'REDUNDANT_ACTION' | 'REDUNDANT_RESOURCE' | 'REDUNDANT_STATEMENT'
  | 'MISSING_TAG_KEY_IN_CONDITION' | 'VARIABLE_UNSUPPORTED_IN_VERSION'
  | 'EMPTY_ARRAY_CONDITION' | 'EMPTY_ARRAY_CONDITION_FORALLVALUES' | 'EMPTY_ARRAY_CONDITION_FORANYVALUE' | 'EMPTY_ARRAY_CONDITION_IFEXISTS'
  | 'TYPE_MISMATCH' | 'TYPE_MISMATCH_BOOLEAN' | 'TYPE_MISMATCH_NUMBER' | 'TYPE_MISMATCH_IP_RANGE' | 'INVALID_CONDITION_MULTIPLE_BOOLEAN'
  | 'IMPROVE_IP_RANGE' | 'PRIVATE_IP_ADDRESS' | 'PRIVATE_NOT_IP_ADDRESS' | 'PRIVATE_IP_ADDRESS_SUBSET' | 'PRIVATE_NOT_IP_ADDRESS_SUBSET';

export interface Finding {
  readonly findingType: FindingType;
  readonly severity: FindingSeverity;
  readonly code: FindingCode;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** A finding before it is placed: what a check returns, with the position of the element it is about. */
export interface Found {
  readonly findingType: FindingType;
  readonly code: FindingCode;
  readonly message: string;
  readonly at: Position;
}

export function toFinding(f: Found): Finding {
  return { findingType: f.findingType, severity: f.findingType === 'ERROR' ? 'error' : 'warning', code: f.code, message: f.message, ...f.at };
}

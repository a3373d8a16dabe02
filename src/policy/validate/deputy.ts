// The confused-deputy check (IAM User Guide, "The confused deputy problem"): a trust or resource
// policy that allows a service principal should say on whose behalf, with aws:SourceAccount,
// aws:SourceArn, aws:SourceOrgID or aws:SourceOrgPaths; for the services whose documented trust
// policies use it instead, sts:ExternalId. A condition counts only when it requires the key to hold
// named values: not an …IfExists or ForAllValues form (both hold when the key is absent), not a
// negated operator or Null, not a value made only of wildcards.
import type { ParsedCondition, ParsedStatement } from '../types.js';

const SOURCE_KEYS = new Set(['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths']);

/**
 * Service principals whose documentation guards the role with sts:ExternalId: Amazon Data Firehose
 * ("StringEquals": {"sts:ExternalId": "<account-id>"}) and Amazon Cognito user pools sending SMS
 * (SmsConfiguration ExternalId).
 */
const EXTERNAL_ID_SERVICE = /^(firehose|cognito-idp)\.amazonaws\.com(\.cn)?$/i;

const NAMING_OPERATORS = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike']);
const MATCHING_OPERATORS = new Set(['StringLike', 'ArnEquals', 'ArnLike']);
const ONLY_WILDCARDS = /^[*?]+$/;

/** Why a condition on a guard key does not guard, or undefined when it does. */
function weakness(c: ParsedCondition): string | undefined {
  const on = `${c.operator} on ${c.key}`;
  if (c.ifExists) return `${on} holds when the key is absent`;
  if (c.set === 'ForAllValues') return `${on} holds when the key is absent`;
  if (!NAMING_OPERATORS.has(c.baseOperator)) return `${on} does not limit it to named values`;
  if (MATCHING_OPERATORS.has(c.baseOperator) && c.values.some((v) => ONLY_WILDCARDS.test(v))) return `${on} matches any value`;
  return undefined;
}

/**
 * The warning for one service principal allowed by statement `s` of a trust or resource policy, or
 * undefined when a condition guards it (or the statement does not allow).
 */
export function confusedDeputy(s: ParsedStatement, kind: 'trust' | 'resource', service: string): string | undefined {
  if (s.effect !== 'Allow') return undefined;
  const externalId = kind === 'trust' && EXTERNAL_ID_SERVICE.test(service);
  const isGuardKey = (key: string) => SOURCE_KEYS.has(key) || (externalId && key === 'sts:externalid');
  const weak: string[] = [];
  for (const c of s.conditions) {
    if (!isGuardKey(c.key.toLowerCase())) continue;
    const why = weakness(c);
    if (!why) return undefined;
    weak.push(why);
  }
  if (kind === 'trust' && !externalId && s.conditions.some((c) => c.key.toLowerCase() === 'sts:externalid'))
    weak.push('sts:ExternalId guards only services documented to pass one, such as firehose.amazonaws.com');
  const keys = externalId ? 'aws:SourceAccount, aws:SourceArn or sts:ExternalId' : 'aws:SourceAccount or aws:SourceArn';
  const because = weak.length ? ` (${weak.join('; ')})` : '';
  return kind === 'trust'
    ? `The trust policy lets the service principal ${service} assume the role without a condition on ${keys}${because}: ` +
        'any account using that service could have it act with this role for them (confused deputy).'
    : `The resource-based policy allows the service principal ${service} without a condition on ${keys}${because}: ` +
        'any account using that service could have it act on this resource for them (confused deputy).';
}

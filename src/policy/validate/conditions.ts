// Access Analyzer's checks on a statement's Condition element: condition keys the Service
// Authorization Reference does not define (INVALID_GLOBAL_CONDITION_KEY, INVALID_SERVICE_CONDITION_KEY,
// INVALID_SERVICE, MISSING_TAG_KEY_IN_CONDITION), ForAllValues on a single-valued key, a wildcard
// without a Like operator, Null with a qualifier, an empty Condition, values and operator types
// (condition-values.ts), and aws:ResourceTag with actions that do not support it
// (the condition never matches for them: an Allow grants them nothing, a Deny does not deny them).
// Each finding points at the key, or at the value, it is about.
import type { ParsedCondition, ParsedStatement } from '../types.js';
import { compileActionPattern } from '../match/action.js';
import { hasWildcard } from '../match/wildcard.js';
import type { Found } from './finding.js';
import type { PlacedCondition, PlacedStatement } from './locate.js';
import { actionInfo, actionsWhere, lookUpConditionKey } from './service-details.js';
import { conditionValueFindings } from './condition-values.js';

/** A tag key named without the tag: `aws:ResourceTag`, `aws:RequestTag/`, `iam:ResourceTag`. */
const TAG_WITHOUT_KEY = /^([^:]+:(?:Request|Resource|Principal)Tag)\/?$/i;

/** The String operators that compare exactly: a `*` or `?` in their values is literal. */
const EXACT_STRING = new Set(['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase']);
/** `${*}` and `${?}` are the literal characters; other variables are not wildcards either. */
const hasWildcardOutsideVariables = (v: string) => /[*?]/.test(v.replace(/\$\{[^}]*\}/g, ''));

export function conditionFindings(s: ParsedStatement, p: PlacedStatement): Found[] {
  const out: Found[] = [];
  if (p.Condition && s.conditions.length === 0)
    out.push({ findingType: 'SUGGESTION', code: 'EMPTY_OBJECT_CONDITION', at: p.Condition.at, message: 'This condition block is empty and it does not affect the policy. Specify conditions.' });
  const placed = p.Condition?.conditions;
  const pairs: [ParsedCondition, PlacedCondition | undefined][] = s.conditions.map((c, i) => [c, placed && placed.length === s.conditions.length ? placed[i] : undefined]);
  for (const [c, pc] of pairs) {
    const at = pc?.at ?? s.start;
    const untagged = TAG_WITHOUT_KEY.exec(c.key);
    if (untagged) {
      out.push({
        findingType: 'ERROR', code: 'MISSING_TAG_KEY_IN_CONDITION', at,
        message: `The condition key must include a tag key to control access based on tags. Use the format ${untagged[1]}/tag-key and specify a key name for tag-key.`,
      });
      continue;
    }
    const key = lookUpConditionKey(c.key);
    out.push(...conditionValueFindings(c, pc, at, key.known ? key.type : undefined));
    if (!key.known) {
      if (key.reason === 'global')
        out.push({ findingType: 'ERROR', code: 'INVALID_GLOBAL_CONDITION_KEY', at, message: `The condition key ${c.key} does not exist. Use a valid condition key.` });
      else if (key.reason === 'service')
        out.push({ findingType: 'ERROR', code: 'INVALID_SERVICE_CONDITION_KEY', at, message: `The condition key ${c.key} does not exist in the service ${key.prefix}. Use a valid condition key.` });
      else out.push({ findingType: 'ERROR', code: 'INVALID_SERVICE', at, message: `The service ${key.prefix} does not exist. Use a valid service name.` });
    } else if (c.set === 'ForAllValues' && key.type !== 'Unknown' && !key.type.startsWith('ArrayOf') && c.baseOperator !== 'Null') {
      out.push({
        findingType: 'SECURITY_WARNING', code: 'FORALLVALUES_WITH_SINGLE_VALUED_KEY', at,
        message: `Using ForAllValues qualifier with the single-valued condition key ${c.key} can be overly permissive. We recommend that you remove ForAllValues:.`,
      });
    }
    if (c.baseOperator === 'Null' && c.set)
      out.push({
        findingType: 'SUGGESTION', code: 'NULL_WITH_QUALIFIER', at,
        message: 'Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers because they always return a true or false respectively.',
      });
    if (EXACT_STRING.has(c.baseOperator)) {
      const i = c.values.findIndex(hasWildcardOutsideVariables);
      if (i >= 0)
        out.push({
          findingType: 'WARNING', code: 'WILDCARD_WITHOUT_LIKE_OPERATOR', at: pc?.values[i]?.at ?? at,
          message: 'Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like.',
        });
    }
  }
  const tag = pairs.find(([c]) => c.key.toLowerCase().startsWith('aws:resourcetag/') && testsPresentKey(c));
  if (tag && s.action) {
    const prefixes = unsupportedResourceTag(s.action);
    if (prefixes.length) {
      const [c, pc] = tag;
      const list = prefixes.join(', ');
      out.push(s.effect === 'Allow'
        ? {
            findingType: 'SUGGESTION', code: 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', at: pc?.at ?? s.start,
            message: `Using the effect Allow with the tag condition key ${c.key} and actions for services with the following prefixes does not affect the policy: ${list}. Actions for the listed service are not allowed by this statement. We recommend that you move these actions to a different statement without this condition key.`,
          }
        : {
            findingType: 'SECURITY_WARNING', code: 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', at: pc?.at ?? s.start,
            message: `Using the effect Deny with the tag condition key ${c.key} and actions for services with the following prefixes can be overly permissive: ${list}. Actions for the listed services are not denied by this statement. We recommend that you move these actions to a different statement without this condition key.`,
          });
    }
  }
  return out;
}

/**
 * Conditions that can only hold when the key is in the request: not …IfExists, not Null, not a
 * negated operator (those hold when the key is absent, so the missing tag changes nothing).
 */
function testsPresentKey(c: ParsedCondition): boolean {
  return !c.ifExists && c.baseOperator !== 'Null' && !/Not/.test(c.baseOperator);
}

/**
 * Service prefixes of listed actions that cannot carry aws:ResourceTag: a named action that does not
 * support it, or a wildcard none of whose actions does. `*` and wildcard services are left alone.
 */
function unsupportedResourceTag(actions: readonly string[]): string[] {
  const prefixes = new Set<string>();
  for (const a of actions) {
    const colon = a.indexOf(':');
    if (colon < 0) continue;
    const prefix = a.slice(0, colon).toLowerCase();
    const name = a.slice(colon + 1);
    if (hasWildcard(prefix)) continue;
    if (!hasWildcard(name)) {
      const info = actionInfo(prefix, name);
      if (info && !info.resourceTag) prefixes.add(prefix);
      continue;
    }
    const test = compileActionPattern(a);
    const matched = actionsWhere(prefix, (lower) => test(`${prefix}:${lower}`));
    if (matched.length && !matched.some((m) => m.resourceTag)) prefixes.add(prefix);
  }
  return [...prefixes];
}

// Which services a policy's Allow statements grant some action of, for IAM's
// ListPoliciesGrantingServiceAccess and service last-accessed reports. A statement grants a service
// when its Action (or NotAction) leaves at least one of the service's actions in the Service
// Authorization Reference allowed; conditions and resources are not weighed, and Deny statements
// take nothing away (AWS reports the policies that grant, not what a request would be decided).
import { compileActionSet, matchesActionSet, type ActionSet } from './match/action.js';
import { matchesWildcard } from './match/wildcard.js';
import type { ParsedPolicy, ParsedStatement } from './types.js';
import { knownServicePrefixes, serviceActions } from './validate/services.js';

const compiledSets = new WeakMap<readonly string[], ActionSet>();

function setOf(patterns: readonly string[]): ActionSet {
  let set = compiledSets.get(patterns);
  if (!set) compiledSets.set(patterns, (set = compileActionSet(patterns)));
  return set;
}

/** Does one pattern's service part (`s3` of `s3:Get*`, or `*`) cover the namespace? */
function servicePartCovers(patterns: readonly string[], namespace: string, wholeServiceOnly: boolean): boolean {
  for (const raw of patterns) {
    const p = raw.toLowerCase();
    if (p === '*') return true;
    const colon = p.indexOf(':');
    if (colon === -1 || !matchesWildcard(p.slice(0, colon), namespace)) continue;
    if (!wholeServiceOnly || p.slice(colon + 1) === '*') return true;
  }
  return false;
}

function statementGrants(s: ParsedStatement, namespace: string): boolean {
  if (s.effect !== 'Allow') return false;
  const known = serviceActions(namespace);
  if (s.action) {
    const set = setOf(s.action);
    if (set.all) return true;
    if (!known) return servicePartCovers(s.action, namespace, false);
    for (const name of known.lower) if (matchesActionSet(set, `${namespace}:${name}`)) return true;
    return false;
  }
  if (s.notAction) {
    if (!known) return !servicePartCovers(s.notAction, namespace, true);
    const set = setOf(s.notAction);
    for (const name of known.lower) if (!matchesActionSet(set, `${namespace}:${name}`)) return true;
  }
  return false;
}

/** Does some Allow statement of the policy grant an action of the service namespace (`s3`, any case)? */
export function grantsServiceAccess(policy: ParsedPolicy, namespace: string): boolean {
  const ns = namespace.toLowerCase();
  for (const s of policy.statements) if (statementGrants(s, ns)) return true;
  return false;
}

/** The known service namespaces (Service Authorization Reference prefixes) the policy grants some action of, sorted. */
export function servicesGranted(policy: ParsedPolicy): string[] {
  const out: string[] = [];
  for (const ns of knownServicePrefixes) if (grantsServiceAccess(policy, ns)) out.push(ns);
  return out.sort();
}

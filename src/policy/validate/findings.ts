// Findings for `rolegate policy validate`: grammar errors with positions, a document larger than
// its kind's quota, keys written twice, then IAM Access Analyzer's policy checks that the grammar
// and the Service Authorization Reference (service-reference.json, service-reference-details.json)
// can decide: unknown service or action, invalid ARN and ARN format, condition keys, values and
// operator types, PassRole and service-linked roles, NotPrincipal and `*` principals, redundancy,
// a missing Version or variables a Version does not support, and the
// confused-deputy warning (deputy.ts). Each finding has Access Analyzer's finding type and issue
// code (or rolegate's own, finding.ts) and points at the element it is about. Pure: takes text.
import type { PolicyKind } from '../types.js';
import { parsePolicy, type ParseOptions } from '../grammar/parse.js';
import { readJson, positionFinder, type JsonNode } from '../grammar/json.js';
import { actionExists, closest, knownServicePrefixes, serviceActions } from './services.js';
import { sizeFinding } from './size.js';
import { confusedDeputy } from './deputy.js';
import { placeGrammarErrors, placeStatements, placedValues } from './locate.js';
import { toFinding, type Finding, type Found } from './finding.js';
import { duplicateKeys } from './duplicates.js';
import { roleActionFindings } from './role-actions.js';
import { principalFindings } from './principals.js';
import { conditionFindings } from './conditions.js';
import { resourceFindings } from './resources.js';
import { redundantActions, redundantResources, redundantStatements } from './redundancy.js';

export type { Finding, FindingCode, FindingSeverity, FindingType } from './finding.js';

const ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|\$\{[^}]+\}|\*):([a-z0-9-]+):([a-z0-9-*?]*|\$\{[^}]+\}):(\d{12}|[\d*?]*[*?][\d*?]*|\$\{[^}]+\}|aws)?:.+$/;
const isArn = (value: string) => ARN.test(value);

export { knownServicePrefixes };

/**
 * Grammar errors and findings for one document of the given kind, in document order. Pass
 * `{ managed: true }` for a managed policy: Version 2012-10-17 is then required and the managed
 * size quota applies. A finding about one action, resource, principal or condition key is placed
 * at that value; a size or Version finding at the document's start.
 */
export function validatePolicy(text: string, kind: PolicyKind, options: ParseOptions = {}): Finding[] {
  const found: Found[] = [];
  const size = sizeFinding(text, kind, options.managed === true);
  if (size) found.push({ findingType: size.severity === 'error' ? 'ERROR' : 'WARNING', code: size.code, message: size.message, at: { line: 1, column: 1 } });
  let root: JsonNode | undefined;
  try {
    root = readJson(text);
  } catch {
    root = undefined;
  }
  const at = positionFinder(text);
  if (root) found.push(...duplicateKeys(root, at));
  const parsed = parsePolicy(text, kind, options);
  if (!parsed.ok) {
    for (const e of placeGrammarErrors(parsed.errors, text, kind))
      found.push({ findingType: 'ERROR', code: 'MALFORMED_POLICY', message: e.message, at: { line: e.line, column: e.column } });
    return inDocumentOrder(found);
  }
  if (!parsed.policy.version && root)
    found.push({
      findingType: 'WARNING', code: 'MISSING_VERSION', at: at(root.start),
      message: 'We recommend that you specify the Version element to help you with debugging permission issues.',
    });
  const placed = placeStatements(text) ?? [];
  parsed.policy.statements.forEach((s, i) => {
    const p = placed[i] ?? {};
    if (s.sid === '' && p.Sid)
      found.push({ findingType: 'SUGGESTION', code: 'EMPTY_SID_VALUE', at: p.Sid, message: 'Add a value to the empty string in the Sid element.' });
    if (parsed.policy.version !== '2012-10-17') {
      const withVariable = [
        ...placedValues(p.Resource, s.resource, s.start), ...placedValues(p.NotResource, s.notResource, s.start),
        ...(p.Condition?.conditions.flatMap((c) => c.values) ?? []),
      ].find((v) => /\$\{[^}]*\}/.test(v.value));
      if (withVariable)
        found.push({ findingType: 'ERROR', code: 'VARIABLE_UNSUPPORTED_IN_VERSION', at: withVariable.at, message: 'To include variables in your policy, use the policy version 2012-10-17 or later.' });
    }
    for (const a of [...placedValues(p.Action, s.action, s.start), ...placedValues(p.NotAction, s.notAction, s.start)]) {
      const f = checkAction(a.value);
      if (f) found.push({ ...f, at: a.at });
    }
    for (const r of [...placedValues(p.Resource, s.resource, s.start), ...placedValues(p.NotResource, s.notResource, s.start)]) {
      if (r.value !== '*' && !isArn(r.value))
        found.push({ findingType: 'ERROR', code: 'INVALID_ARN', message: `Resource ${r.value} is not a valid ARN.`, at: r.at });
    }
    found.push(...resourceFindings(s, p, isArn), ...conditionFindings(s, p), ...roleActionFindings(s, p, kind), ...principalFindings(s, p, kind));
    found.push(...redundantActions(s, p), ...redundantResources(s, p));
    if (kind === 'trust' || kind === 'resource') {
      const listed = s.principal && s.principal !== '*' ? s.principal.Service : undefined;
      const placedServices = p.Principal?.values.filter((v) => v.type === 'Service') ?? [];
      const services = placedServices.length === listed?.length ? placedServices : (listed ?? []).map((value) => ({ value, at: s.start }));
      for (const service of services) {
        const deputy = confusedDeputy(s, kind, service.value);
        if (deputy) found.push({ findingType: 'SECURITY_WARNING', code: 'MISSING_SOURCE_CONDITION', message: deputy, at: service.at });
      }
    }
  });
  found.push(...redundantStatements(parsed.policy.statements));
  return inDocumentOrder(found);
}

/** Findings placed and sorted by position; those at the same place keep the order they were found in. */
function inDocumentOrder(found: Found[]): Finding[] {
  return found.map(toFinding).sort((a, b) => a.line - b.line || a.column - b.column);
}

function checkAction(action: string): Omit<Found, 'at'> | undefined {
  if (action === '*') return undefined;
  const colon = action.indexOf(':');
  const vendor = action.slice(0, colon).toLowerCase();
  const name = action.slice(colon + 1);
  if (colon < 0 || vendor.includes('*') || vendor.includes('?')) return undefined;
  const actions = serviceActions(vendor);
  if (!actions) {
    const guess = closest(vendor, knownServicePrefixes);
    return {
      findingType: 'ERROR', code: 'UNKNOWN_SERVICE',
      message: `The service prefix ${vendor} in action ${action} is not recognized.${guess ? ` Did you mean ${guess}?` : ''}`,
    };
  }
  if (actionExists(actions, name)) return undefined;
  const guess = /[*?]/.test(name) ? undefined : closest(name, actions.names);
  return {
    findingType: 'ERROR', code: 'UNKNOWN_ACTION',
    message: `The action ${action} does not exist in service ${vendor}.${guess ? ` Did you mean ${vendor}:${guess}?` : ''}`,
  };
}

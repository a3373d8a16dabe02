// Findings for `rolegate policy validate`: grammar errors with positions, a document larger than
// its kind's quota, then checks in the manner of IAM Access Analyzer: unknown service or action
// (against the Service Authorization Reference in service-reference.json), invalid ARN, and a
// service principal allowed without a source condition (the confused-deputy warning, deputy.ts).
// Pure: takes text.
import type { PolicyKind } from '../types.js';
import { parsePolicy, type ParseOptions } from '../grammar/parse.js';
import { actionExists, closest, knownServicePrefixes, serviceActions } from './services.js';
import { sizeFinding } from './size.js';
import { confusedDeputy } from './deputy.js';
import { placeGrammarErrors, placeStatements, type ElementName, type PlacedValue } from './locate.js';

export type FindingSeverity = 'error' | 'warning';

export interface Finding {
  readonly severity: FindingSeverity;
  readonly code:
    | 'MALFORMED_POLICY' | 'POLICY_SIZE_EXCEEDED' | 'UNKNOWN_SERVICE' | 'UNKNOWN_ACTION' | 'INVALID_ARN' | 'MISSING_SOURCE_CONDITION';
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

const ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|\$\{[^}]+\}|\*):([a-z0-9-]+):([a-z0-9-*?]*|\$\{[^}]+\}):(\d{12}|[\d*?]*[*?][\d*?]*|\$\{[^}]+\}|aws)?:.+$/;

export { knownServicePrefixes };

/**
 * Grammar errors and findings for one document of the given kind, in document order. Pass
 * `{ managed: true }` for a managed policy: Version 2012-10-17 is then required and the managed
 * size quota applies. A finding about one action, resource or principal is placed at that value;
 * a size finding at the document's start.
 */
export function validatePolicy(text: string, kind: PolicyKind, options: ParseOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const size = sizeFinding(text, kind, options.managed === true);
  if (size) findings.push({ ...size, line: 1, column: 1 });
  const parsed = parsePolicy(text, kind, options);
  if (!parsed.ok) {
    for (const e of placeGrammarErrors(parsed.errors, text, kind)) findings.push({ severity: 'error', code: 'MALFORMED_POLICY', ...e });
    return inDocumentOrder(findings);
  }
  const placed = placeStatements(text) ?? [];
  parsed.policy.statements.forEach((s, i) => {
    const p = placed[i] ?? {};
    // The parser's lists and the placed values are the same strings in the same order; the
    // statement's start stands in should the two ever disagree.
    const values = (name: ElementName, list: readonly string[] | undefined): readonly PlacedValue[] => {
      const element = p[name];
      if (!list) return [];
      return element && element.values.length === list.length ? element.values : list.map((value) => ({ value, at: s.start }));
    };
    for (const a of [...values('Action', s.action), ...values('NotAction', s.notAction)]) {
      const f = checkAction(a.value);
      if (f) findings.push({ ...f, ...a.at });
    }
    for (const r of [...values('Resource', s.resource), ...values('NotResource', s.notResource)]) {
      if (r.value !== '*' && !ARN.test(r.value))
        findings.push({ severity: 'error', code: 'INVALID_ARN', message: `Resource ${r.value} is not a valid ARN.`, ...r.at });
    }
    if (kind === 'trust' || kind === 'resource') {
      const listed = s.principal && s.principal !== '*' ? s.principal.Service : undefined;
      const placedServices = p.Principal?.values.filter((v) => v.type === 'Service') ?? [];
      const services = placedServices.length === listed?.length ? placedServices : (listed ?? []).map((value) => ({ value, at: s.start }));
      for (const service of services) {
        const deputy = confusedDeputy(s, kind, service.value);
        if (deputy) findings.push({ severity: 'warning', code: 'MISSING_SOURCE_CONDITION', message: deputy, ...service.at });
      }
    }
  });
  return inDocumentOrder(findings);
}

/** Findings sorted by position; those at the same place keep the order they were found in. */
function inDocumentOrder(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

function checkAction(action: string): Pick<Finding, 'severity' | 'code' | 'message'> | undefined {
  if (action === '*') return undefined;
  const colon = action.indexOf(':');
  const vendor = action.slice(0, colon).toLowerCase();
  const name = action.slice(colon + 1);
  if (colon < 0 || vendor.includes('*') || vendor.includes('?')) return undefined;
  const actions = serviceActions(vendor);
  if (!actions) {
    const guess = closest(vendor, knownServicePrefixes);
    return {
      severity: 'error', code: 'UNKNOWN_SERVICE',
      message: `The service prefix ${vendor} in action ${action} is not recognized.${guess ? ` Did you mean ${guess}?` : ''}`,
    };
  }
  if (actionExists(actions, name)) return undefined;
  const guess = /[*?]/.test(name) ? undefined : closest(name, actions.names);
  return {
    severity: 'error', code: 'UNKNOWN_ACTION',
    message: `The action ${action} does not exist in service ${vendor}.${guess ? ` Did you mean ${vendor}:${guess}?` : ''}`,
  };
}

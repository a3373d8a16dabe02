// Resource ARNs against the ARN formats of the Service Authorization Reference: an ARN of a known
// service whose resource part fits none of its resource types (INVALID_ARN_RESOURCE), a Region or
// account where every fitting type has none (ARN_REGION_NOT_ALLOWED, ARN_ACCOUNT_NOT_ALLOWED), no
// Region where every fitting type has one (MISSING_ARN_REGION); and rolegate's
// ACTION_WITHOUT_MATCHING_RESOURCE: an action named in the statement that takes resource types none of
// the statement's resources can ever be (s3:GetObject given only a bucket, s3:ListBucket only
// objects), so the statement silently grants or denies it nothing. Patterns compare as patterns, a
// format's variables matching any text (`/` too: the reference does not say which may hold one), so
// a finding is made only when no ARN could match both — s3:ListBucket given only objects is missed.
import type { ParsedStatement } from '../types.js';
import { hasWildcard } from '../match/wildcard.js';
import type { Found } from './finding.js';
import { placedValues, type PlacedStatement, type PlacedValue } from './locate.js';
import { actionInfo, arnFormatsForService } from './service-details.js';

/** A policy ARN or an ARN format as a pattern: variables (`${aws:username}`, `${BucketName}`) match anything. */
const asPattern = (arn: string) => arn.replace(/\$\{[^}]*\}/g, '*');

/** Could one text match both patterns (each with `*` and `?`)? */
export function patternsOverlap(a: string, b: string): boolean {
  // Literal heads and tails decide most pairs before the search.
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (x === '*' || y === '*') break;
    if (x !== y && x !== '?' && y !== '?') return false;
  }
  for (let i = a.length - 1, j = b.length - 1; i >= 0 && j >= 0; i--, j--) {
    const x = a[i]!, y = b[j]!;
    if (x === '*' || y === '*') break;
    if (x !== y && x !== '?' && y !== '?') return false;
  }
  const memo = new Map<number, boolean>();
  const w = b.length + 1;
  const go = (i: number, j: number): boolean => {
    const k = i * w + j;
    const seen = memo.get(k);
    if (seen !== undefined) return seen;
    let r: boolean;
    if (i === a.length && j === b.length) r = true;
    else if (a[i] === '*') r = go(i + 1, j) || (j < b.length && go(i, j + 1));
    else if (b[j] === '*') r = go(i, j + 1) || (i < a.length && go(i + 1, j));
    else r = i < a.length && j < b.length && (a[i] === b[j] || a[i] === '?' || b[j] === '?') && go(i + 1, j + 1);
    memo.set(k, r);
    return r;
  };
  return go(0, 0);
}

interface Arn {
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

function splitArn(arn: string): Arn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { service: parts[2]!, region: parts[3]!, account: parts[4]!, resource: parts.slice(5).join(':') };
}

const isOpen = (field: string) => field.includes('*') || field.includes('?') || field.includes('${');

export function resourceFindings(s: ParsedStatement, p: PlacedStatement, isArn: (value: string) => boolean): Found[] {
  const out: Found[] = [];
  const resources = placedValues(p.Resource, s.resource, s.start);
  for (const r of resources) {
    const f = arnFormatFinding(r, isArn);
    if (f) out.push(f);
  }
  if (s.action && s.resource && !s.resource.some((r) => !isArn(r) || isOpen(splitArn(r)?.service ?? '*') || r === '*')) {
    for (const a of placedValues(p.Action, s.action, s.start)) {
      const f = actionWithoutResource(a, s);
      if (f) out.push(f);
    }
  }
  return out;
}

function arnFormatFinding(r: PlacedValue, isArn: (value: string) => boolean): Found | undefined {
  if (r.value === '*' || !isArn(r.value)) return undefined;
  const arn = splitArn(r.value);
  if (!arn || isOpen(arn.service)) return undefined;
  const formats = arnFormatsForService(arn.service);
  if (!formats) return undefined;
  const fitting = formats.map(splitArn).filter((f): f is Arn => f !== undefined && patternsOverlap(asPattern(arn.resource), asPattern(f.resource)));
  if (fitting.length === 0)
    return { findingType: 'ERROR', code: 'INVALID_ARN_RESOURCE', at: r.at, message: 'Resource ARN does not match the expected ARN format. Update the resource portion of the ARN.' };
  const service = arn.service;
  if (arn.region !== '' && !isOpen(arn.region) && fitting.every((f) => f.region === ''))
    return { findingType: 'ERROR', code: 'ARN_REGION_NOT_ALLOWED', at: r.at, message: `The service ${service} does not support specifying a Region in the resource ARN.` };
  if (arn.region === '' && fitting.every((f) => f.region !== ''))
    return { findingType: 'ERROR', code: 'MISSING_ARN_REGION', at: r.at, message: `Add a Region to the ${service} resource ARN.` };
  if (arn.account !== '' && !isOpen(arn.account) && fitting.every((f) => f.account === ''))
    return { findingType: 'ERROR', code: 'ARN_ACCOUNT_NOT_ALLOWED', at: r.at, message: `The service ${service} does not support specifying an account ID in the resource ARN.` };
  return undefined;
}

function actionWithoutResource(a: PlacedValue, s: ParsedStatement): Found | undefined {
  const colon = a.value.indexOf(':');
  if (colon < 0 || hasWildcard(a.value)) return undefined;
  const info = actionInfo(a.value.slice(0, colon), a.value.slice(colon + 1));
  if (!info) return undefined;
  // Without resource types the action is decided against "*" — or, for some services, against an
  // ARN of their own (s3:ListAllMyBuckets under arn:aws:s3:::*): no finding can be sure there.
  if (info.arnFormats.length === 0) return undefined;
  const verb = s.effect === 'Allow' ? 'grants' : 'denies';
  // Service and resource part only: a wrong Region or account is an ARN finding of its own.
  const fits = (r: Arn, f: Arn) => patternsOverlap(asPattern(r.service), f.service) && patternsOverlap(asPattern(r.resource), asPattern(f.resource));
  const formats = info.arnFormats.map(splitArn).filter((f): f is Arn => f !== undefined);
  const resources = (s.resource ?? []).map(splitArn);
  if (resources.some((r) => !r || formats.some((f) => fits(r, f)))) return undefined;
  return {
    findingType: 'WARNING', code: 'ACTION_WITHOUT_MATCHING_RESOURCE', at: a.at,
    message: `None of the statement's resources is of a resource type the Service Authorization Reference gives for the action ${a.value} (${info.arnFormats.join(', ')}), so this statement ${verb} it nothing.`,
  };
}

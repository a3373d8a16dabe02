// Loads the evaluation fixtures (test/fixtures/policy/*.json) into requests and policy sets: each
// document is parsed with its kind and named by where it sits (`identity:0`, `resource`, …).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicy, type PolicyKind, type PolicyRef, type PolicySet, type RequestContext } from '../../../src/policy/index.js';

export interface FixtureCase {
  name: string;
  source: string;
  request: RequestContext;
  policies: {
    identity?: unknown[];
    resource?: unknown;
    resourceKind?: 'resource' | 'trust';
    boundary?: unknown;
    session?: unknown[];
    scp?: unknown[][];
    crossAccount?: boolean;
    trustPolicy?: boolean;
    /** The resource policy is a stored one, its user and role ARNs bound to unique ids (ParseOptions.bound). */
    bound?: boolean;
  };
  expected: {
    result: string;
    decidedBy?: { policy: string; statement: number }[];
    missingKeys?: string[];
    reasons?: string[];
  };
}

export const FIXTURES = join(import.meta.dirname, '../../fixtures/policy');

export function fixtureFiles(): string[] {
  return readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();
}

export function readFixture(file: string): FixtureCase[] {
  return JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as FixtureCase[];
}

function ref(id: string, doc: unknown, kind: PolicyKind, bound = false): PolicyRef {
  const r = loadPolicy(typeof doc === 'string' ? doc : JSON.stringify(doc), kind, bound ? { bound } : undefined);
  if (!r.ok) throw new Error(`fixture policy ${id} is malformed: ${r.errors[0]!.message}`);
  return { id, policy: r.policy };
}

export function policySetOf(p: FixtureCase['policies']): PolicySet {
  const set: { -readonly [K in keyof PolicySet]: PolicySet[K] } = {};
  if (p.identity) set.identity = p.identity.map((d, i) => ref(`identity:${i}`, d, 'identity'));
  if (p.resource) set.resource = ref('resource', p.resource, p.resourceKind ?? 'resource', p.bound);
  if (p.boundary) set.boundary = ref('boundary', p.boundary, 'boundary');
  if (p.session) set.session = p.session.map((d, i) => ref(`session:${i}`, d, 'session'));
  if (p.scp) set.scp = p.scp.map((level, l) => level.map((d, i) => ref(`scp:${l}:${i}`, d, 'scp')));
  if (p.crossAccount !== undefined) set.crossAccount = p.crossAccount;
  if (p.trustPolicy !== undefined) set.trustPolicy = p.trustPolicy;
  return set;
}

// Engine invariants by property (fast-check), over random policy sets built from a small universe
// of actions, resources, principals and conditions (IAM User Guide, "Policy evaluation logic"):
// an explicit deny is never outvoted, order never matters, an added Allow never denies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate, loadPolicy, type PolicyKind, type PolicySet, type RequestContext } from '../../../src/policy/index.js';

const A = '111122223333';
const USER = `arn:aws:iam::${A}:user/alice`;
const SESSION = `arn:aws:sts::${A}:assumed-role/app/s`;

type Stmt = Record<string, unknown>;
interface Docs {
  identity: Stmt[][];
  resource?: Stmt[];
  boundary?: Stmt[];
  session?: Stmt[];
  crossAccount: boolean;
}

const action = fc.constantFrom('s3:*', 's3:Get*', 's3:GetObject', 's3:Put*', 'kinesis:*', '*', 's3:?etObject');
const resource = fc.constantFrom('*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::c/*', 'arn:aws:s3:::b/k', 'arn:aws:kinesis:*:*:stream/*');
const condition = fc.option(fc.constantFrom(
  { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
  { StringNotEquals: { 'aws:PrincipalTag/team': 'red' } },
  { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } },
  { Bool: { 'aws:SecureTransport': 'true' } },
), { nil: undefined });
const anyEffect = fc.constantFrom('Allow', 'Deny');
/** One Deny in ten: policy sets that mostly start out allowed, with a Deny still among them now and then. */
const mostlyAllow = fc.oneof({ arbitrary: fc.constant('Allow'), weight: 9 }, { arbitrary: fc.constant('Deny'), weight: 1 });
const statement = (withPrincipal: boolean, effect: fc.Arbitrary<string> = anyEffect) =>
  fc.record({
    effect, not: fc.boolean(), action, resource, condition,
    principal: fc.constantFrom<unknown>('*', { AWS: A }, { AWS: USER }, { AWS: `arn:aws:iam::${A}:role/app` }, { AWS: SESSION }),
  }).map(({ effect, not, action, resource, condition, principal }) => {
    const s: Stmt = { Effect: effect, [not && action !== '*' ? 'NotAction' : 'Action']: action, Resource: resource };
    if (condition) s.Condition = condition;
    if (withPrincipal) s.Principal = principal;
    return s;
  });
const statements = (p: boolean, effect: fc.Arbitrary<string> = anyEffect) => fc.array(statement(p, effect), { minLength: 1, maxLength: 4 });
const docsOf = (effect: fc.Arbitrary<string>): fc.Arbitrary<Docs> => fc.record({
  identity: fc.array(statements(false, effect), { maxLength: 3 }),
  resource: fc.option(statements(true, effect), { nil: undefined }),
  boundary: fc.option(statements(false, effect), { nil: undefined }),
  session: fc.option(statements(false, effect), { nil: undefined }),
  crossAccount: fc.boolean(),
}, { requiredKeys: ['identity', 'crossAccount'] });
const docs = docsOf(anyEffect);
const request: fc.Arbitrary<RequestContext> = fc.record({
  action: fc.constantFrom('s3:GetObject', 's3:PutObject', 'kinesis:PutRecord'),
  resource: fc.constantFrom('arn:aws:s3:::b/k', 'arn:aws:s3:::c/x', `arn:aws:kinesis:us-east-1:${A}:stream/s`),
  principal: fc.constantFrom(USER, SESSION),
  context: fc.record({
    'aws:PrincipalTag/team': fc.constantFrom('blue', 'red'),
    'aws:TagKeys': fc.constantFrom<string[]>([], ['team'], ['team', 'env']),
    'aws:SecureTransport': fc.constantFrom('true', 'false'),
  }, { requiredKeys: [] }),
});

/**
 * A request and policies that allow it unless one of their (rare) Deny statements applies: every
 * policy type present holds an Allow of the request's action, the resource policy for anyone, and
 * a cross-account request has a resource policy. Without this, about 3 % of random sets allow.
 */
const mostlyAllowed: fc.Arbitrary<{ d: Docs; r: RequestContext }> = fc.record({ d: docsOf(mostlyAllow), r: request }).map(({ d, r }) => {
  const allow: Stmt = { Effect: 'Allow', Action: r.action, Resource: '*' };
  const out: Docs = { ...d, identity: [...d.identity, [allow]] };
  if (d.resource || d.crossAccount) out.resource = [...(d.resource ?? []), { ...allow, Principal: '*' }];
  if (d.boundary) out.boundary = [...d.boundary, allow];
  if (d.session) out.session = [...d.session, allow];
  return { d: out, r };
});

function load(statementsOf: Stmt[], kind: PolicyKind, id: string) {
  const r = loadPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statementsOf }), kind);
  if (!r.ok) throw new Error(`${id}: ${r.errors[0]!.message}`);
  return { id, policy: r.policy };
}

function setOf(d: Docs): PolicySet {
  return {
    identity: d.identity.map((s, i) => load(s, 'identity', `identity:${i}`)),
    ...(d.resource ? { resource: load(d.resource, 'resource', 'resource') } : {}),
    ...(d.boundary ? { boundary: load(d.boundary, 'boundary', 'boundary') } : {}),
    ...(d.session ? { session: [load(d.session, 'session', 'session')] } : {}),
    crossAccount: d.crossAccount,
  };
}

const denyAll: Stmt = { Effect: 'Deny', Action: '*', Resource: '*' };
const allowAll: Stmt = { Effect: 'Allow', Action: '*', Resource: '*' };
const RUNS = { numRuns: 1500 };

test('an explicit deny is never outvoted, whichever policy type holds it', () => {
  fc.assert(fc.property(docs, request, fc.constantFrom('identity', 'resource', 'boundary', 'session'), (d, r, where) => {
    const withDeny: Docs = structuredClone(d);
    if (where === 'identity') withDeny.identity.push([denyAll]);
    else if (where === 'resource') withDeny.resource = [...(d.resource ?? []), { ...denyAll, Principal: '*' }];
    else withDeny[where] = [...(d[where] ?? []), denyAll];
    const decision = evaluate(r, setOf(withDeny));
    assert.equal(decision.result, 'ExplicitlyDenied');
    assert.ok(decision.decidedBy.every((s) => s.effect === 'Deny'));
  }), RUNS);
});

test('statement order and policy order never change a decision', () => {
  fc.assert(fc.property(docs, request, fc.integer(), (d, r, seed) => {
    const rotate = <T>(xs: T[]) => (xs.length ? [...xs.slice(seed % xs.length), ...xs.slice(0, seed % xs.length)].reverse() : xs);
    const shuffled: Docs = {
      identity: rotate(d.identity.map(rotate)),
      crossAccount: d.crossAccount,
      ...(d.resource ? { resource: rotate(d.resource) } : {}),
      ...(d.boundary ? { boundary: rotate(d.boundary) } : {}),
      ...(d.session ? { session: rotate(d.session) } : {}),
    };
    const a = evaluate(r, setOf(d));
    const b = evaluate(r, setOf(shuffled));
    assert.equal(b.result, a.result);
    assert.equal(b.decidedBy.length, a.decidedBy.length);
    assert.deepEqual(new Set(b.missingKeys), new Set(a.missingKeys));
  }), RUNS);
});

test('adding an Allow statement never turns an allowed request into a denied one', () => {
  let cases = 0;
  let allowed = 0;
  fc.assert(fc.property(mostlyAllowed, statement(false), fc.constantFrom('identity', 'resource', 'boundary', 'session'), ({ d, r }, extra, where) => {
    cases++;
    if (evaluate(r, setOf(d)).result !== 'Allowed') return;
    allowed++;
    const more: Docs = structuredClone(d);
    const allow = { ...extra, Effect: 'Allow' };
    if (where === 'identity') more.identity.push([allow]);
    else if (where === 'resource') more.resource = [...(d.resource ?? []), { ...allow, Principal: '*' }];
    else if (d[where]) more[where] = [...d[where]!, allow];
    assert.equal(evaluate(r, setOf(more)).result, 'Allowed');
  }), RUNS);
  // The property says nothing about the cases that start denied: most cases must reach the assertion.
  assert.ok(allowed / cases >= 0.5, `only ${allowed} of ${cases} generated cases started allowed`);
});

test('with an allow-all identity policy and no other policy types, only a deny can refuse', () => {
  fc.assert(fc.property(statements(false), request, (s, r) => {
    const d = evaluate({ ...r, principal: USER }, setOf({ identity: [[allowAll], s], crossAccount: false }));
    assert.equal(d.result === 'Allowed' || d.result === 'ExplicitlyDenied', true);
  }), RUNS);
});

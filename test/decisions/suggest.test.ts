// Least-privilege suggestions: the statement for one denial and the policy for many, checked with
// the policy library itself (the document parses, and allows exactly the denied pairs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compilePolicy, evaluate, parsePolicy, type DenialReason } from '../../src/policy/index.js';
import type { DecisionRecord } from '../../src/shared/decision-record.js';
import { identityAllowed, literalResource, suggestPolicy, suggestStatement } from '../../src/decisions/suggest.js';

const ALICE = 'arn:aws:iam::111122223333:user/alice';

function denial(action: string, resource: string, over: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    time: '2026-01-01T00:00:00.000Z', requestId: `req-${action}-${resource}`, accountId: '111122223333', principal: ALICE,
    action, resource, result: 'ImplicitlyDenied', mode: 'on', decidedBy: [], reasons: [{ code: 'NoAllowingStatement' }],
    missingKeys: [], context: { 'aws:username': 'alice' }, ...over,
  };
}

const explicit = (action: string, resource: string) =>
  denial(action, resource, {
    result: 'ExplicitlyDenied', reasons: [{ code: 'ExplicitDeny', policyType: 'identity' }],
    decidedBy: [{ policy: 'arn:aws:iam::111122223333:policy/NoDelete', policyType: 'identity', statement: 0, sid: 'NoDelete', effect: 'Deny', start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }],
  });

/** Decides a request against the suggested document alone, as an identity policy. */
function allows(doc: object, action: string, resource: string): boolean {
  const parsed = parsePolicy(JSON.stringify(doc), 'identity');
  assert.ok(parsed.ok, JSON.stringify(parsed.errors));
  const set = { identity: [{ id: 'suggested', policy: compilePolicy(parsed.policy) }] };
  return evaluate({ action, resource, principal: ALICE, context: { 'aws:username': 'alice' } }, set).result === 'Allowed';
}

test('the statement for an implicit denial is exactly its action on exactly its resource', () => {
  assert.deepEqual(suggestStatement(denial('s3:GetObject', 'arn:aws:s3:::b/k')), { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/k' });
  assert.deepEqual(suggestStatement(denial('iam:ListRoles', '*')), { Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' });
});

test('no statement is suggested for an explicit deny, an allowed request, or a root user assuming a role', () => {
  assert.equal(suggestStatement(explicit('s3:DeleteObject', 'arn:aws:s3:::b/k')), null);
  assert.equal(suggestStatement(denial('s3:GetObject', 'arn:aws:s3:::b/k', { result: 'Allowed', reasons: [] })), null);
  assert.equal(suggestStatement(denial('sts:AssumeRole', 'arn:aws:iam::111122223333:role/r', {
    principal: 'arn:aws:iam::111122223333:root', reasons: [], message: 'Roles may not be assumed by root accounts.',
  })), null);
});

test('a denial by the boundary alone needs no identity statement; with the identity side missing too, it does', () => {
  const only: DenialReason[] = [{ code: 'BoundaryDoesNotAllow' }];
  const both: DenialReason[] = [{ code: 'IdentityPolicyDoesNotAllow' }, { code: 'BoundaryDoesNotAllow' }];
  assert.equal(identityAllowed(only), true);
  assert.equal(suggestStatement(denial('s3:GetObject', 'arn:aws:s3:::b/k', { reasons: only })), null);
  assert.notEqual(suggestStatement(denial('s3:GetObject', 'arn:aws:s3:::b/k', { reasons: both })), null);
  // The engine stops at a missing SCP, where it cannot be told: keep the statement. Behind a trust
  // policy it names the identity side whenever that did not allow, so a lone trust refusal means it did.
  assert.equal(identityAllowed([{ code: 'ScpDoesNotAllow', level: 0 }]), false);
  assert.equal(identityAllowed([{ code: 'TrustPolicyDoesNotAllow' }]), true);
  assert.equal(identityAllowed([{ code: 'TrustPolicyDoesNotAllow' }, { code: 'IdentityPolicyDoesNotAllow' }]), false);
  assert.equal(identityAllowed([{ code: 'ResourcePolicyDoesNotAllow' }]), true);
});

test('wildcards and variables in a resource name are written so that they stay literal', () => {
  assert.equal(literalResource('arn:aws:s3:::b/a*b?c$d'), 'arn:aws:s3:::b/a${*}b${?}c${$}d');
  assert.equal(literalResource('arn:aws:s3:::b/${aws:username}'), 'arn:aws:s3:::b/${$}{aws:username}');
  const doc = suggestPolicy([denial('s3:GetObject', 'arn:aws:s3:::b/a*')]).policy!;
  assert.ok(allows(doc, 's3:GetObject', 'arn:aws:s3:::b/a*'));
  assert.ok(!allows(doc, 's3:GetObject', 'arn:aws:s3:::b/abc'), 'a key named a* does not open every key starting with a');
  const variable = suggestPolicy([denial('s3:GetObject', 'arn:aws:s3:::b/${aws:username}')]).policy!;
  assert.ok(allows(variable, 's3:GetObject', 'arn:aws:s3:::b/${aws:username}'));
  assert.ok(!allows(variable, 's3:GetObject', 'arn:aws:s3:::b/alice'));
});

test('the policy groups actions by resource, sorted and unique, and shares statements between resources with the same actions', () => {
  const s = suggestPolicy([
    denial('s3:PutObject', 'arn:aws:s3:::exports/a'),
    denial('s3:GetObject', 'arn:aws:s3:::imports/x'),
    denial('s3:GetObject', 'arn:aws:s3:::imports/x'),
    denial('s3:getobject', 'arn:aws:s3:::imports/y'),
    denial('s3:ListBucket', 'arn:aws:s3:::imports'),
    denial('kinesis:PutRecord', 'arn:aws:kinesis:us-east-1:111122223333:stream/events'),
    denial('kinesis:PutRecords', 'arn:aws:kinesis:us-east-1:111122223333:stream/events'),
    denial('s3:GetObject', 'arn:aws:s3:::b', { result: 'Allowed', reasons: [] }),
  ]);
  assert.deepEqual(s.policy, {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['kinesis:PutRecord', 'kinesis:PutRecords'], Resource: 'arn:aws:kinesis:us-east-1:111122223333:stream/events' },
      { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::exports/a' },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::imports' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::imports/x', 'arn:aws:s3:::imports/y'] },
    ],
  });
  assert.equal(s.covered.length, 7);
  assert.deepEqual(s.uncovered, []);
  assert.ok(s.fitsManagedPolicy && s.size > 0);
});

test('explicit denials are left out of the policy and reported apart; nothing to fix gives no policy', () => {
  const s = suggestPolicy([explicit('s3:DeleteObject', 'arn:aws:s3:::b/k'), denial('s3:GetObject', 'arn:aws:s3:::b/k')]);
  assert.deepEqual(s.policy!.Statement, [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/k' }]);
  assert.deepEqual(s.explicitlyDenied.map((r) => r.action), ['s3:DeleteObject']);
  assert.ok(!allows(s.policy!, 's3:DeleteObject', 'arn:aws:s3:::b/k'));
  const none = suggestPolicy([explicit('s3:DeleteObject', 'arn:aws:s3:::b/k')]);
  assert.equal(none.policy, undefined);
  assert.equal(none.explicitlyDenied.length, 1);
  assert.equal(suggestPolicy([]).policy, undefined);
});

test('denials that other policies must also allow are covered and named; ones refused only elsewhere are left out', () => {
  const s = suggestPolicy([
    denial('sts:AssumeRole', 'arn:aws:iam::444455556666:role/r', { reasons: [{ code: 'TrustPolicyDoesNotAllow' }, { code: 'IdentityPolicyDoesNotAllow' }] }),
    denial('s3:GetObject', 'arn:aws:s3:::b/k', { reasons: [{ code: 'BoundaryDoesNotAllow' }] }),
  ]);
  assert.deepEqual(s.policy!.Statement, [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::444455556666:role/r' }]);
  assert.deepEqual(s.alsoNeeds.map((x) => x.policies), [["the role's trust policy"]]);
  assert.deepEqual(s.refusedElsewhere.map((x) => [x.record.action, x.policies]), [['s3:GetObject', ['the permissions boundary']]]);
});

// Property: over random denials (tricky resource names included), the document parses as a managed
// identity policy and allows an (action, resource) pair exactly when that pair was denied; probes
// include what each denied resource's `*`, `?` and `${…}` would match as patterns.
const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 'kinesis:PutRecord', 'iam:GetRole', 'firehose:PutRecordBatch'];
const resourceArb = fc.oneof(
  fc.constant('*'),
  fc.string({ unit: fc.constantFrom('a', 'b', '/', '*', '?', '$', '{', '}', ':', '-', '.'), minLength: 1, maxLength: 8 }).map((k) => `arn:aws:s3:::bucket/${k}`),
  fc.constantFrom('arn:aws:s3:::bucket', 'arn:aws:kinesis:us-east-1:111122223333:stream/events', 'arn:aws:iam::111122223333:role/r', 'arn:aws:s3:::bucket/${aws:username}'),
);
/** Resources a wildcard or variable in `r` would match if it were not kept literal. */
const lookalikes = (r: string): string[] =>
  r === '*' ? [] : [r.replaceAll('*', ''), r.replaceAll('*', 'ab'), r.replaceAll('?', 'a'), r.replaceAll('${aws:username}', 'alice'), r.replaceAll('${$}', '$')];
const pairArb = fc.record({ action: fc.constantFrom(...ACTIONS), resource: resourceArb });

test('property: the suggested policy allows every denied pair it covers and no other pair', () => {
  fc.assert(
    fc.property(fc.array(pairArb, { minLength: 1, maxLength: 12 }), fc.array(pairArb, { maxLength: 12 }), (denied, probes) => {
      const s = suggestPolicy(denied.map((p) => denial(p.action, p.resource)));
      assert.ok(s.policy, 'implicit denials always give a policy');
      const parsed = parsePolicy(JSON.stringify(s.policy), 'identity', { managed: true });
      assert.ok(parsed.ok, JSON.stringify(parsed.ok ? [] : parsed.errors));
      assert.deepEqual(s.uncovered, []);
      assert.equal(s.covered.length, denied.length);
      const set = { identity: [{ id: 'suggested', policy: compilePolicy(parsed.policy) }] };
      const key = (a: string, r: string) => `${a.toLowerCase()} ${r}`;
      const deniedPairs = new Set(denied.map((p) => key(p.action, p.resource)));
      const near = denied.flatMap((p) => lookalikes(p.resource).map((resource) => ({ action: p.action, resource })));
      for (const p of [...denied, ...probes, ...near]) {
        const expected = deniedPairs.has(key(p.action, p.resource)) || deniedPairs.has(key(p.action, '*'));
        const got = evaluate({ action: p.action, resource: p.resource, principal: ALICE, context: { 'aws:username': 'alice' } }, set).result === 'Allowed';
        assert.equal(got, expected, `${p.action} on ${p.resource} with ${JSON.stringify(s.policy)}`);
      }
    }),
    { numRuns: 300 },
  );
});

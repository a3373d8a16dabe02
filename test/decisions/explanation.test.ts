// Decisions in words: what `rolegate explain` and the admin route print for allows and denials.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DecisionRecord } from '../../src/shared/decision-record.js';
import { explainDecision, explainRequest } from '../../src/decisions/explanation.js';

const ALICE = 'arn:aws:iam::111122223333:user/alice';
const at = { start: { line: 4, column: 5 }, end: { line: 9, column: 6 } };

function record(over: Partial<DecisionRecord>): DecisionRecord {
  return {
    time: '2026-01-01T00:00:00.000Z', requestId: 'req-1', accountId: '111122223333', principal: ALICE, action: 's3:GetObject',
    resource: 'arn:aws:s3:::b/k', result: 'ImplicitlyDenied', mode: 'on', decidedBy: [], reasons: [{ code: 'NoAllowingStatement' }],
    missingKeys: [], context: {}, ...over,
  };
}

test('an implicit denial says who may not do what, why, the missing keys and the statement that would allow it', () => {
  const text = explainDecision(record({ missingKeys: ['aws:SourceVpc'] }));
  assert.equal(text, [
    `Denied: ${ALICE} may not s3:GetObject on arn:aws:s3:::b/k — no identity-based policy allows the s3:GetObject action.`,
    'Missing context keys: aws:SourceVpc (statements that name them could not match).',
    `Would be allowed by: {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"} in an identity-based policy of ${ALICE}.`,
  ].join('\n'));
});

test('an explicit denial names the denying statement and says that no Allow can override it', () => {
  const text = explainDecision(record({
    result: 'ExplicitlyDenied', reasons: [{ code: 'ExplicitDeny', policyType: 'identity' }],
    decidedBy: [{ policy: 'arn:aws:iam::111122223333:policy/Guard', policyType: 'identity', statement: 1, sid: 'NoReads', effect: 'Deny', ...at }],
  }));
  assert.match(text, /— an explicit deny in an identity-based policy\./);
  // Statements are counted from 1 as people read a policy (decidedBy keeps the 0-based index), and placed in their document.
  assert.match(text, /Denied by: identity-based policy arn:aws:iam::111122223333:policy\/Guard statement 2 \(Sid "NoReads"\) at line 4, column 5\./);
  assert.match(text, /No Allow can override an explicit deny/);
  assert.doesNotMatch(text, /Would be allowed by/);
});

test('an allow names the deciding statements; the root and permission-free actions say why no statement was needed', () => {
  const allowed = explainDecision(record({
    result: 'Allowed', reasons: [],
    decidedBy: [{ policy: 'inline:user/alice/read', policyType: 'identity', statement: 0, sid: undefined, effect: 'Allow', ...at }],
  }));
  assert.equal(allowed, `Allowed: ${ALICE} may s3:GetObject on arn:aws:s3:::b/k — allowed by identity-based policy inline:user/alice/read statement 1 at line 4, column 5.`);
  assert.match(explainDecision(record({ result: 'Allowed', reasons: [], principal: 'arn:aws:iam::111122223333:root' })), /the account root may do everything in its own account/);
});

test('soft mode, other policies and fixed rules are said as such', () => {
  assert.match(explainDecision(record({ mode: 'soft' })), /Soft enforcement: the denial was recorded and the request went ahead\./);
  const boundary = explainDecision(record({ reasons: [{ code: 'BoundaryDoesNotAllow' }] }));
  assert.match(boundary, /Identity-based policies allow it; the permissions boundary must allow it too\./);
  assert.doesNotMatch(boundary, /Would be allowed by/);
  const root = explainDecision(record({ principal: 'arn:aws:iam::111122223333:root', action: 'sts:AssumeRole', reasons: [], message: 'Roles may not be assumed by root accounts.' }));
  assert.match(root, /— Roles may not be assumed by root accounts\.\nNo policy change can allow this request\./);
});

test('a request with several decisions explains each, in order; none recorded says so', () => {
  const text = explainRequest('req-1', [record({}), record({ action: 's3:PutObject' })]);
  assert.match(text, /^Request req-1 needed 2 decisions\.\n\nDenied: .* s3:GetObject .*\n[\s\S]*\n\nDenied: .* s3:PutObject/);
  assert.equal(explainRequest('nope', []), 'No decision is recorded for request nope.');
});

test('a trust statement whose conditions failed is counted from 1, with its Sid and place, or its number alone', () => {
  const base = { result: 'ImplicitlyDenied' as const, reasons: [{ code: 'TrustPolicyDoesNotAllow' as const }], context: { 'sts:ExternalId': 'wrong' } };
  const placed = explainDecision(record({ ...base, trustConditions: [{ statement: 1, sid: 'Vendor', start: { line: 7, column: 3 }, keys: ['sts:ExternalId'] }] }));
  assert.match(placed, /The trust policy's statement 2 \(Sid "Vendor"\) at line 7, column 3 names this caller, but its conditions did not hold: sts:ExternalId = "wrong"\./);
  const bare = explainDecision(record({ ...base, trustConditions: [{ statement: 0, keys: ['sts:ExternalId'] }] }));
  assert.match(bare, /The trust policy's statement 1 names this caller/);
});

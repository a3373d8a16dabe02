// Decisions rendered for IAM's simulator (MatchedStatements, EvalDecision) and AccessDenied text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessDeniedMessage, evaluate, loadPolicy, simulatorDecision, statementLabel, toSimulatorStatements } from '../../src/policy/index.js';

const policy = loadPolicy('{\n "Version": "2012-10-17",\n "Statement": [\n  {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}\n ]\n}', 'identity');
assert.ok(policy.ok);
const set = { identity: [{ id: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', policy: policy.policy }] };
const request = { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', principal: 'arn:aws:iam::111122223333:user/alice' };

test('MatchedStatements carry the policy id, its type and positions counted as IAM counts them (after each brace)', () => {
  const d = evaluate(request, set);
  assert.equal(simulatorDecision(d), 'allowed');
  assert.deepEqual(toSimulatorStatements(d.decidedBy), [{
    SourcePolicyId: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', SourcePolicyType: 'aws-managed',
    StartPosition: { Line: 4, Column: 4 }, EndPosition: { Line: 4, Column: 60 },
  }]);
  assert.equal(toSimulatorStatements(d.decidedBy, () => 'role')[0]!.SourcePolicyType, 'role');
});

test('an implicit deny renders as AWS\'s "no identity-based policy allows" message', () => {
  const r = { ...request, action: 's3:PutObject' };
  const d = evaluate(r, set);
  assert.equal(simulatorDecision(d), 'implicitDeny');
  assert.equal(accessDeniedMessage(r, d),
    'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the s3:PutObject action');
});

test('byPolicyType reports each policy type\'s own result (EvalDecisionDetails)', () => {
  const boundary = loadPolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"kinesis:*","Resource":"*"}}', 'boundary');
  assert.ok(boundary.ok);
  const d = evaluate(request, { ...set, boundary: { id: 'b', policy: boundary.policy } });
  assert.deepEqual(d.byPolicyType, { identity: 'Allowed', boundary: 'ImplicitlyDenied' });
  assert.deepEqual(d.reasons, [{ code: 'BoundaryDoesNotAllow' }]);
});

test('statementLabel counts statements from 1 and adds the Sid and the place in the document when known', () => {
  const d = evaluate(request, set);
  assert.equal(d.decidedBy[0]!.statement, 0, 'the decision keeps the 0-based index');
  assert.equal(statementLabel(d.decidedBy[0]!), 'statement 1 at line 4, column 3');
  assert.equal(statementLabel({ statement: 1, sid: 'AllowRead', start: { line: 9, column: 5 } }), 'statement 2 (Sid "AllowRead") at line 9, column 5');
  assert.equal(statementLabel({ statement: 1, sid: 'AllowRead' }), 'statement 2 (Sid "AllowRead")');
  assert.equal(statementLabel({ statement: 2, sid: undefined }), 'statement 3');
});

test('SourcePolicyType by policy id: resource policies, AWS managed, customer managed, and inline (none)', () => {
  const at = { start: { line: 1, column: 1 }, end: { line: 1, column: 9 }, statement: 0, sid: undefined, effect: 'Allow' as const };
  const types = toSimulatorStatements([
    { ...at, policy: 'arn:aws:iam::aws:policy/ReadOnlyAccess', policyType: 'identity' },
    { ...at, policy: 'arn:aws:iam::111122223333:policy/team/Custom', policyType: 'identity' },
    { ...at, policy: 'arn:aws-cn:iam::111122223333:policy/Custom', policyType: 'boundary' },
    { ...at, policy: 'inline:alice/p', policyType: 'identity' },
    { ...at, policy: 'arn:aws:s3:::bucket', policyType: 'resource' },
    { ...at, policy: 'arn:aws:iam::aws:policy/ReadOnlyAccess', policyType: 'resource' },
  ]).map((s) => s.SourcePolicyType);
  assert.deepEqual(types, ['aws-managed', 'user-managed', 'user-managed', 'none', 'resource', 'resource']);
});

test('the simulator names an explicit deny explicitDeny; a statement without a known place has no position in its label', () => {
  const deny = loadPolicy('{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}}', 'identity');
  assert.ok(deny.ok);
  assert.equal(simulatorDecision(evaluate(request, { identity: [...set.identity, { id: 'd', policy: deny.policy }] })), 'explicitDeny');
  assert.equal(statementLabel({ statement: 0, start: { line: 0, column: 0 } }), 'statement 1');
});

test('a refusal without a reason renders as the bare AccessDenied head', () => {
  const d = { result: 'ImplicitlyDenied' as const, decidedBy: [], reasons: [], missingKeys: [], byPolicyType: {} };
  assert.equal(accessDeniedMessage(request, d), 'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k');
});

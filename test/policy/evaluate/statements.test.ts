// Which statements of a policy apply to a request's action, whatever the mix of services, wildcard
// vendors, Action and NotAction in one document (IAM User Guide, "IAM JSON policy elements:
// Action" and "NotAction"): statements are indexed by service at compile time, and the index must
// never hide a statement that matches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, loadPolicy } from '../../../src/policy/index.js';

const USER = 'arn:aws:iam::111122223333:user/alice';

function decide(action: string, ...statements: object[]) {
  const r = loadPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'identity');
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return evaluate({ action, resource: 'arn:aws:s3:::b/k', principal: USER }, { identity: [{ id: 'p', policy: r.policy }] });
}

const allow = (action: string | string[]) => ({ Effect: 'Allow', Action: action, Resource: '*' });
const deny = (action: string | string[]) => ({ Effect: 'Deny', Action: action, Resource: '*' });

test('in a policy naming several services, each statement applies to its own service only', () => {
  const statements = [allow('s3:GetObject'), allow('kinesis:PutRecord'), deny('kinesis:DeleteStream')];
  assert.deepEqual(decide('s3:GetObject', ...statements).decidedBy.map((s) => s.statement), [0]);
  assert.deepEqual(decide('kinesis:PutRecord', ...statements).decidedBy.map((s) => s.statement), [1]);
  assert.equal(decide('kinesis:DeleteStream', ...statements).result, 'ExplicitlyDenied');
  assert.equal(decide('iam:GetRole', ...statements).result, 'ImplicitlyDenied');
  assert.equal(decide('s3:PutObject', ...statements).result, 'ImplicitlyDenied');
});

test('a statement whose vendor is a wildcard applies to every service beside the named ones, in document order', () => {
  const statements = [allow('s3:GetObject'), allow('*:Get*'), allow('kinesis:*'), allow('*')];
  assert.deepEqual(decide('s3:GetObject', ...statements).decidedBy.map((s) => s.statement), [0, 1, 3]);
  assert.deepEqual(decide('kinesis:GetRecords', ...statements).decidedBy.map((s) => s.statement), [1, 2, 3]);
  assert.deepEqual(decide('iam:GetRole', ...statements).decidedBy.map((s) => s.statement), [1, 3]);
  assert.deepEqual(decide('iam:CreateRole', ...statements).decidedBy.map((s) => s.statement), [3]);
});

test('NotAction statements apply to every other service, and not to the actions they list', () => {
  const statements = [allow('s3:GetObject'), { Effect: 'Allow', NotAction: ['iam:*', 's3:Delete*'], Resource: '*' }];
  assert.deepEqual(decide('s3:GetObject', ...statements).decidedBy.map((s) => s.statement), [0, 1]);
  assert.deepEqual(decide('kinesis:PutRecord', ...statements).decidedBy.map((s) => s.statement), [1]);
  assert.equal(decide('iam:CreateUser', ...statements).result, 'ImplicitlyDenied');
  assert.equal(decide('s3:DeleteObject', ...statements).result, 'ImplicitlyDenied');
  assert.equal(decide('S3:DELETEOBJECT', ...statements).result, 'ImplicitlyDenied', 'NotAction compares case-insensitively too');
  assert.equal(decide('IAM:CreateUser', { Effect: 'Deny', NotAction: 'iam:*', Resource: '*' }, allow('*')).result, 'Allowed');
  assert.equal(decide('s3:GetObject', { Effect: 'Deny', NotAction: 'iam:*', Resource: '*' }, allow('*')).result, 'ExplicitlyDenied');
});

test('the same action asked again, and other actions in between, get the same statements', () => {
  const r = loadPolicy(JSON.stringify({ Version: '2012-10-17', Statement: [allow('s3:Get*'), deny('s3:GetObjectAcl'), allow(['kinesis:Get*', 's3:List*'])] }), 'identity');
  assert.ok(r.ok);
  const set = { identity: [{ id: 'p', policy: r.policy }] };
  const ask = (action: string) => evaluate({ action, resource: 'arn:aws:s3:::b/k', principal: USER }, set).result;
  for (let round = 0; round < 3; round++) {
    assert.equal(ask('s3:GetObject'), 'Allowed');
    assert.equal(ask('s3:GetObjectAcl'), 'ExplicitlyDenied');
    assert.equal(ask('s3:ListBucket'), 'Allowed');
    assert.equal(ask('kinesis:GetRecords'), 'Allowed');
    assert.equal(ask('kinesis:PutRecord'), 'ImplicitlyDenied');
    assert.equal(ask('S3:GETOBJECT'), 'Allowed');
  }
});

// Size quotas in `policy validate`: a document larger than IAM, STS or Organizations accepts for its
// kind is an error (IAM User Guide, "IAM and AWS STS quotas"; Organizations quotas), counted as
// each service counts it; an identity policy of unknown attachment is an error only past every quota.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policySize, validatePolicy } from '../../../src/policy/index.js';

/** A valid document of `statements` statements (about 90 characters each without white space). */
function sized(statements: number, extra: object = {}, version = '2012-10-17'): string {
  const list = Array.from({ length: statements }, (_, i) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${String(i).padStart(4, '0')}/*`, ...extra }));
  return JSON.stringify({ Version: version, Statement: list }, null, 2);
}
/** A trust policy of `statements` statements, each trusting another account (repeats would be REDUNDANT_STATEMENT). */
const trustDoc = (statements: number) => JSON.stringify({
  Version: '2012-10-17',
  Statement: Array.from({ length: statements }, (_, i) => ({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${111122220000 + i}:root` }, Action: 'sts:AssumeRole' })),
}, null, 2);
const sizes = (text: string) => validatePolicy(text, 'identity').filter((f) => f.code === 'POLICY_SIZE_EXCEEDED');

test('a trust policy past 2,048 characters without white space is an error at the start of the document', () => {
  let n = 1;
  while (policySize(trustDoc(n + 1)) <= 2048) n++;
  const fits = trustDoc(n);
  assert.ok(fits.length > 2048, 'the pretty-printed text is longer: white space is not counted');
  assert.deepEqual(validatePolicy(fits, 'trust'), []);
  const f = validatePolicy(trustDoc(n + 1), 'trust');
  assert.equal(f.length, 1);
  assert.deepEqual([f[0]!.severity, f[0]!.code, f[0]!.line, f[0]!.column], ['error', 'POLICY_SIZE_EXCEEDED', 1, 1]);
  assert.match(f[0]!.message, /more than the 2,048 IAM accepts for a role trust policy \(Cannot exceed quota for ACLSizePerRole: 2048\)/);
});

test('a managed policy past 6,144 characters is an error; managed policies need Version 2012-10-17', () => {
  const big = sized(80);
  assert.ok(policySize(big) > 6144 && policySize(big) < 10240);
  const f = validatePolicy(big, 'identity', { managed: true });
  assert.deepEqual(f.map((x) => [x.severity, x.code]), [['error', 'POLICY_SIZE_EXCEEDED']]);
  assert.match(f[0]!.message, /Cannot exceed quota for PolicySize: 6144/);
  assert.deepEqual(validatePolicy(sized(3), 'identity', { managed: true }), []);
  assert.deepEqual(validatePolicy(sized(3, {}, '2008-10-17'), 'identity', { managed: true }).map((x) => [x.code, x.message]), [
    ['MALFORMED_POLICY', 'Policy document must be version 2012-10-17 or greater.'],
  ]);
  assert.equal(validatePolicy(big, 'boundary').length, 1, 'a permissions boundary is a managed policy');
});

test('an identity policy of unknown attachment: warnings past the user, group and managed quotas, an error past a role\'s', () => {
  assert.deepEqual(sizes(sized(20)), []);
  const user = sizes(sized(30));
  assert.deepEqual(user.map((x) => x.severity), ['warning']);
  assert.match(user[0]!.message, /more than IAM accepts for a user's inline policies \(2,048 together\)\.$/);
  const managed = sizes(sized(80));
  assert.match(managed[0]!.message, /a user's inline policies \(2,048 together\), a group's \(5,120\), a managed policy \(6,144\)\.$/);
  const role = sizes(sized(130));
  assert.deepEqual(role.map((x) => x.severity), ['error']);
  assert.match(role[0]!.message, /more than IAM accepts for any identity policy/);
});

test('session policies and SCPs count white space; resource policies have no quota here', () => {
  const session = sized(20);
  assert.ok(policySize(session) < 2048 && session.length > 2048);
  const f = validatePolicy(session, 'session');
  assert.deepEqual(f.map((x) => [x.severity, x.code]), [['error', 'POLICY_SIZE_EXCEEDED']]);
  assert.match(f[0]!.message, /more than the 2,048 STS accepts for a session policy; without white space it would fit\.$/);
  assert.deepEqual(validatePolicy(JSON.stringify(JSON.parse(session)), 'session'), []);
  assert.match(validatePolicy(sized(70), 'scp')[0]!.message, /more than the 5,120 Organizations accepts for a service control policy\.$/);
  const resource = sized(130, { Principal: { AWS: '111122223333' } });
  assert.deepEqual(validatePolicy(resource, 'resource'), []);
});

test('a malformed document that is also too large has both findings', () => {
  const text = sized(80).replace('"Effect": "Allow"', '"Effect": "Maybe"');
  assert.deepEqual(validatePolicy(text, 'identity', { managed: true }).map((x) => x.code), ['POLICY_SIZE_EXCEEDED', 'MALFORMED_POLICY']);
});

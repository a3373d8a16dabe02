// A request from another partition's region is decided in that partition (src/authz/partition.ts):
// the caller, the resource and the ARN-valued condition keys in its ARNs (`arn:aws-cn:…`), every
// other key and the policies as written (IAM User Guide, "Amazon Resource Names": the partition is
// the ARN's second field).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callerInPartition, requestInPartition } from '../../src/authz/partition.js';
import type { AuthzRequest } from '../../src/shared/authz-request.js';
import type { Caller } from '../../src/shared/caller.js';

const A1 = '111122223333';

test('a role session is named in the partition: its ARN and its role\'s, its account and names unchanged', () => {
  const caller: Caller = {
    accountId: A1, arn: `arn:aws:sts::${A1}:assumed-role/r/s`, type: 'assumed-role', userId: 'AROAR:s', accessKeyId: 'ASIAX',
    session: { accessKeyId: 'ASIAX', secretAccessKey: 'x', accountId: A1, kind: 'assumed-role', arn: `arn:aws:sts::${A1}:assumed-role/r/s`, userId: 'AROAR:s', roleArn: `arn:aws:iam::${A1}:role/r`, roleName: 'r', issuedAt: 1, expiresAt: 2 },
  };
  const shown = callerInPartition(caller, 'aws-cn');
  assert.equal(shown.arn, `arn:aws-cn:sts::${A1}:assumed-role/r/s`);
  assert.equal(shown.session?.roleArn, `arn:aws-cn:iam::${A1}:role/r`);
  assert.equal(shown.session?.roleName, 'r');
  assert.equal(shown.accountId, A1);
  assert.equal(shown.userId, 'AROAR:s');
  assert.equal(caller.arn, `arn:aws:sts::${A1}:assumed-role/r/s`, 'the caller itself is not changed');
  assert.equal(caller.session?.roleArn, `arn:aws:iam::${A1}:role/r`);
});

test('a user has no session to rename; a service\'s aws:SourceArn is named in the partition', () => {
  const user: Caller = { accountId: A1, arn: `arn:aws:iam::${A1}:user/u`, type: 'user', userId: 'AIDAU', accessKeyId: 'AKIAU' };
  assert.deepEqual(callerInPartition(user, 'aws-us-gov'), { ...user, arn: `arn:aws-us-gov:iam::${A1}:user/u` });
  const service: Caller = { accountId: A1, arn: 'pinpoint.amazonaws.com', type: 'service', userId: 'pinpoint.amazonaws.com', accessKeyId: '', actingFor: { sourceAccount: A1, sourceArn: `arn:aws:mobiletargeting:cn-north-1:${A1}:apps/a` } };
  const shown = callerInPartition(service, 'aws-cn');
  assert.equal(shown.arn, 'pinpoint.amazonaws.com', 'a service principal is not an ARN');
  assert.deepEqual(shown.actingFor, { sourceAccount: A1, sourceArn: `arn:aws-cn:mobiletargeting:cn-north-1:${A1}:apps/a` });
  assert.equal(service.actingFor?.sourceArn, `arn:aws:mobiletargeting:cn-north-1:${A1}:apps/a`);
});

test('the resource and the ARN-valued keys are named in the partition; other keys are left as sent', () => {
  const request: AuthzRequest = {
    action: 'iam:AttachRolePolicy', resource: `arn:aws:iam::${A1}:role/r`, resourceAccount: A1,
    context: {
      'aws:PrincipalArn': `arn:aws:iam::${A1}:user/u`,
      'aws:SourceArn': [`arn:aws:s3:::a`, `arn:aws:s3:::b`],
      'iam:PolicyARN': `arn:aws:iam::${A1}:policy/p`,
      'iam:PermissionsBoundary': `arn:aws:iam::${A1}:policy/boundary`,
      's3:prefix': 'arn:aws:not-an-arn-key',
      'aws:TagKeys': ['arn:aws:x'],
      'aws:ResourceTag/learning': 'arn:aws:y',
      'aws:SecureTransport': 'true',
    },
  };
  requestInPartition(request, 'aws-cn');
  assert.equal(request.resource, `arn:aws-cn:iam::${A1}:role/r`);
  assert.deepEqual(request.context, {
    'aws:PrincipalArn': `arn:aws-cn:iam::${A1}:user/u`,
    'aws:SourceArn': ['arn:aws-cn:s3:::a', 'arn:aws-cn:s3:::b'],
    'iam:PolicyARN': `arn:aws-cn:iam::${A1}:policy/p`,
    'iam:PermissionsBoundary': `arn:aws-cn:iam::${A1}:policy/boundary`,
    's3:prefix': 'arn:aws:not-an-arn-key',
    'aws:TagKeys': ['arn:aws:x'],
    'aws:ResourceTag/learning': 'arn:aws:y',
    'aws:SecureTransport': 'true',
  });
});

test('a policy rolegate wrote itself is read in the partition; a customer\'s policy is matched as written', () => {
  const own = `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${A1}:user/u"},"Resource":"arn:aws:iam::${A1}:user/u"}]}`;
  const request: AuthzRequest = { action: 'iam:ChangePassword', resource: `arn:aws:iam::${A1}:user/u`, resourceAccount: A1, context: {}, policy: { id: 'account-password-policy', document: own, own: true } };
  requestInPartition(request, 'aws-cn');
  assert.deepEqual(request.policy, { id: 'account-password-policy', document: own.replaceAll('"arn:aws:', '"arn:aws-cn:'), own: true });
  assert.ok(request.policy?.document.includes(`"arn:aws-cn:iam::${A1}:user/u"`));
  const customer = `{"Statement":[{"Effect":"Allow","Principal":"*","Resource":"arn:aws:s3:::b/*"}]}`;
  const bucket: AuthzRequest = { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: A1, context: {}, policy: { id: 'bucket-policy:b', document: customer } };
  requestInPartition(bucket, 'aws-cn');
  assert.equal(bucket.policy?.document, customer);
  assert.equal(bucket.resource, 'arn:aws-cn:s3:::b/k');
});

// Which STS members are left out and which are sent as zero, through @aws-sdk/client-sts, as AWS's
// recorded answers show them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetFederationTokenCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { useRolegate, type Credentials } from '../../support/server.js';

const rg = useRolegate();
const ACCOUNT = '111122223333';

async function user(): Promise<Credentials> {
  await rg.iam.send(new CreateUserCommand({ UserName: 'u' }));
  await rg.iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:*', Resource: '*' }] }) }));
  const { AccessKey } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'u' }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

test('GetFederationToken without a session policy answers PackedPolicySize 0; AssumeRole without one leaves it out', async () => {
  const keys = await user();
  const sts = rg.server.sts(keys);
  const f = await sts.send(new GetFederationTokenCommand({ Name: 'bob' }));
  assert.equal(f.PackedPolicySize, 0);
  const withPolicy = await sts.send(new GetFederationTokenCommand({ Name: 'bob', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) }));
  assert.ok(withPolicy.PackedPolicySize! > 0);
  await rg.iam.send(new CreateRoleCommand({
    RoleName: 'r',
    AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }),
  }));
  const a = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/r`, RoleSessionName: 'plain' }));
  assert.equal(a.PackedPolicySize, undefined);
  assert.equal(a.SourceIdentity, undefined);
  assert.deepEqual(Object.keys(a.AssumedRoleUser!).sort(), ['Arn', 'AssumedRoleId']);
});

test('GetSessionToken answers only the credentials', async () => {
  const r = await rg.server.sts(await user()).send(new GetSessionTokenCommand({}));
  assert.deepEqual(Object.keys(r).filter((k) => k !== '$metadata'), ['Credentials']);
  assert.deepEqual(Object.keys(r.Credentials!).sort(), ['AccessKeyId', 'Expiration', 'SecretAccessKey', 'SessionToken']);
});

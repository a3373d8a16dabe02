// A bucket policy keeps the users and roles it names by unique id, as AWS keeps resource policies:
// a principal deleted and re-created under the same name is not named until PutBucketPolicy saves
// the policy again, and GetBucketPolicy shows the old id meanwhile (IAM User Guide, "AWS JSON
// policy elements: Principal").
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateBucketCommand, GetBucketPolicyCommand, GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, DeleteAccessKeyCommand, DeleteRoleCommand, DeleteUserCommand, PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { useRolegate, TEST_ACCOUNT, type Credentials } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const ALICE = `arn:aws:iam::${TEST_ACCOUNT}:user/alice`;
const READER = `arn:aws:iam::${TEST_ACCOUNT}:role/Reader`;

const readableBy = (aws: string) => JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: aws }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }],
});

async function bucket() {
  await rg.server.s3().send(new CreateBucketCommand({ Bucket: 'data' }));
  await rg.server.s3().send(new PutObjectCommand({ Bucket: 'data', Key: 'report.csv', Body: 'a,b' }));
}

async function userWithKey(name: string): Promise<{ id: string; keyId: string; creds: Credentials }> {
  const { User } = await rg.iam.send(new CreateUserCommand({ UserName: name }));
  const { AccessKey } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { id: User!.UserId!, keyId: AccessKey!.AccessKeyId!, creds: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! } };
}

const read = async (creds: Credentials) => (await rg.server.s3(creds).send(new GetObjectCommand({ Bucket: 'data', Key: 'report.csv' }))).Body!.transformToString();
const policyShown = async () => (await rg.server.s3().send(new GetBucketPolicyCommand({ Bucket: 'data' }))).Policy!;

describe('principals of a bucket policy', () => {
  test('a re-created user of the same name is refused with S3 AccessDenied; GetBucketPolicy shows the old id until PutBucketPolicy again', async () => {
    await bucket();
    const first = await userWithKey('alice');
    await rg.server.s3().send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: readableBy(ALICE) }));
    assert.equal(await read(first.creds), 'a,b');
    assert.equal(await policyShown(), readableBy(ALICE));

    await rg.iam.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: first.keyId }));
    await rg.iam.send(new DeleteUserCommand({ UserName: 'alice' }));
    assert.equal(await policyShown(), readableBy(first.id));
    const second = await userWithKey('alice');
    await rejectsWith(rg.server.s3(second.creds).send(new GetObjectCommand({ Bucket: 'data', Key: 'report.csv' })), 'AccessDenied', 403,
      `User: ${ALICE} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::data/report.csv" because no identity-based policy allows the s3:GetObject action`);
    assert.equal(await policyShown(), readableBy(first.id));

    await rg.server.s3().send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: readableBy(ALICE) }));
    assert.equal(await policyShown(), readableBy(ALICE));
    assert.equal(await read(second.creds), 'a,b');
  });

  test('sessions of a re-created role of the same name are refused until the policy is saved again', async () => {
    await bucket();
    const dev = await userWithKey('dev');
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'dev', PolicyName: 'assume', PolicyDocument: JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: READER }],
    }) }));
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] });
    const { Role: first } = await rg.iam.send(new CreateRoleCommand({ RoleName: 'Reader', AssumeRolePolicyDocument: trust }));
    await rg.server.s3().send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: readableBy(READER) }));
    const session = async (): Promise<Credentials> => {
      const c = (await rg.server.sts(dev.creds).send(new AssumeRoleCommand({ RoleArn: READER, RoleSessionName: 'job' }))).Credentials!;
      return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    };
    assert.equal(await read(await session()), 'a,b');

    await rg.iam.send(new DeleteRoleCommand({ RoleName: 'Reader' }));
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'Reader', AssumeRolePolicyDocument: trust }));
    assert.equal(await policyShown(), readableBy(first!.RoleId!));
    await rejectsWith(rg.server.s3(await session()).send(new GetObjectCommand({ Bucket: 'data', Key: 'report.csv' })), 'AccessDenied', 403,
      /^User: arn:aws:sts::111122223333:assumed-role\/Reader\/job is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::data\/report.csv"/);

    await rg.server.s3().send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: readableBy(READER) }));
    assert.equal(await read(await session()), 'a,b');
  });

  test('PutBucketPolicy naming a user or role that does not exist answers MalformedPolicy and keeps the policy it had', async () => {
    await bucket();
    await rg.server.s3().send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: readableBy(`arn:aws:iam::${TEST_ACCOUNT}:root`) }));
    for (const arn of [`arn:aws:iam::${TEST_ACCOUNT}:user/nobody`, `arn:aws:iam::${TEST_ACCOUNT}:role/Nothing`]) {
      await rejectsWith(rg.server.s3().send(new PutBucketPolicyCommand({ Bucket: 'data', Policy: readableBy(arn) })), 'MalformedPolicy', 400, 'Invalid principal in policy');
    }
    assert.equal(await policyShown(), readableBy(`arn:aws:iam::${TEST_ACCOUNT}:root`));
  });
});

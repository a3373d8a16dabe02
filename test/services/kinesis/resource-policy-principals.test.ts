// A stream's or consumer's resource policy keeps the users and roles it names by unique id, as AWS
// keeps resource policies: a principal deleted and re-created under the same name is not named
// until PutResourcePolicy saves the policy again, and GetResourcePolicy shows the old id meanwhile.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateStreamCommand, GetResourcePolicyCommand, PutRecordsCommand, PutResourcePolicyCommand, RegisterStreamConsumerCommand,
} from '@aws-sdk/client-kinesis';
import { CreateAccessKeyCommand, CreateUserCommand, DeleteAccessKeyCommand, DeleteUserCommand, DeleteUserPolicyCommand, PutUserPolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { useRolegate, TEST_ACCOUNT, type Credentials } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

// Another account rolegate holds: its users named in this account's policies are bound too.
const OTHER = '444455556666';
const rg = useRolegate({ env: { ROLEGATE_ACCOUNTS: OTHER, ROLEGATE_KINESIS_THROTTLING: 'off' } });
const STREAM = `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/events`;
const PRODUCER = `arn:aws:iam::${OTHER}:user/producer`;

const writableBy = (aws: string, resource = STREAM) => JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: aws }, Action: 'kinesis:PutRecords', Resource: resource }],
});

function otherIam(): IAMClient {
  const m = /account 444455556666 \(shown once\)\n\s+AWS_ACCESS_KEY_ID=(\S+)\n\s+AWS_SECRET_ACCESS_KEY=(\S+)/.exec(rg.server.printed)!;
  return rg.server.iam({ accessKeyId: m[1], secretAccessKey: m[2] });
}

/** The other account's user `producer`, allowed kinesis:PutRecords on the stream by its own policy. */
async function producer(iam: IAMClient): Promise<{ id: string; keyId: string; creds: Credentials }> {
  const { User } = await iam.send(new CreateUserCommand({ UserName: 'producer' }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'producer', PolicyName: 'put', PolicyDocument: JSON.stringify({
    Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kinesis:PutRecords', Resource: STREAM }],
  }) }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'producer' }));
  return { id: User!.UserId!, keyId: AccessKey!.AccessKeyId!, creds: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! } };
}

const records = { StreamARN: STREAM, Records: [{ Data: Buffer.from('x'), PartitionKey: 'k' }] };
const policyShown = async (arn = STREAM) => (await rg.server.kinesis().send(new GetResourcePolicyCommand({ ResourceARN: arn }))).Policy!;

describe('principals of a Kinesis resource policy', () => {
  test('another account\'s user re-created under the same name is refused until PutResourcePolicy again; GetResourcePolicy shows the old id', async () => {
    const kinesis = rg.server.kinesis();
    await kinesis.send(new CreateStreamCommand({ StreamName: 'events', ShardCount: 1 }));
    const iam = otherIam();
    const first = await producer(iam);
    await kinesis.send(new PutResourcePolicyCommand({ ResourceARN: STREAM, Policy: writableBy(PRODUCER) }));
    assert.equal((await rg.server.kinesis(first.creds).send(new PutRecordsCommand(records))).FailedRecordCount, 0);
    assert.equal(await policyShown(), writableBy(PRODUCER));

    // IAM deletes a user only without keys and policies.
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'producer', AccessKeyId: first.keyId }));
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'producer', PolicyName: 'put' }));
    await iam.send(new DeleteUserCommand({ UserName: 'producer' }));
    assert.equal(await policyShown(), writableBy(first.id));
    const second = await producer(iam);
    await rejectsWith(rg.server.kinesis(second.creds).send(new PutRecordsCommand(records)), 'AccessDeniedException', 400,
      `User: ${PRODUCER} is not authorized to perform: kinesis:PutRecords on resource: ${STREAM} because no resource-based policy allows the kinesis:PutRecords action`);
    assert.equal(await policyShown(), writableBy(first.id));

    await kinesis.send(new PutResourcePolicyCommand({ ResourceARN: STREAM, Policy: writableBy(PRODUCER) }));
    assert.equal(await policyShown(), writableBy(PRODUCER));
    assert.equal((await rg.server.kinesis(second.creds).send(new PutRecordsCommand(records))).FailedRecordCount, 0);
  });

  test('a consumer\'s policy shows a deleted user by its old id', async () => {
    const kinesis = rg.server.kinesis();
    await kinesis.send(new CreateStreamCommand({ StreamName: 'events', ShardCount: 1 }));
    const consumer = (await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: STREAM, ConsumerName: 'app' }))).Consumer!.ConsumerARN!;
    const { User } = await rg.iam.send(new CreateUserCommand({ UserName: 'reader' }));
    const reader = `arn:aws:iam::${TEST_ACCOUNT}:user/reader`;
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: reader }, Action: 'kinesis:SubscribeToShard', Resource: consumer }] });
    await kinesis.send(new PutResourcePolicyCommand({ ResourceARN: consumer, Policy: policy }));
    assert.equal(await policyShown(consumer), policy);
    await rg.iam.send(new DeleteUserCommand({ UserName: 'reader' }));
    assert.equal(await policyShown(consumer), policy.replace(reader, User!.UserId!));
  });

  test('PutResourcePolicy naming a user that does not exist answers InvalidArgumentException and keeps no policy', async () => {
    const kinesis = rg.server.kinesis();
    await kinesis.send(new CreateStreamCommand({ StreamName: 'events', ShardCount: 1 }));
    const nobody = `arn:aws:iam::${TEST_ACCOUNT}:user/nobody`;
    await rejectsWith(kinesis.send(new PutResourcePolicyCommand({ ResourceARN: STREAM, Policy: writableBy(nobody) })), 'InvalidArgumentException', 400,
      `Invalid policy: Invalid principal in policy: "AWS":"${nobody}"`);
    assert.equal(await policyShown(), '{}');
  });
});

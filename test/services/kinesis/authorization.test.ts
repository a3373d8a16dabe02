// Every Kinesis call decided by the policy engine, through @aws-sdk/client-kinesis: the seeds'
// event-stream role (kinesis:PutRecords and kinesis:DescribeStream on one stream, nothing else),
// GetRecords decided on the stream its iterator reads, aws:ResourceTag/* from the stream's tags,
// aws:RequestTag/* and the further kinesis:AddTagsToStream of CreateStream with tags, and another
// account's caller allowed by the stream's resource policy through StreamARN; SubscribeToShard
// decided on the consumer: its tags as aws:ResourceTag/*, its resource policy for another account.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import {
  AddTagsToStreamCommand, CreateStreamCommand, DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, ListStreamsCommand,
  PutRecordCommand, PutRecordsCommand, PutResourcePolicyCommand, RegisterStreamConsumerCommand, SubscribeToShardCommand, type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { startRolegate, TEST_ACCOUNT, type Credentials, type Rolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const OTHER = '444455556666';
const REGION = 'us-east-1';
let server: Rolegate;
let root: KinesisClient;
let otherRoot: Credentials;

before(async () => {
  server = await startRolegate({ env: { ROLEGATE_ACCOUNTS: OTHER, ROLEGATE_KINESIS_THROTTLING: 'off' } });
  const m = /account 444455556666 \(shown once\)\n\s+AWS_ACCESS_KEY_ID=(\S+)\n\s+AWS_SECRET_ACCESS_KEY=(\S+)/.exec(server.printed)!;
  otherRoot = { accessKeyId: m[1], secretAccessKey: m[2] };
});
after(() => server.stop());
beforeEach(async () => {
  await server.reset();
  root = server.kinesis();
  await root.send(new CreateStreamCommand({ StreamName: 'pinpoint-events', ShardCount: 1 }));
  await root.send(new CreateStreamCommand({ StreamName: 'other-events', ShardCount: 1 }));
});

const arn = (name: string, account = TEST_ACCOUNT) => `arn:aws:kinesis:${REGION}:${account}:stream/${name}`;
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

/** The seeds' Kinesis permissions policy (004: IAM role for streaming events to Kinesis), for this account's stream. */
function seedPolicy(stream: string): string {
  const seed = readdirSync('/work/shared/seeds').find((f) => f.startsWith('004_'));
  const text = seed ? readFileSync(`/work/shared/seeds/${seed}`, 'utf8') : '';
  const m = /### Amazon Kinesis Data Streams[\s\S]*?```\n([\s\S]*?)```/.exec(text);
  const policy = m ? m[1] : doc({ Action: ['kinesis:PutRecords', 'kinesis:DescribeStream'], Effect: 'Allow', Resource: ['arn:aws:kinesis:region:account-id:stream/stream-name'] });
  return policy.replace('region', REGION).replace('account-id', TEST_ACCOUNT).replace('stream-name', stream);
}

/** A session of a role with `policy`, assumed by a user the role trusts (the account root may not assume roles). */
async function roleSession(name: string, policy: string): Promise<{ k: KinesisClient; arn: string }> {
  const iam = server.iam();
  await iam.send(new CreateUserCommand({ UserName: 'deployer' }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'deployer', PolicyName: 'assume', PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }) }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'deployer' }))).AccessKey!;
  await iam.send(new CreateRoleCommand({
    RoleName: name, AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:user/deployer` }, Action: 'sts:AssumeRole' }),
  }));
  await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'p', PolicyDocument: policy }));
  const out = await server.sts({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/${name}`, RoleSessionName: 'pinpoint' }));
  const c = out.Credentials!;
  return { k: server.kinesis({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }), arn: out.AssumedRoleUser!.Arn! };
}

async function user(name: string, policy: string, account: Credentials = server.credentials): Promise<KinesisClient> {
  const iam = server.iam(account);
  await iam.send(new CreateUserCommand({ UserName: name }));
  await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return server.kinesis({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
}

describe('The seeds\' event-stream role', () => {
  it('may PutRecords and DescribeStream on its stream, and is refused PutRecord, GetRecords and other streams with AccessDeniedException', async () => {
    const { k, arn: session } = await roleSession('PinpointEventStreamRole', seedPolicy('pinpoint-events'));
    const out = await k.send(new PutRecordsCommand({ StreamName: 'pinpoint-events', Records: [{ Data: Buffer.from('{"event_type":"_session.start"}'), PartitionKey: 'app' }] }));
    assert.equal(out.FailedRecordCount, 0);
    assert.equal((await k.send(new DescribeStreamCommand({ StreamARN: arn('pinpoint-events') }))).StreamDescription!.StreamStatus, 'ACTIVE');
    await rejectsWith(k.send(new PutRecordCommand({ StreamName: 'pinpoint-events', Data: Buffer.from('x'), PartitionKey: 'k' })), 'AccessDeniedException', 400,
      `User: ${session} is not authorized to perform: kinesis:PutRecord on resource: ${arn('pinpoint-events')} because no identity-based policy allows the kinesis:PutRecord action`);
    const it = (await root.send(new GetShardIteratorCommand({ StreamName: 'pinpoint-events', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator!;
    await rejectsWith(k.send(new GetRecordsCommand({ ShardIterator: it })), 'AccessDeniedException', 400, /kinesis:GetRecords on resource: arn:aws:kinesis:us-east-1:111122223333:stream\/pinpoint-events/);
    await rejectsWith(k.send(new GetShardIteratorCommand({ StreamName: 'pinpoint-events', ShardId: 'shardId-000000000000', ShardIteratorType: 'LATEST' })), 'AccessDeniedException', 400);
    await rejectsWith(k.send(new PutRecordsCommand({ StreamName: 'other-events', Records: [{ Data: Buffer.from('x'), PartitionKey: 'k' }] })), 'AccessDeniedException', 400);
    await rejectsWith(k.send(new ListStreamsCommand({})), 'AccessDeniedException', 400);
  });
});

describe('Kinesis resources as policies see them', () => {
  it('decides GetRecords on the stream the iterator reads', async () => {
    const k = await user('reader', doc({ Effect: 'Allow', Action: ['kinesis:GetShardIterator', 'kinesis:GetRecords'], Resource: arn('other-events') }));
    const mine = (await k.send(new GetShardIteratorCommand({ StreamName: 'other-events', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator!;
    assert.deepEqual((await k.send(new GetRecordsCommand({ ShardIterator: mine }))).Records, []);
    const notMine = (await root.send(new GetShardIteratorCommand({ StreamName: 'pinpoint-events', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator!;
    await rejectsWith(k.send(new GetRecordsCommand({ ShardIterator: notMine })), 'AccessDeniedException', 400);
  });

  it('supplies the stream\'s tags as aws:ResourceTag/*', async () => {
    await root.send(new AddTagsToStreamCommand({ StreamName: 'pinpoint-events', Tags: { team: 'growth' } }));
    const k = await user('tagged', doc({ Effect: 'Allow', Action: 'kinesis:PutRecord', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'growth' } } }));
    await k.send(new PutRecordCommand({ StreamName: 'pinpoint-events', Data: Buffer.from('x'), PartitionKey: 'k' }));
    await rejectsWith(k.send(new PutRecordCommand({ StreamName: 'other-events', Data: Buffer.from('x'), PartitionKey: 'k' })), 'AccessDeniedException', 400);
  });

  it('decides CreateStream with tags on aws:RequestTag/* and aws:TagKeys, and asks kinesis:AddTagsToStream too', async () => {
    const k = await user('creator', doc({
      Effect: 'Allow', Action: 'kinesis:CreateStream', Resource: arn('team-*'),
      Condition: { StringEquals: { 'aws:RequestTag/team': 'growth' }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } },
    }));
    await rejectsWith(k.send(new CreateStreamCommand({ StreamName: 'team-a', ShardCount: 1, Tags: { team: 'growth' } })), 'AccessDeniedException', 400, /kinesis:AddTagsToStream/);
    await rejectsWith(k.send(new CreateStreamCommand({ StreamName: 'team-b', ShardCount: 1 })), 'AccessDeniedException', 400, /kinesis:CreateStream/);
    const both = await user('creator2', doc(
      { Effect: 'Allow', Action: 'kinesis:CreateStream', Resource: arn('team-*'), Condition: { StringEquals: { 'aws:RequestTag/team': 'growth' } } },
      { Effect: 'Allow', Action: 'kinesis:AddTagsToStream', Resource: arn('team-*') },
    ));
    await both.send(new CreateStreamCommand({ StreamName: 'team-c', ShardCount: 1, Tags: { team: 'growth' } }));
    await rejectsWith(both.send(new CreateStreamCommand({ StreamName: 'team-d', ShardCount: 1, Tags: { team: 'other' } })), 'AccessDeniedException', 400);
  });

  it('lets another account\'s caller write through StreamARN when the stream\'s resource policy allows it, and only then', async () => {
    const producer = await user('producer', doc({ Effect: 'Allow', Action: 'kinesis:PutRecords', Resource: arn('pinpoint-events') }), otherRoot);
    const records = { StreamARN: arn('pinpoint-events'), Records: [{ Data: Buffer.from('x'), PartitionKey: 'k' }] };
    await rejectsWith(producer.send(new PutRecordsCommand(records)), 'AccessDeniedException', 400);
    await root.send(new PutResourcePolicyCommand({
      ResourceARN: arn('pinpoint-events'),
      Policy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'kinesis:PutRecords', Resource: arn('pinpoint-events') }),
    }));
    assert.equal((await producer.send(new PutRecordsCommand(records))).FailedRecordCount, 0);
    await rejectsWith(producer.send(new PutRecordCommand({ StreamARN: arn('pinpoint-events'), Data: Buffer.from('x'), PartitionKey: 'k' })), 'AccessDeniedException', 400);
  });
});

describe('SubscribeToShard, decided on the consumer', () => {
  /** Subscribes from TRIM_HORIZON and reads the first event's records, then hangs up. */
  async function firstRecords(k: KinesisClient, ConsumerARN: string): Promise<string[]> {
    const abort = new AbortController();
    const out = await k.send(new SubscribeToShardCommand({ ConsumerARN, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'TRIM_HORIZON' } }), { abortSignal: abort.signal });
    for await (const e of out.EventStream!) {
      abort.abort();
      return (e.SubscribeToShardEvent?.Records ?? []).map((r) => Buffer.from(r.Data!).toString());
    }
    return [];
  }

  it('reads the consumer\'s tags as aws:ResourceTag/*: a policy on a tag allows the tagged consumer and refuses the other', async () => {
    const tagged = (await root.send(new RegisterStreamConsumerCommand({ StreamARN: arn('pinpoint-events'), ConsumerName: 'tagged', Tags: { team: 'data' } }))).Consumer!.ConsumerARN!;
    const untagged = (await root.send(new RegisterStreamConsumerCommand({ StreamARN: arn('pinpoint-events'), ConsumerName: 'untagged' }))).Consumer!.ConsumerARN!;
    await root.send(new PutRecordCommand({ StreamName: 'pinpoint-events', Data: Buffer.from('r'), PartitionKey: 'k' }));
    const k = await user('fan-out', doc({ Effect: 'Allow', Action: 'kinesis:SubscribeToShard', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'data' } } }));
    assert.deepEqual(await firstRecords(k, tagged), ['r']);
    await rejectsWith(k.send(new SubscribeToShardCommand({ ConsumerARN: untagged, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' } })), 'AccessDeniedException', 400,
      /kinesis:SubscribeToShard on resource: arn:aws:kinesis:us-east-1:111122223333:stream\/pinpoint-events\/consumer\/untagged:\d+ because no identity-based policy allows/);
  });

  it('lets another account\'s caller subscribe through the ConsumerARN when the consumer\'s resource policy allows it, and only then', async () => {
    const c = (await root.send(new RegisterStreamConsumerCommand({ StreamARN: arn('pinpoint-events'), ConsumerName: 'shared' }))).Consumer!.ConsumerARN!;
    await root.send(new PutRecordCommand({ StreamName: 'pinpoint-events', Data: Buffer.from('across'), PartitionKey: 'k' }));
    const reader = await user('reader', doc({ Effect: 'Allow', Action: 'kinesis:SubscribeToShard', Resource: c }), otherRoot);
    await rejectsWith(reader.send(new SubscribeToShardCommand({ ConsumerARN: c, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' } })), 'AccessDeniedException', 400);
    await root.send(new PutResourcePolicyCommand({
      ResourceARN: c, Policy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'kinesis:SubscribeToShard', Resource: c }),
    }));
    assert.deepEqual(await firstRecords(reader, c), ['across']);
  });
});

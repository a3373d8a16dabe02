// Firehose delivering for real, through @aws-sdk/client-firehose and read back through the S3 API:
// PutRecord(Batch) and their limits, objects under AWS's key layout with the records concatenated
// (gzip when asked), the size hint flushing before the interval, custom prefixes, the destination
// written as its role assumed by firehose.amazonaws.com (a role that may not put delivers nothing,
// the failure shows, and once the policy is fixed every acknowledged record arrives exactly once),
// and the seeds' event-stream permissions policy.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import {
  CreateDeliveryStreamCommand, DeleteDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient, ListDeliveryStreamsCommand,
  PutRecordBatchCommand, PutRecordCommand, UpdateDestinationCommand,
} from '@aws-sdk/client-firehose';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, PutRolePolicyCommand, PutUserPolicyCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { useRolegate, TEST_ACCOUNT } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';
import { body, bucketAndRole, createActive, decisions, FAST_FIREHOSE, keysIn, putObjectPolicy, roleArn, waitFor } from './support.js';

const rg = useRolegate({ env: FAST_FIREHOSE });
const KEY = /^(\d{4})\/(\d{2})\/(\d{2})\/(\d{2})\/([\w.-]+)-(\d+)-(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}(\.gz)?$/;
const records = (n: number, tag: string, size = 0) => Array.from({ length: n }, (_, i) => ({ Data: Buffer.from(`${tag}-${i};`.padEnd(size, '.')) }));
const describeOf = async (fh: FirehoseClient, name: string) => (await fh.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }))).DeliveryStreamDescription!;

async function allBodies(bucket: string): Promise<Map<string, Buffer>> {
  const s3 = rg.server.s3();
  const out = new Map<string, Buffer>();
  for (const k of (await keysIn(s3, bucket)).sort()) out.set(k, await body(s3, bucket, k));
  return out;
}

describe('PutRecord and PutRecordBatch', () => {
  it('acknowledge each record with its own opaque RecordId and FailedPutCount 0', async () => {
    const { s3, iam } = { s3: rg.server.s3(), iam: rg.iam };
    const fh = rg.server.firehose();
    await createActive(fh, 'ids', 'ids-out', await bucketAndRole(s3, iam, 'ids-out', 'ids-role'));
    const one = await fh.send(new PutRecordCommand({ DeliveryStreamName: 'ids', Record: { Data: Buffer.from('solo') } }));
    const batch = await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'ids', Records: records(500, 'r') }));
    assert.equal(batch.FailedPutCount, 0);
    assert.equal(batch.Encrypted, false);
    assert.equal(batch.RequestResponses!.length, 500);
    const ids = new Set([one.RecordId, ...batch.RequestResponses!.map((r) => r.RecordId)]);
    assert.equal(ids.size, 501);
    assert.ok(batch.RequestResponses!.every((r) => r.ErrorCode === undefined && r.ErrorMessage === undefined));
  });

  it('apply AWS’s limits: 500 records and 1,000 KiB a record (ValidationException), 4 MiB a call (InvalidArgumentException)', async () => {
    const fh = rg.server.firehose();
    await createActive(fh, 'limits', 'limits-out', await bucketAndRole(rg.server.s3(), rg.iam, 'limits-out', 'limits-role'));
    await rejectsWith(fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'limits', Records: records(501, 'r') })), 'ValidationException', 400, /length less than or equal to 500/);
    await rejectsWith(fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'limits', Records: [] })), 'ValidationException', 400, /length greater than or equal to 1/);
    await rejectsWith(fh.send(new PutRecordCommand({ DeliveryStreamName: 'limits', Record: { Data: Buffer.alloc(1_024_001) } })), 'ValidationException', 400,
      "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1024001 cap=1024001]' at 'record.data' failed to satisfy constraint: Member must have length less than or equal to 1024000");
    await rejectsWith(fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'limits', Records: [{ Data: Buffer.from('ok') }, { Data: Buffer.alloc(1_024_001) }] })), 'ValidationException', 400,
      /at 'records\.2\.member\.data' failed to satisfy constraint: Member must have length less than or equal to 1024000/);
    assert.equal((await fh.send(new PutRecordCommand({ DeliveryStreamName: 'limits', Record: { Data: Buffer.alloc(1_024_000) } }))).Encrypted, false);
    const overFour = Array.from({ length: 5 }, (_, i) => ({ Data: Buffer.alloc(i < 4 ? 1_024_000 : 4 * 1024 * 1024 - 4 * 1_024_000 + 1, 'a') }));
    await rejectsWith(fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'limits', Records: overFour })), 'InvalidArgumentException', 400, 'Records size exceeds 4 MB limit');
    const exactly = Array.from({ length: 5 }, (_, i) => ({ Data: Buffer.alloc(i < 4 ? 838_860 : 4 * 1024 * 1024 - 4 * 838_860, 'c') }));
    assert.equal((await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'limits', Records: exactly }))).FailedPutCount, 0);
  });

  it('answer ResourceNotFoundException for a stream that is not there, or not ACTIVE yet', async () => {
    const fh = rg.server.firehose();
    await rejectsWith(fh.send(new PutRecordCommand({ DeliveryStreamName: 'ghost', Record: { Data: Buffer.from('x') } })), 'ResourceNotFoundException', 400, 'Firehose ghost under account 111122223333 not found.');
    await fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'young', ExtendedS3DestinationConfiguration: { RoleARN: roleArn('any'), BucketARN: 'arn:aws:s3:::any' } }));
    await rejectsWith(fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'young', Records: records(1, 'x') })), 'ResourceNotFoundException', 400);
  });
});

describe('delivery to S3', () => {
  it('writes the records, concatenated without delimiters, under YYYY/MM/dd/HH/<stream>-<version>-<time>-<uuid> of the oldest arrival', async () => {
    const fh = rg.server.firehose();
    await createActive(fh, 'plain', 'plain-out', await bucketAndRole(rg.server.s3(), rg.iam, 'plain-out', 'plain-role'), { BufferingHints: { IntervalInSeconds: 1 } });
    const before = new Date();
    await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'plain', Records: records(3, 'a') }));
    await fh.send(new PutRecordCommand({ DeliveryStreamName: 'plain', Record: { Data: Buffer.from('tail') } }));
    const bodies = await waitFor('an object', async () => ((await keysIn(rg.server.s3(), 'plain-out')).length ? allBodies('plain-out') : undefined));
    assert.equal(bodies.size, 1);
    const [[key, data]] = [...bodies];
    const m = KEY.exec(key);
    assert.ok(m, key);
    assert.equal(m[5], 'plain');
    assert.equal(m[6], '1');
    assert.equal(m[13], undefined, 'no extension when uncompressed');
    const [yyyy, MM, dd, HH] = [before.getUTCFullYear(), before.getUTCMonth() + 1, before.getUTCDate(), before.getUTCHours()].map((n) => String(n).padStart(2, '0'));
    assert.deepEqual(m.slice(1, 5), [yyyy, MM, dd, HH], 'the prefix is the UTC hour of arrival');
    assert.deepEqual(m.slice(7, 11), [yyyy, MM, dd, HH], 'and so is the suffix');
    assert.equal(data.toString(), 'a-0;a-1;a-2;tail');
    const d = await describeOf(fh, 'plain');
    assert.equal(d.FailureDescription, undefined);
  });

  it('gzips when asked, naming the object .gz; the version in the name follows UpdateDestination', async () => {
    const fh = rg.server.firehose();
    await createActive(fh, 'gz', 'gz-out', await bucketAndRole(rg.server.s3(), rg.iam, 'gz-out', 'gz-role'), { BufferingHints: { IntervalInSeconds: 1 }, CompressionFormat: 'GZIP' });
    await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'gz', Records: records(50, 'z') }));
    const first = await waitFor('a .gz object', async () => [...(await allBodies('gz-out'))].find(([k]) => k.endsWith('.gz')));
    assert.equal(KEY.exec(first[0])?.[6], '1');
    assert.equal(gunzipSync(first[1]).toString(), records(50, 'z').map((r) => r.Data.toString()).join(''));
    await fh.send(new UpdateDestinationCommand({
      DeliveryStreamName: 'gz', CurrentDeliveryStreamVersionId: '1', DestinationId: 'destinationId-000000000001', ExtendedS3DestinationUpdate: { CompressionFormat: 'UNCOMPRESSED' },
    }));
    await fh.send(new PutRecordCommand({ DeliveryStreamName: 'gz', Record: { Data: Buffer.from('v2') } }));
    const second = await waitFor('a version-2 object', async () => [...(await allBodies('gz-out'))].find(([k]) => KEY.exec(k)?.[6] === '2'));
    assert.ok(!second[0].endsWith('.gz'));
    assert.equal(second[1].toString(), 'v2');
  });

  it('flushes when the buffer reaches the size hint, long before the interval, in an object of at most that size', async () => {
    const fh = rg.server.firehose();
    await createActive(fh, 'sized', 'sized-out', await bucketAndRole(rg.server.s3(), rg.iam, 'sized-out', 'sized-role'), { BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 } });
    const sent: string[] = [];
    for (let call = 0; call < 2; call++) {
      const batch = records(100, `c${call}`, 8 * 1024);
      sent.push(...batch.map((r) => r.Data.toString()));
      await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'sized', Records: batch }));
    }
    // 1,600 KiB buffered with a 1 MiB hint: one full object goes at once; the rest waits for 900 s.
    const bodies = await waitFor('an object', async () => {
      const b = await allBodies('sized-out');
      return b.size ? b : undefined;
    });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await allBodies('sized-out')).size, 1, 'the rest stays buffered');
    const [object] = [...bodies.values()];
    assert.equal(object.length, 128 * 8 * 1024, '128 records of 8 KiB: the most that fit in 1 MiB');
    assert.equal(object.toString(), sent.slice(0, 128).join(''), 'the oldest records, in order');
  });

  it('evaluates a custom prefix with !{timestamp:…} and !{firehose:random-string}', async () => {
    const fh = rg.server.firehose();
    await createActive(fh, 'custom', 'custom-out', await bucketAndRole(rg.server.s3(), rg.iam, 'custom-out', 'custom-role'), {
      BufferingHints: { IntervalInSeconds: 1 }, Prefix: "data/!{timestamp:'year='yyyy}/r=!{firehose:random-string}/", ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/',
    });
    await fh.send(new PutRecordCommand({ DeliveryStreamName: 'custom', Record: { Data: Buffer.from('x') } }));
    const [key] = await waitFor('an object', async () => { const k = await keysIn(rg.server.s3(), 'custom-out'); return k.length ? k : undefined; });
    assert.match(key, new RegExp(`^data/year=${new Date().getUTCFullYear()}/r=[0-9a-f]{8}-[0-9a-f]{2}/custom-1-`));
  });

  it('a role that may not put delivers nothing and shows S3.AccessDenied; after PutRolePolicy every record arrives exactly once', async () => {
    const fh = rg.server.firehose();
    const role = await bucketAndRole(rg.server.s3(), rg.iam, 'denied-out', 'no-put-role', false);
    await createActive(fh, 'denied', 'denied-out', role, { BufferingHints: { IntervalInSeconds: 1 } });
    const sent: string[] = [];
    for (let i = 0; i < 4; i++) {
      const batch = records(25, `d${i}`);
      sent.push(...batch.map((r) => r.Data.toString()));
      await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'denied', Records: batch }));
    }
    const failure = await waitFor('a failure', async () => (await describeOf(fh, 'denied')).FailureDescription);
    assert.equal(failure.Type, 'UNKNOWN_ERROR');
    assert.match(failure.Details!, /^S3\.AccessDenied: Access was denied\. Ensure that the trust policy for the provided IAM role allows Firehose to assume the role, and the access policy allows access to the S3 bucket\./);
    assert.match(failure.Details!, /s3:PutObject/);
    assert.deepEqual(await keysIn(rg.server.s3(), 'denied-out'), []);
    // The decision log shows Firehose's session of the role being refused s3:PutObject.
    const denied = await decisions(rg.server.endpoint, `principal=${encodeURIComponent(`arn:aws:sts::${TEST_ACCOUNT}:assumed-role/no-put-role/AWSFirehoseDelivery`)}&action=s3:PutObject`);
    assert.ok(denied.length >= 1);
    assert.ok(denied.every((d) => d.result === 'ImplicitlyDenied'));
    assert.match(denied[0].resource, /^arn:aws:s3:::denied-out\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/denied-1-/);
    const assumed = await decisions(rg.server.endpoint, `principal=firehose.amazonaws.com&action=sts:AssumeRole`);
    assert.ok(assumed.some((d) => d.result === 'Allowed' && d.resource === role));
    // Retries keep the records; fixing the policy delivers them, each once.
    await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'denied', Records: records(5, 'late') }));
    sent.push(...records(5, 'late').map((r) => r.Data.toString()));
    await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'no-put-role', PolicyName: 'deliver', PolicyDocument: putObjectPolicy('denied-out') }));
    const all = await waitFor('every record', async () => {
      const b = await allBodies('denied-out');
      const text = [...b.values()].map((x) => x.toString()).join('');
      return text.length === sent.join('').length ? text : undefined;
    });
    const got = all.split(';').filter(Boolean).map((r) => `${r};`).sort();
    assert.deepEqual(got, [...sent].sort(), 'each acknowledged record exactly once');
    await waitFor('the failure to clear', async () => (await describeOf(fh, 'denied')).FailureDescription === undefined);
  });

  it('a role that does not trust firehose.amazonaws.com for this stream (aws:SourceArn) is refused at AssumeRole', async () => {
    const fh = rg.server.firehose();
    const role = await bucketAndRole(rg.server.s3(), rg.iam, 'trust-out', 'other-stream-role');
    await rg.iam.send(new UpdateAssumeRolePolicyCommand({
      RoleName: 'other-stream-role',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'firehose.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:firehose:us-east-1:${TEST_ACCOUNT}:deliverystream/elsewhere` } } }] }),
    }));
    await createActive(fh, 'untrusted', 'trust-out', role, { BufferingHints: { IntervalInSeconds: 1 } });
    await fh.send(new PutRecordCommand({ DeliveryStreamName: 'untrusted', Record: { Data: Buffer.from('x') } }));
    const failure = await waitFor('a failure', async () => (await describeOf(fh, 'untrusted')).FailureDescription);
    assert.match(failure.Details!, /^S3\.AccessDenied: .*sts:AssumeRole/);
    const refused = await decisions(rg.server.endpoint, `principal=firehose.amazonaws.com&action=sts:AssumeRole&result=Denied`);
    assert.ok(refused.some((d) => d.resource === role));
    assert.deepEqual(await keysIn(rg.server.s3(), 'trust-out'), []);
  });

  it('deleting a stream drops its buffered records: nothing is delivered after DeleteDeliveryStream', async () => {
    const fh = rg.server.firehose();
    await createActive(fh, 'dropped', 'dropped-out', await bucketAndRole(rg.server.s3(), rg.iam, 'dropped-out', 'dropped-role'), { BufferingHints: { IntervalInSeconds: 1 } });
    await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'dropped', Records: records(10, 'x') }));
    await fh.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'dropped' }));
    await new Promise((r) => setTimeout(r, 1_500));
    assert.deepEqual(await keysIn(rg.server.s3(), 'dropped-out'), []);
  });
});

/** Credentials of a session of `role` (root may not assume roles: an IAM user allowed sts:AssumeRole does). */
async function sessionOf(role: string, sessionName: string) {
  const user = `assumer-${role}`;
  await rg.iam.send(new CreateUserCommand({ UserName: user }));
  await rg.iam.send(new PutUserPolicyCommand({ UserName: user, PolicyName: 'assume', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn(role) }] }) }));
  const { AccessKey: k } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: user }));
  const sts = rg.server.sts({ accessKeyId: k!.AccessKeyId!, secretAccessKey: k!.SecretAccessKey! });
  const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn(role), RoleSessionName: sessionName }));
  return rg.server.firehose({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! });
}

describe("the seeds' event-stream role (firehose:PutRecordBatch and firehose:DescribeDeliveryStream on one stream)", () => {
  it('may put batches to and describe its stream, and is refused everything else with AccessDeniedException', async () => {
    const fh = rg.server.firehose();
    await createActive(fh, 'pinpoint-events', 'pp-out', await bucketAndRole(rg.server.s3(), rg.iam, 'pp-out', 'pp-delivery'));
    await createActive(fh, 'other', 'pp-out', roleArn('pp-delivery'));
    // The seed's permissions policy (shared/seeds/004), with this account's stream; trusted here by the account so the test can assume it.
    await rg.iam.send(new CreateRoleCommand({
      RoleName: 'pinpoint-events-role',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }),
    }));
    await rg.iam.send(new PutRolePolicyCommand({
      RoleName: 'pinpoint-events-role', PolicyName: 'events',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: ['firehose:PutRecordBatch', 'firehose:DescribeDeliveryStream'], Resource: [`arn:aws:firehose:us-east-1:${TEST_ACCOUNT}:deliverystream/pinpoint-events`] } }),
    }));
    const asRole = await sessionOf('pinpoint-events-role', 'pinpoint');
    assert.equal((await asRole.send(new PutRecordBatchCommand({ DeliveryStreamName: 'pinpoint-events', Records: records(2, 'e') }))).FailedPutCount, 0);
    assert.equal((await asRole.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'pinpoint-events' }))).DeliveryStreamDescription?.DeliveryStreamStatus, 'ACTIVE');
    const session = `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/pinpoint-events-role/pinpoint`;
    await rejectsWith(asRole.send(new PutRecordCommand({ DeliveryStreamName: 'pinpoint-events', Record: { Data: Buffer.from('x') } })), 'AccessDeniedException', 400,
      `User: ${session} is not authorized to perform: firehose:PutRecord on resource: arn:aws:firehose:us-east-1:${TEST_ACCOUNT}:deliverystream/pinpoint-events because no identity-based policy allows the firehose:PutRecord action`);
    await rejectsWith(asRole.send(new PutRecordBatchCommand({ DeliveryStreamName: 'other', Records: records(1, 'x') })), 'AccessDeniedException', 400, /firehose:PutRecordBatch on resource: .*deliverystream\/other/);
    await rejectsWith(asRole.send(new ListDeliveryStreamsCommand({})), 'AccessDeniedException', 400, /firehose:ListDeliveryStreams on resource: \*/);
    await rejectsWith(asRole.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'pinpoint-events' })), 'AccessDeniedException', 400, /firehose:DeleteDeliveryStream/);
  });

  it('decides aws:ResourceTag from the stream’s tags and aws:RequestTag from the tags a call sets', async () => {
    const fh = rg.server.firehose();
    await rg.iam.send(new CreateRoleCommand({
      RoleName: 'tag-scoped',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }),
    }));
    await rg.iam.send(new PutRolePolicyCommand({
      RoleName: 'tag-scoped', PolicyName: 'tags',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [
        { Effect: 'Allow', Action: 'firehose:DescribeDeliveryStream', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'data' } } },
        { Effect: 'Allow', Action: 'firehose:CreateDeliveryStream', Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/team': 'data' } } },
      ] }),
    }));
    const asRole = await sessionOf('tag-scoped', 'tags');
    const dest = { RoleARN: roleArn('x'), BucketARN: 'arn:aws:s3:::x' };
    await asRole.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'ours', ExtendedS3DestinationConfiguration: dest, Tags: [{ Key: 'team', Value: 'data' }] }));
    await rejectsWith(asRole.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'theirs', ExtendedS3DestinationConfiguration: dest, Tags: [{ Key: 'team', Value: 'web' }] })), 'AccessDeniedException', 400);
    await fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'untagged', ExtendedS3DestinationConfiguration: dest }));
    await asRole.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'ours' }));
    await rejectsWith(asRole.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'untagged' })), 'AccessDeniedException', 400);
  });
});

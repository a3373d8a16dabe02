// What the Firehose tests share: a server with short timings, a bucket and a delivery role, and
// waiting for a stream's state or a bucket's objects.
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { CreateRoleCommand, PutRolePolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, type CreateDeliveryStreamCommandInput, type FirehoseClient } from '@aws-sdk/client-firehose';
import { TEST_ACCOUNT, TEST_ROOT } from '../../support/server.js';

/** Short timings: streams are ACTIVE after 200 ms, DELETING for 200 ms, a failed delivery is retried after 100 ms. */
export const FAST_FIREHOSE: Record<string, string> = {
  ROLEGATE_JOB_POLL_MS: '20',
  ROLEGATE_FIREHOSE_CREATE_MS: '200',
  ROLEGATE_FIREHOSE_DELETE_MS: '200',
  ROLEGATE_FIREHOSE_RETRY_MS: '100',
};

export const roleArn = (name: string) => `arn:aws:iam::${TEST_ACCOUNT}:role/${name}`;

export const firehoseTrust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'firehose.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': TEST_ACCOUNT } } }],
});

export const putObjectPolicy = (bucket: string) => JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: `arn:aws:s3:::${bucket}/*` }],
});

/** A bucket and a role Firehose may assume that may (or, with `canPut: false`, may not) put objects in it. */
export async function bucketAndRole(s3: S3Client, iam: IAMClient, bucket: string, role: string, canPut = true): Promise<string> {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: firehoseTrust }));
  if (canPut) await iam.send(new PutRolePolicyCommand({ RoleName: role, PolicyName: 'deliver', PolicyDocument: putObjectPolicy(bucket) }));
  return roleArn(role);
}

export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function waitActive(fh: FirehoseClient, name: string): Promise<void> {
  await waitFor(`${name} to be ACTIVE`, async () => (await fh.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }))).DeliveryStreamDescription?.DeliveryStreamStatus === 'ACTIVE');
}

/** A DirectPut stream to `bucket` as `role`, waited for until ACTIVE. */
export async function createActive(fh: FirehoseClient, name: string, bucket: string, role: string, extra: Partial<NonNullable<CreateDeliveryStreamCommandInput['ExtendedS3DestinationConfiguration']>> = {}, input: Partial<CreateDeliveryStreamCommandInput> = {}): Promise<void> {
  await fh.send(new CreateDeliveryStreamCommand({
    DeliveryStreamName: name,
    ExtendedS3DestinationConfiguration: { RoleARN: role, BucketARN: `arn:aws:s3:::${bucket}`, ...extra },
    ...input,
  }));
  await waitActive(fh, name);
}

export async function keysIn(s3: S3Client, bucket: string): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (out.Contents ?? []).map((o) => o.Key!);
}

export async function body(s3: S3Client, bucket: string, key: string): Promise<Buffer> {
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

export const basic = 'Basic ' + Buffer.from(`${TEST_ROOT.accessKeyId}:${TEST_ROOT.secretAccessKey}`).toString('base64');

export interface LoggedDecision { requestId: string; result: string; principal: string; action: string; resource: string; message?: string }

/** The decision log, as the account's root reads it over /_rolegate/decisions. */
export async function decisions(endpoint: string, query: string): Promise<LoggedDecision[]> {
  const r = await fetch(`${endpoint}/_rolegate/decisions?${query}`, { headers: { authorization: basic } });
  if (r.status !== 200) throw new Error(`the decision log answered ${r.status}`);
  return (await r.json()).decisions as LoggedDecision[];
}

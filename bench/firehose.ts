// npm run bench:firehose — Firehose PutRecordBatch (500 records of 200 B) at 2 and 16 connections,
// signed and enforced (an IAM user allowed firehose:PutRecordBatch on the stream only), delivered
// to S3 as the stream's role: records/s acknowledged, objects/s and records/s delivered while the
// load runs, the delivery lag (acknowledged but not yet in S3) sampled as it runs, and how long the
// buffer takes to drain once the load stops. Each record is acknowledged only once committed to the
// durable buffer; every delivered object is read back by size against the bytes acknowledged.
// Environment: BENCH_SECONDS (default 5), BENCH_CONNECTIONS ("2,16"), BENCH_FIREHOSE_MB (the size
// hint, default 1), BENCH_FIREHOSE_INTERVAL (seconds, default 1).
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import autocannon from 'autocannon';
import { fmt, printTable, ROOT, startRolegate, type SignedRequest } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '2,16').split(',').map(Number);
const SIZE_MB = Number(process.env.BENCH_FIREHOSE_MB ?? 1);
const INTERVAL = Number(process.env.BENCH_FIREHOSE_INTERVAL ?? 1);
const ACCOUNT = '111122223333';
const RECORDS = 500;
const RECORD_BYTES = 200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function signedBatch(port: number, credentials: { accessKeyId: string; secretAccessKey: string }, stream: string): Promise<SignedRequest> {
  const records = Array.from({ length: RECORDS }, (_, i) => ({ Data: Buffer.from(`${String(i).padStart(4, '0')};`.padEnd(RECORD_BYTES, 'x')).toString('base64') }));
  const body = JSON.stringify({ DeliveryStreamName: stream, Records: records });
  const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'firehose', sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port, path: '/', query: {},
    headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Firehose_20150804.PutRecordBatch' }, body,
  });
  return { method: 'POST', path: '/', headers: signed.headers as Record<string, string>, body };
}

/** The load: the same signed batch again and again; answers requests/s, p99, and how many were acknowledged. */
async function load(port: number, connections: number, seconds: number, r: SignedRequest) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`, connections, duration: seconds, pipelining: 1,
    requests: [{ method: 'POST', path: r.path, headers: r.headers, body: r.body }],
  });
  return { rps: result.requests.average, p99: result.latency.p99, ok: result['2xx'], bad: result.non2xx + result.errors + result.timeouts };
}

/** Objects and bytes in the bucket (every object is read back by its listed size). */
async function delivered(s3: S3Client, bucket: string): Promise<{ objects: number; bytes: number }> {
  let objects = 0;
  let bytes = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const o of page.Contents ?? []) {
      objects++;
      bytes += o.Size ?? 0;
    }
    token = page.NextContinuationToken;
  } while (token);
  return { objects, bytes };
}

async function main() {
  const server = await startRolegate({ ROLEGATE_JOB_POLL_MS: '10', ROLEGATE_FIREHOSE_CREATE_MS: '0' });
  const endpoint = `http://127.0.0.1:${server.port}`;
  const config = { endpoint, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 };
  const iam = new IAMClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const fh = new FirehoseClient(config);
  const rows: string[][] = [];
  try {
    await iam.send(new CreateRoleCommand({
      RoleName: 'bench-delivery',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'firehose.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }] }),
    }));
    await iam.send(new CreateUserCommand({ UserName: 'bench-producer' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'bench-producer' }));
    const producer = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    for (const connections of CONNECTIONS) {
      const stream = `bench-${connections}`;
      const bucket = `bench-out-${connections}`;
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      await iam.send(new PutRolePolicyCommand({ RoleName: 'bench-delivery', PolicyName: bucket, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket}/*` }] }) }));
      await iam.send(new PutUserPolicyCommand({ UserName: 'bench-producer', PolicyName: stream, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'firehose:PutRecordBatch', Resource: `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/${stream}` }] }) }));
      await fh.send(new CreateDeliveryStreamCommand({
        DeliveryStreamName: stream,
        ExtendedS3DestinationConfiguration: { RoleARN: `arn:aws:iam::${ACCOUNT}:role/bench-delivery`, BucketARN: `arn:aws:s3:::${bucket}`, BufferingHints: { SizeInMBs: SIZE_MB, IntervalInSeconds: INTERVAL } },
      }));
      while ((await fh.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: stream }))).DeliveryStreamDescription?.DeliveryStreamStatus !== 'ACTIVE') await sleep(20);
      const request = await signedBatch(server.port, producer, stream);
      const check = await fetch(`${endpoint}/`, { method: 'POST', headers: request.headers, body: request.body });
      if (check.status !== 200) throw new Error(`PutRecordBatch answered ${check.status}: ${await check.text()}`);
      const batchBytes = RECORDS * RECORD_BYTES;

      // Sample the lag while the load runs: bytes acknowledged (from the requests answered) against bytes in S3.
      const lags: number[] = [];
      let sampling = true;
      const started = Date.now();
      const sampler = (async () => {
        while (sampling) {
          await sleep(500);
          const d = await delivered(s3, bucket);
          lags.push(d.bytes);
        }
      })();
      const m = await load(server.port, connections, SECONDS, request);
      const elapsed = (Date.now() - started) / 1000;
      sampling = false;
      await sampler;
      const during = await delivered(s3, bucket);
      const stoppedAt = Date.now();
      // Every request answered 200 is a batch acknowledged, and so was the check: wait for all of it in S3.
      const ackedBytes = (m.ok + 1) * batchBytes;
      let drained = during;
      while (drained.bytes < ackedBytes && Date.now() - stoppedAt < 60_000) {
        await sleep(50);
        drained = await delivered(s3, bucket);
      }
      const drainMs = Date.now() - stoppedAt;
      const ackRate = (m.ok * batchBytes) / elapsed;
      const meanLagMs = lags.length ? lags.map((bytes, i) => Math.max(0, ((i + 1) * 0.5 * ackRate - bytes) / ackRate) * 1000).reduce((a, b) => a + b, 0) / lags.length : 0;
      rows.push([
        String(connections), fmt(m.rps), fmt(m.rps * RECORDS), `${m.p99} ms`,
        fmt(during.objects / elapsed), fmt(during.bytes / RECORD_BYTES / elapsed), `${fmt(meanLagMs)} ms`, `${fmt(drainMs)} ms`,
        `${fmt(drained.bytes / RECORD_BYTES)} / ${fmt((m.ok + 1) * RECORDS)}`, String(m.bad),
      ]);
    }
  } finally {
    await server.stop();
  }
  console.log(`Firehose PutRecordBatch (${RECORDS} × ${RECORD_BYTES} B), signed and enforced, ${SECONDS} s per run; buffering ${SIZE_MB} MiB / ${INTERVAL} s; S3 destination as the stream's role.`);
  printTable(
    ['connections', 'batches/s', 'records/s acked', 'p99', 'objects/s delivered', 'records/s delivered', 'mean lag', 'drain after load', 'records in S3 / acked', 'non-2xx'],
    rows,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// npm run bench:pinpoint — Pinpoint's two heavy paths, each against a baseline measured in the
// same run on the same server:
//   1. Import: a generated CSV of BENCH_PINPOINT_ENDPOINTS endpoints (default 1,000,000) in S3,
//      imported by CreateImportJob through the seeds' import role (AmazonS3ReadOnlyAccess): wall
//      time from CreateImportJob to COMPLETED, and the server's peak RSS while it runs. Baseline:
//      the same object read whole through GetObject (the S3 read the import cannot be faster than).
//      Targets: ≤ 20 s, ≤ 256 MiB.
//   2. Events: PutEvents of 100 events (100 endpoints, one event each) at BENCH_CONNECTIONS
//      connections for BENCH_SECONDS, delivered to a Kinesis stream of 32 shards through the
//      seeds' event-stream role: events/s delivered, and the p99 from PutEvents' arrival
//      (the record's arrival_timestamp) to the record being read back by GetRecords. Baseline:
//      Kinesis PutRecords of 100 records straight to the same stream, records/s.
//      Targets: ≥ 20,000 events/s delivered, p99 ≤ 100 ms.
import { readFileSync } from 'node:fs';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateAppCommand, CreateImportJobCommand, GetImportJobCommand, PinpointClient, PutEventStreamCommand } from '@aws-sdk/client-pinpoint';
import { CreateStreamCommand, DescribeStreamSummaryCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand } from '@aws-sdk/client-kinesis';
import autocannon from 'autocannon';
import { fmt, printTable, ROOT, startRolegate, type SignedRequest } from './support.js';

const ENDPOINTS = Number(process.env.BENCH_PINPOINT_ENDPOINTS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const ACCOUNT = '111122223333';
const SHARDS = 32;
const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rss(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

function sampler(pid: number) {
  let peak = rss(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rss(pid))), 50);
  return { peak: () => Math.max(peak, rss(pid)), stop: () => clearInterval(timer) };
}

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

function csv(n: number): Buffer {
  const rows = ['Id,ChannelType,Address,User.UserId,Location.Country,Demographic.Platform,Attributes.plan,Metrics.visits'];
  for (let i = 0; i < n; i++) rows.push(`ep-${i},EMAIL,user${i}@example.com,user-${i},US,${i % 2 ? 'iOS' : 'Android'},plan-${i % 5},${i % 100}`);
  return Buffer.from(rows.join('\n'));
}

async function signed(port: number, service: string, path: string, headers: Record<string, string>, body: string): Promise<SignedRequest> {
  const signer = new SignatureV4({ credentials: ROOT, region: 'us-east-1', service, sha256: Sha256 });
  const s = await signer.sign({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port, path, query: {}, headers: { host: `127.0.0.1:${port}`, ...headers }, body });
  return { method: 'POST', path, headers: s.headers as Record<string, string>, body };
}

async function load(port: number, r: SignedRequest) {
  const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: SECONDS, requests: [{ method: 'POST', path: r.path, headers: r.headers, body: r.body }] });
  return { rps: result.requests.average, p99: result.latency.p99, ok: result['2xx'], bad: result.non2xx + result.errors + result.timeouts };
}

async function main() {
  const server = await startRolegate({ ROLEGATE_JOB_POLL_MS: '5' });
  const c = { endpoint: `http://127.0.0.1:${server.port}`, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 };
  const iam = new IAMClient(c);
  const s3 = new S3Client({ ...c, forcePathStyle: true });
  const pp = new PinpointClient(c);
  const kinesis = new KinesisClient(c);
  const rows: string[][] = [];
  let failed = false;
  try {
    // 1. Import.
    const role = (await iam.send(new CreateRoleCommand({ RoleName: 'PinpointSegmentImport', AssumeRolePolicyDocument: trust }))).Role!.Arn!;
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'PinpointSegmentImport', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'bench-imports' }));
    const file = csv(ENDPOINTS);
    await s3.send(new PutObjectCommand({ Bucket: 'bench-imports', Key: 'endpoints.csv', Body: file }));
    const readStart = performance.now();
    const got = await s3.send(new GetObjectCommand({ Bucket: 'bench-imports', Key: 'endpoints.csv' }));
    let read = 0;
    for await (const chunk of got.Body as AsyncIterable<Uint8Array>) read += chunk.length;
    const readMs = performance.now() - readStart;
    if (read !== file.length) throw new Error('the object came back changed');
    const app = (await pp.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'bench' } }))).ApplicationResponse!.Id!;
    const rssOf = sampler(server.pid!);
    const idle = rss(server.pid!);
    const t0 = performance.now();
    const jobId = (await pp.send(new CreateImportJobCommand({
      ApplicationId: app, ImportJobRequest: { S3Url: 's3://bench-imports/endpoints.csv', RoleArn: role, Format: 'CSV', DefineSegment: true, SegmentName: 'bench' },
    }))).ImportJobResponse!.Id!;
    let job;
    for (;;) {
      job = (await pp.send(new GetImportJobCommand({ ApplicationId: app, JobId: jobId }))).ImportJobResponse!;
      if (job.JobStatus === 'COMPLETED' || job.JobStatus === 'FAILED') break;
      await sleep(50);
    }
    const importMs = performance.now() - t0;
    rssOf.stop();
    const peak = rssOf.peak();
    if (job.JobStatus !== 'COMPLETED' || job.TotalProcessed !== ENDPOINTS || job.TotalFailures !== 0) {
      failed = true;
      console.error(`import ended ${job.JobStatus}: ${job.TotalProcessed} processed, ${job.TotalFailures} failed ${JSON.stringify(job.Failures?.slice(0, 3))}`);
    }
    rows.push(['import (CreateImportJob → COMPLETED)', `${fmt(ENDPOINTS)} endpoints, ${(file.length / MiB).toFixed(0)} MiB`, `${(importMs / 1000).toFixed(1)} s (${fmt(ENDPOINTS / (importMs / 1000))} endpoints/s)`,
      `${(importMs / readMs).toFixed(1)}× the GetObject of the file (${(readMs / 1000).toFixed(2)} s)`, `peak RSS ${(peak / MiB).toFixed(0)} MiB (idle ${(idle / MiB).toFixed(0)} MiB)`, '≤ 20 s, ≤ 256 MiB']);

    // 2. Events to Kinesis (BENCH_PINPOINT_ONLY=import skips it, to profile the import alone).
    if (process.env.BENCH_PINPOINT_ONLY === 'import') return;
    await kinesis.send(new CreateStreamCommand({ StreamName: 'bench-events', ShardCount: SHARDS }));
    while ((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'bench-events' }))).StreamDescriptionSummary!.StreamStatus !== 'ACTIVE') await sleep(100);
    const streamArn = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/bench-events`;
    const esRole = (await iam.send(new CreateRoleCommand({ RoleName: 'PinpointEventStreamRole', AssumeRolePolicyDocument: trust }))).Role!.Arn!;
    await iam.send(new PutRolePolicyCommand({ RoleName: 'PinpointEventStreamRole', PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: { Action: ['kinesis:PutRecords', 'kinesis:DescribeStream'], Effect: 'Allow', Resource: [streamArn] } }) }));
    const eventsApp = (await pp.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'events' } }))).ApplicationResponse!.Id!;
    await pp.send(new PutEventStreamCommand({ ApplicationId: eventsApp, WriteEventStream: { DestinationStreamArn: streamArn, RoleArn: esRole } }));

    // The reader: every shard polled from the start; each record's latency is read time − arrival.
    const shards = (await kinesis.send(new ListShardsCommand({ StreamName: 'bench-events' }))).Shards!.map((s) => s.ShardId!);
    let reading = true;
    let readCount = 0;
    const latencies: number[] = [];
    const readers = shards.map(async (ShardId) => {
      let it = (await kinesis.send(new GetShardIteratorCommand({ StreamName: 'bench-events', ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
      while (reading && it) {
        const r = await kinesis.send(new GetRecordsCommand({ ShardIterator: it, Limit: 10_000 }));
        const now = Date.now();
        for (const rec of r.Records ?? []) {
          const e = JSON.parse(Buffer.from(rec.Data!).toString('utf8')) as { arrival_timestamp: number };
          latencies.push(now - e.arrival_timestamp);
          readCount++;
        }
        it = r.NextShardIterator;
        if (!r.Records?.length) await sleep(25);
      }
    });
    const Events = (i: number) => ({ [`ev-${i}`]: { EventType: 'bench.event', Timestamp: new Date().toISOString(), Attributes: { i: String(i) } } });
    const BatchItem = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`endpoint-${i}`, { Endpoint: {}, Events: Events(i) }]));
    const putEvents = await signed(server.port, 'mobiletargeting', `/v1/apps/${eventsApp}/events`, { 'content-type': 'application/json' }, JSON.stringify({ BatchItem }));
    const eventsStart = Date.now();
    const ev = await load(server.port, putEvents);
    const accepted = ev.ok * 100;
    while (readCount < accepted && Date.now() - eventsStart < (SECONDS + 60) * 1000) await sleep(20);
    const deliveredMs = Date.now() - eventsStart;
    reading = false;
    await Promise.all(readers);
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? NaN;
    if (readCount < accepted) {
      failed = true;
      console.error(`delivered ${readCount} of ${accepted} accepted events`);
    }
    const records = Array.from({ length: 100 }, (_, i) => ({ Data: Buffer.from(`{"i":${i}}`).toString('base64'), PartitionKey: `endpoint-${i}` }));
    const putRecords = await signed(server.port, 'kinesis', '/', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.PutRecords' }, JSON.stringify({ StreamName: 'bench-events', Records: records }));
    const base = await load(server.port, putRecords);
    const deliveredRate = readCount / (deliveredMs / 1000);
    rows.push(['PutEvents → Kinesis (100 events a call)', `${CONNECTIONS} connections, ${SECONDS} s`, `${fmt(deliveredRate)} events/s delivered (${fmt(ev.rps * 100)} accepted/s, ${ev.bad} refused)`,
      `${(deliveredRate / (base.rps * 100)).toFixed(2)}× Kinesis PutRecords of 100 (${fmt(base.rps * 100)} records/s)`, `p99 arrival → readable ${p99} ms`, '≥ 20,000 events/s, p99 ≤ 100 ms']);
  } finally {
    await server.stop();
    printTable(['case', 'size', 'result', 'vs baseline (same run)', 'latency / memory', 'target'], rows);
  }
  if (failed) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

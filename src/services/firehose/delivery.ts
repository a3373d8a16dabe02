// Firehose's delivery of one stream, as a job step (registered in src/server/job-kinds.ts): it
// reads the Kinesis source when there is one, plans the next batch once the buffer reaches the
// size hint or its oldest record the interval, and writes the batch to S3 as the destination's
// role — assumed as firehose.amazonaws.com with aws:SourceAccount and aws:SourceArn = the stream —
// through the one authorize path. Exactly once: a batch's bucket, key, compression and records are
// committed before its PutObject, and it leaves the buffer in the commit that marks it delivered,
// so a crash between the two puts the same object under the same key again. A step never waits:
// it answers when it wants to run next (runAt), and PutRecord(Batch) wakes it sooner.
import { randomUUID, createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Acting } from '../../shared/acting.js';
import { defaultServiceSettings, type ServiceSettings } from '../../shared/service-settings.js';
import type { DeliveryBatch, DeliveryStreamRecord, Store } from '../../store/types.js';
import { deliveryFailure } from './failures.js';
import { objectKey } from './keys.js';
import { readSource, SESSION_NAME } from './kinesis-source.js';
import { bucketOf, destinationOf, MiB } from './streams.js';

export const DELIVERY_JOB_KIND = 'firehose.delivery';

/** The delivery job of a stream: one per stream made, its id derived from the stream's. */
export const deliveryJobId = (streamId: string) => `firehose-delivery-${streamId}`;

/** A delivery job is never given up on for its failures; they are the stream's, shown by DescribeDeliveryStream. */
export const DELIVERY_MAX_ATTEMPTS = 1_000_000;

export interface DeliveryInput {
  streamId: string;
}

export interface DeliveryDeps {
  store: Store;
  acting: Acting;
  settings?: ServiceSettings;
  /** The runner's clock, milliseconds since the epoch. */
  now: number;
}

export interface DeliveryStepResult {
  checkpoint: null;
  progress?: Record<string, number>;
  done: boolean;
  runAt?: number;
}

/** Records read per store call while a batch is planned. */
const PLAN_PAGE = 2_000;

/**
 * "When data delivery to the destination falls behind data writing to the Firehose stream,
 * Firehose raises the buffer size dynamically" (Developer Guide, "Data Delivery Frequency"): with
 * more than BEHIND size hints buffered, a batch takes up to RAISED hints, and never more than the
 * largest hint S3 allows.
 */
const BEHIND = 2;
const RAISED = 32;
const LARGEST_HINT = 128 * MiB;

/** Compresses off the event loop (libuv's thread pool), so a large object does not hold up requests. */
const gzipped = promisify(gzip);

const later = (runAt: number, progress?: Record<string, number>): DeliveryStepResult => ({ checkpoint: null, done: false, runAt, ...(progress ? { progress } : {}) });

/** 11 characters, as the guide's example of !{firehose:random-string} (046b6c7f-0b), derived from the batch so a plan is reproducible from its seed. */
function randomStrings(seed: string): () => string {
  let n = 0;
  return () => {
    const h = createHash('sha256').update(`${seed}:${n++}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 10)}`;
  };
}

/** The next batch when the buffer is due: up to the size hint of the oldest records, at least one. */
async function planNext(store: Store, stream: DeliveryStreamRecord, now: number): Promise<DeliveryBatch | { wakeAt: number }> {
  const d = destinationOf(stream);
  const sizeBytes = (d.BufferingHints.SizeInMBs ?? 5) * MiB;
  const intervalMs = (d.BufferingHints.IntervalInSeconds ?? 300) * 1000;
  const state = await store.firehose.state(stream.id);
  if (!state || state.bufferedRecords === 0) return { wakeAt: now + Math.max(intervalMs, 1_000) };
  const [first] = await store.firehose.scan(stream.id, undefined, 1);
  if (!first) return { wakeAt: now + Math.max(intervalMs, 1_000) };
  if (state.bufferedBytes < sizeBytes && now < first.arrivedAt + intervalMs) return { wakeAt: first.arrivedAt + intervalMs };
  const limit = state.bufferedBytes > BEHIND * sizeBytes ? Math.max(sizeBytes, Math.min(state.bufferedBytes, RAISED * sizeBytes, LARGEST_HINT)) : sizeBytes;
  let bytes = 0;
  let records = 0;
  let oldest = first.arrivedAt;
  let lastSeq = first.seq;
  let after: number | undefined;
  outer: for (;;) {
    const page = await store.firehose.scan(stream.id, after, PLAN_PAGE);
    for (const r of page) {
      if (records > 0 && bytes + r.size > limit) break outer;
      bytes += r.size;
      records++;
      lastSeq = r.seq;
      if (r.arrivedAt < oldest) oldest = r.arrivedAt;
    }
    if (page.length < PLAN_PAGE) break;
    after = page[page.length - 1].seq;
  }
  const uuid = randomUUID();
  const key = objectKey(d, { streamName: stream.name, versionId: stream.versionId, oldestArrival: oldest, uuid, random: randomStrings(uuid) });
  return {
    streamId: stream.id, batchId: first.seq, firstSeq: first.seq, lastSeq, records, bytes, oldestArrival: oldest,
    bucket: bucketOf(d.BucketARN), key, compression: d.CompressionFormat === 'GZIP' ? 'GZIP' : 'UNCOMPRESSED', plannedAt: now,
  };
}

/** Puts the batch's object as the destination's role; a refusal is the error thrown. */
async function put(deps: DeliveryDeps, stream: DeliveryStreamRecord, batch: DeliveryBatch): Promise<void> {
  const parts = await deps.store.firehose.read(stream.id, batch.firstSeq, batch.lastSeq);
  // Firehose concatenates records without delimiters (Developer Guide, "Data Delivery Format").
  const raw = Buffer.concat(parts);
  const body = batch.compression === 'GZIP' ? await gzipped(raw) : raw;
  const session = await deps.acting.assumeRoleAsService({
    service: 'firehose.amazonaws.com', roleArn: destinationOf(stream).RoleARN, sessionName: SESSION_NAME,
    sourceAccount: stream.accountId, sourceArn: stream.arn,
  });
  await deps.acting.call(session.caller, 's3', 'PutObject', { Bucket: batch.bucket, Key: batch.key, Body: body, ContentLength: body.length });
}

/** One step of a stream's delivery. */
export async function deliveryStep(input: DeliveryInput, deps: DeliveryDeps): Promise<DeliveryStepResult> {
  const { store, now } = deps;
  const settings = (deps.settings ?? defaultServiceSettings).firehose;
  const stream = await store.firehose.getById(input.streamId);
  if (!stream) return { checkpoint: null, done: true };
  if (stream.goneAt !== undefined) {
    if (now < stream.goneAt) return later(stream.goneAt);
    await store.firehose.remove(stream.id);
    return { checkpoint: null, done: true };
  }
  if (now < stream.activeAt) return later(stream.activeAt);
  let read = 0;
  let sourceWake = Number.MAX_SAFE_INTEGER;
  if (stream.type === 'KinesisStreamAsSource' && stream.source) {
    read = await readSource(stream, deps);
    sourceWake = now + settings.kinesisPollMs;
  }
  const progress: Record<string, number> = read ? { RecordsRead: read } : {};
  let batch = await store.firehose.pending(stream.id);
  if (batch) {
    // A batch that failed is tried again after the retry time, however often producers wake the job.
    const failure = (await store.firehose.state(stream.id))?.failure;
    if (failure && !failure.code.startsWith('Kinesis.') && now < failure.at + settings.retryMs) return later(Math.min(failure.at + settings.retryMs, sourceWake), read ? progress : undefined);
  } else {
    const next = await planNext(store, stream, now);
    if ('wakeAt' in next) return later(Math.min(next.wakeAt, sourceWake), read ? progress : undefined);
    if (!(await store.firehose.plan(next))) return later(now, progress);
    batch = next;
  }
  try {
    await put(deps, stream, batch);
  } catch (e) {
    const f = deliveryFailure(e);
    await store.firehose.fail(stream.id, { ...f, at: now });
    progress.FailedAttempts = 1;
    // S3: "Firehose keeps retrying for up to 24 hours … If data delivery fails for more than 24 hours, your data is lost."
    if (now - batch.oldestArrival >= settings.retryDurationMs) {
      await store.firehose.finish(stream.id, batch.batchId, 'dropped', now);
      progress.DroppedRecords = batch.records;
      return later(now, progress);
    }
    return later(Math.min(now + settings.retryMs, sourceWake), progress);
  }
  await store.firehose.finish(stream.id, batch.batchId, 'delivered', now);
  progress.DeliveredRecords = batch.records;
  progress.DeliveredObjects = 1;
  progress.DeliveredBytes = batch.bytes;
  // More may be due already: the job runs again at once, after the runner's other due jobs.
  return later(now, progress);
}

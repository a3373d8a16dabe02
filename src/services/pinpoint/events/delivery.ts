// Pinpoint's delivery of an app's outbox of events (appended by PutEvents) to its event stream, as
// a job step (registered in src/server/job-kinds.ts): the stream's role is assumed as
// pinpoint.amazonaws.com (aws:SourceAccount = the app's account, aws:SourceArn = the app's ARN), then
// Kinesis PutRecords or Firehose PutRecordBatch is called with that session through the one
// authorize path. Exactly once: the call runs inside the store transaction that acks the batch
// (Acting.transaction), so the records land in the stream in the same commit that takes them out
// of the outbox; any failure, a partial one included, rolls both back and the batch is tried again
// whole. A refused delivery keeps the events and records why (failEvents), shown by the admin route;
// the denied call itself is in the decision log.
import { createHash } from 'node:crypto';
import { AwsError } from '../../../protocol/errors.js';
import type { ActingCall } from '../../../shared/acting.js';
import type { Caller } from '../../../shared/caller.js';
import { defaultServiceSettings } from '../../../shared/service-settings.js';
import type { OutboxEvent, PinpointAppRecord, StoreTables } from '../../../store/types.js';
import { appArn, type PinpointJobDeps, type PinpointStepResult } from '../common.js';
import { destinationOf, eventStreamOf, type EventStreamData } from './stream.js';

export const EVENTS_JOB_KIND = 'pinpoint.events';
/** One delivery job per app, for the app's life: it waits (runAt) while the outbox is empty, and PutEvents hastens it. */
export const eventsJobId = (appId: string) => `pinpoint-events-${appId}`;
/** Never given up on for its failures; they are the app's, shown on the admin route. */
export const EVENTS_MAX_ATTEMPTS = 1_000_000;
export interface EventsDeliveryInput { appId: string }

/** The role session's name in the stream's account (and in the decision log). */
export const SESSION_NAME = 'AmazonPinpointEventStream';

const MiB = 1024 * 1024;
/** Kinesis PutRecords: up to 500 records and 5 MiB, partition keys included (Kinesis API Reference, PutRecords). */
const KINESIS_LIMITS = { records: 500, bytes: 5 * MiB };
/** Firehose PutRecordBatch: up to 500 records and 4 MiB (Firehose API Reference, PutRecordBatch). */
const FIREHOSE_LIMITS = { records: 500, bytes: 4 * MiB };
/** How long an empty outbox waits before looking again (PutEvents wakes it sooner). */
const IDLE_MS = 60_000;
/** A step delivers up to this many batches, for up to this long, before it hands the job back. */
const STEP_BATCHES = 20;
const STEP_BUDGET_MS = 500;

/** The common errors as Kinesis and Firehose clients read them (their API References' "Common Errors": AccessDeniedException, ValidationException). */
const JSON_CODES: Readonly<Record<string, string>> = { AccessDenied: 'AccessDeniedException', ValidationError: 'ValidationException' };

const later = (runAt: number, progress?: Record<string, number>): PinpointStepResult => ({ checkpoint: null, done: false, runAt, ...(progress ? { progress } : {}) });

/** A delivery the stream's service refused in part: the transaction rolls back and the batch is tried again whole. */
class PartialFailure extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** The stream changed (deleted, pointed elsewhere) between the role's assumption and the transaction. */
class StreamChanged extends Error {}

/** Kinesis partition keys are 1–256 Unicode characters: the event's endpoint id, hashed when longer. */
function partitionKeyOf(e: OutboxEvent): string {
  let id: unknown;
  try {
    id = (JSON.parse(e.data.toString('utf8')) as { client?: { client_id?: unknown } }).client?.client_id;
  } catch {
    id = undefined;
  }
  const key = typeof id === 'string' && id.length > 0 ? id : String(e.seq);
  return key.length <= 256 ? key : createHash('sha256').update(key).digest('hex');
}

/** The oldest events, up to the call's limits (at least one). */
function batchOf(events: readonly OutboxEvent[], limits: { records: number; bytes: number }, keyOf: (e: OutboxEvent) => string): { event: OutboxEvent; key: string }[] {
  const out: { event: OutboxEvent; key: string }[] = [];
  let bytes = 0;
  for (const event of events) {
    if (out.length >= limits.records) break;
    const key = keyOf(event);
    // One byte more than the bytes queued: the newline a Firehose record may be given (asFirehose).
    const size = event.data.length + Buffer.byteLength(key) + 1;
    if (out.length > 0 && bytes + size > limits.bytes) break;
    bytes += size;
    out.push({ event, key });
  }
  return out;
}

/**
 * Events queued for a stream of the other kind (PutEventStream changed it while they waited) are
 * given that kind's bytes: the JSON alone for Kinesis, the JSON and a newline for Firehose (./format.ts).
 */
const NL = 0x0a;
const asKinesis = (d: Buffer) => (d.length > 0 && d[d.length - 1] === NL ? d.subarray(0, d.length - 1) : d);
const asFirehose = (d: Buffer) => (d.length > 0 && d[d.length - 1] === NL ? d : Buffer.concat([d, Buffer.from('\n')]));

const sameStream = (a: EventStreamData | undefined, b: EventStreamData) => a?.DestinationStreamArn === b.DestinationStreamArn && a.RoleArn === b.RoleArn;

/** Inside the transaction: the batch put to the stream as the role's session, and acked. Answers the events delivered. */
async function deliverIn(
  tx: StoreTables, call: ActingCall, app: PinpointAppRecord, stream: EventStreamData, caller: Caller, signal: AbortSignal | undefined,
): Promise<number> {
  const fresh = await tx.pinpoint.getAppById(app.id);
  if (!fresh || !sameStream(eventStreamOf(fresh), stream)) throw new StreamChanged();
  const dest = destinationOf(stream.DestinationStreamArn);
  const limits = dest.kind === 'kinesis' ? KINESIS_LIMITS : FIREHOSE_LIMITS;
  const events = await tx.pinpoint.scanEvents(app.id, undefined, limits.records);
  if (events.length === 0) return 0;
  const batch = batchOf(events, limits, dest.kind === 'kinesis' ? partitionKeyOf : () => '');
  if (dest.kind === 'kinesis') {
    const out = await call<{ FailedRecordCount?: number; Records?: { ErrorCode?: string; ErrorMessage?: string }[] }>(caller, 'kinesis', 'PutRecords', {
      StreamARN: stream.DestinationStreamArn,
      Records: batch.map((b) => ({ Data: asKinesis(b.event.data), PartitionKey: b.key })),
    });
    if (out.FailedRecordCount) {
      const failed = out.Records?.find((r) => r.ErrorCode);
      throw new PartialFailure(failed?.ErrorCode ?? 'InternalFailure', `${out.FailedRecordCount} of ${batch.length} records were refused: ${failed?.ErrorMessage ?? ''}`);
    }
  } else {
    const out = await call<{ FailedPutCount?: number; RequestResponses?: { ErrorCode?: string; ErrorMessage?: string }[] }>(caller, 'firehose', 'PutRecordBatch', {
      DeliveryStreamName: dest.name,
      Records: batch.map((b) => ({ Data: asFirehose(b.event.data) })),
    });
    if (out.FailedPutCount) {
      const failed = out.RequestResponses?.find((r) => r.ErrorCode);
      throw new PartialFailure(failed?.ErrorCode ?? 'ServiceUnavailableException', `${out.FailedPutCount} of ${batch.length} records were refused: ${failed?.ErrorMessage ?? ''}`);
    }
  }
  // A step whose lease was lost may be running elsewhere: it must not commit.
  if (signal?.aborted) throw new StreamChanged();
  await tx.pinpoint.ackEvents(app.id, batch[batch.length - 1].event.seq);
  return batch.length;
}

/** One step of an app's delivery: one batch, or a wait. */
export async function eventsDeliveryStep(input: EventsDeliveryInput, deps: PinpointJobDeps): Promise<PinpointStepResult> {
  const { store, now } = deps;
  const settings = (deps.settings ?? defaultServiceSettings).pinpoint;
  const app = await store.pinpoint.getAppById(input.appId);
  if (!app) return { checkpoint: null, done: true };
  const stream = eventStreamOf(app);
  const state = await store.pinpoint.outboxState(app.id);
  if (!stream || !state || state.pending === 0) return later(now + IDLE_MS);
  // A refused delivery is tried again after the retry time, however often PutEvents wakes the job.
  if (state.failure && now < state.failure.at + settings.eventRetryMs) return later(state.failure.at + settings.eventRetryMs);
  let delivered: number;
  let stage: 'assume' | 'put' = 'assume';
  try {
    const session = await deps.acting.assumeRoleAsService({
      service: 'pinpoint.amazonaws.com', roleArn: stream.RoleArn, sessionName: SESSION_NAME,
      sourceAccount: app.accountId, sourceArn: appArn(app.region, app.accountId, app.id),
    });
    stage = 'put';
    // Batches follow one another with the same session while events wait, up to a step's budget:
    // the role is assumed and the job claimed once per step, not once per batch.
    delivered = 0;
    const started = Date.now();
    for (let i = 0; i < STEP_BATCHES && Date.now() - started < STEP_BUDGET_MS && !deps.signal?.aborted; i++) {
      const n = await deps.acting.transaction((tx, call) => deliverIn(tx, call, app, stream, session.caller, deps.signal));
      delivered += n;
      if (n === 0) break;
    }
  } catch (e) {
    if (e instanceof StreamChanged) return later(now);
    if (!(e instanceof AwsError) && !(e instanceof PartialFailure)) throw e;
    // STS answers its own codes (AccessDenied); Kinesis and Firehose, JSON services, their Exception-suffixed ones.
    const code = stage === 'put' ? JSON_CODES[e.code] ?? e.code : e.code;
    await store.pinpoint.failEvents(app.id, { code, message: e.message, at: now });
    return later(now + settings.eventRetryMs, { FailedAttempts: 1 });
  }
  // More may be waiting: the job runs again at once, after the runner's other due jobs.
  return later(delivered > 0 ? now : now + IDLE_MS, delivered > 0 ? { DeliveredEvents: delivered } : undefined);
}

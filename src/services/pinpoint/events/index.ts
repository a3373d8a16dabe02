// Pinpoint's events: PutEventStream, GetEventStream, DeleteEventStream (an app's one event stream,
// kept in its record as `data.eventStream`) and PutEvents (events validated by ./validate.ts, their
// endpoints updated through the endpoints model, and — when the app has a stream — the stream
// records of the accepted events appended to the app's outbox in the same transaction; the
// delivery job (./delivery.ts) takes them from there).
//
// PutEventStream checks the stream as the role, as AWS does: Pinpoint assumes the role and
// describes the stream with it, and refuses with BadRequestException when it cannot ("Destination
// stream validation failed", hashicorp/terraform-provider-aws #27096; the provider retries
// PutEventStream while the message says "make sure the IAM Role is configured correctly", for IAM's
// eventual consistency: internal/service/pinpoint/event_stream.go). The seeds' event-stream policy
// grants exactly kinesis:DescribeStream / firehose:DescribeDeliveryStream beside the put for this.
import type { Operations } from '../../../generated/pinpoint/operations.js';
import type { EndpointRequest, EndpointResponse, PublicEndpoint } from '../../../generated/pinpoint/shapes.js';
import { AwsError } from '../../../protocol/errors.js';
import type { PinpointAppRecord, StoreTables } from '../../../store/types.js';
import type { HandlerContext, ServiceHandlers } from '../../types.js';
import { appArn, badRequest, isoDate, notFound, payloadTooLarge, requireApp } from '../common.js';
import { applyEndpoints, endpointResponse, type EndpointData, type EndpointWrite } from '../endpoints/model.js';
import { EVENTS_JOB_KIND, EVENTS_MAX_ATTEMPTS, eventsJobId, SESSION_NAME } from './delivery.js';
import { eventStreamBytes } from './format.js';
import { destinationOf, eventStreamOf, eventStreamShape, MAX_STREAM_RECORD_BYTES, writeEventStreamProblem, type EventStreamData } from './stream.js';
import { checkPutEvents, eventsResponse, MAX_EVENT_BYTES, type CheckedBatch } from './validate.js';

const CONFIGURE = 'Please make sure the IAM Role is configured correctly.';

/** Pinpoint assumes the role and describes the stream with it: what it cannot do refuses the stream. */
async function checkAsRole(ctx: HandlerContext, app: PinpointAppRecord, dest: string, roleArn: string): Promise<void> {
  let session;
  try {
    session = await ctx.acting.assumeRoleAsService({
      service: 'pinpoint.amazonaws.com', roleArn, sessionName: SESSION_NAME,
      sourceAccount: app.accountId, sourceArn: appArn(app.region, app.accountId, app.id),
    });
  } catch (e) {
    if (!(e instanceof AwsError) || e.status >= 500) throw e;
    throw badRequest(ctx, `Destination stream validation failed: Amazon Pinpoint could not assume the role ${roleArn} (${e.code}: ${e.message}). ${CONFIGURE}`);
  }
  const d = destinationOf(dest);
  try {
    if (d.kind === 'kinesis') await ctx.acting.call(session.caller, 'kinesis', 'DescribeStream', { StreamARN: dest });
    // Firehose finds a stream by name in the caller's account and Region: another's is not there.
    else if (d.accountId !== session.caller.accountId || d.region !== ctx.region) throw new AwsError('ResourceNotFoundException', `Firehose ${d.name} under account ${d.accountId} not found.`);
    else await ctx.acting.call(session.caller, 'firehose', 'DescribeDeliveryStream', { DeliveryStreamName: d.name });
  } catch (e) {
    if (!(e instanceof AwsError) || e.status >= 500) throw e;
    throw badRequest(ctx, `Destination stream validation failed: the role ${roleArn} could not describe the stream ${dest} (${e.code}: ${e.message}). ${CONFIGURE}`);
  }
}

/** Reads the app and writes back what `change` makes of it, in one transaction (the stream's other writes with it). */
async function updateStream(
  ctx: HandlerContext, appId: string, change: (s: EventStreamData | undefined, app: PinpointAppRecord) => EventStreamData | undefined,
  alsoIn?: (tx: StoreTables, appId: string) => Promise<void>,
): Promise<{ before?: EventStreamData; after?: EventStreamData }> {
  return ctx.store.transaction(async (tx) => {
    const app = await tx.pinpoint.getApp(ctx.accountId, ctx.region, appId);
    if (!app) throw notFound(ctx);
    const before = eventStreamOf(app);
    const after = change(before, app);
    const data = { ...app.data };
    if (after) data.eventStream = after;
    else delete data.eventStream;
    await tx.pinpoint.putApp({ ...app, data });
    if (alsoIn) await alsoIn(tx, app.id);
    return { before, after };
  });
}

function refuseEvent(batches: CheckedBatch[], endpointId: string, eventId: string, problem: string): void {
  const e = batches.find((b) => b.endpointId === endpointId)?.events.find((x) => x.eventId === eventId);
  if (e) e.problem = problem;
}

const ensureDeliveryJob = (ctx: HandlerContext, appId: string) =>
  ctx.jobs.enqueue({ id: eventsJobId(appId), kind: EVENTS_JOB_KIND, accountId: ctx.accountId, input: { appId }, maxAttempts: EVENTS_MAX_ATTEMPTS });

export const handlers = {
  async PutEventStream(input, ctx) {
    const w = input.WriteEventStream;
    const problem = writeEventStreamProblem(w);
    if (problem) throw badRequest(ctx, problem);
    const app = await requireApp(ctx, input.ApplicationId);
    await checkAsRole(ctx, app, w.DestinationStreamArn, w.RoleArn);
    const stream: EventStreamData = {
      DestinationStreamArn: w.DestinationStreamArn, RoleArn: w.RoleArn, LastModifiedDate: isoDate(ctx.now.getTime()), LastUpdatedBy: ctx.caller.arn,
    };
    await updateStream(ctx, app.id, () => stream);
    // The app's delivery job exists from now on, so events PutEvents commits are never left without one.
    await ensureDeliveryJob(ctx, app.id);
    return { EventStream: eventStreamShape(app.id, stream) };
  },

  async GetEventStream(input, ctx) {
    const app = await requireApp(ctx, input.ApplicationId);
    const stream = eventStreamOf(app);
    if (!stream) throw notFound(ctx);
    return { EventStream: eventStreamShape(app.id, stream) };
  },

  async DeleteEventStream(input, ctx) {
    const { before } = await updateStream(ctx, input.ApplicationId, (s) => {
      if (!s) throw notFound(ctx);
      return undefined;
    }, async (tx, appId) => {
      // The events not yet delivered go with the stream: nothing is streamed for it any more.
      await tx.pinpoint.discardEvents(appId);
      await tx.pinpoint.failEvents(appId, undefined);
    });
    return { EventStream: eventStreamShape(input.ApplicationId, before!) };
  },

  async PutEvents(input, ctx) {
    const request = input.EventsRequest;
    const check = checkPutEvents(request, { bodyBytes: request === undefined ? 0 : Buffer.byteLength(JSON.stringify(request)) });
    if (!check.ok) throw check.problem.status === 413 ? payloadTooLarge(ctx, check.problem.message) : badRequest(ctx, check.problem.message);
    const nowMs = ctx.now.getTime();
    const writes: EndpointWrite[] = check.batches.filter((b) => b.endpointHasData).map((b) => ({ id: b.endpointId, request: b.endpoint as EndpointRequest }));
    // Endpoint updates and the events they come with land in one transaction; events alone are one
    // append, which commits together with the other requests' appends of the moment (group commit).
    const record = async (tx: StoreTables) => {
      const app = await tx.pinpoint.getApp(ctx.accountId, ctx.region, input.ApplicationId);
      if (!app) throw notFound(ctx);
      const applied = writes.length ? await applyEndpoints(tx, app, writes, nowMs, ctx.requestId, false) : { written: [], failed: [] };
      const problems = new Map(applied.failed.map((f) => [writes[f.index].id, f.message]));
      const stream = eventStreamOf(app);
      // Events that arrive with no stream configured are accepted and not kept.
      if (!stream || check.accepted.length === 0) return { problems, queued: 0, appId: app.id };
      const endpoints = new Map<string, EndpointResponse | PublicEndpoint>();
      for (const e of applied.written) endpoints.set(e.Id!, endpointResponse(app.id, e));
      const unknown = [...new Set(check.accepted.map((a) => a.endpointId))].filter((id) => !endpoints.has(id));
      if (unknown.length) for (const r of await tx.pinpoint.getEndpoints(app.id, unknown)) endpoints.set(r.id, endpointResponse(app.id, r.data as EndpointData));
      for (const b of check.batches) if (!endpoints.has(b.endpointId) && b.endpointHasData) endpoints.set(b.endpointId, b.endpoint);
      const kind = destinationOf(stream.DestinationStreamArn).kind;
      const records: { data: Buffer; arrivedAt: number }[] = [];
      for (const a of check.accepted) {
        const data = eventStreamBytes({ accountId: app.accountId, appId: app.id, endpointId: a.endpointId, endpoint: endpoints.get(a.endpointId), event: a.event, arrivalMs: nowMs }, kind);
        // An event the stream could never take is refused now, in its item, rather than kept to block the outbox.
        if (data.length > MAX_STREAM_RECORD_BYTES[kind]) refuseEvent(check.batches, a.endpointId, a.eventId, `Event size should be less than ${MAX_EVENT_BYTES / 1024} KB.`);
        else records.push({ data, arrivedAt: nowMs });
      }
      if (records.length === 0) return { problems, queued: 0, appId: app.id };
      const seqs = await tx.pinpoint.appendEvents(app.id, records);
      if (seqs === undefined) throw notFound(ctx);
      return { problems, queued: seqs.length, appId: app.id };
    };
    const { problems, queued, appId } = writes.length ? await ctx.store.transaction(record) : await record(ctx.store);
    if (queued > 0) {
      await ensureDeliveryJob(ctx, appId);
      await ctx.jobs.hasten(eventsJobId(appId), nowMs);
    }
    return { EventsResponse: eventsResponse(check.batches, problems) };
  },
} satisfies ServiceHandlers<Operations>;

// PutRecord and PutRecordBatch: records are acknowledged only once they are committed to the
// stream's durable buffer; then the stream's delivery job is woken for the interval (a first
// record in an empty buffer) or at once (the buffer reached the size hint). Record ids are
// opaque: the stream's id and the record's place in the buffer.
import { InvalidArgumentException } from '../../generated/firehose/errors.js';
import type { HandlerContext } from '../types.js';
import { DELIVERY_JOB_KIND, DELIVERY_MAX_ATTEMPTS, deliveryJobId } from './delivery.js';
import { destinationOf, MiB, notFound, requireStream } from './streams.js';

/** PutRecordBatch takes up to 500 records or 4 MiB per call, whichever is smaller (Firehose quotas; 500 is in the model). */
export const MAX_BATCH_BYTES = 4 * MiB;

export function recordId(streamId: string, seq: number): string {
  const b = Buffer.alloc(24);
  Buffer.from(streamId, 'hex').copy(b, 0, 0, 16);
  b.writeBigUInt64BE(BigInt(seq), 16);
  return b.toString('base64');
}

/** Makes sure the stream's delivery job exists (a crash right after CreateDeliveryStream may have left none). */
export async function ensureDeliveryJob(ctx: HandlerContext, streamId: string, runAt: number): Promise<void> {
  await ctx.jobs.enqueue({ id: deliveryJobId(streamId), kind: DELIVERY_JOB_KIND, accountId: ctx.accountId, input: { streamId }, runAt, maxAttempts: DELIVERY_MAX_ATTEMPTS });
}

export async function putRecords(ctx: HandlerContext, name: string, datas: readonly Uint8Array[]): Promise<{ ids: string[]; encrypted: boolean }> {
  const { stream, status } = await requireStream(ctx.store, ctx, name);
  if (stream.type === 'KinesisStreamAsSource') throw new InvalidArgumentException('This operation is not permitted on KinesisStreamAsSource delivery stream type.');
  // A stream takes records once ACTIVE; while CREATING or DELETING it is not there to put to.
  if (status !== 'ACTIVE') throw notFound(name, ctx.accountId);
  const now = ctx.now.getTime();
  const appended = await ctx.store.firehose.append(stream.id, datas.map((data) => ({ data, arrivedAt: now })));
  if (!appended) throw notFound(name, ctx.accountId);
  const hints = destinationOf(stream).BufferingHints;
  const jobId = deliveryJobId(stream.id);
  if (appended.bufferedBytes >= (hints.SizeInMBs ?? 5) * MiB) await ctx.jobs.hasten(jobId, now);
  else if (appended.bufferedRecords === datas.length) {
    const due = now + (hints.IntervalInSeconds ?? 300) * 1000;
    await ensureDeliveryJob(ctx, stream.id, due);
    await ctx.jobs.hasten(jobId, due);
  }
  return { ids: appended.seqs.map((seq) => recordId(stream.id, seq)), encrypted: stream.encryption.enabled };
}

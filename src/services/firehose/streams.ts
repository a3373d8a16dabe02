// Delivery streams as the handlers see them: the state derived from stored times (CREATING →
// ACTIVE, DELETING → gone; no timer moves a stream), lookups that answer AWS's
// ResourceNotFoundException, and the stream's ARN and destination.
import type { ExtendedS3DestinationDescription } from '../../generated/firehose/shapes.js';
import { ResourceInUseException, ResourceNotFoundException } from '../../generated/firehose/errors.js';
import type { DeliveryStreamRecord, StoreTables } from '../../store/types.js';
import type { HandlerContext } from '../types.js';

/** Firehose streams have one destination, under this id (as AWS names it). */
export const DESTINATION_ID = 'destinationId-000000000001';

export type StreamStatus = 'CREATING' | 'ACTIVE' | 'DELETING';

export const streamArn = (region: string, accountId: string, name: string) => `arn:aws:firehose:${region}:${accountId}:deliverystream/${name}`;

/** The stream's state at `now`, or undefined once a deleted stream is gone. */
export function statusOf(s: DeliveryStreamRecord, now: number): StreamStatus | undefined {
  if (s.goneAt !== undefined) return now >= s.goneAt ? undefined : 'DELETING';
  return now < s.activeAt ? 'CREATING' : 'ACTIVE';
}

export const notFound = (name: string, accountId: string) => new ResourceNotFoundException(`Firehose ${name} under account ${accountId} not found.`);

export const alreadyExists = (name: string, accountId: string) => new ResourceInUseException(`Firehose ${name} under accountId ${accountId} already exists`);

/** The caller's stream of that name in the request's region, with its state; ResourceNotFoundException when there is none. */
export async function requireStream(tables: Pick<StoreTables, 'firehose'>, ctx: HandlerContext, name: string): Promise<{ stream: DeliveryStreamRecord; status: StreamStatus }> {
  const stream = await tables.firehose.get(ctx.accountId, ctx.region, name);
  const status = stream && statusOf(stream, ctx.now.getTime());
  if (!stream || !status) throw notFound(name, ctx.accountId);
  return { stream, status };
}

export const destinationOf = (s: DeliveryStreamRecord) => s.destination as unknown as ExtendedS3DestinationDescription;

/** The bucket an S3 BucketARN names (`arn:aws:s3:::name`). */
export const bucketOf = (bucketArn: string) => bucketArn.slice(bucketArn.indexOf(':::') + 3);

export const MiB = 1024 * 1024;

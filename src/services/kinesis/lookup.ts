// Which stream a request names (StreamName, or StreamARN as the 2023 API allows, or both), the stream
// as stored with its state at the request's time, and the state each kind of operation needs.
import type { ShardRecord, StreamRecord } from '../../store/types.js';
import { parseStreamArn, streamArn, type StreamName } from '../../shared/kinesis-names.js';
import type { HandlerContext } from '../types.js';
import { invalidArgument, streamNotActive, streamNotFound } from './errors.js';
import { shardExists, shardExpired, streamStatus, type StreamStatus } from './state.js';

export interface StreamInput { StreamName?: string; StreamARN?: string }

export const PARTITION = 'aws';

/** The stream the input names: in the StreamARN's account (another account's, with its resource policy's consent), in this Region. */
export function streamNamed(ctx: HandlerContext, input: StreamInput): StreamName {
  if (input.StreamARN !== undefined) {
    const arn = parseStreamArn(input.StreamARN);
    if (!arn) throw invalidArgument(`StreamARN ${input.StreamARN} is not the ARN of a stream.`);
    if (input.StreamName !== undefined && input.StreamName !== arn.name) {
      throw invalidArgument(`StreamName ${input.StreamName} and StreamARN ${input.StreamARN} do not name the same stream.`);
    }
    // A stream of another Region is not found at this Region's endpoint.
    if (arn.region !== ctx.region) throw streamNotFound(arn.name, arn.accountId);
    return arn;
  }
  if (input.StreamName === undefined) throw invalidArgument('Either StreamName or StreamARN should be provided.');
  return { partition: PARTITION, region: ctx.region, accountId: ctx.accountId, name: input.StreamName };
}

export interface Found {
  stream: StreamRecord;
  status: StreamStatus;
  arn: string;
}

export function found(stream: StreamRecord, status: StreamStatus): Found {
  return { stream, status, arn: streamArn({ partition: PARTITION, region: stream.region, accountId: stream.accountId, name: stream.name }) };
}

/** The stream in whatever state, but gone: ResourceNotFoundException. */
export async function findStream(ctx: HandlerContext, input: StreamInput): Promise<Found> {
  const n = streamNamed(ctx, input);
  return findByName(ctx, n);
}

export async function findByName(ctx: HandlerContext, n: { accountId: string; region: string; name: string }): Promise<Found> {
  const stream = await ctx.store.streams.get(n.accountId, n.region, n.name);
  const status = stream && streamStatus(stream, ctx.now.getTime());
  if (!stream || !status) throw streamNotFound(n.name, n.accountId);
  return found(stream, status);
}

/** For changes to the stream (resharding, retention, encryption …): ACTIVE, else ResourceInUseException. */
export async function activeStream(ctx: HandlerContext, input: StreamInput): Promise<Found> {
  const f = await findStream(ctx, input);
  if (f.status !== 'ACTIVE') throw streamNotActive(f.stream.name, f.stream.accountId, f.status);
  return f;
}

/** For reads and writes of records: ACTIVE or UPDATING; a stream CREATING or DELETING is not found, as Kinesis answers. */
export async function writableStream(ctx: HandlerContext, input: StreamInput): Promise<Found> {
  const f = await findStream(ctx, input);
  if (f.status !== 'ACTIVE' && f.status !== 'UPDATING') throw streamNotFound(f.stream.name, f.stream.accountId);
  return f;
}

/** The shards a listing shows at `now`: created, and not expired past retention. */
export async function listedShards(ctx: HandlerContext, stream: StreamRecord): Promise<ShardRecord[]> {
  const now = ctx.now.getTime();
  return (await ctx.store.streams.shards(stream.id)).filter((s) => shardExists(s, now) && !shardExpired(s, now, stream.retentionHours));
}

// Kinesis's tokens. Shard iterators: self-contained, so any node reads one without the store. Eight
// bytes of version, then the stream the iterator reads in the clear (account, Region, name: what the
// authorization map needs to name the resource without the key), then the position sealed with
// the server's key (src/auth/secrets.ts). The clear part is not trusted: the reader checks that the
// sealed stream id is the named stream's. ListShards' NextToken: the stream and the place in its
// shard list, not secret (the authorization map reads the stream from it, as the handler does).
import type { Sealer } from './sealing.js';
import type { ShardFilter } from '../generated/kinesis/shapes.js';

export interface IteratorPosition {
  accountId: string;
  region: string;
  streamName: string;
  /** The stream's id in the store: a stream made again under the same name has another. */
  streamId: number;
  shard: number;
  /** The counter of the next record to read. */
  from: number;
  /** Records that arrived before this time are not read (AT_TIMESTAMP); 0 otherwise. */
  notBefore: number;
  /** When the iterator was handed out: it expires 5 minutes later. */
  issuedAt: number;
}

const VERSION = Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]);

/** The stream an iterator says it reads, unverified (for authorization), or undefined when it is not one of ours. */
export function iteratorStream(iterator: string): { accountId: string; region: string; streamName: string } | undefined {
  const raw = Buffer.from(iterator, 'base64');
  if (raw.length < 10 || !raw.subarray(0, 8).equals(VERSION)) return undefined;
  const length = raw[8];
  if (raw.length < 9 + length) return undefined;
  const [accountId, region, streamName, ...rest] = raw.subarray(9, 9 + length).toString('utf8').split('/');
  if (rest.length || !accountId || !region || !streamName) return undefined;
  return { accountId, region, streamName };
}

export function encodeIterator(sealer: Sealer, p: IteratorPosition): string {
  const clear = Buffer.from(`${p.accountId}/${p.region}/${p.streamName}`, 'utf8');
  const sealed = sealer.seal(`${p.streamId}/${p.shard}/${p.from}/${p.notBefore}/${p.issuedAt}`);
  const body = Buffer.from(sealed.slice(sealed.indexOf('.') + 1), 'base64');
  return Buffer.concat([VERSION, Buffer.from([clear.length]), clear, body]).toString('base64');
}

/** The iterator's position, or undefined when it was not made by this server's key (or was altered). */
export function decodeIterator(sealer: Sealer, iterator: string): IteratorPosition | undefined {
  const named = iteratorStream(iterator);
  if (!named) return undefined;
  const raw = Buffer.from(iterator, 'base64');
  if (raw.toString('base64') !== iterator) return undefined;
  let plain: string;
  try {
    plain = sealer.open(`v1.${raw.subarray(9 + raw[8]).toString('base64')}`);
  } catch {
    return undefined;
  }
  const fields = plain.split('/').map(Number);
  if (fields.length !== 5 || !fields.every(Number.isSafeInteger)) return undefined;
  const [streamId, shard, from, notBefore, issuedAt] = fields;
  return { ...named, streamId, shard, from, notBefore, issuedAt };
}

/** What a ListShards NextToken carries: the stream (account, Region, name, id), the last shard listed, the filter, when it was handed out. */
export interface ListShardsToken { accountId: string; region: string; name: string; streamId: number; after: string; filter?: ShardFilter; issuedAt: number }

export function encodeListShardsToken(t: ListShardsToken): string {
  const f = t.filter && { ...t.filter, Timestamp: t.filter.Timestamp?.getTime() };
  return Buffer.from(JSON.stringify([t.accountId, t.region, t.name, t.streamId, t.after, t.issuedAt, f ?? null])).toString('base64url');
}

/** The token's contents, or undefined when it is not one this server hands out. */
export function decodeListShardsToken(token: string): ListShardsToken | undefined {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(v) || v.length !== 7) return undefined;
  const [accountId, region, name, streamId, after, issuedAt, f] = v as unknown[];
  if (typeof accountId !== 'string' || typeof region !== 'string' || typeof name !== 'string' || typeof streamId !== 'number' || typeof after !== 'string' || typeof issuedAt !== 'number') return undefined;
  const t: ListShardsToken = { accountId, region, name, streamId, after, issuedAt };
  if (f !== null && typeof f === 'object') {
    const raw = f as { Type?: unknown; ShardId?: unknown; Timestamp?: unknown };
    if (typeof raw.Type !== 'string') return undefined;
    t.filter = {
      Type: raw.Type as ShardFilter['Type'],
      ...(typeof raw.ShardId === 'string' ? { ShardId: raw.ShardId } : {}),
      ...(typeof raw.Timestamp === 'number' ? { Timestamp: new Date(raw.Timestamp) } : {}),
    };
  }
  return t;
}

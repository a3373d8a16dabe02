// Hash keys: a partition key's MD5 read as a 128-bit unsigned integer places a record in the shard
// whose HashKeyRange holds it (ExplicitHashKey gives the integer itself). For speed the hot path
// compares keys as 32 lower-case hex digits, which order as their numbers do.
import { hash } from 'node:crypto';

export const MAX_HASH_KEY = (1n << 128n) - 1n;

export const hex32 = (n: bigint): string => n.toString(16).padStart(32, '0');

/** The hash key of a partition key: the MD5 of its UTF-8, as 32 hex digits. */
export const partitionHashKey = (partitionKey: string): string => hash('md5', partitionKey, 'hex');

/** An ExplicitHashKey (decimal, the model's pattern) as 32 hex digits; undefined past 2^128 − 1. */
export function explicitHashKey(decimal: string): string | undefined {
  const n = BigInt(decimal);
  return n > MAX_HASH_KEY ? undefined : hex32(n);
}

/**
 * The whole key space in `count` ranges, as Kinesis lays out a new stream's shards: each starts at
 * i × ⌊2^128 / count⌋ and ends before the next; the last ends at 2^128 − 1.
 */
export function evenRanges(count: number): { start: bigint; end: bigint }[] {
  const width = (MAX_HASH_KEY + 1n) / BigInt(count);
  const out: { start: bigint; end: bigint }[] = [];
  for (let i = 0; i < count; i++) {
    const start = width * BigInt(i);
    out.push({ start, end: i === count - 1 ? MAX_HASH_KEY : start + width - 1n });
  }
  return out;
}

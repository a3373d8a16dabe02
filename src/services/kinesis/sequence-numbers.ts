// Sequence numbers: decimal strings of 56 digits, as Kinesis's look, that grow with each record of a
// shard and compare numerically. Their 47 hex digits are, in order: 2 | the shard's creation time in
// seconds (9) | the shard index's low digit (1) | the record's counter in the shard (16) | 00 | its
// arrival time in seconds (9) | the shard index (8) | 2. The counter comes before the time, so within a
// shard a later record's number is always larger; the shard's StartingSequenceNumber has counter 0
// and a closed shard's EndingSequenceNumber the largest counter.

/** The counter of a closed shard's EndingSequenceNumber: above any record's. */
const END_COUNTER = 0x7fffffffffffffffn;
const LOW = 2n * 16n ** 46n;
const HIGH = 3n * 16n ** 46n;

const seconds = (ms: number) => Math.floor(ms / 1000);

/** The digits that are the shard's: the leading and trailing 2, its creation time and its index. */
function shardBase(shardCreatedAt: number, shardIndex: number): bigint {
  return 2n * 16n ** 46n + BigInt(seconds(shardCreatedAt)) * 16n ** 37n + BigInt(shardIndex & 15) * 16n ** 36n + BigInt(shardIndex) * 16n + 2n;
}

/** The counter sits at hex digits 20–35 from the right, the time at 9–17. */
const COUNTER = 16n ** 20n;
const TIME = 16n ** 9n;

/** Each shard's digits by index, with the creation time they were worked out for; a PutRecords spreads its records over its shards, so one run's cache would miss on most. */
const bases = new Map<number, { createdAt: number; base: bigint }>();
const MAX_BASES = 4096;

function compose(shardCreatedAt: number, shardIndex: number, counter: number | bigint, at: number): string {
  let b = bases.get(shardIndex);
  if (b === undefined || b.createdAt !== shardCreatedAt) {
    if (bases.size >= MAX_BASES) bases.clear();
    b = { createdAt: shardCreatedAt, base: shardBase(shardCreatedAt, shardIndex) };
    bases.set(shardIndex, b);
  }
  return (b.base + BigInt(counter) * COUNTER + BigInt(seconds(at)) * TIME).toString();
}

/** A record's sequence number (counter ≥ 1). */
export const sequenceNumber = (shardCreatedAt: number, shardIndex: number, counter: number, arrival: number) =>
  compose(shardCreatedAt, shardIndex, counter, arrival);

export const startingSequenceNumber = (shardCreatedAt: number, shardIndex: number) => compose(shardCreatedAt, shardIndex, 0, shardCreatedAt);

export const endingSequenceNumber = (shardCreatedAt: number, shardIndex: number, closedAt: number) =>
  compose(shardCreatedAt, shardIndex, END_COUNTER, closedAt);

export interface ParsedSequenceNumber {
  shardCreatedSeconds: number;
  shardIndex: number;
  counter: bigint;
}

/** The parts of a sequence number this server handed out, or undefined. */
export function parseSequenceNumber(s: string): ParsedSequenceNumber | undefined {
  if (!/^[1-9]\d{0,128}$/.test(s)) return undefined;
  const n = BigInt(s);
  if (n < LOW || n >= HIGH) return undefined;
  const h = n.toString(16);
  if (h[46] !== '2' || h.slice(27, 29) !== '00') return undefined;
  const shardIndex = parseInt(h.slice(38, 46), 16);
  if (shardIndex > 0x7fffffff || (shardIndex & 15) !== parseInt(h[10], 16)) return undefined;
  return { shardCreatedSeconds: parseInt(h.slice(1, 10), 16), shardIndex, counter: BigInt(`0x${h.slice(11, 27)}`) };
}

export const createdSeconds = seconds;

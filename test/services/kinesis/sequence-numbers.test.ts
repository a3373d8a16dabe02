// Sequence numbers: 56 decimal digits as Kinesis's are, growing with each record of a shard, read
// back to the shard and counter they encode, and refused when this server did not make them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { endingSequenceNumber, parseSequenceNumber, sequenceNumber, startingSequenceNumber } from '../../../src/services/kinesis/sequence-numbers.js';

const T = Date.UTC(2026, 4, 1);

test('a sequence number is 56 decimal digits, as Kinesis\'s look', () => {
  for (const s of [startingSequenceNumber(T, 0), sequenceNumber(T, 7, 1, T + 5000), endingSequenceNumber(T, 2147483647, T + 9e9)]) assert.match(s, /^4\d{55}$|^[5-7]\d{55}$/);
});

test('within a shard, each record\'s number is larger than the one before, numerically, and between the shard\'s start and end', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 2 ** 40 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e9 }),
    (shard, counter, step, t1, t2) => {
      const a = BigInt(sequenceNumber(T, shard, counter, T + Math.max(t1, t2)));
      const b = BigInt(sequenceNumber(T, shard, counter + step, T + Math.min(t1, t2)));
      assert.ok(a < b, 'the counter decides, not the time');
      assert.ok(BigInt(startingSequenceNumber(T, shard)) < a);
      assert.ok(b < BigInt(endingSequenceNumber(T, shard, T)));
    }));
});

test('a sequence number reads back as its shard, the shard\'s creation second and the counter', () => {
  assert.deepEqual(parseSequenceNumber(sequenceNumber(T, 12, 345, T + 1)), { shardCreatedSeconds: T / 1000, shardIndex: 12, counter: 345n });
  assert.equal(parseSequenceNumber(endingSequenceNumber(T, 3, T))?.counter, 0x7fffffffffffffffn);
});

test('numbers this server did not hand out read as invalid', () => {
  for (const s of ['0', '1234', '49537279973004700513262647557344055618854783026326405120', '9'.repeat(56), '1'.repeat(129), '012']) {
    assert.equal(parseSequenceNumber(s), undefined, s);
  }
});

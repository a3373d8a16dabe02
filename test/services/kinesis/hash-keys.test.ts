// Hash keys: MD5 of the partition key as a 128-bit integer, ExplicitHashKey within 0 … 2^128 − 1, and
// a new stream's shards laid over the key space as Kinesis lays them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { evenRanges, explicitHashKey, hex32, MAX_HASH_KEY, partitionHashKey } from '../../../src/services/kinesis/hash-keys.js';

test('a partition key hashes to the MD5 of its UTF-8, compared as 32 hex digits in numeric order', () => {
  assert.equal(partitionHashKey('ünïcode'), createHash('md5').update(Buffer.from('ünïcode', 'utf8')).digest('hex'));
  assert.equal(BigInt('0x' + partitionHashKey('a')), BigInt('0x0cc175b9c0f1b6a831c399e269772661'));
  assert.ok(hex32(9n) < hex32(10n) && hex32(10n) < hex32(MAX_HASH_KEY));
});

test('an ExplicitHashKey past 2^128 − 1 is refused', () => {
  assert.equal(explicitHashKey(MAX_HASH_KEY.toString()), 'f'.repeat(32));
  assert.equal(explicitHashKey('0'), '0'.repeat(32));
  assert.equal(explicitHashKey((MAX_HASH_KEY + 1n).toString()), undefined);
});

test('three shards split the key space at multiples of ⌊2^128 / 3⌋, the last ending at 2^128 − 1, as Kinesis does', () => {
  assert.deepEqual(evenRanges(3).map((r) => [r.start.toString(), r.end.toString()]), [
    ['0', '113427455640312821154458202477256070484'],
    ['113427455640312821154458202477256070485', '226854911280625642308916404954512140969'],
    ['226854911280625642308916404954512140970', '340282366920938463463374607431768211455'],
  ]);
  for (const n of [1, 2, 7, 500]) {
    const rs = evenRanges(n);
    assert.equal(rs[0].start, 0n);
    assert.equal(rs[n - 1].end, MAX_HASH_KEY);
    for (let i = 1; i < n; i++) assert.equal(rs[i].start, rs[i - 1].end + 1n, 'no gap, no overlap');
  }
});

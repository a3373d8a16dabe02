// Shard iterators and ListShards tokens: an iterator names its stream in the clear (for the
// authorization map) and seals its position; one altered or sealed by another key does not open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createSealer } from '../../src/auth/secrets.js';
import { decodeIterator, decodeListShardsToken, encodeIterator, encodeListShardsToken, iteratorStream } from '../../src/shared/kinesis-tokens.js';

const sealer = createSealer(randomBytes(32));
const position = { accountId: '111122223333', region: 'us-east-1', streamName: 'events', streamId: 7, shard: 3, from: 42, notBefore: 0, issuedAt: 1_700_000_000_000 };

test('an iterator opens to the position it was made with, and names its stream without the key', () => {
  const it = encodeIterator(sealer, position);
  assert.match(it, /^AAAAAAAAAAE/, 'eight bytes of version first, as Kinesis\'s iterators begin');
  assert.deepEqual(decodeIterator(sealer, it), position);
  assert.deepEqual(iteratorStream(it), { accountId: '111122223333', region: 'us-east-1', streamName: 'events' });
  assert.ok(encodeIterator(sealer, { ...position, streamName: 'n'.repeat(128) }).length <= 512, 'within the model\'s 512 characters');
});

test('an iterator with its stream renamed, a byte changed, or sealed by another key does not open', () => {
  const it = encodeIterator(sealer, position);
  const raw = Buffer.from(it, 'base64');
  const changed = Buffer.from(raw);
  changed[changed.length - 3] ^= 1;
  assert.equal(decodeIterator(sealer, changed.toString('base64')), undefined);
  assert.equal(decodeIterator(createSealer(randomBytes(32)), it), undefined);
  assert.equal(decodeIterator(sealer, 'not-an-iterator'), undefined);
  // The clear part may be altered; the reader then finds the sealed stream id is not that stream's.
  const renamed = encodeIterator(sealer, { ...position, streamName: 'other' });
  assert.equal(decodeIterator(sealer, renamed)?.streamId, 7);
});

test('a ListShards token carries the stream, the place and the filter, and nothing else reads as one', () => {
  const t = { accountId: '111122223333', region: 'us-east-1', name: 's', streamId: 2, after: 'shardId-000000000004', filter: { Type: 'AT_TIMESTAMP' as const, Timestamp: new Date(5000) }, issuedAt: 9 };
  assert.deepEqual(decodeListShardsToken(encodeListShardsToken(t)), t);
  assert.equal(decodeListShardsToken('e30'), undefined);
  assert.equal(decodeListShardsToken('%%%'), undefined);
});

// Kinesis's resources as the engine sees them (src/authz/resolvers/kinesis.ts), on a real SQLite
// store, beyond test/authz/kinesis-map.test.ts: a call naming nothing, a consumer named by parts or
// by an ARN whose creation time is another's, a ResourceARN of either kind, the stored resource
// policy, and the tag maps a request carries (Kinesis API Reference: Tags is a map).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceMaps } from '../../../src/authz/map/index.js';
import { resolveEntry, type ResolveFacts } from '../../../src/authz/resolve.js';
import { A1, fixture, type Fixture } from '../authz-fixture.js';

const map = serviceMaps.kinesis;
const stream = (name: string) => `arn:aws:kinesis:us-east-1:${A1}:stream/${name}`;
const POLICY = '{"Version":"2012-10-17","Statement":[]}';
let f: Fixture;
let facts: ResolveFacts;

before(async () => {
  f = fixture();
  facts = { partition: 'aws', region: 'us-east-1', account: A1, caller: await f.user('kinesis-caller'), store: f.store };
  const base = { region: 'us-east-1', createdAt: 1, activeAt: 1, updatingUntil: 0, mode: 'PROVISIONED' as const, retentionHours: 24, encryption: 'NONE' as const, shardLevelMetrics: [], maxRecordSizeKiB: 1024, nextShardIndex: 1 };
  const shards = [{ index: 0, startingHashKey: '0', endingHashKey: '1', createdAt: 1 }];
  const s = (await f.store.streams.create({ ...base, accountId: A1, name: 'events', tags: { team: 'growth' }, policy: POLICY }, shards, 1))!;
  await f.store.streams.create({ ...base, accountId: A1, name: 'plain', tags: {} }, shards, 1);
  await f.store.streams.putConsumer({ streamId: s.id, name: 'app', createdAt: 1_700_000_000_000, activeAt: 0, tags: { c: 'd' } });
});
after(async () => {
  await f.close();
});

const resolve = async (op: string, input: Record<string, unknown>) => (await resolveEntry(map[op]!, input, facts))[0];

test('a stream without tags or policy gives none; one with a policy gives it under the stream\'s name', async () => {
  assert.deepEqual(await resolve('DescribeStream', { StreamName: 'plain' }), { action: 'kinesis:DescribeStream', resource: stream('plain'), resourceAccount: A1, context: {} });
  const events = await resolve('DescribeStream', { StreamName: 'events' });
  assert.deepEqual(events.policy, { id: `resource-policy:${stream('events')}`, document: POLICY });
  assert.deepEqual(await resolve('DescribeStream', {}), { action: 'kinesis:DescribeStream', resource: `arn:aws:kinesis:us-east-1:${A1}:stream/*`, resourceAccount: A1, context: {} }, 'a call naming no stream');
});

test('a consumer named without its stream or its name is any consumer; by parts but unknown, any creation time', async () => {
  const any = `arn:aws:kinesis:us-east-1:${A1}:stream/*/consumer/*`;
  assert.equal((await resolve('DescribeStreamConsumer', { StreamARN: stream('events') })).resource, any);
  assert.equal((await resolve('DescribeStreamConsumer', { ConsumerName: 'app' })).resource, any);
  const ghost = await resolve('DescribeStreamConsumer', { StreamARN: stream('events'), ConsumerName: 'ghost' });
  assert.deepEqual([ghost.resource, ghost.context], [`${stream('events')}/consumer/ghost:*`, {}]);
});

test('a consumer ARN with another creation time is not the stored consumer: no tags; an ARN that is no consumer\'s is decided as given', async () => {
  const other = await resolve('DescribeStreamConsumer', { ConsumerARN: `${stream('events')}/consumer/app:1700000001` });
  assert.equal(other.resource, `${stream('events')}/consumer/app:1700000001`);
  assert.deepEqual(other.context, {});
  const garbage = await resolve('DescribeStreamConsumer', { ConsumerARN: 'arn:aws:kinesis:nowhere' });
  assert.deepEqual([garbage.resource, garbage.resourceAccount], ['arn:aws:kinesis:nowhere', A1]);
});

test('ResourceARN names a consumer with its tags, a stream with its own, anything else as given, nothing as *', async () => {
  const consumer = await resolve('ListTagsForResource', { ResourceARN: `${stream('events')}/consumer/app:1700000000` });
  assert.deepEqual(consumer.context, { 'aws:ResourceTag/c': 'd' });
  const s = await resolve('ListTagsForResource', { ResourceARN: stream('events') });
  assert.deepEqual(s.context, { 'aws:ResourceTag/team': 'growth' });
  assert.equal((await resolve('ListTagsForResource', { ResourceARN: 'arn:aws:s3:::b' })).resource, 'arn:aws:s3:::b');
  assert.equal((await resolve('ListTagsForResource', {})).resource, '*');
});

test('only a map of tags supplies aws:RequestTag/* and aws:TagKeys; a list or null supplies none', async () => {
  for (const Tags of [null, ['team'], 'team=a']) {
    const r = await resolve('AddTagsToStream', { StreamName: 'plain', Tags });
    assert.deepEqual(r.context, {}, JSON.stringify(Tags));
  }
  const removed = await resolve('UntagResource', { ResourceARN: stream('plain'), TagKeys: ['a', 'b'] });
  assert.deepEqual(removed.context, { 'aws:TagKeys': ['a', 'b'] });
});

test('the account-wide operations are decided on *; registering a consumer with tags asks kinesis:TagResource too', async () => {
  for (const op of ['ListStreams', 'DescribeLimits', 'DescribeAccountSettings', 'UpdateAccountSettings']) {
    assert.deepEqual(await resolve(op, {}), { action: `kinesis:${op}`, resource: '*', resourceAccount: A1, context: {} }, op);
  }
  const tagged = await resolve('RegisterStreamConsumer', { StreamARN: stream('events'), ConsumerName: 'new', Tags: { k: 'v' } });
  assert.deepEqual(tagged.also, ['kinesis:TagResource']);
  assert.deepEqual(tagged.context, { 'aws:RequestTag/k': 'v', 'aws:TagKeys': ['k'], 'aws:ResourceTag/team': 'growth' });
  assert.equal((await resolve('RegisterStreamConsumer', { StreamARN: stream('events'), ConsumerName: 'new' })).also, undefined);
});

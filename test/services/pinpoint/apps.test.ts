// Pinpoint's projects through @aws-sdk/client-pinpoint against a started server: CreateApp, GetApp,
// GetApps (pages), DeleteApp, the application settings, and the tags of an app's ARN — with the
// errors Pinpoint answers (NotFoundException, BadRequestException, each with its RequestID).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAppCommand, DeleteAppCommand, GetAppCommand, GetApplicationSettingsCommand, GetAppsCommand, ListTagsForResourceCommand,
  TagResourceCommand, UntagResourceCommand, UpdateApplicationSettingsCommand, CreateSegmentCommand, GetSegmentCommand, UpdateSegmentCommand,
} from '@aws-sdk/client-pinpoint';
import { useRolegate, TEST_ACCOUNT } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const create = async (Name: string, tags?: Record<string, string>) =>
  (await rg.server.pinpoint().send(new CreateAppCommand({ CreateApplicationRequest: { Name, ...(tags ? { tags } : {}) } }))).ApplicationResponse!;

describe('CreateApp and GetApp', () => {
  it('makes a project with a 32-hex id, its ARN, name, tags and creation date, and reads it back', async () => {
    const before = Date.now();
    const app = await create('shop', { team: 'growth' });
    assert.match(app.Id!, /^[0-9a-f]{32}$/);
    assert.equal(app.Arn, `arn:aws:mobiletargeting:us-east-1:${TEST_ACCOUNT}:apps/${app.Id}`);
    assert.equal(app.Name, 'shop');
    assert.deepEqual(app.tags, { team: 'growth' });
    assert.ok(Date.parse(app.CreationDate!) >= before - 1000);
    const got = (await rg.server.pinpoint().send(new GetAppCommand({ ApplicationId: app.Id }))).ApplicationResponse!;
    assert.deepEqual(got, app);
  });

  it('answers NotFoundException with a RequestID for an app that does not exist', async () => {
    const err = await rejectsWith(rg.server.pinpoint().send(new GetAppCommand({ ApplicationId: '0123456789abcdef0123456789abcdef' })), 'NotFoundException', 404, 'Resource not found');
    assert.ok((err as unknown as { RequestID?: string }).RequestID);
  });

  it('refuses an empty name and reserved or too many tags, and makes nothing', async () => {
    const pp = rg.server.pinpoint();
    await rejectsWith(pp.send(new CreateAppCommand({ CreateApplicationRequest: { Name: '' } })), 'BadRequestException', 400);
    await rejectsWith(pp.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'a', tags: { 'aws:x': '1' } } })), 'BadRequestException', 400);
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    await rejectsWith(pp.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'a', tags: many } })), 'BadRequestException', 400);
    const apps = (await pp.send(new GetAppsCommand({}))).ApplicationsResponse!;
    assert.deepEqual(apps.Item, []);
  });
});

describe('GetApps', () => {
  it('pages through the projects with PageSize and Token', async () => {
    const made = new Set<string>();
    for (let i = 0; i < 5; i++) made.add((await create(`app-${i}`)).Id!);
    const pp = rg.server.pinpoint();
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = (await pp.send(new GetAppsCommand({ PageSize: '2', Token: token }))).ApplicationsResponse!;
      assert.ok(r.Item!.length <= 2);
      seen.push(...r.Item!.map((a) => a.Id!));
      token = r.NextToken;
      pages++;
    } while (token);
    assert.equal(pages, 3);
    assert.deepEqual(new Set(seen), made);
    assert.equal(seen.length, 5);
  });
});

describe('DeleteApp', () => {
  it('answers the deleted project, after which it is not found', async () => {
    const app = await create('gone');
    const pp = rg.server.pinpoint();
    const out = (await pp.send(new DeleteAppCommand({ ApplicationId: app.Id }))).ApplicationResponse!;
    assert.equal(out.Id, app.Id);
    assert.equal(out.Name, 'gone');
    await rejectsWith(pp.send(new GetAppCommand({ ApplicationId: app.Id })), 'NotFoundException', 404);
    await rejectsWith(pp.send(new DeleteAppCommand({ ApplicationId: app.Id })), 'NotFoundException', 404);
  });
});

describe('application settings', () => {
  it('start empty, and keep what UpdateApplicationSettings writes with a new LastModifiedDate', async () => {
    const app = await create('settings');
    const pp = rg.server.pinpoint();
    const first = (await pp.send(new GetApplicationSettingsCommand({ ApplicationId: app.Id }))).ApplicationSettingsResource!;
    assert.equal(first.ApplicationId, app.Id);
    assert.deepEqual(first.Limits, {});
    assert.deepEqual(first.QuietTime, {});
    assert.deepEqual(first.CampaignHook, {});
    assert.ok(first.LastModifiedDate);
    const updated = (await pp.send(new UpdateApplicationSettingsCommand({
      ApplicationId: app.Id,
      WriteApplicationSettingsRequest: { Limits: { Daily: 5, MessagesPerSecond: 50 }, QuietTime: { Start: '22:00', End: '07:30' } },
    }))).ApplicationSettingsResource!;
    assert.deepEqual(updated.Limits, { Daily: 5, MessagesPerSecond: 50 });
    assert.deepEqual(updated.QuietTime, { Start: '22:00', End: '07:30' });
    const again = (await pp.send(new GetApplicationSettingsCommand({ ApplicationId: app.Id }))).ApplicationSettingsResource!;
    assert.deepEqual(again, updated);
    await rejectsWith(pp.send(new UpdateApplicationSettingsCommand({
      ApplicationId: app.Id, WriteApplicationSettingsRequest: { QuietTime: { Start: '25:00' } },
    })), 'BadRequestException', 400);
  });
});

describe('tags of an app', () => {
  it('are added, listed and removed by the app’s ARN; another account’s or a malformed ARN is refused', async () => {
    const app = await create('tagged', { a: '1' });
    const pp = rg.server.pinpoint();
    await pp.send(new TagResourceCommand({ ResourceArn: app.Arn, TagsModel: { tags: { b: '2', a: 'one' } } }));
    assert.deepEqual((await pp.send(new ListTagsForResourceCommand({ ResourceArn: app.Arn }))).TagsModel!.tags, { a: 'one', b: '2' });
    await pp.send(new UntagResourceCommand({ ResourceArn: app.Arn, TagKeys: ['a'] }));
    assert.deepEqual((await pp.send(new ListTagsForResourceCommand({ ResourceArn: app.Arn }))).TagsModel!.tags, { b: '2' });
    assert.deepEqual((await pp.send(new GetAppCommand({ ApplicationId: app.Id }))).ApplicationResponse!.tags, { b: '2' });
    await rejectsWith(pp.send(new ListTagsForResourceCommand({ ResourceArn: `arn:aws:mobiletargeting:us-east-1:999988887777:apps/${app.Id}` })), 'NotFoundException', 404);
    await rejectsWith(pp.send(new ListTagsForResourceCommand({ ResourceArn: 'not-an-arn' })), 'BadRequestException', 400);
  });

  it('tags a segment\'s ARN: every version shows them, and GetSegment returns them', async () => {
    const pp = rg.server.pinpoint();
    const app = await create('segments');
    const seg = (await pp.send(new CreateSegmentCommand({ ApplicationId: app.Id, WriteSegmentRequest: { Name: 's', tags: { a: '1' }, Dimensions: { Demographic: { Platform: { Values: ['iOS'] } } } } }))).SegmentResponse!;
    await pp.send(new UpdateSegmentCommand({ ApplicationId: app.Id, SegmentId: seg.Id, WriteSegmentRequest: { Name: 's2' } }));
    await pp.send(new TagResourceCommand({ ResourceArn: seg.Arn, TagsModel: { tags: { b: '2' } } }));
    await pp.send(new UntagResourceCommand({ ResourceArn: seg.Arn, TagKeys: ['a'] }));
    assert.deepEqual((await pp.send(new ListTagsForResourceCommand({ ResourceArn: seg.Arn }))).TagsModel!.tags, { b: '2' });
    assert.deepEqual((await pp.send(new GetSegmentCommand({ ApplicationId: app.Id, SegmentId: seg.Id }))).SegmentResponse!.tags, { b: '2' });
    await rejectsWith(pp.send(new TagResourceCommand({ ResourceArn: seg.Arn, TagsModel: { tags: { 'aws:x': '1' } } })), 'BadRequestException', 400);
    await rejectsWith(pp.send(new ListTagsForResourceCommand({ ResourceArn: `${app.Arn}/segments/${'f'.repeat(32)}` })), 'NotFoundException', 404);
  });
});

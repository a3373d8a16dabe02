// Pinpoint's segments through @aws-sdk/client-pinpoint against a started server: CreateSegment,
// GetSegment, GetSegments (pages), UpdateSegment (a new version each time, every version kept),
// GetSegmentVersion, GetSegmentVersions (pages) and DeleteSegment — with AWS's validation
// (Dimensions or SegmentGroups, not both; Name; enums; source segments that exist; tag limits).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAppCommand, CreateSegmentCommand, DeleteSegmentCommand, GetSegmentCommand, GetSegmentsCommand, GetSegmentVersionCommand,
  GetSegmentVersionsCommand, UpdateSegmentCommand, type WriteSegmentRequest,
} from '@aws-sdk/client-pinpoint';
import { useRolegate, TEST_ACCOUNT } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const pp = () => rg.server.pinpoint();
const newApp = async () => (await pp().send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'shop' } }))).ApplicationResponse!.Id!;
const create = async (ApplicationId: string, w: WriteSegmentRequest) =>
  (await pp().send(new CreateSegmentCommand({ ApplicationId, WriteSegmentRequest: w }))).SegmentResponse!;
const segments = async (ApplicationId: string) => (await pp().send(new GetSegmentsCommand({ ApplicationId }))).SegmentsResponse!.Item!;
const MISSING = '0123456789abcdef0123456789abcdef';

const androidUsers: WriteSegmentRequest = {
  Name: 'android',
  Dimensions: {
    Demographic: { Platform: { DimensionType: 'INCLUSIVE', Values: ['android'] } },
    Attributes: { plan: { AttributeType: 'INCLUSIVE', Values: ['gold', 'silver'] } },
    Metrics: { visits: { ComparisonOperator: 'GREATER_THAN', Value: 3 } },
    Behavior: { Recency: { Duration: 'DAY_7', RecencyType: 'ACTIVE' } },
    Location: { Country: { Values: ['US'] }, GPSPoint: { Coordinates: { Latitude: 47.6, Longitude: -122.3 }, RangeInKilometers: 50 } },
  },
};

describe('CreateSegment and GetSegment', () => {
  it('makes a dimensional segment with a 32-hex id, its ARN, version 1, its dimensions and tags, and reads it back', async () => {
    const app = await newApp();
    const before = Date.now();
    const s = await create(app, { ...androidUsers, tags: { team: 'growth' } });
    assert.match(s.Id!, /^[0-9a-f]{32}$/);
    assert.equal(s.Arn, `arn:aws:mobiletargeting:us-east-1:${TEST_ACCOUNT}:apps/${app}/segments/${s.Id}`);
    assert.equal(s.ApplicationId, app);
    assert.equal(s.Name, 'android');
    assert.equal(s.SegmentType, 'DIMENSIONAL');
    assert.equal(s.Version, 1);
    assert.deepEqual(s.Dimensions, androidUsers.Dimensions);
    assert.equal(s.SegmentGroups, undefined);
    assert.equal(s.ImportDefinition, undefined);
    assert.deepEqual(s.tags, { team: 'growth' });
    assert.ok(Date.parse(s.CreationDate!) >= before - 1000);
    assert.equal(s.LastModifiedDate, s.CreationDate);
    const got = (await pp().send(new GetSegmentCommand({ ApplicationId: app, SegmentId: s.Id }))).SegmentResponse!;
    assert.deepEqual(got, s);
    assert.ok(!Object.keys(got).some((k) => k.startsWith('_')), 'no private keys are answered');
  });

  it('answers NotFoundException for an app or a segment that does not exist', async () => {
    await rejectsWith(pp().send(new CreateSegmentCommand({ ApplicationId: MISSING, WriteSegmentRequest: { Name: 'x' } })), 'NotFoundException', 404);
    const app = await newApp();
    const err = await rejectsWith(pp().send(new GetSegmentCommand({ ApplicationId: app, SegmentId: MISSING })), 'NotFoundException', 404);
    assert.ok((err as unknown as { RequestID?: string }).RequestID);
    await rejectsWith(pp().send(new UpdateSegmentCommand({ ApplicationId: app, SegmentId: MISSING, WriteSegmentRequest: { Name: 'x' } })), 'NotFoundException', 404);
    await rejectsWith(pp().send(new DeleteSegmentCommand({ ApplicationId: app, SegmentId: MISSING })), 'NotFoundException', 404);
    await rejectsWith(pp().send(new GetSegmentVersionsCommand({ ApplicationId: app, SegmentId: MISSING })), 'NotFoundException', 404);
  });

  it('refuses what AWS refuses, and writes nothing', async () => {
    const app = await newApp();
    const bad: WriteSegmentRequest[] = [
      { Dimensions: {} },
      { Name: '   ' },
      { Name: 'both', Dimensions: {}, SegmentGroups: { Groups: [] } },
      { Name: 'set', Dimensions: { Demographic: { Platform: { DimensionType: 'MAYBE' as never, Values: ['ios'] } } } },
      { Name: 'values', Dimensions: { Location: { Country: {} as never } } },
      { Name: 'attr', Dimensions: { Attributes: { a: { AttributeType: 'SOMETIMES' as never, Values: ['x'] } } } },
      { Name: 'before', Dimensions: { Attributes: { d: { AttributeType: 'BEFORE', Values: ['2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z'] } } } },
      { Name: 'between', Dimensions: { UserAttributes: { d: { AttributeType: 'BETWEEN', Values: ['2024-01-01T00:00:00Z'] } } } },
      { Name: 'dates', Dimensions: { Attributes: { d: { AttributeType: 'AFTER', Values: ['yesterday'] } } } },
      { Name: 'metric', Dimensions: { Metrics: { m: { ComparisonOperator: 'ABOUT', Value: 1 } } } },
      { Name: 'recency', Dimensions: { Behavior: { Recency: { Duration: 'DAY_90' as never, RecencyType: 'ACTIVE' } } } },
      { Name: 'gps', Dimensions: { Location: { GPSPoint: { Coordinates: { Latitude: 91, Longitude: 0 } } } } },
      { Name: 'include', SegmentGroups: { Include: 'SOME' as never, Groups: [] } },
      { Name: 'type', SegmentGroups: { Groups: [{ Type: 'SOME' as never }] } },
      { Name: 'tags', tags: { 'aws:owner': 'me' } },
      { Name: 'many', tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
      { Name: 'long', tags: { ['k'.repeat(129)]: 'v' } },
    ];
    for (const w of bad) {
      await rejectsWith(pp().send(new CreateSegmentCommand({ ApplicationId: app, WriteSegmentRequest: w })), 'BadRequestException', 400);
    }
    assert.deepEqual(await segments(app), []);
  });
});

describe('segment groups', () => {
  it('build on source segments that exist (the version too), and refuse one that does not', async () => {
    const app = await newApp();
    const base = await create(app, androidUsers);
    const grouped = await create(app, {
      Name: 'gold android',
      SegmentGroups: {
        Include: 'ALL',
        Groups: [{
          SourceSegments: [{ Id: base.Id!, Version: 1 }],
          SourceType: 'ANY',
          Type: 'ALL',
          Dimensions: [{ Attributes: { plan: { Values: ['gold'] } } }],
        }],
      },
    });
    assert.equal(grouped.SegmentType, 'DIMENSIONAL');
    assert.equal(grouped.Dimensions, undefined);
    assert.equal(grouped.SegmentGroups!.Groups![0].SourceSegments![0].Id, base.Id);
    const missing = { Name: 'orphan', SegmentGroups: { Groups: [{ SourceSegments: [{ Id: MISSING }] }] } };
    await rejectsWith(pp().send(new CreateSegmentCommand({ ApplicationId: app, WriteSegmentRequest: missing })), 'BadRequestException', 400, /Source segment not found/);
    const noVersion = { Name: 'v9', SegmentGroups: { Groups: [{ SourceSegments: [{ Id: base.Id!, Version: 9 }] }] } };
    await rejectsWith(pp().send(new CreateSegmentCommand({ ApplicationId: app, WriteSegmentRequest: noVersion })), 'BadRequestException', 400);
    const otherApp = await newApp();
    const elsewhere = { Name: 'x', SegmentGroups: { Groups: [{ SourceSegments: [{ Id: base.Id! }] }] } };
    await rejectsWith(pp().send(new CreateSegmentCommand({ ApplicationId: otherApp, WriteSegmentRequest: elsewhere })), 'BadRequestException', 400);
    assert.equal((await segments(app)).length, 2);
  });
});

describe('UpdateSegment and the versions', () => {
  it('makes a new version each time and keeps every one; tags on update are not processed', async () => {
    const app = await newApp();
    const v1 = await create(app, { ...androidUsers, tags: { team: 'growth' } });
    const v2 = (await pp().send(new UpdateSegmentCommand({
      ApplicationId: app, SegmentId: v1.Id,
      WriteSegmentRequest: { Name: 'ios', Dimensions: { Demographic: { Platform: { Values: ['ios'] } } }, tags: { other: 'x' } },
    }))).SegmentResponse!;
    assert.equal(v2.Id, v1.Id);
    assert.equal(v2.Version, 2);
    assert.equal(v2.Name, 'ios');
    assert.deepEqual(v2.Dimensions, { Demographic: { Platform: { Values: ['ios'] } } });
    assert.deepEqual(v2.tags, { team: 'growth' });
    assert.equal(v2.CreationDate, v1.CreationDate);
    assert.ok(Date.parse(v2.LastModifiedDate!) >= Date.parse(v1.LastModifiedDate!));
    // Only a name: the definition stays.
    const v3 = (await pp().send(new UpdateSegmentCommand({ ApplicationId: app, SegmentId: v1.Id, WriteSegmentRequest: { Name: 'ios users' } }))).SegmentResponse!;
    assert.equal(v3.Version, 3);
    assert.deepEqual(v3.Dimensions, v2.Dimensions);
    // Switching to segment groups drops the dimensions.
    const base = await create(app, { Name: 'everyone' });
    const v4 = (await pp().send(new UpdateSegmentCommand({
      ApplicationId: app, SegmentId: v1.Id, WriteSegmentRequest: { SegmentGroups: { Groups: [{ SourceSegments: [{ Id: base.Id! }] }] } },
    }))).SegmentResponse!;
    assert.equal(v4.Version, 4);
    assert.equal(v4.Dimensions, undefined);
    assert.equal(v4.Name, 'ios users');

    const latest = (await pp().send(new GetSegmentCommand({ ApplicationId: app, SegmentId: v1.Id }))).SegmentResponse!;
    assert.deepEqual(latest, v4);
    const first = (await pp().send(new GetSegmentVersionCommand({ ApplicationId: app, SegmentId: v1.Id, Version: '1' }))).SegmentResponse!;
    assert.deepEqual(first, v1);
    const second = (await pp().send(new GetSegmentVersionCommand({ ApplicationId: app, SegmentId: v1.Id, Version: '2' }))).SegmentResponse!;
    assert.deepEqual(second, v2);
    await rejectsWith(pp().send(new GetSegmentVersionCommand({ ApplicationId: app, SegmentId: v1.Id, Version: '5' })), 'NotFoundException', 404);
    await rejectsWith(pp().send(new GetSegmentVersionCommand({ ApplicationId: app, SegmentId: v1.Id, Version: 'latest' })), 'BadRequestException', 400);

    const seen: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = (await pp().send(new GetSegmentVersionsCommand({ ApplicationId: app, SegmentId: v1.Id, PageSize: '3', Token: token }))).SegmentsResponse!;
      assert.ok(r.Item!.length <= 3);
      seen.push(...r.Item!.map((s) => s.Version!));
      token = r.NextToken;
      pages++;
    } while (token);
    assert.deepEqual(seen, [1, 2, 3, 4]);
    assert.equal(pages, 2);
    // GetSegments lists each segment once, at its latest version.
    const listed = await segments(app);
    assert.equal(listed.length, 2);
    assert.equal(listed.find((s) => s.Id === v1.Id)!.Version, 4);
  });

  it('refuses a bad definition and keeps the segment as it was', async () => {
    const app = await newApp();
    const v1 = await create(app, androidUsers);
    for (const w of [
      { Name: '' },
      { Dimensions: {}, SegmentGroups: {} },
      { SegmentGroups: { Groups: [{ SourceSegments: [{ Id: MISSING }] }] } },
      { Dimensions: { Metrics: { m: { ComparisonOperator: 'EQUAL' } as never } } },
    ] as WriteSegmentRequest[]) {
      await rejectsWith(pp().send(new UpdateSegmentCommand({ ApplicationId: app, SegmentId: v1.Id, WriteSegmentRequest: w })), 'BadRequestException', 400);
    }
    const latest = (await pp().send(new GetSegmentCommand({ ApplicationId: app, SegmentId: v1.Id }))).SegmentResponse!;
    assert.deepEqual(latest, v1);
  });
});

describe('GetSegments', () => {
  it('pages through the project’s segments with PageSize and Token', async () => {
    const app = await newApp();
    const made = new Set<string>();
    for (let i = 0; i < 5; i++) made.add((await create(app, { Name: `s${i}` })).Id!);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = (await pp().send(new GetSegmentsCommand({ ApplicationId: app, PageSize: '2', Token: token }))).SegmentsResponse!;
      assert.ok(r.Item!.length <= 2);
      seen.push(...r.Item!.map((s) => s.Id!));
      token = r.NextToken;
      pages++;
    } while (token);
    assert.equal(pages, 3);
    assert.equal(seen.length, 5);
    assert.deepEqual(new Set(seen), made);
    await rejectsWith(pp().send(new GetSegmentsCommand({ ApplicationId: app, PageSize: '0' })), 'BadRequestException', 400);
    assert.deepEqual(await segments(await newApp()), [], 'another project has none');
  });
});

describe('DeleteSegment', () => {
  it('answers the latest version and removes every version', async () => {
    const app = await newApp();
    const s = await create(app, { Name: 'gone' });
    await pp().send(new UpdateSegmentCommand({ ApplicationId: app, SegmentId: s.Id, WriteSegmentRequest: { Name: 'gone twice' } }));
    const out = (await pp().send(new DeleteSegmentCommand({ ApplicationId: app, SegmentId: s.Id }))).SegmentResponse!;
    assert.equal(out.Id, s.Id);
    assert.equal(out.Version, 2);
    assert.equal(out.Name, 'gone twice');
    await rejectsWith(pp().send(new GetSegmentCommand({ ApplicationId: app, SegmentId: s.Id })), 'NotFoundException', 404);
    await rejectsWith(pp().send(new GetSegmentVersionCommand({ ApplicationId: app, SegmentId: s.Id, Version: '1' })), 'NotFoundException', 404);
    await rejectsWith(pp().send(new DeleteSegmentCommand({ ApplicationId: app, SegmentId: s.Id })), 'NotFoundException', 404);
    assert.deepEqual(await segments(app), []);
  });
});

// Which endpoints a segment selects (src/services/pinpoint/segments/resolve.ts) against a real
// SQLite store: each dimension against an endpoint, dimensional and imported segments in batches,
// segment groups over source segments (versions, missing sources, cycles) — and the segment
// handlers' rules for imported segments, member lists and concurrent updates, called directly.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../../src/store/sqlite/index.js';
import type { EndpointRecord, SegmentRecord, Store } from '../../../src/store/types.js';
import type { HandlerContext } from '../../../src/services/types.js';
import type { SegmentDimensions, SegmentGroupList } from '../../../src/generated/pinpoint/shapes.js';
import { endpointMatches, segmentEndpoints, segmentSize } from '../../../src/services/pinpoint/segments/resolve.js';
import { handlers } from '../../../src/services/pinpoint/segments/index.js';

const A1 = '111122223333';
const NOW = Date.parse('2026-06-15T12:00:00Z');
const DAY = 86_400_000;
let dir: string;
let store: Store;
let appN = 0;
let APP: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'rolegate-segment-resolve-'));
  store = openSqliteStore(join(dir, 'p.db'));
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  APP = (++appN).toString(16).padStart(32, 'a');
  await store.pinpoint.createApp({ id: APP, accountId: A1, region: 'us-east-1', createdAt: NOW, data: { Name: 'p', tags: {}, settings: {} } });
});

const ctx = () => ({ store, accountId: A1, region: 'us-east-1', requestId: 'req-1', now: new Date(NOW) }) as unknown as HandlerContext;

const endpoint = (id: string, data: Record<string, unknown> = {}): EndpointRecord => ({
  appId: APP, id, data: { Id: id, ChannelType: 'EMAIL', Address: `${id}@example.com`, EndpointStatus: 'ACTIVE', ...data },
});
const put = (...eps: EndpointRecord[]) => store.pinpoint.putEndpoints(eps);
const dimensional = (id: string, version: number, def: { Dimensions?: SegmentDimensions; SegmentGroups?: SegmentGroupList }): SegmentRecord =>
  ({ appId: APP, id, version, data: { Id: id, ApplicationId: APP, SegmentType: 'DIMENSIONAL', Version: version, Name: id, ...def } });
const imported = (id: string, list: string, version = 1): SegmentRecord => ({
  appId: APP, id, version,
  data: {
    Id: id, ApplicationId: APP, SegmentType: 'IMPORT', Version: version, Name: id, tags: {},
    ImportDefinition: { ExternalId: 'x', Format: 'CSV', RoleArn: `arn:aws:iam::${A1}:role/r`, S3Url: 's3://b/k', Size: 0 },
    _members: list,
  },
});
async function ids(s: SegmentRecord, batch = 500): Promise<string[]> {
  const out: string[] = [];
  for await (const b of segmentEndpoints(store, APP, s, NOW, batch)) {
    assert.ok(b.length > 0 && b.length <= batch, 'batches are non-empty and at most the batch size');
    out.push(...b.map((e) => e.id));
  }
  return out;
}

describe('endpointMatches', () => {
  const ep = {
    ChannelType: 'APNS',
    Demographic: { AppVersion: '2.0', Make: 'Apple', Model: 'iPhone', Platform: 'ios' },
    Location: { Country: 'US', Latitude: 47.6062, Longitude: -122.3321, City: 'Seattle' },
    Attributes: { plan: ['gold'], signup: ['2026-03-10T08:30:00Z'], tags: ['red-shoes', 'blue'] },
    User: { UserId: 'u1', UserAttributes: { tier: ['vip'] } },
    Metrics: { visits: 5 },
    EffectiveDate: new Date(NOW - 3 * DAY).toISOString(),
    EndpointStatus: 'INACTIVE',
  };
  const m = (d: SegmentDimensions) => endpointMatches(d, ep, NOW);

  it('selects every endpoint with no dimensions', () => {
    assert.equal(endpointMatches(undefined, ep, NOW), true);
    assert.equal(m({}), true);
  });

  it('matches set dimensions INCLUSIVE and EXCLUSIVE; Channel is the ChannelType; an endpoint has no DeviceType', () => {
    assert.equal(m({ Demographic: { Platform: { Values: ['ios', 'android'] } } }), true);
    assert.equal(m({ Demographic: { Platform: { DimensionType: 'EXCLUSIVE', Values: ['ios'] } } }), false);
    assert.equal(m({ Demographic: { AppVersion: { Values: ['1.0'] } } }), false);
    assert.equal(m({ Demographic: { Make: { Values: ['Apple'] }, Model: { Values: ['iPhone'] } } }), true);
    assert.equal(m({ Demographic: { Channel: { Values: ['APNS'] } } }), true);
    assert.equal(m({ Demographic: { Channel: { Values: ['EMAIL'] } } }), false);
    assert.equal(m({ Demographic: { DeviceType: { Values: ['PHONE'] } } }), false);
    assert.equal(m({ Demographic: { DeviceType: { DimensionType: 'EXCLUSIVE', Values: ['PHONE'] } } }), true);
    assert.equal(m({ Location: { Country: { Values: ['US'] } } }), true);
    assert.equal(endpointMatches({ Location: { Country: { DimensionType: 'EXCLUSIVE', Values: ['US'] } } }, {}, NOW), true, 'no country is not an excluded one');
  });

  it('matches attribute dimensions of each AttributeType, on Attributes and User.UserAttributes', () => {
    assert.equal(m({ Attributes: { plan: { Values: ['gold', 'silver'] } } }), true);
    assert.equal(m({ Attributes: { plan: { AttributeType: 'EXCLUSIVE', Values: ['gold'] } } }), false);
    assert.equal(m({ Attributes: { missing: { AttributeType: 'EXCLUSIVE', Values: ['gold'] } } }), true);
    assert.equal(m({ Attributes: { missing: { Values: ['gold'] } } }), false);
    assert.equal(m({ Attributes: { tags: { AttributeType: 'CONTAINS', Values: ['shoe'] } } }), true);
    assert.equal(m({ Attributes: { tags: { AttributeType: 'CONTAINS', Values: ['green'] } } }), false);
    assert.equal(m({ Attributes: { signup: { AttributeType: 'BEFORE', Values: ['2026-04-01T00:00:00Z'] } } }), true);
    assert.equal(m({ Attributes: { signup: { AttributeType: 'AFTER', Values: ['2026-04-01T00:00:00Z'] } } }), false);
    assert.equal(m({ Attributes: { signup: { AttributeType: 'ON', Values: ['2026-03-10T23:59:00Z'] } } }), true, 'time ignored');
    assert.equal(m({ Attributes: { signup: { AttributeType: 'ON', Values: ['2026-03-11T00:00:00Z'] } } }), false);
    assert.equal(m({ Attributes: { signup: { AttributeType: 'BETWEEN', Values: ['2026-03-01T00:00:00Z', '2026-03-31T00:00:00Z'] } } }), true);
    assert.equal(m({ Attributes: { signup: { AttributeType: 'BETWEEN', Values: ['2026-04-01T00:00:00Z', '2026-04-30T00:00:00Z'] } } }), false);
    assert.equal(m({ Attributes: { signup: { AttributeType: 'NOT_BETWEEN' as never, Values: ['2026-04-01T00:00:00Z', '2026-04-30T00:00:00Z'] } } }), true);
    assert.equal(m({ UserAttributes: { tier: { Values: ['vip'] } } }), true);
    assert.equal(m({ UserAttributes: { plan: { Values: ['gold'] } } }), false, 'user attributes are not endpoint attributes');
  });

  it('compares metrics; an endpoint without the metric is not selected', () => {
    const cases: [string, number, boolean][] = [
      ['GREATER_THAN', 4, true], ['GREATER_THAN', 5, false], ['LESS_THAN', 6, true], ['GREATER_THAN_OR_EQUAL', 5, true],
      ['LESS_THAN_OR_EQUAL', 4, false], ['EQUAL', 5, true], ['EQUAL', 5.5, false],
    ];
    for (const [op, v, want] of cases) assert.equal(m({ Metrics: { visits: { ComparisonOperator: op, Value: v } } }), want, `${op} ${v}`);
    assert.equal(m({ Metrics: { purchases: { ComparisonOperator: 'LESS_THAN', Value: 100 } } }), false);
  });

  it('reads Recency from EffectiveDate within the duration, and GPSPoint by distance', () => {
    assert.equal(m({ Behavior: { Recency: { Duration: 'DAY_7', RecencyType: 'ACTIVE' } } }), true);
    assert.equal(m({ Behavior: { Recency: { Duration: 'HR_24', RecencyType: 'ACTIVE' } } }), false);
    assert.equal(m({ Behavior: { Recency: { Duration: 'HR_24', RecencyType: 'INACTIVE' } } }), true);
    assert.equal(endpointMatches({ Behavior: { Recency: { Duration: 'DAY_30', RecencyType: 'INACTIVE' } } }, {}, NOW), true, 'never active is inactive');
    // Seattle to Tacoma is about 40 km.
    const tacoma = { Latitude: 47.2529, Longitude: -122.4443 };
    assert.equal(m({ Location: { GPSPoint: { Coordinates: tacoma, RangeInKilometers: 50 } } }), true);
    assert.equal(m({ Location: { GPSPoint: { Coordinates: tacoma, RangeInKilometers: 30 } } }), false);
    assert.equal(endpointMatches({ Location: { GPSPoint: { Coordinates: tacoma, RangeInKilometers: 50 } } }, {}, NOW), false, 'no location is not near');
  });

  it('needs every criterion of the dimensions to hold', () => {
    assert.equal(m({ Demographic: { Platform: { Values: ['ios'] } }, Attributes: { plan: { Values: ['gold'] } }, Metrics: { visits: { ComparisonOperator: 'EQUAL', Value: 5 } } }), true);
    assert.equal(m({ Demographic: { Platform: { Values: ['ios'] } }, Attributes: { plan: { Values: ['silver'] } } }), false);
  });
});

describe('segmentEndpoints', () => {
  it('scans a dimensional segment’s endpoints in batches, by id, INACTIVE endpoints included', async () => {
    const eps = Array.from({ length: 11 }, (_, i) => endpoint(`e${String(i).padStart(2, '0')}`, {
      Demographic: { Platform: i % 2 === 0 ? 'android' : 'ios' },
      EndpointStatus: i === 4 ? 'INACTIVE' : 'ACTIVE',
    }));
    await put(...eps);
    const android = dimensional('s1', 1, { Dimensions: { Demographic: { Platform: { Values: ['android'] } } } });
    assert.deepEqual(await ids(android, 2), ['e00', 'e02', 'e04', 'e06', 'e08', 'e10']);
    assert.deepEqual(await ids(dimensional('all', 1, {}), 4), eps.map((e) => e.id));
    assert.equal(await segmentSize(store, APP, android, NOW), 6);
  });

  it('reads an imported segment’s member list and skips members that are no longer endpoints', async () => {
    await put(endpoint('a'), endpoint('b'), endpoint('c'), endpoint('d'), endpoint('other'));
    await store.pinpoint.addSegmentMembers(APP, 'job1', ['a', 'b', 'gone', 'c', 'd']);
    const s = imported('imp', 'job1');
    assert.deepEqual((await ids(s, 2)).sort(), ['a', 'b', 'c', 'd']);
    assert.equal(await segmentSize(store, APP, s, NOW), 4);
  });

  it('combines a segment group’s source segments by SourceType and filters them by Dimensions and Type', async () => {
    await put(
      endpoint('e1', { Demographic: { Platform: 'ios' }, Attributes: { plan: ['gold'] } }),
      endpoint('e2', { Demographic: { Platform: 'ios' }, Attributes: { plan: ['free'] } }),
      endpoint('e3', { Demographic: { Platform: 'android' }, Attributes: { plan: ['gold'] } }),
      endpoint('e4', { Demographic: { Platform: 'android' }, Attributes: { plan: ['free'] } }),
    );
    const ios = dimensional('ios', 1, { Dimensions: { Demographic: { Platform: { Values: ['ios'] } } } });
    const gold = dimensional('gold', 1, { Dimensions: { Attributes: { plan: { Values: ['gold'] } } } });
    await store.pinpoint.putSegment(ios);
    await store.pinpoint.putSegment(gold);
    const group = (g: SegmentGroupList) => dimensional('g', 1, { SegmentGroups: g });
    const both = [{ Id: 'ios' }, { Id: 'gold' }];
    assert.deepEqual(await ids(group({ Groups: [{ SourceSegments: both, SourceType: 'ALL' }] })), ['e1']);
    assert.deepEqual(await ids(group({ Groups: [{ SourceSegments: both, SourceType: 'ANY' }] })), ['e1', 'e2', 'e3']);
    assert.deepEqual(await ids(group({ Groups: [{ SourceSegments: both }] })), ['e1', 'e2', 'e3'], 'SourceType ANY by default');
    assert.deepEqual(await ids(group({ Groups: [{ SourceSegments: both, SourceType: 'NONE' }] })), ['e4']);
    const android = { Demographic: { Platform: { Values: ['android'] } } };
    const free = { Attributes: { plan: { Values: ['free'] } } };
    assert.deepEqual(await ids(group({ Groups: [{ SourceSegments: [{ Id: 'gold' }], Dimensions: [android] }] })), ['e3']);
    assert.deepEqual(await ids(group({ Groups: [{ Dimensions: [android, free], Type: 'ALL' }] })), ['e4'], 'no source segments: every endpoint');
    assert.deepEqual(await ids(group({ Groups: [{ Dimensions: [android, free], Type: 'ANY' }] })), ['e2', 'e3', 'e4']);
    assert.deepEqual(await ids(group({ Groups: [{ Dimensions: [android, free], Type: 'NONE' }] })), ['e1']);
    const g1 = { SourceSegments: [{ Id: 'ios' }] };
    const g2 = { SourceSegments: [{ Id: 'gold' }] };
    assert.deepEqual(await ids(group({ Include: 'ALL', Groups: [g1, g2] })), ['e1']);
    assert.deepEqual(await ids(group({ Groups: [g1, g2] })), ['e1'], 'Include ALL by default');
    assert.deepEqual(await ids(group({ Include: 'ANY', Groups: [g1, g2] })), ['e1', 'e2', 'e3']);
    assert.deepEqual(await ids(group({ Include: 'NONE', Groups: [g1, g2] })), ['e4']);
  });

  it('resolves the source version named, imported sources, missing sources and cycles', async () => {
    await put(endpoint('e1', { Demographic: { Platform: 'ios' } }), endpoint('e2', { Demographic: { Platform: 'android' } }), endpoint('e3'));
    await store.pinpoint.putSegment(dimensional('src', 1, { Dimensions: { Demographic: { Platform: { Values: ['ios'] } } } }));
    await store.pinpoint.putSegment(dimensional('src', 2, { Dimensions: { Demographic: { Platform: { Values: ['android'] } } } }));
    const on = (ref: { Id: string; Version?: number }) => dimensional('g', 1, { SegmentGroups: { Groups: [{ SourceSegments: [ref] }] } });
    assert.deepEqual(await ids(on({ Id: 'src', Version: 1 })), ['e1']);
    assert.deepEqual(await ids(on({ Id: 'src' })), ['e2'], 'the latest version without one');
    assert.deepEqual(await ids(on({ Id: 'deleted' })), [], 'a source that is gone selects nothing');
    await store.pinpoint.addSegmentMembers(APP, 'job9', ['e3', 'e1']);
    await store.pinpoint.putSegment(imported('imp', 'job9'));
    assert.deepEqual(await ids(on({ Id: 'imp' })), ['e1', 'e3']);
    // a → b → a: the cycle selects nothing where it closes, and the resolution ends.
    await store.pinpoint.putSegment(dimensional('a', 1, { SegmentGroups: { Include: 'ANY', Groups: [{ SourceSegments: [{ Id: 'b' }] }, { SourceSegments: [{ Id: 'src', Version: 1 }] }] } }));
    await store.pinpoint.putSegment(dimensional('b', 1, { SegmentGroups: { Groups: [{ SourceSegments: [{ Id: 'a' }] }] } }));
    assert.deepEqual(await ids((await store.pinpoint.getSegment(APP, 'a'))!), ['e1']);
    assert.deepEqual(await ids((await store.pinpoint.getSegment(APP, 'b'))!), ['e1']);
  });
});

describe('segment handlers on imported segments and concurrent updates', () => {
  it('UpdateSegment of an imported segment changes its name only, keeping its import definition and members', async () => {
    await put(endpoint('e1'), endpoint('e2'));
    await store.pinpoint.addSegmentMembers(APP, 'job1', ['e1']);
    await store.pinpoint.putSegment(imported('imp', 'job1'));
    const c = ctx();
    await assert.rejects(handlers.UpdateSegment({ ApplicationId: APP, SegmentId: 'imp', WriteSegmentRequest: { Dimensions: {} } }, c), { name: 'BadRequestException' });
    const out = (await handlers.UpdateSegment({ ApplicationId: APP, SegmentId: 'imp', WriteSegmentRequest: { Name: 'renamed' } }, c)).SegmentResponse;
    assert.equal(out.Version, 2);
    assert.equal(out.Name, 'renamed');
    assert.equal(out.SegmentType, 'IMPORT');
    assert.equal(out.ImportDefinition!.S3Url, 's3://b/k');
    assert.ok(!('_members' in out), 'private keys are not answered');
    const v2 = (await store.pinpoint.getSegment(APP, 'imp'))!;
    assert.equal(v2.data._members, 'job1');
    assert.deepEqual(await ids(v2), ['e1']);
    const got = (await handlers.GetSegment({ ApplicationId: APP, SegmentId: 'imp' }, c)).SegmentResponse;
    assert.deepEqual(got, out);
  });

  it('a segment group takes one imported source segment, or several dimensional ones', async () => {
    await store.pinpoint.putSegment(imported('imp', 'job1'));
    await store.pinpoint.putSegment(dimensional('dim', 1, {}));
    const c = ctx();
    const w = (ids2: string[]) => ({ ApplicationId: APP, WriteSegmentRequest: { Name: 'g', SegmentGroups: { Groups: [{ SourceSegments: ids2.map((Id) => ({ Id })) }] } } });
    assert.equal((await handlers.CreateSegment(w(['imp']), c)).SegmentResponse.Version, 1);
    await store.pinpoint.putSegment(dimensional('dim2', 1, {}));
    assert.equal((await handlers.CreateSegment(w(['dim', 'dim2']), c)).SegmentResponse.Version, 1);
    await assert.rejects(handlers.CreateSegment(w(['imp', 'dim']), c), { name: 'BadRequestException' });
  });

  it('DeleteSegment removes the member lists of every version', async () => {
    await store.pinpoint.addSegmentMembers(APP, 'job1', ['e1', 'e2']);
    await store.pinpoint.addSegmentMembers(APP, 'job2', ['e3']);
    await store.pinpoint.addSegmentMembers(APP, 'keep', ['e4']);
    await store.pinpoint.putSegment(imported('imp', 'job1', 1));
    await store.pinpoint.putSegment(imported('imp', 'job2', 2));
    const out = (await handlers.DeleteSegment({ ApplicationId: APP, SegmentId: 'imp' }, ctx())).SegmentResponse;
    assert.equal(out.Version, 2);
    assert.equal(await store.pinpoint.countSegmentMembers(APP, 'job1'), 0);
    assert.equal(await store.pinpoint.countSegmentMembers(APP, 'job2'), 0);
    assert.equal(await store.pinpoint.countSegmentMembers(APP, 'keep'), 1);
    assert.equal(await store.pinpoint.getSegment(APP, 'imp'), undefined);
  });

  it('concurrent UpdateSegments each make their own version', async () => {
    const c = ctx();
    const s = (await handlers.CreateSegment({ ApplicationId: APP, WriteSegmentRequest: { Name: 's' } }, c)).SegmentResponse;
    const outs = await Promise.all(['x', 'y', 'z'].map((Name) => handlers.UpdateSegment({ ApplicationId: APP, SegmentId: s.Id, WriteSegmentRequest: { Name } }, c)));
    assert.deepEqual(outs.map((o) => o.SegmentResponse.Version).sort(), [2, 3, 4]);
    const versions = await store.pinpoint.listSegmentVersions(APP, s.Id, { limit: 10 });
    assert.deepEqual(versions.map((v) => v.version), [1, 2, 3, 4]);
  });
});

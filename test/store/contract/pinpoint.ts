// The Pinpoint aggregate's contract cases (apps, endpoints, segments, jobs, recommenders, outbox),
// for every engine: through the contract's methods only (each engine's test file supplies the store).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PinpointAppRecord, PinpointJobRecord } from '../../../src/store/contract/pinpoint.js';
import { A1, freshStore, type StoreFactory } from './factory.js';

const T0 = 1_767_225_600_000;
const appOf = (c: string): PinpointAppRecord => ({ id: c.repeat(32), accountId: A1, region: 'us-east-1', data: { Name: c }, createdAt: T0 });
const jobOf = (id: string, at: number, segmentId?: string): PinpointJobRecord => ({
  appId: 'a'.repeat(32), id, type: 'IMPORT', ...(segmentId ? { segmentId } : {}), createdAt: at, data: { id },
});

export function pinpointContract(engine: string, open: StoreFactory) {
  describe(`pinpoint store contract on ${engine}`, () => {
    const store = freshStore(open);

    test('apps: create, get, put, list, remove with cascade', async () => {
      const s = store().pinpoint;
      const a = appOf('a');
      assert.equal(await s.createApp(a), true);
      assert.equal(await s.createApp(a), false);
      assert.equal(await s.createApp(appOf('b')), true);
      assert.deepEqual(await s.getApp(A1, 'us-east-1', a.id), a);
      assert.equal(await s.getApp(A1, 'eu-west-1', a.id), undefined);
      assert.equal(await s.putApp({ ...a, data: { Name: 'x' } }), true);
      assert.deepEqual((await s.getAppById(a.id))?.data, { Name: 'x' });
      assert.deepEqual((await s.listApps(A1, 'us-east-1', { limit: 10 })).map((x) => x.id), [a.id, 'b'.repeat(32)]);
      assert.deepEqual((await s.listApps(A1, 'us-east-1', { after: a.id, limit: 10 })).map((x) => x.id), ['b'.repeat(32)]);
      await s.putEndpoints([{ appId: a.id, id: 'e1', userId: 'u', data: {} }, { appId: a.id, id: 'e2', data: {} }]);
      assert.equal(await s.putSegment({ appId: a.id, id: 's', version: 1, data: {} }), true);
      await s.putJob(jobOf('j', T0));
      assert.deepEqual(await s.appendEvents(a.id, [{ data: Buffer.from('x'), arrivedAt: T0 }]), [1]);
      assert.deepEqual(await s.appsWithEvents(), [a.id]);
      assert.equal(await s.removeApp(a.id), true);
      assert.equal(await s.removeApp(a.id), false);
      assert.equal(await s.countEndpoints(a.id), 0);
      assert.equal(await s.getSegment(a.id, 's'), undefined);
      assert.equal(await s.getJob(a.id, 'j'), undefined);
      assert.deepEqual(await s.appsWithEvents(), []);
      assert.equal(await s.outboxState(a.id), undefined);
      assert.equal(await s.appendEvents(a.id, [{ data: Buffer.from('x'), arrivedAt: T0 }]), undefined);
    });

    test('endpoints, segments, jobs, recommenders', async () => {
      const s = store().pinpoint;
      const a = appOf('a');
      await s.createApp(a);
      await s.putEndpoints([{ appId: a.id, id: 'e1', userId: 'u', data: {} }, { appId: a.id, id: 'e2', userId: 'u', data: {} }, { appId: a.id, id: 'e3', data: {} }]);
      assert.deepEqual((await s.endpointsOfUser(a.id, 'u')).map((e) => e.id), ['e1', 'e2']);
      assert.deepEqual((await s.scanEndpoints(a.id, { after: 'e1', limit: 1 })).map((e) => e.id), ['e2']);
      assert.deepEqual((await s.getEndpoints(a.id, ['e3', 'zz'])).map((e) => e.id), ['e3']);
      assert.equal(await s.removeEndpoints(a.id, ['e1', 'zz']), 1);
      assert.equal(await s.countEndpoints(a.id), 2);
      for (const v of [1, 2, 3]) assert.equal(await s.putSegment({ appId: a.id, id: 's', version: v, data: { v } }), true);
      assert.equal(await s.putSegment({ appId: a.id, id: 's', version: 2, data: {} }), false);
      await s.putSegment({ appId: a.id, id: 't', version: 1, data: {} });
      assert.equal((await s.getSegment(a.id, 's'))?.version, 3);
      assert.equal((await s.getSegment(a.id, 's', 2))?.version, 2);
      assert.deepEqual((await s.listSegments(a.id, { limit: 10 })).map((x) => `${x.id}${x.version}`), ['s3', 't1']);
      assert.deepEqual((await s.listSegmentVersions(a.id, 's', { after: '1', limit: 10 })).map((x) => x.version), [2, 3]);
      assert.equal(await s.setSegmentTags(a.id, 's', { team: 'x' }), true);
      assert.deepEqual((await s.getSegment(a.id, 's', 1))?.data, { v: 1, tags: { team: 'x' } }, 'every version carries the segment\'s tags');
      assert.deepEqual((await s.getSegment(a.id, 's'))?.data, { v: 3, tags: { team: 'x' } });
      assert.equal(await s.setSegmentTags(a.id, 'nope', {}), false);
      assert.equal(await s.removeSegment(a.id, 's'), true);
      assert.equal(await s.getSegment(a.id, 's', 1), undefined);
      for (const j of [jobOf('j1', T0), jobOf('j2', T0 + 1, 's'), jobOf('j3', T0 + 1), jobOf('j4', T0 + 2)]) await s.putJob(j);
      const first = await s.listJobs(a.id, 'IMPORT', undefined, { limit: 2 });
      assert.deepEqual(first.map((j) => j.id), ['j4', 'j2']);
      const rest = await s.listJobs(a.id, 'IMPORT', undefined, { after: s.jobKey(first[1]), limit: 10 });
      assert.deepEqual(rest.map((j) => j.id), ['j3', 'j1']);
      assert.deepEqual((await s.listJobs(a.id, 'IMPORT', 's', { limit: 10 })).map((j) => j.id), ['j2']);
      assert.deepEqual(await s.listJobs(a.id, 'EXPORT', undefined, { limit: 10 }), []);
      await s.putRecommender({ accountId: A1, region: 'us-east-1', id: 'r1', data: {}, createdAt: T0 });
      await s.putRecommender({ accountId: A1, region: 'us-east-1', id: 'r2', data: {}, createdAt: T0 });
      assert.deepEqual((await s.listRecommenders(A1, 'us-east-1', { after: 'r1', limit: 10 })).map((r) => r.id), ['r2']);
      assert.equal(await s.removeRecommender(A1, 'us-east-1', 'r1'), true);
      assert.equal(await s.getRecommender(A1, 'us-east-1', 'r1'), undefined);
    });

    test('member lists: add (each id once), scan by id, count, remove; gone with their app', async () => {
      const s = store().pinpoint;
      const a = appOf('a');
      await s.createApp(a);
      await s.addSegmentMembers(a.id, 'job1', ['e3', 'e1']);
      await s.addSegmentMembers(a.id, 'job1', ['e2', 'e1']);
      await s.addSegmentMembers(a.id, 'job2', ['e9']);
      assert.deepEqual(await s.scanSegmentMembers(a.id, 'job1', { limit: 10 }), ['e1', 'e2', 'e3']);
      assert.deepEqual(await s.scanSegmentMembers(a.id, 'job1', { after: 'e1', limit: 1 }), ['e2']);
      assert.equal(await s.countSegmentMembers(a.id, 'job1'), 3);
      await s.removeSegmentMembers(a.id, 'job1');
      assert.equal(await s.countSegmentMembers(a.id, 'job1'), 0);
      assert.equal(await s.countSegmentMembers(a.id, 'job2'), 1);
      await s.removeApp(a.id);
      assert.equal(await s.countSegmentMembers(a.id, 'job2'), 0);
    });

    test('outbox: append, scan, ack, fail, state, discard; removal rolled back on throw', async () => {
      const st = store();
      const s = st.pinpoint;
      const a = appOf('a');
      await s.createApp(a);
      const seqs = (await s.appendEvents(a.id, ['1', '2', '3'].map((t) => ({ data: Buffer.from(t), arrivedAt: T0 }))))!;
      assert.equal(seqs.length, 3);
      assert.deepEqual((await s.scanEvents(a.id, seqs[0], 10)).map((e) => e.data.toString()), ['2', '3']);
      assert.deepEqual(await s.outboxState(a.id), { pending: 3, delivered: 0 });
      await s.failEvents(a.id, { code: 'X', message: 'm', at: T0 });
      await s.failEvents(a.id, { code: 'Y', message: 'n', at: T0 + 5 });
      assert.deepEqual((await s.outboxState(a.id))?.failure, { code: 'Y', message: 'n', since: T0, at: T0 + 5 });
      assert.equal(await s.ackEvents(a.id, seqs[1]), 2);
      assert.deepEqual(await s.outboxState(a.id), { pending: 1, delivered: 2 });
      await s.discardEvents(a.id);
      assert.deepEqual(await s.outboxState(a.id), { pending: 0, delivered: 2 });
      await assert.rejects(st.transaction(async (t) => {
        await t.pinpoint.removeApp(a.id);
        throw new Error('boom');
      }));
      assert.deepEqual(await s.getAppById(a.id), a);
    });
  });
}

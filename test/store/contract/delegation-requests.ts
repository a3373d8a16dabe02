// The delegation requests' contract cases, for every engine: through the contract's methods only,
// never SQL or an engine's internals.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DelegationRequestRecord } from '../../../src/store/types.js';
import { A1, A2, freshStore, type StoreFactory } from './factory.js';

const request = (id: string, workflowId: string, createDate: string, changes: Partial<DelegationRequestRecord> = {}): DelegationRequestRecord => ({
  id, requestorAccountId: A2, requestorArn: `arn:aws:iam::${A2}:root`, workflowId, description: 'd',
  permissions: { PolicyTemplateArn: `arn:aws:iam::${A2}:policy/T`, Parameters: [{ Name: 'bucketName', Values: ['b'], Type: 'string' }] },
  permissionPolicy: '{"Version":"2012-10-17","Statement":[]}', notificationChannel: `arn:aws:sns:us-east-1:${A2}:t`, sessionDuration: 900,
  onlySendByOwner: false, state: 'UNASSIGNED', createDate, updatedTime: createDate, stateChangedAt: createDate, ...changes,
});

export function delegationRequestsContract(engine: string, open: StoreFactory) {
  describe(`delegation requests contract on ${engine}`, () => {
    const store = freshStore(open);
    const t = () => store().delegationRequests;

    test('a request is read back whole by id; a second one with the same workflow id of the same requestor is refused', async () => {
      const r = request('req-0000000000000001', 'wf-1', '2026-01-01T00:00:00.000Z', { ownerAccountId: A1 });
      assert.equal(await t().create(r), true);
      assert.deepEqual(await t().get(r.id), r);
      assert.equal(await t().create(request('req-0000000000000002', 'wf-1', '2026-01-02T00:00:00.000Z')), false);
      assert.equal(await t().get('req-0000000000000002'), undefined);
      // Another requestor may use the same workflow id.
      assert.equal(await t().create({ ...request('req-0000000000000003', 'wf-1', '2026-01-02T00:00:00.000Z'), requestorAccountId: A1 }), true);
    });

    test('an owned request is listed under its owner account, oldest first; it is found by its token hash once it has one', async () => {
      await t().create(request('req-b', 'wf-b', '2026-01-02T00:00:00.000Z'));
      await t().create(request('req-a', 'wf-a', '2026-01-03T00:00:00.000Z', { ownerAccountId: A1 }));
      assert.deepEqual(await t().listOwnedBy(A1), []);
      const b = await t().get('req-b');
      await t().put({ ...b!, ownerAccountId: A1, ownerId: `arn:aws:iam::${A1}:root`, state: 'ASSIGNED' });
      const a = await t().get('req-a');
      await t().put({ ...a!, ownerId: `arn:aws:iam::${A1}:user/bob`, state: 'FINALIZED', tokenHash: 'ab'.repeat(32) });
      assert.deepEqual((await t().listOwnedBy(A1)).map((r) => r.id), ['req-b', 'req-a']);
      assert.deepEqual(await t().listOwnedBy(A2), []);
      assert.equal((await t().byTokenHash('ab'.repeat(32)))?.id, 'req-a');
      assert.equal(await t().byTokenHash('cd'.repeat(32)), undefined);
    });

    test("notifications are kept in order per topic account, a topic's alone when asked, and reset removes them with the requests", async () => {
      const n = (topicArn: string, topicAccountId: string, state: string) => ({ topicArn, topicAccountId, publishedAt: '2026-01-01T00:00:00.000Z', delegationRequestId: 'req-a', message: { State: state } });
      await t().publish(n(`arn:aws:sns:us-east-1:${A2}:one`, A2, 'ASSIGNED'));
      await t().publish(n(`arn:aws:sns:us-east-1:${A2}:two`, A2, 'ACCEPTED'));
      await t().publish({ ...n(`arn:aws:sns:us-east-1:${A2}:one`, A2, 'FINALIZED'), sealedToken: 'v1.sealed' });
      const all = await t().notifications(A2);
      assert.deepEqual(all.map((x) => x.message.State), ['ASSIGNED', 'ACCEPTED', 'FINALIZED']);
      assert.ok(all[0].seq < all[1].seq && all[1].seq < all[2].seq);
      assert.equal(all[2].sealedToken, 'v1.sealed');
      assert.deepEqual((await t().notifications(A2, `arn:aws:sns:us-east-1:${A2}:one`)).map((x) => x.message.State), ['ASSIGNED', 'FINALIZED']);
      assert.deepEqual(await t().notifications(A1), []);
      await t().create(request('req-c', 'wf-c', '2026-01-01T00:00:00.000Z'));
      await store().reset();
      assert.deepEqual(await t().notifications(A2), []);
      assert.equal(await t().get('req-c'), undefined);
    });
  });
}

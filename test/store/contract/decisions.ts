// The decision log's contract cases, for every engine: through the contract's methods only, never
// SQL or an engine's internals (each engine's test file supplies the store).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DecisionRecord } from '../../../src/shared/decision-record.js';
import { A1, A2, freshStore, type StoreFactory } from './factory.js';

export function decisionRecord(n: number, over: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    requestId: `req-${n}`,
    accountId: A1,
    principal: `arn:aws:iam::${A1}:user/alice`,
    action: 'iam:GetRole',
    resource: `arn:aws:iam::${A1}:role/r${n}`,
    result: 'ImplicitlyDenied',
    mode: 'on',
    decidedBy: [],
    reasons: [{ code: 'NoAllowingStatement' }],
    missingKeys: [],
    context: { 'aws:username': 'alice' },
    ...over,
  };
}

export function decisionsContract(engine: string, open: StoreFactory) {
  describe(`decision log contract on ${engine}`, () => {
    const store = freshStore(open);

    test('an empty log has lastSeq 0, no records and no marker', async () => {
      assert.equal(await store().decisions.lastSeq(), 0);
      assert.deepEqual(await store().decisions.list({}, { maxItems: 10 }), { items: [], marker: undefined });
      assert.deepEqual(await store().decisions.since(0, 10), []);
      await store().decisions.append([]);
      assert.equal(await store().decisions.lastSeq(), 0);
    });

    test('records are kept whole, listed newest first and paged with a marker', async () => {
      const records = [1, 2, 3, 4, 5].map((n) => decisionRecord(n, n === 2 ? { result: 'Allowed' } : {}));
      await store().decisions.append(records.slice(0, 2));
      await store().decisions.append(records.slice(2));
      const p1 = await store().decisions.list({}, { maxItems: 2 });
      assert.deepEqual(p1.items, [records[4], records[3]]);
      const p2 = await store().decisions.list({}, { maxItems: 2, marker: p1.marker });
      assert.deepEqual(p2.items.map((r) => r.requestId), ['req-3', 'req-2']);
      const p3 = await store().decisions.list({}, { maxItems: 2, marker: p2.marker });
      assert.deepEqual(p3.items.map((r) => r.requestId), ['req-1']);
      assert.equal(p3.marker, undefined);
    });

    test('since follows the log oldest first from a sequence number, and lastSeq is the newest', async () => {
      await store().decisions.append([1, 2, 3].map((n) => decisionRecord(n)));
      const all = await store().decisions.since(0, 10);
      assert.deepEqual(all.map((e) => e.record.requestId), ['req-1', 'req-2', 'req-3']);
      assert.ok(all[0].seq < all[1].seq && all[1].seq < all[2].seq);
      assert.equal(await store().decisions.lastSeq(), all[2].seq);
      assert.deepEqual((await store().decisions.since(all[0].seq, 1)).map((e) => e.record.requestId), ['req-2']);
      assert.deepEqual(await store().decisions.since(all[2].seq, 10), []);
    });

    test('list filters by principal, action, result, request id and inclusive time bounds', async () => {
      await store().decisions.append([
        decisionRecord(1),
        decisionRecord(2, { principal: `arn:aws:iam::${A1}:user/bob`, result: 'Allowed' }),
        decisionRecord(3, { action: 'iam:ListRoles', result: 'ExplicitlyDenied' }),
      ]);
      const ids = async (f: Parameters<ReturnType<typeof store>['decisions']['list']>[0]) =>
        (await store().decisions.list(f, { maxItems: 10 })).items.map((r) => r.requestId);
      assert.deepEqual(await ids({ principal: `arn:aws:iam::${A1}:user/bob` }), ['req-2']);
      assert.deepEqual(await ids({ action: 'iam:ListRoles' }), ['req-3']);
      assert.deepEqual(await ids({ result: 'ImplicitlyDenied' }), ['req-1']);
      assert.deepEqual(await ids({ requestId: 'req-2' }), ['req-2']);
      assert.deepEqual(await ids({ since: decisionRecord(2).time, until: decisionRecord(3).time }), ['req-3', 'req-2']);
      assert.deepEqual(await ids({ result: 'Allowed', action: 'iam:ListRoles' }), []);
    });

    test("an account reads its own decisions and those made on its resources from another account", async () => {
      await store().decisions.append([
        decisionRecord(1),
        decisionRecord(2, { accountId: A2, principal: `arn:aws:iam::${A2}:user/x`, resourceAccountId: A1 }),
        decisionRecord(3, { accountId: A2, principal: `arn:aws:iam::${A2}:user/x` }),
      ]);
      const page = await store().decisions.list({ accountId: A1 }, { maxItems: 10 });
      assert.deepEqual(page.items.map((r) => r.requestId), ['req-2', 'req-1']);
      assert.equal(page.items[0].resourceAccountId, A1);
      assert.deepEqual((await store().decisions.list({ accountId: A2 }, { maxItems: 10 })).items.map((r) => r.requestId), ['req-3', 'req-2']);
    });
  });
}

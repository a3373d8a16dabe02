// The whole store's contract cases: transactions (all or nothing, one at a time, reads wait) and
// reset, for every engine: through the contract's methods only, never SQL or an engine's internals.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decisionRecord } from './decisions.js';
import { role } from './entities.js';
import { A1, freshStore, type StoreFactory } from './factory.js';

export function storeContract(engine: string, open: StoreFactory) {
  describe(`store contract on ${engine}`, () => {
    const store = freshStore(open);

    test('the store names its engine', () => {
      assert.ok(store().engine === 'sqlite' || store().engine === 'postgres');
    });

    test("a transaction commits all its changes together and answers its function's value", async () => {
      const answer = await store().transaction(async (t) => {
        await t.roles.create(A1, role('whole'));
        await t.links.put(A1, 'attached:role', 'whole', 'arn:aws:iam::aws:policy/X', null);
        assert.equal((await t.roles.get(A1, 'whole'))?.name, 'whole', 'a transaction reads its own writes');
        return 42;
      });
      assert.equal(answer, 42);
      assert.equal((await store().roles.get(A1, 'whole'))?.name, 'whole');
      assert.equal((await store().links.from(A1, 'attached:role', 'whole')).length, 1);
    });

    test('a transaction that throws leaves nothing written and passes the error on', async () => {
      const boom = new Error('boom');
      await assert.rejects(store().transaction(async (t) => {
        await t.roles.create(A1, role('half'));
        await t.links.put(A1, 'attached:role', 'half', 'arn:aws:iam::aws:policy/X', null);
        throw boom;
      }), (e) => e === boom);
      assert.equal(await store().roles.get(A1, 'half'), undefined);
      assert.equal(await store().roles.idOf(A1, 'half'), undefined);
      assert.deepEqual(await store().links.from(A1, 'attached:role', 'half'), []);
    });

    test('a rolled-back change is not seen afterwards, even by a read made inside the transaction', async () => {
      await store().roles.create(A1, role('kept'));
      await store().links.put(A1, 'member', 'g', 'kept', null);
      await assert.rejects(store().transaction(async (t) => {
        await t.roles.put(A1, { ...role('kept'), description: 'changed' });
        await t.links.put(A1, 'member', 'g', 'added', null);
        assert.equal((await t.roles.get(A1, 'kept'))?.description, 'changed');
        assert.equal((await t.links.from(A1, 'member', 'g')).length, 2);
        throw new Error('undo');
      }));
      assert.deepEqual(await store().roles.get(A1, 'kept'), role('kept'));
      assert.deepEqual((await store().links.from(A1, 'member', 'g')).map((l) => l.b), ['kept']);
    });

    test('transactions run one at a time and reads wait for an open one', async () => {
      const order: string[] = [];
      let read: Promise<unknown> = Promise.resolve();
      const a = store().transaction(async (t) => {
        await t.roles.create(A1, role('t1'));
        // A read that starts while the transaction is open must not see its uncommitted row early.
        read = store().roles.get(A1, 't1').then((r) => order.push(r ? 'read-saw-t1' : 'read-missed'));
        await new Promise((r) => setTimeout(r, 30));
        order.push('a');
      });
      const b = store().transaction(async (t) => {
        order.push(await t.roles.get(A1, 't1') ? 'b-saw-t1' : 'b-missed');
      });
      await Promise.all([a, b]);
      await read;
      assert.equal(order[0], 'a', 'the second transaction and the read waited for the first');
      assert.deepEqual(order.slice(1).sort(), ['b-saw-t1', 'read-saw-t1']);
    });

    test('reset keeps accounts and root keys and removes everything else', async () => {
      const s = store();
      await s.accounts.put({ id: A1, name: 'a', createDate: '2026-01-01T00:00:00.000Z' });
      await s.accessKeys.put({ accessKeyId: 'AKIAROOT', accountId: A1, userName: null, secretSealed: 'v1.x', status: 'Active', createDate: '' });
      await s.accessKeys.put({ accessKeyId: 'AKIAUSER', accountId: A1, userName: 'alice', secretSealed: 'v1.y', status: 'Active', createDate: '' });
      await s.roles.create(A1, role('gone'));
      await s.users.create(A1, { name: 'alice', id: 'AIDAALICEXXXXXXXXXXX', path: '/', arn: `arn:aws:iam::${A1}:user/alice`, createDate: '', tags: [] });
      await s.links.put(A1, 'member', 'g', 'alice', null);
      await s.decisions.append([decisionRecord(1)]);
      await s.jobs.create({ id: 'j', kind: 'k', accountId: A1, input: {}, maxAttempts: 1, now: 0 });
      await s.reset();
      assert.equal(await s.roles.count(A1), 0);
      assert.equal(await s.roles.get(A1, 'gone'), undefined);
      assert.equal(await s.users.count(A1), 0);
      assert.deepEqual(await s.links.from(A1, 'member', 'g'), []);
      assert.equal((await s.decisions.list({}, { maxItems: 10 })).items.length, 0);
      assert.equal(await s.jobs.get('j'), undefined);
      assert.ok(await s.accessKeys.get('AKIAROOT'));
      assert.equal(await s.accessKeys.get('AKIAUSER'), undefined);
      assert.ok(await s.accounts.get(A1));
    });
  });
}

// The store's contract, written once for every engine (SQLite now; PostgreSQL runs the same cases).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { RoleRecord, Store } from '../../src/store/types.js';

const role = (name: string, path = '/'): RoleRecord => ({
  name, id: `AROA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`, path, arn: `arn:aws:iam::111122223333:role${path}${name}`,
  createDate: '2026-01-01T00:00:00.000Z', assumeRolePolicyDocument: '{}', maxSessionDuration: 3600, tags: [],
});

function contract(engine: string, open: () => Promise<{ store: Store; close: () => Promise<void> }>) {
  describe(`store contract on ${engine}`, () => {
    let store: Store;
    let close: () => Promise<void>;
    before(async () => ({ store, close } = await open()));
    after(() => close());

    test('names are unique case-insensitively and found in any case', async () => {
      assert.equal(await store.roles.create('111122223333', role('Alpha')), true);
      assert.equal(await store.roles.create('111122223333', role('ALPHA')), false);
      assert.equal((await store.roles.get('111122223333', 'alpha'))?.name, 'Alpha');
      assert.equal(await store.roles.get('444455556666', 'alpha'), undefined, 'accounts do not see each other');
    });

    test("idOf gives an entity's unique id by name in any case, and follows a delete and a new entity of the same name", async () => {
      assert.equal(await store.roles.create('111122223333', role('Ident')), true);
      assert.equal(await store.roles.idOf('111122223333', 'IDENT'), role('Ident').id);
      assert.equal(await store.roles.idOf('444455556666', 'Ident'), undefined);
      assert.equal(await store.roles.delete('111122223333', 'ident'), true);
      assert.equal(await store.roles.idOf('111122223333', 'Ident'), undefined);
      await store.roles.create('111122223333', { ...role('Ident'), id: 'AROANEWIDENTXXXXXXXX' });
      assert.equal(await store.roles.idOf('111122223333', 'Ident'), 'AROANEWIDENTXXXXXXXX');
      await store.roles.delete('111122223333', 'Ident');
    });

    test('lists page in name order with a marker and filter by path prefix', async () => {
      for (const n of ['b', 'c', 'd']) await store.roles.create('111122223333', role(n, n === 'c' ? '/x/' : '/'));
      const p1 = await store.roles.list('111122223333', { maxItems: 2 });
      assert.deepEqual(p1.items.map((r) => r.name), ['Alpha', 'b']);
      const p2 = await store.roles.list('111122223333', { maxItems: 2, marker: p1.marker });
      assert.deepEqual(p2.items.map((r) => r.name), ['c', 'd']);
      assert.equal(p2.marker, undefined);
      const x = await store.roles.list('111122223333', { maxItems: 10, pathPrefix: '/x/' });
      assert.deepEqual(x.items.map((r) => r.name), ['c']);
    });

    test('a transaction that throws leaves nothing written', async () => {
      await assert.rejects(store.transaction(async (t) => {
        await t.roles.create('111122223333', role('half'));
        await t.links.put('111122223333', 'attached:role', 'half', 'arn:aws:iam::aws:policy/X', null);
        throw new Error('boom');
      }));
      assert.equal(await store.roles.get('111122223333', 'half'), undefined);
      assert.deepEqual(await store.links.from('111122223333', 'attached:role', 'half'), []);
    });

    test('transactions run one at a time and reads wait for an open one', async () => {
      const order: string[] = [];
      let read: Promise<unknown> = Promise.resolve();
      const a = store.transaction(async (t) => {
        await t.roles.create('111122223333', role('t1'));
        // A read that starts while the transaction is open must not see its uncommitted row early.
        read = store.roles.get('111122223333', 't1').then((r) => order.push(r ? 'read-saw-t1' : 'read-missed'));
        await new Promise((r) => setTimeout(r, 30));
        order.push('a');
      });
      await a;
      await read;
      assert.deepEqual(order, ['a', 'read-saw-t1']);
    });

    test('links are found from either side and removed', async () => {
      await store.links.put('111122223333', 'member', 'admins', 'alice', '{"group":"Admins","user":"Alice"}');
      await store.links.put('111122223333', 'member', 'ops', 'alice', null);
      assert.deepEqual((await store.links.to('111122223333', 'member', 'alice')).map((l) => l.a), ['admins', 'ops']);
      assert.equal(await store.links.delete('111122223333', 'member', 'ops', 'alice'), true);
      assert.equal(await store.links.count('111122223333', 'member'), 1);
    });

    test('reset keeps accounts and root keys and removes everything else', async () => {
      await store.accounts.put({ id: '111122223333', name: 'a', createDate: '2026-01-01T00:00:00.000Z' });
      await store.accessKeys.put({ accessKeyId: 'AKIAROOT', accountId: '111122223333', userName: null, secretSealed: 'v1.x', status: 'Active', createDate: '' });
      await store.accessKeys.put({ accessKeyId: 'AKIAUSER', accountId: '111122223333', userName: 'alice', secretSealed: 'v1.y', status: 'Active', createDate: '' });
      await store.reset();
      assert.equal(await store.roles.count('111122223333'), 0);
      assert.ok(await store.accessKeys.get('AKIAROOT'));
      assert.equal(await store.accessKeys.get('AKIAUSER'), undefined);
      assert.ok(await store.accounts.get('111122223333'));
    });
  });
}

contract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-store-'));
  const store = openSqliteStore(join(dir, 'test.db'));
  return { store, close: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
});

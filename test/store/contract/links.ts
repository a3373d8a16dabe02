// The links aggregate's contract cases, for every engine: through the contract's methods only, never
// SQL or an engine's internals (each engine's test file supplies the store).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { A1, A2, freshStore, type StoreFactory } from './factory.js';

export function linksContract(engine: string, open: StoreFactory) {
  describe(`links contract on ${engine}`, () => {
    const store = freshStore(open);

    test('links are found from either side, in order of the other side, and removed', async () => {
      await store().links.put(A1, 'member', 'admins', 'alice', '{"group":"Admins","user":"Alice"}');
      await store().links.put(A1, 'member', 'ops', 'alice', null);
      await store().links.put(A1, 'member', 'admins', 'Bob', null);
      assert.deepEqual((await store().links.to(A1, 'member', 'alice')).map((l) => l.a), ['admins', 'ops']);
      assert.deepEqual(await store().links.from(A1, 'member', 'admins'), [
        { a: 'admins', b: 'Bob', data: null },
        { a: 'admins', b: 'alice', data: '{"group":"Admins","user":"Alice"}' },
      ], 'byte order: upper case first');
      assert.equal(await store().links.delete(A1, 'member', 'ops', 'alice'), true);
      assert.equal(await store().links.delete(A1, 'member', 'ops', 'alice'), false);
      assert.equal(await store().links.count(A1, 'member'), 2);
    });

    test('get reads one link; put replaces its data; keys are exact, kinds and accounts apart', async () => {
      await store().links.put(A1, 'inline:role', 'r', 'p', '{"v":1}');
      await store().links.put(A1, 'inline:role', 'r', 'p', '{"v":2}');
      assert.deepEqual(await store().links.get(A1, 'inline:role', 'r', 'p'), { a: 'r', b: 'p', data: '{"v":2}' });
      assert.equal(await store().links.get(A1, 'inline:role', 'R', 'p'), undefined);
      assert.equal(await store().links.get(A1, 'inline:user', 'r', 'p'), undefined);
      assert.equal(await store().links.get(A2, 'inline:role', 'r', 'p'), undefined);
      assert.equal(await store().links.count(A1, 'inline:role'), 1);
      assert.equal(await store().links.count(A1, 'inline:user'), 0);
    });

    test('deleteFrom removes every link from one side and answers how many', async () => {
      for (const p of ['p1', 'p2', 'p3']) await store().links.put(A1, 'attached:role', 'r', p, null);
      await store().links.put(A1, 'attached:role', 'other', 'p1', null);
      assert.deepEqual((await store().links.from(A1, 'attached:role', 'r')).map((l) => l.b), ['p1', 'p2', 'p3']);
      assert.equal(await store().links.deleteFrom(A1, 'attached:role', 'r'), 3);
      assert.deepEqual(await store().links.from(A1, 'attached:role', 'r'), []);
      assert.deepEqual((await store().links.to(A1, 'attached:role', 'p1')).map((l) => l.a), ['other']);
      assert.equal(await store().links.deleteFrom(A1, 'attached:role', 'r'), 0);
    });

    test('a list read is not changed by what the caller does with it, nor stale after a write', async () => {
      await store().links.put(A1, 'member', 'g', 'u1', null);
      const first = await store().links.from(A1, 'member', 'g');
      first.push({ a: 'g', b: 'mine', data: null });
      assert.deepEqual((await store().links.from(A1, 'member', 'g')).map((l) => l.b), ['u1']);
      await store().links.put(A1, 'member', 'g', 'u2', null);
      assert.deepEqual((await store().links.from(A1, 'member', 'g')).map((l) => l.b), ['u1', 'u2']);
    });
  });
}

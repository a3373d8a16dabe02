// The accounts aggregate's contract cases, for every engine: through the contract's methods only, never
// SQL or an engine's internals (each engine's test file supplies the store).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { A1, A2, freshStore, type StoreFactory } from './factory.js';

export function accountsContract(engine: string, open: StoreFactory) {
  describe(`accounts contract on ${engine}`, () => {
    const store = freshStore(open);

    test('an account put is read back whole; an unknown id answers undefined', async () => {
      const a = { id: A1, name: 'first', createDate: '2026-01-01T00:00:00.000Z' };
      await store().accounts.put(a);
      assert.deepEqual(await store().accounts.get(A1), a);
      assert.equal(await store().accounts.get('000000000000'), undefined);
    });

    test('put replaces an account, and list gives every account ordered by id', async () => {
      await store().accounts.put({ id: A2, name: 'second', createDate: '2026-01-01T00:00:00.000Z' });
      await store().accounts.put({ id: A1, name: 'first', createDate: '2026-01-01T00:00:00.000Z' });
      await store().accounts.put({ id: A1, name: 'renamed', createDate: '2026-01-01T00:00:00.000Z' });
      assert.deepEqual((await store().accounts.list()).map((a) => [a.id, a.name]), [[A1, 'renamed'], [A2, 'second']]);
    });
  });
}

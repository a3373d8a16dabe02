// The access keys aggregate's contract cases, for every engine: through the contract's methods only, never
// SQL or an engine's internals (each engine's test file supplies the store).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AccessKeyRecord } from '../../../src/store/types.js';
import { A1, A2, freshStore, type StoreFactory } from './factory.js';

const key = (accessKeyId: string, userName: string | null, accountId = A1): AccessKeyRecord => ({
  accessKeyId, accountId, userName, secretSealed: `v1.${accessKeyId}`, status: 'Active', createDate: '2026-01-01T00:00:00.000Z',
});

export function accessKeysContract(engine: string, open: StoreFactory) {
  describe(`access keys contract on ${engine}`, () => {
    const store = freshStore(open);

    test('a key put is read back whole, replaced by the next put, and deleted once', async () => {
      await store().accessKeys.put(key('AKIAONE', 'alice'));
      assert.deepEqual(await store().accessKeys.get('AKIAONE'), key('AKIAONE', 'alice'));
      const used = { ...key('AKIAONE', 'alice'), status: 'Inactive' as const, lastUsed: { date: '2026-01-02T00:00:00.000Z', serviceName: 'iam', region: 'us-east-1' } };
      await store().accessKeys.put(used);
      assert.deepEqual(await store().accessKeys.get('AKIAONE'), used);
      assert.equal(await store().accessKeys.delete('AKIAONE'), true);
      assert.equal(await store().accessKeys.get('AKIAONE'), undefined);
      assert.equal(await store().accessKeys.delete('AKIAONE'), false);
    });

    test("forUser gives one user's keys by name in any case, ordered by key id; null gives the root's", async () => {
      await store().accessKeys.put(key('AKIAB', 'Alice'));
      await store().accessKeys.put(key('AKIAA', 'Alice'));
      await store().accessKeys.put(key('AKIAROOT', null));
      await store().accessKeys.put(key('AKIABOB', 'bob'));
      await store().accessKeys.put(key('AKIAOTHER', 'Alice', A2));
      assert.deepEqual((await store().accessKeys.forUser(A1, 'ALICE')).map((k) => k.accessKeyId), ['AKIAA', 'AKIAB']);
      assert.deepEqual((await store().accessKeys.forUser(A1, null)).map((k) => k.accessKeyId), ['AKIAROOT']);
      assert.deepEqual((await store().accessKeys.forUser(A2, 'alice')).map((k) => k.accessKeyId), ['AKIAOTHER']);
      assert.deepEqual(await store().accessKeys.forUser(A1, 'carol'), []);
    });

    test('any gives one stored key of any owner, and undefined when none is stored', async () => {
      assert.equal(await store().accessKeys.any(), undefined);
      await store().accessKeys.put(key('AKIAZED', 'alice'));
      await store().accessKeys.put(key('AKIAROOT', null, A2));
      assert.equal((await store().accessKeys.any())?.accessKeyId, 'AKIAROOT');
      await store().accessKeys.delete('AKIAROOT');
      assert.equal((await store().accessKeys.any())?.accessKeyId, 'AKIAZED');
    });

    test('a key put again under another user moves to that user', async () => {
      await store().accessKeys.put(key('AKIAMOVE', 'alice'));
      await store().accessKeys.put(key('AKIAMOVE', 'bob'));
      assert.deepEqual(await store().accessKeys.forUser(A1, 'alice'), []);
      assert.deepEqual((await store().accessKeys.forUser(A1, 'bob')).map((k) => k.accessKeyId), ['AKIAMOVE']);
      assert.equal((await store().accessKeys.get('AKIAMOVE'))?.userName, 'bob');
    });
  });
}

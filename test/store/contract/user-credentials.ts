// The user credentials aggregate's contract cases (login profiles and SSH public keys), for every
// engine: through the contract's methods only, never SQL or an engine's internals.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LoginProfileRecord, SshPublicKeyRecord } from '../../../src/store/types.js';
import { A1, A2, freshStore, type StoreFactory } from './factory.js';

const profile = (userName: string, accountId = A1): LoginProfileRecord => ({
  accountId, userName, createDate: '2026-01-01T00:00:00.000Z', passwordHash: `scrypt$${userName}`, passwordResetRequired: false,
  passwordLastChanged: '2026-01-01T00:00:00.000Z', previousHashes: [],
});
const sshKey = (id: string, userName: string, accountId = A1): SshPublicKeyRecord => ({
  id, accountId, userName, body: 'ssh-rsa AAAA', ssh: 'ssh-rsa AAAA', pem: '-----BEGIN PUBLIC KEY-----', fingerprint: 'aa:bb', status: 'Active',
  uploadDate: '2026-01-01T00:00:00.000Z',
});

export function userCredentialsContract(engine: string, open: StoreFactory) {
  describe(`user credentials contract on ${engine}`, () => {
    const store = freshStore(open);

    test('a login profile is read back whole by its user name in any case, replaced, and deleted once', async () => {
      await store().loginProfiles.put(profile('Alice'));
      assert.deepEqual(await store().loginProfiles.get(A1, 'alice'), profile('Alice'));
      assert.equal(await store().loginProfiles.get(A2, 'alice'), undefined);
      const changed = { ...profile('Alice'), passwordHash: 'scrypt$new', previousHashes: ['scrypt$Alice'], passwordResetRequired: true };
      await store().loginProfiles.put(changed);
      assert.deepEqual(await store().loginProfiles.get(A1, 'ALICE'), changed);
      assert.equal(await store().loginProfiles.delete(A1, 'alice'), true);
      assert.equal(await store().loginProfiles.get(A1, 'Alice'), undefined);
      assert.equal(await store().loginProfiles.delete(A1, 'alice'), false);
    });

    test("list gives one account's profiles ordered by lower-cased user name", async () => {
      await store().loginProfiles.put(profile('bob'));
      await store().loginProfiles.put(profile('Alice'));
      await store().loginProfiles.put(profile('carol', A2));
      assert.deepEqual((await store().loginProfiles.list(A1)).map((p) => p.userName), ['Alice', 'bob']);
      assert.deepEqual((await store().loginProfiles.list(A2)).map((p) => p.userName), ['carol']);
    });

    test('an SSH key is read back by id, listed under its user in any case ordered by id, moved and deleted once', async () => {
      await store().sshPublicKeys.put(sshKey('APKAB', 'Alice'));
      await store().sshPublicKeys.put(sshKey('APKAA', 'Alice'));
      await store().sshPublicKeys.put(sshKey('APKAC', 'Alice', A2));
      assert.deepEqual(await store().sshPublicKeys.get('APKAA'), sshKey('APKAA', 'Alice'));
      assert.deepEqual((await store().sshPublicKeys.forUser(A1, 'alice')).map((k) => k.id), ['APKAA', 'APKAB']);
      await store().sshPublicKeys.put({ ...sshKey('APKAA', 'bob'), status: 'Inactive' });
      assert.deepEqual((await store().sshPublicKeys.forUser(A1, 'alice')).map((k) => k.id), ['APKAB']);
      assert.equal((await store().sshPublicKeys.forUser(A1, 'bob'))[0].status, 'Inactive');
      assert.equal(await store().sshPublicKeys.delete('APKAA'), true);
      assert.equal(await store().sshPublicKeys.delete('APKAA'), false);
      assert.equal(await store().sshPublicKeys.get('APKAA'), undefined);
    });

    test('reset removes login profiles and SSH keys', async () => {
      await store().loginProfiles.put(profile('alice'));
      await store().sshPublicKeys.put(sshKey('APKAA', 'alice'));
      await store().reset();
      assert.deepEqual(await store().loginProfiles.list(A1), []);
      assert.equal(await store().sshPublicKeys.get('APKAA'), undefined);
    });
  });
}

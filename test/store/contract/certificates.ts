// The certificates aggregate's contract cases (server and signing certificates), for every engine:
// through the contract's methods only, never SQL or an engine's internals.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerCertificateRecord, SigningCertificateRecord } from '../../../src/store/types.js';
import { A1, A2, freshStore, type StoreFactory } from './factory.js';

const server = (name: string, path = '/'): ServerCertificateRecord => ({
  name, path, id: `ASCA${name.toUpperCase().padEnd(17, 'X')}`, arn: `arn:aws:iam::${A1}:server-certificate${path}${name}`,
  uploadDate: '2026-01-01T00:00:00.000Z', expiration: '2027-01-01T00:00:00.000Z', body: '-----BEGIN CERTIFICATE-----',
  privateKeySealed: 'sealed', tags: [],
});
const signing = (id: string, userName: string | null, uploadDate = '2026-01-01T00:00:00.000Z', accountId = A1): SigningCertificateRecord => ({
  id, accountId, userName, body: '-----BEGIN CERTIFICATE-----', fingerprint: `FP-${id}`, status: 'Active', uploadDate,
});

export function certificatesContract(engine: string, open: StoreFactory) {
  describe(`certificates contract on ${engine}`, () => {
    const store = freshStore(open);

    test('a server certificate is created once per name in any case, read back whole, replaced, listed by name, counted and deleted once', async () => {
      const t = () => store().serverCertificates;
      assert.equal(await t().create(A1, server('Web')), true);
      assert.equal(await t().create(A1, { ...server('WEB'), body: 'other' }), false);
      assert.deepEqual(await t().get(A1, 'web'), server('Web'));
      assert.equal(await t().get(A2, 'web'), undefined);
      await t().put(A1, { ...server('Web'), tags: [{ Key: 'k', Value: 'v' }] });
      assert.deepEqual((await t().get(A1, 'WEB'))!.tags, [{ Key: 'k', Value: 'v' }]);
      await t().create(A1, server('api', '/elb/'));
      await t().create(A2, server('zeta'));
      assert.deepEqual((await t().list(A1)).map((c) => c.name), ['api', 'Web']);
      assert.equal(await t().count(A1), 2);
      assert.equal(await t().delete(A1, 'web'), true);
      assert.equal(await t().delete(A1, 'web'), false);
      assert.equal(await t().count(A1), 1);
    });

    test('signing certificates are read by id, listed per owner (a user in any case, or the root) in upload order, found by fingerprint, moved and deleted', async () => {
      const t = () => store().signingCertificates;
      await t().put(signing('B', 'Alice', '2026-01-02T00:00:00.000Z'));
      await t().put(signing('C', 'Alice', '2026-01-01T00:00:00.000Z'));
      await t().put(signing('A', 'Alice', '2026-01-02T00:00:00.000Z'));
      await t().put(signing('R', null));
      await t().put(signing('X', 'alice', undefined, A2));
      assert.deepEqual(await t().get('B'), signing('B', 'Alice', '2026-01-02T00:00:00.000Z'));
      // Same upload time: in the order they were put.
      assert.deepEqual((await t().forUser(A1, 'ALICE')).map((c) => c.id), ['C', 'B', 'A']);
      assert.deepEqual((await t().forUser(A1, null)).map((c) => c.id), ['R']);
      assert.deepEqual((await t().withFingerprint(A1, 'FP-B')).map((c) => c.id), ['B']);
      assert.deepEqual(await t().withFingerprint(A2, 'FP-B'), []);
      await t().put({ ...signing('B', 'bob', '2026-01-02T00:00:00.000Z'), status: 'Inactive' });
      assert.deepEqual((await t().forUser(A1, 'alice')).map((c) => c.id), ['C', 'A']);
      assert.equal((await t().forUser(A1, 'bob'))[0].status, 'Inactive');
      assert.equal(await t().delete('B'), true);
      assert.equal(await t().delete('B'), false);
      assert.equal(await t().get('B'), undefined);
    });

    test('reset removes server and signing certificates', async () => {
      await store().serverCertificates.create(A1, server('web'));
      await store().signingCertificates.put(signing('A', 'alice'));
      await store().reset();
      assert.equal(await store().serverCertificates.count(A1), 0);
      assert.equal(await store().signingCertificates.get('A'), undefined);
    });
  });
}

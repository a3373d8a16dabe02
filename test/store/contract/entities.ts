// The IAM entities' contract cases (roles, users, groups, managed policies, instance profiles, OIDC
// providers, virtual MFA devices), for every engine: through the contract's methods only, never SQL or an engine's internals.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type {
  GroupRecord, InstanceProfileRecord, ManagedPolicyRecord, MfaDeviceRecord, OidcProviderRecord, RoleRecord, StoreTables, UserRecord,
} from '../../../src/store/types.js';
import { A1, A2, freshStore, type StoreFactory } from './factory.js';

const DATE = '2026-01-01T00:00:00.000Z';
const arn = (type: string, path: string, name: string, account = A1) => `arn:aws:iam::${account}:${type}${path}${name}`;

export const role = (name: string, path = '/', id = `AROA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`): RoleRecord => ({
  name, id, path, arn: arn('role', path, name), createDate: DATE, assumeRolePolicyDocument: '{}', maxSessionDuration: 3600, tags: [],
});

/** One record of every kind, with every optional field set, so a round trip must keep them all. */
const samples = {
  roles: {
    ...role('Full', '/svc/'), description: 'd', permissionsBoundary: 'arn:aws:iam::aws:policy/B',
    tags: [{ Key: 'k', Value: 'v' }], lastUsed: { date: DATE, region: 'eu-west-1' },
  } satisfies RoleRecord,
  users: { name: 'Alice', id: 'AIDAALICEXXXXXXXXXXXX', path: '/', arn: arn('user', '/', 'Alice'), createDate: DATE, permissionsBoundary: 'arn:aws:iam::aws:policy/B', tags: [{ Key: 'team', Value: 'a' }] } satisfies UserRecord,
  groups: { name: 'Admins', id: 'AGPAADMINSXXXXXXXXXX', path: '/', arn: arn('group', '/', 'Admins'), createDate: DATE } satisfies GroupRecord,
  policies: {
    name: 'P', id: 'ANPAPXXXXXXXXXXXXXXX', path: '/', arn: arn('policy', '/', 'P'), createDate: DATE, description: 'p', defaultVersionId: 'v2',
    updateDate: DATE, tags: [], nextVersion: 3,
    versions: [{ versionId: 'v1', document: '{"Version":"2012-10-17","Statement":[]}', createDate: DATE }, { versionId: 'v2', document: '{}', createDate: DATE }],
  } satisfies ManagedPolicyRecord,
  instanceProfiles: { name: 'Web', id: 'AIPAWEBXXXXXXXXXXXXX', path: '/', arn: arn('instance-profile', '/', 'Web'), createDate: DATE, tags: [], roles: ['Full'] } satisfies InstanceProfileRecord,
  oidcProviders: {
    name: 'token.example.com', id: 'OIDCEXAMPLEXXXXXXXXX', path: '/', arn: arn('oidc-provider', '/', 'token.example.com'), createDate: DATE,
    url: 'https://token.example.com', clientIds: ['sts.amazonaws.com'], thumbprints: ['a'.repeat(40)], tags: [],
  } satisfies OidcProviderRecord,
  mfaDevices: {
    name: 'alice-phone', id: arn('mfa', '/', 'alice-phone'), path: '/', arn: arn('mfa', '/', 'alice-phone'), createDate: DATE,
    seedSealed: 'sealed-seed', tags: [{ Key: 'k', Value: 'v' }], userName: 'Alice', enableDate: DATE, lastStep: 59_000_000,
  } satisfies MfaDeviceRecord,
};

export function entitiesContract(engine: string, open: StoreFactory) {
  describe(`entities contract on ${engine}`, () => {
    const store = freshStore(open);

    test('names are unique case-insensitively and found in any case', async () => {
      assert.equal(await store().roles.create(A1, role('Alpha')), true);
      assert.equal(await store().roles.create(A1, role('ALPHA', '/', 'AROAOTHERIDXXXXXXXXX')), false);
      assert.equal((await store().roles.get(A1, 'alpha'))?.name, 'Alpha', 'a refused create leaves the entity as it was');
      assert.equal(await store().roles.get(A2, 'alpha'), undefined, 'accounts do not see each other');
      assert.equal(await store().roles.create(A2, role('Alpha', '/', 'AROAALPHAINA2XXXXXXX')), true, 'the same name in another account');
    });

    test("idOf gives an entity's unique id by name in any case, and follows a delete and a new entity of the same name", async () => {
      assert.equal(await store().roles.create(A1, role('Ident')), true);
      assert.equal(await store().roles.idOf(A1, 'IDENT'), role('Ident').id);
      assert.equal(await store().roles.idOf(A2, 'Ident'), undefined);
      assert.equal(await store().roles.delete(A1, 'ident'), true);
      assert.equal(await store().roles.idOf(A1, 'Ident'), undefined);
      await store().roles.create(A1, { ...role('Ident'), id: 'AROANEWIDENTXXXXXXXX' });
      assert.equal(await store().roles.idOf(A1, 'Ident'), 'AROANEWIDENTXXXXXXXX');
    });

    test('getById finds the entity and its account, in its own kind only', async () => {
      await store().roles.create(A2, role('Found'));
      assert.deepEqual(await store().roles.getById(role('Found').id), { accountId: A2, entity: role('Found') });
      assert.equal(await store().users.getById(role('Found').id), undefined);
      assert.equal(await store().roles.getById('AROANOSUCHXXXXXXXXXX'), undefined);
    });

    test('put creates or replaces the entity of that name; delete answers whether one went; count is per account', async () => {
      await store().roles.put(A1, role('Put'));
      await store().roles.put(A1, { ...role('PUT'), description: 'again' });
      assert.deepEqual(await store().roles.get(A1, 'put'), { ...role('PUT'), description: 'again' });
      assert.equal(await store().roles.count(A1), 1);
      assert.equal(await store().roles.count(A2), 0);
      assert.equal(await store().roles.delete(A1, 'Put'), true);
      assert.equal(await store().roles.delete(A1, 'Put'), false);
      assert.equal(await store().roles.count(A1), 0);
    });

    test('a record of every kind is read back whole, and the kinds do not see each other', async () => {
      for (const [table, record] of Object.entries(samples) as [keyof typeof samples, (typeof samples)[keyof typeof samples]][]) {
        const t = store()[table] as StoreTables['roles'];
        assert.equal(await t.create(A1, record as RoleRecord), true, table);
        assert.deepEqual(await t.get(A1, record.name.toUpperCase()), record, table);
        assert.deepEqual(await t.getById(record.id), { accountId: A1, entity: record }, table);
        assert.deepEqual((await t.list(A1, { maxItems: 10 })).items, [record], table);
      }
      assert.equal(await store().users.get(A1, 'Full'), undefined);
    });

    test('lists page in name order with a marker and filter by path prefix', async () => {
      for (const n of ['Alpha', 'b', 'c', 'd']) await store().roles.create(A1, role(n, n === 'c' ? '/x/' : '/'));
      const p1 = await store().roles.list(A1, { maxItems: 2 });
      assert.deepEqual(p1.items.map((r) => r.name), ['Alpha', 'b']);
      assert.equal(typeof p1.marker, 'string');
      const p2 = await store().roles.list(A1, { maxItems: 2, marker: p1.marker });
      assert.deepEqual(p2.items.map((r) => r.name), ['c', 'd']);
      assert.equal(p2.marker, undefined);
      const x = await store().roles.list(A1, { maxItems: 10, pathPrefix: '/x/' });
      assert.deepEqual(x.items.map((r) => r.name), ['c']);
    });

    test('the list order is the lower-cased name byte by byte, and the path prefix is matched exactly', async () => {
      const names = ['b', 'A', '_z', 'B1', 'a-'];
      for (const [i, n] of names.entries()) await store().roles.create(A1, role(n, i % 2 ? '/team/' : '/teams/', `AROAORDER${i}XXXXXXXXXXX`));
      const all = await store().roles.list(A1, { maxItems: 10 });
      assert.deepEqual(all.items.map((r) => r.name), ['_z', 'A', 'a-', 'b', 'B1']);
      assert.deepEqual((await store().roles.list(A1, { maxItems: 10, pathPrefix: '/team/' })).items.map((r) => r.name), ['A', 'B1']);
      assert.equal((await store().roles.list(A1, { maxItems: 10, pathPrefix: '/team' })).items.length, 5, 'a prefix, not a folder');
      assert.deepEqual((await store().roles.list(A1, { maxItems: 10, pathPrefix: '/TEAM/' })).items, [], 'paths are case-sensitive');
    });
  });
}

// The service-specific credentials aggregate's and the access reports' contract cases, for every engine: through the
// contract's methods only, never SQL or an engine's internals.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AccessReportRecord, ServiceSpecificCredentialRecord } from '../../../src/store/types.js';
import { A1, A2, freshStore, type StoreFactory } from './factory.js';

const credential = (id: string, userName: string, createDate: string, accountId = A1): ServiceSpecificCredentialRecord => ({
  id, accountId, userName, serviceName: 'codecommit.amazonaws.com', serviceUserName: `${userName}-at-${accountId}`,
  secretSealed: 'v1.sealed', status: 'Active', createDate,
});

const report = (jobId: string): AccessReportRecord => ({
  jobId, accountId: A1, arn: `arn:aws:iam::${A1}:user/alice`, granularity: 'SERVICE_LEVEL', createDate: '2026-01-01T00:00:00.000Z',
  completionDate: '2026-01-01T00:00:00.000Z', entities: [{ arn: `arn:aws:iam::${A1}:user/alice`, name: 'alice', type: 'USER', id: 'AIDAEXAMPLE', path: '/' }],
  services: [{ namespace: 's3', lastAuthenticated: '2026-01-01T00:00:00.000Z', lastAuthenticatedEntity: `arn:aws:iam::${A1}:user/alice`, entities: {} }],
});

export function serviceCredentialsContract(engine: string, open: StoreFactory) {
  describe(`service-specific credentials contract on ${engine}`, () => {
    const store = freshStore(open);
    const t = () => store().serviceSpecificCredentials;

    test('a credential is read back whole by id, listed under its user in any case oldest first, moved and deleted once', async () => {
      await t().put(credential('ACCAB', 'Alice', '2026-01-01T00:00:00.000Z'));
      await t().put(credential('ACCAA', 'Alice', '2026-01-02T00:00:00.000Z'));
      await t().put(credential('ACCAC', 'Alice', '2026-01-01T00:00:00.000Z', A2));
      assert.deepEqual(await t().get('ACCAA'), credential('ACCAA', 'Alice', '2026-01-02T00:00:00.000Z'));
      assert.deepEqual((await t().forUser(A1, 'alice')).map((c) => c.id), ['ACCAB', 'ACCAA']);
      await t().put({ ...credential('ACCAB', 'bob', '2026-01-01T00:00:00.000Z'), status: 'Inactive' });
      assert.deepEqual((await t().forUser(A1, 'alice')).map((c) => c.id), ['ACCAA']);
      assert.equal((await t().forUser(A1, 'BOB'))[0].status, 'Inactive');
      assert.deepEqual((await t().list(A1)).map((c) => c.id), ['ACCAA', 'ACCAB']);
      assert.equal(await t().delete('ACCAA'), true);
      assert.equal(await t().delete('ACCAA'), false);
      assert.equal(await t().get('ACCAA'), undefined);
    });

    test('reset removes every credential and every access report', async () => {
      await t().put(credential('ACCAA', 'alice', '2026-01-01T00:00:00.000Z'));
      await store().accessReports.put(report('00000000-0000-4000-8000-000000000001'));
      await store().reset();
      assert.deepEqual(await t().list(A1), []);
      assert.equal(await store().accessReports.get(A1, '00000000-0000-4000-8000-000000000001'), undefined);
    });

    test("an access report is read back whole by its account and job id, never by another account's", async () => {
      const r = report('00000000-0000-4000-8000-000000000002');
      await store().accessReports.put(r);
      assert.deepEqual(await store().accessReports.get(A1, r.jobId), r);
      assert.equal(await store().accessReports.get(A2, r.jobId), undefined);
    });
  });
}

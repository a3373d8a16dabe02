// The organization aggregate's contract cases (centralized root access features, organizations
// access reports), for every engine: through the contract's methods only, never SQL.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OrganizationsAccessReportRecord } from '../../../src/store/types.js';
import { A1, A2, freshStore, type StoreFactory } from './factory.js';

const ORG = 'o-a1b2c3d4e5';
const report: OrganizationsAccessReportRecord = {
  jobId: '6b9c3b1e-4a44-4d1c-9d3e-0f0c1e2d3a4b', accountId: A1, entityPath: `${ORG}/r-ab12`, createDate: '2026-01-02T03:04:05.000Z',
  completionDate: '2026-01-02T03:04:05.000Z', status: 'COMPLETED',
  services: [{ namespace: 's3', lastAuthenticated: '2026-01-02T03:00:00.000Z', entityPath: `${ORG}/r-ab12/${A2}`, accounts: 1 }, { namespace: 'sts', accounts: 0 }],
};

export function organizationsContract(engine: string, open: StoreFactory) {
  describe(`organizations contract on ${engine}`, () => {
    const store = freshStore(open);

    test('features are per organization; enabling or disabling twice is the same as once', async () => {
      const t = store().organizations;
      assert.deepEqual(await t.features(ORG), []);
      await t.setFeature(ORG, 'RootSessions', true, '2026-01-01T00:00:00.000Z');
      await t.setFeature(ORG, 'RootSessions', true, '2026-01-01T00:00:01.000Z');
      await t.setFeature(ORG, 'RootCredentialsManagement', true, '2026-01-01T00:00:02.000Z');
      assert.deepEqual((await t.features(ORG)).sort(), ['RootCredentialsManagement', 'RootSessions']);
      assert.deepEqual(await t.features('o-zzzzzzzzzz'), []);
      await t.setFeature(ORG, 'RootSessions', false, '2026-01-01T00:00:03.000Z');
      await t.setFeature(ORG, 'RootSessions', false, '2026-01-01T00:00:04.000Z');
      assert.deepEqual(await t.features(ORG), ['RootCredentialsManagement']);
    });

    test('a report is read back whole by its account and job id only; reset removes reports and features', async () => {
      const t = store().organizations;
      await t.putAccessReport(report);
      assert.deepEqual(await t.getAccessReport(A1, report.jobId), report);
      assert.equal(await t.getAccessReport(A2, report.jobId), undefined);
      await t.setFeature(ORG, 'RootSessions', true, '2026-01-01T00:00:00.000Z');
      await store().reset();
      assert.equal(await store().organizations.getAccessReport(A1, report.jobId), undefined);
      assert.deepEqual(await store().organizations.features(ORG), []);
    });
  });
}

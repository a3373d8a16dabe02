// The account settings aggregate's contract cases (password policy, alias, credential report), for
// every engine: through the contract's methods only, never SQL or an engine's internals.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PasswordPolicyRecord } from '../../../src/store/types.js';
import { A1, A2, freshStore, type StoreFactory } from './factory.js';

const policy: PasswordPolicyRecord = {
  minimumPasswordLength: 12, requireSymbols: true, requireNumbers: false, requireUppercaseCharacters: true, requireLowercaseCharacters: false,
  allowUsersToChangePassword: true, maxPasswordAge: 90, passwordReusePrevention: 5,
};

export function accountSettingsContract(engine: string, open: StoreFactory) {
  describe(`account settings contract on ${engine}`, () => {
    const store = freshStore(open);

    test('a password policy is per account, read back whole, replaced and deleted once', async () => {
      assert.equal(await store().accountSettings.getPasswordPolicy(A1), undefined);
      await store().accountSettings.putPasswordPolicy(A1, policy);
      assert.deepEqual(await store().accountSettings.getPasswordPolicy(A1), policy);
      assert.equal(await store().accountSettings.getPasswordPolicy(A2), undefined);
      await store().accountSettings.putPasswordPolicy(A1, { ...policy, hardExpiry: true });
      assert.equal((await store().accountSettings.getPasswordPolicy(A1))?.hardExpiry, true);
      assert.equal(await store().accountSettings.deletePasswordPolicy(A1), true);
      assert.equal(await store().accountSettings.deletePasswordPolicy(A1), false);
    });

    test('an alias belongs to one account; a second replaces the first; another account cannot take it', async () => {
      assert.equal(await store().accountSettings.putAlias(A1, 'first'), true);
      assert.equal(await store().accountSettings.putAlias(A1, 'second'), true);
      assert.equal(await store().accountSettings.getAlias(A1), 'second');
      assert.equal(await store().accountSettings.aliasOwner('first'), undefined);
      assert.equal(await store().accountSettings.putAlias(A2, 'second'), false);
      assert.equal(await store().accountSettings.getAlias(A2), undefined);
      assert.equal(await store().accountSettings.putAlias(A2, 'first'), true);
      assert.equal(await store().accountSettings.aliasOwner('first'), A2);
      assert.equal(await store().accountSettings.deleteAlias(A1), true);
      assert.equal(await store().accountSettings.deleteAlias(A1), false);
      assert.equal(await store().accountSettings.putAlias(A2, 'second'), true);
    });

    test('a credential report is per account and replaced by the next', async () => {
      await store().accountSettings.putCredentialReport(A1, { generatedTime: '2026-01-01T00:00:00.000Z', csv: 'a' });
      await store().accountSettings.putCredentialReport(A1, { generatedTime: '2026-01-02T00:00:00.000Z', csv: 'b' });
      assert.deepEqual(await store().accountSettings.getCredentialReport(A1), { generatedTime: '2026-01-02T00:00:00.000Z', csv: 'b' });
      assert.equal(await store().accountSettings.getCredentialReport(A2), undefined);
    });

    test('the global endpoint token version is per account and replaced by the next', async () => {
      assert.equal(await store().accountSettings.getGlobalEndpointTokenVersion(A1), undefined);
      await store().accountSettings.putGlobalEndpointTokenVersion(A1, 'v2Token');
      await store().accountSettings.putGlobalEndpointTokenVersion(A2, 'v2Token');
      await store().accountSettings.putGlobalEndpointTokenVersion(A2, 'v1Token');
      assert.equal(await store().accountSettings.getGlobalEndpointTokenVersion(A1), 'v2Token');
      assert.equal(await store().accountSettings.getGlobalEndpointTokenVersion(A2), 'v1Token');
      await store().reset();
      assert.equal(await store().accountSettings.getGlobalEndpointTokenVersion(A1), undefined);
    });

    test('the Kinesis billing commitment is per account and region, replaced by the next, and removed by reset', async () => {
      const t = store().accountSettings;
      assert.equal(await t.getKinesisBillingCommitment(A1, 'us-east-1'), undefined);
      await t.putKinesisBillingCommitment(A1, 'us-east-1', { startedAt: 1, earliestAllowedEndAt: 2 });
      await t.putKinesisBillingCommitment(A1, 'us-east-1', { startedAt: 1, earliestAllowedEndAt: 2, endsAt: 2 });
      assert.deepEqual(await t.getKinesisBillingCommitment(A1, 'us-east-1'), { startedAt: 1, earliestAllowedEndAt: 2, endsAt: 2 });
      assert.equal(await t.getKinesisBillingCommitment(A1, 'eu-west-1'), undefined);
      assert.equal(await t.getKinesisBillingCommitment(A2, 'us-east-1'), undefined);
      await store().reset();
      assert.equal(await t.getKinesisBillingCommitment(A1, 'us-east-1'), undefined);
    });

    test('outbound web identity federation is per account, read back whole, replaced by the next, and removed by reset', async () => {
      const record = {
        enabled: true, issuer: 'http://127.0.0.1:4577/_rolegate/oidc/' + A1,
        keys: [{ kid: 'k1', alg: 'RS256' as const, publicJwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' }, privateKeySealed: 'sealed' }],
      };
      assert.equal(await store().accountSettings.getOutboundWebIdentity(A1), undefined);
      await store().accountSettings.putOutboundWebIdentity(A1, record);
      assert.deepEqual(await store().accountSettings.getOutboundWebIdentity(A1), record);
      assert.equal(await store().accountSettings.getOutboundWebIdentity(A2), undefined);
      await store().accountSettings.putOutboundWebIdentity(A1, { ...record, enabled: false });
      assert.equal((await store().accountSettings.getOutboundWebIdentity(A1))?.enabled, false);
      await store().reset();
      assert.equal(await store().accountSettings.getOutboundWebIdentity(A1), undefined);
    });

    test('reset removes the policy, the alias and the report', async () => {
      await store().accountSettings.putPasswordPolicy(A1, policy);
      await store().accountSettings.putAlias(A1, 'mine');
      await store().accountSettings.putCredentialReport(A1, { generatedTime: '2026-01-01T00:00:00.000Z', csv: 'a' });
      await store().reset();
      assert.equal(await store().accountSettings.getPasswordPolicy(A1), undefined);
      assert.equal(await store().accountSettings.getAlias(A1), undefined);
      assert.equal(await store().accountSettings.getCredentialReport(A1), undefined);
    });
  });
}

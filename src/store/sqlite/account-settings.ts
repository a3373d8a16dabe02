// The account settings aggregate on SQLite: one row per account and setting (password policy,
// credential report, STS preferences, outbound web identity federation, and per region Kinesis' billing
// commitment) as JSON text, and the aliases in their own table, unique across accounts.
// No other table's SQL here.
import type Database from 'better-sqlite3';
import type { AccountSettingsTable, CredentialReportRecord, KinesisBillingCommitmentRecord, OutboundWebIdentityRecord, PasswordPolicyRecord } from '../contract/account-settings.js';
import type { Gate } from './lock.js';

/** What reset removes: every account's settings and aliases. */
export const accountSettingsResetSql = 'DELETE FROM account_settings; DELETE FROM account_aliases';

export function sqliteAccountSettingsTable(db: Database.Database, gate: Gate): AccountSettingsTable {
  const get = db.prepare('SELECT data FROM account_settings WHERE account_id = ? AND setting = ?').pluck();
  const put = db.prepare('INSERT INTO account_settings (account_id, setting, data) VALUES (?, ?, ?) ON CONFLICT (account_id, setting) DO UPDATE SET data = excluded.data');
  const del = db.prepare('DELETE FROM account_settings WHERE account_id = ? AND setting = ?');
  const aliasOf = db.prepare('SELECT alias FROM account_aliases WHERE account_id = ?').pluck();
  const ownerOf = db.prepare('SELECT account_id FROM account_aliases WHERE alias = ?').pluck();
  const putAlias = db.prepare('INSERT INTO account_aliases (account_id, alias) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET alias = excluded.alias');
  const delAlias = db.prepare('DELETE FROM account_aliases WHERE account_id = ?');
  const read = <T>(accountId: string, setting: string): T | undefined => {
    const d = get.get(accountId, setting) as string | undefined;
    return d === undefined ? undefined : (JSON.parse(d) as T);
  };
  return {
    async getPasswordPolicy(accountId) {
      await gate();
      return read<PasswordPolicyRecord>(accountId, 'password-policy');
    },
    async putPasswordPolicy(accountId, policy) {
      await gate();
      put.run(accountId, 'password-policy', JSON.stringify(policy));
    },
    async deletePasswordPolicy(accountId) {
      await gate();
      return del.run(accountId, 'password-policy').changes === 1;
    },
    async getAlias(accountId) {
      await gate();
      return aliasOf.get(accountId) as string | undefined;
    },
    async aliasOwner(alias) {
      await gate();
      return ownerOf.get(alias) as string | undefined;
    },
    async putAlias(accountId, alias) {
      await gate();
      const owner = ownerOf.get(alias) as string | undefined;
      if (owner !== undefined && owner !== accountId) return false;
      putAlias.run(accountId, alias);
      return true;
    },
    async deleteAlias(accountId) {
      await gate();
      return delAlias.run(accountId).changes === 1;
    },
    async getCredentialReport(accountId) {
      await gate();
      return read<CredentialReportRecord>(accountId, 'credential-report');
    },
    async putCredentialReport(accountId, report) {
      await gate();
      put.run(accountId, 'credential-report', JSON.stringify(report));
    },
    async getGlobalEndpointTokenVersion(accountId) {
      await gate();
      return read<'v1Token' | 'v2Token'>(accountId, 'sts-global-endpoint-token-version');
    },
    async putGlobalEndpointTokenVersion(accountId, version) {
      await gate();
      put.run(accountId, 'sts-global-endpoint-token-version', JSON.stringify(version));
    },
    async getOutboundWebIdentity(accountId) {
      await gate();
      return read<OutboundWebIdentityRecord>(accountId, 'outbound-web-identity');
    },
    async putOutboundWebIdentity(accountId, record) {
      await gate();
      put.run(accountId, 'outbound-web-identity', JSON.stringify(record));
    },
    async getKinesisBillingCommitment(accountId, region) {
      await gate();
      return read<KinesisBillingCommitmentRecord>(accountId, `kinesis-billing-commitment/${region}`);
    },
    async putKinesisBillingCommitment(accountId, region, record) {
      await gate();
      put.run(accountId, `kinesis-billing-commitment/${region}`, JSON.stringify(record));
    },
  };
}

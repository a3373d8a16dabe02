// The credential report's CSV with AWS's columns, in AWS's order and spelling (IAM User Guide,
// "Generate credential reports for your AWS account"): the account root first as <root_account>,
// then every user by name. Reads only; holds no secret (passwords are hashes, keys are metadata).
import type { AccessKeyRecord, SigningCertificateRecord, StoreTables } from '../../store/types.js';

export const CREDENTIAL_REPORT_COLUMNS = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', 'password_next_rotation',
  'mfa_active',
  'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
  'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region', 'access_key_2_last_used_service',
  'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated',
] as const;

/** ISO 8601 to the second with an explicit +00:00, as the report writes times. */
const time = (iso: string) => `${iso.slice(0, 19)}+00:00`;
const NA = 'N/A';

/** access_key_1 is the older key, access_key_2 the newer, each N/A where there is none. */
function keyColumns(keys: AccessKeyRecord[]): string[] {
  const ordered = [...keys].sort((a, b) => a.createDate.localeCompare(b.createDate) || a.accessKeyId.localeCompare(b.accessKeyId));
  const out: string[] = [];
  for (let i = 0; i < 2; i++) {
    const k = ordered[i];
    if (!k) { out.push('false', NA, NA, NA, NA); continue; }
    out.push(String(k.status === 'Active'), time(k.createDate),
      k.lastUsed ? time(k.lastUsed.date) : NA, k.lastUsed?.region ?? NA, k.lastUsed?.serviceName ?? NA);
  }
  return out;
}

/** cert_1 is the older signing certificate, cert_2 the newer; last_rotated is its upload time. */
function certColumns(certs: SigningCertificateRecord[]): string[] {
  const ordered = [...certs].sort((a, b) => a.uploadDate.localeCompare(b.uploadDate));
  const out: string[] = [];
  for (let i = 0; i < 2; i++) {
    const c = ordered[i];
    out.push(c ? String(c.status === 'Active') : 'false', c ? time(c.uploadDate) : NA);
  }
  return out;
}

export async function credentialReportCsv(t: StoreTables, account: string): Promise<string> {
  const rows: string[][] = [];
  const root = await t.accounts.get(account);
  rows.push([
    '<root_account>', `arn:aws:iam::${account}:root`, root ? time(root.createDate) : NA,
    // The root signs in with its access keys here; it has no console password to report.
    'not_supported', 'no_information', 'not_supported', 'not_supported', 'false',
    ...keyColumns(await t.accessKeys.forUser(account, null)), ...certColumns(await t.signingCertificates.forUser(account, null)),
  ]);
  const policy = await t.accountSettings.getPasswordPolicy(account);
  const profiles = new Map((await t.loginProfiles.list(account)).map((p) => [p.userName.toLowerCase(), p]));
  for (const u of (await t.users.list(account, { maxItems: 1_000_000 })).items) {
    const p = profiles.get(u.name.toLowerCase());
    const nextRotation = p && policy?.maxPasswordAge !== undefined
      ? time(new Date(Date.parse(p.passwordLastChanged) + policy.maxPasswordAge * 86_400_000).toISOString())
      : NA;
    rows.push([
      u.name, u.arn, time(u.createDate), String(p !== undefined),
      // rolegate has no console sign-in, so a password is never used: AWS's no_information.
      p ? 'no_information' : NA, p ? time(p.passwordLastChanged) : NA, nextRotation, 'false',
      ...keyColumns(await t.accessKeys.forUser(account, u.name)), ...certColumns(await t.signingCertificates.forUser(account, u.name)),
    ]);
  }
  return [CREDENTIAL_REPORT_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\n');
}

// The account settings aggregate's contract: per account, the password policy, the alias, the
// last credential report and the STS preferences. Engine-neutral: no SQL and no engine types.

/** What UpdateAccountPasswordPolicy set; absent members were not given. */
export interface PasswordPolicyRecord {
  minimumPasswordLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  allowUsersToChangePassword: boolean;
  maxPasswordAge?: number;
  passwordReusePrevention?: number;
  hardExpiry?: boolean;
}

export interface CredentialReportRecord { generatedTime: string; csv: string }

export interface AccountSettingsTable {
  getPasswordPolicy(accountId: string): Promise<PasswordPolicyRecord | undefined>;
  putPasswordPolicy(accountId: string, policy: PasswordPolicyRecord): Promise<void>;
  deletePasswordPolicy(accountId: string): Promise<boolean>;
  /** The account's alias, if it has one. */
  getAlias(accountId: string): Promise<string | undefined>;
  /** The account holding an alias (aliases are unique across every account of the store). */
  aliasOwner(alias: string): Promise<string | undefined>;
  /** Sets the account's one alias, replacing its old one; `false` when another account holds it (nothing changes). */
  putAlias(accountId: string, alias: string): Promise<boolean>;
  deleteAlias(accountId: string): Promise<boolean>;
  getCredentialReport(accountId: string): Promise<CredentialReportRecord | undefined>;
  putCredentialReport(accountId: string, report: CredentialReportRecord): Promise<void>;
  /** What SetSecurityTokenServicePreferences set last; undefined before the first call. */
  getGlobalEndpointTokenVersion(accountId: string): Promise<'v1Token' | 'v2Token' | undefined>;
  putGlobalEndpointTokenVersion(accountId: string, version: 'v1Token' | 'v2Token'): Promise<void>;
}

// The account settings aggregate's contract: per account, the password policy, the alias, the
// last credential report and the STS preferences; per account and region, Kinesis Data Streams'
// minimum throughput billing commitment. Engine-neutral: no SQL and no engine types.

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

/** One signing key of an account's outbound web identity federation; the private key only sealed. */
export interface OutboundSigningKeyRecord {
  kid: string;
  /** The JWS algorithm it signs with: RS256 (RSA 2048) or ES384 (P-384). */
  alg: 'RS256' | 'ES384';
  /** The public key as a JWK (kty, n/e or crv/x/y). */
  publicJwk: Record<string, string>;
  /** The PKCS#8 PEM private key, sealed with the master key. */
  privateKeySealed: string;
}

/** Outbound web identity federation (EnableOutboundWebIdentityFederation): absent until first enabled. */
export interface OutboundWebIdentityRecord {
  enabled: boolean;
  /** The account's issuer URL, fixed when the feature was first enabled. */
  issuer: string;
  keys: OutboundSigningKeyRecord[];
}

export interface CredentialReportRecord { generatedTime: string; csv: string }

/** Kinesis Data Streams' last minimum throughput billing commitment in a region (UpdateAccountSettings), times in epoch milliseconds. */
export interface KinesisBillingCommitmentRecord {
  startedAt: number;
  earliestAllowedEndAt: number;
  /** When it ends (or ended): set by a request to disable it, never before earliestAllowedEndAt. */
  endsAt?: number;
}

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
  /** The account's outbound web identity federation; undefined before it was first enabled. */
  getOutboundWebIdentity(accountId: string): Promise<OutboundWebIdentityRecord | undefined>;
  putOutboundWebIdentity(accountId: string, record: OutboundWebIdentityRecord): Promise<void>;
  /** The account's last Kinesis minimum throughput billing commitment in the region; undefined before the first. */
  getKinesisBillingCommitment(accountId: string, region: string): Promise<KinesisBillingCommitmentRecord | undefined>;
  putKinesisBillingCommitment(accountId: string, region: string, record: KinesisBillingCommitmentRecord): Promise<void>;
}

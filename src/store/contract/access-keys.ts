// The access keys aggregate's contract: users' and account roots' long-term keys, secrets sealed.
// Engine-neutral: no SQL and no engine types; nothing here unseals a secret.

export interface AccessKeyRecord {
  accessKeyId: string;
  accountId: string;
  /** null for the account root's keys. */
  userName: string | null;
  /** The secret, sealed with the server's master key (auth/secrets.ts). */
  secretSealed: string;
  status: 'Active' | 'Inactive';
  createDate: string;
  lastUsed?: { date: string; serviceName: string; region: string };
}

export interface AccessKeyTable {
  get(accessKeyId: string): Promise<AccessKeyRecord | undefined>;
  /** Creates the key or replaces it (its owner may change with it). */
  put(key: AccessKeyRecord): Promise<void>;
  delete(accessKeyId: string): Promise<boolean>;
  /** The keys of one user (its name compared case-insensitively) or, for null, of the root; ordered by key id. */
  forUser(accountId: string, userName: string | null): Promise<AccessKeyRecord[]>;
  /** One stored key of any owner (the first by key id), or undefined when none is stored: the start-up check that the master key opens the stored secrets. */
  any(): Promise<AccessKeyRecord | undefined>;
}

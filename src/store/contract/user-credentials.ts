// The user credentials aggregate's contract: IAM users' console passwords (login profiles) and SSH
// public keys. Engine-neutral: no SQL and no engine types; a password is only ever a salted hash here.

export interface LoginProfileRecord {
  accountId: string;
  userName: string;
  createDate: string;
  /** The password's salted slow hash (services/iam/passwords.ts); never the password. */
  passwordHash: string;
  passwordResetRequired: boolean;
  passwordLastChanged: string;
  /** Hashes of earlier passwords, newest first, kept for the password policy's reuse prevention. */
  previousHashes: string[];
}

export interface LoginProfileTable {
  /** The user's profile (the name compared case-insensitively). */
  get(accountId: string, userName: string): Promise<LoginProfileRecord | undefined>;
  /** Creates the profile or replaces the user's. */
  put(profile: LoginProfileRecord): Promise<void>;
  delete(accountId: string, userName: string): Promise<boolean>;
  /** Every profile of the account, ordered by the lower-cased user name. */
  list(accountId: string): Promise<LoginProfileRecord[]>;
}

export interface SshPublicKeyRecord {
  /** APKA…, unique across accounts. */
  id: string;
  accountId: string;
  userName: string;
  /** The key as uploaded (OpenSSH `ssh-rsa …` or PEM). */
  body: string;
  /** Both encodings GetSSHPublicKey answers. */
  ssh: string;
  pem: string;
  fingerprint: string;
  status: 'Active' | 'Inactive';
  uploadDate: string;
}

export interface SshPublicKeyTable {
  get(id: string): Promise<SshPublicKeyRecord | undefined>;
  /** Creates the key or replaces it (its owner may change with it). */
  put(key: SshPublicKeyRecord): Promise<void>;
  delete(id: string): Promise<boolean>;
  /** One user's keys (the name compared case-insensitively), ordered by id. */
  forUser(accountId: string, userName: string): Promise<SshPublicKeyRecord[]>;
}

// The service-specific credentials aggregate's contract: IAM users' passwords for CodeCommit and
// Keyspaces and their API keys for Bedrock and CloudWatch Logs. Engine-neutral: no SQL and no
// engine types; the secret is only ever held sealed here.

export interface ServiceSpecificCredentialRecord {
  /** ACCA…, unique across accounts. */
  id: string;
  accountId: string;
  userName: string;
  /** codecommit.amazonaws.com, cassandra.amazonaws.com, bedrock.amazonaws.com or logs.amazonaws.com. */
  serviceName: string;
  /** USER-at-ACCOUNT (USER+1-at-ACCOUNT for a second one), for the services that take a user name and password. */
  serviceUserName?: string;
  /** The public part of an API key (Bedrock, CloudWatch Logs), named as a service user name is. */
  serviceCredentialAlias?: string;
  /** The password or API key, sealed with the server's master key (auth/secrets.ts). */
  secretSealed: string;
  status: 'Active' | 'Inactive';
  createDate: string;
  /** Only for API keys created with CredentialAgeDays. */
  expirationDate?: string;
}

export interface ServiceSpecificCredentialTable {
  get(id: string): Promise<ServiceSpecificCredentialRecord | undefined>;
  /** Creates the credential or replaces it (its owner may change with it). */
  put(credential: ServiceSpecificCredentialRecord): Promise<void>;
  delete(id: string): Promise<boolean>;
  /** One user's credentials (the name compared case-insensitively), oldest first. */
  forUser(accountId: string, userName: string): Promise<ServiceSpecificCredentialRecord[]>;
  /** Every credential of the account, ordered by lower-cased user name, then oldest first. */
  list(accountId: string): Promise<ServiceSpecificCredentialRecord[]>;
}

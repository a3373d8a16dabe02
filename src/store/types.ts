// The storage contract: one asynchronous interface per aggregate, implemented by each engine
// (SQLite now, PostgreSQL later). Nothing above this file writes SQL or knows which engine runs.

export interface Tag { Key: string; Value: string }

export interface Account { id: string; name: string; createDate: string }

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

interface Named { name: string; id: string; path: string; arn: string; createDate: string }

export interface RoleRecord extends Named {
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  permissionsBoundary?: string;
  tags: Tag[];
  lastUsed?: { date: string; region: string };
}

export interface UserRecord extends Named { permissionsBoundary?: string; tags: Tag[] }

export type GroupRecord = Named;

export interface PolicyVersionRecord { versionId: string; document: string; createDate: string }

export interface ManagedPolicyRecord extends Named {
  description?: string;
  defaultVersionId: string;
  updateDate: string;
  tags: Tag[];
  versions: PolicyVersionRecord[];
  /** The number the next CreatePolicyVersion takes (AWS never reuses version ids). */
  nextVersion: number;
}

export interface InstanceProfileRecord extends Named { tags: Tag[]; roles: string[] }

export interface OidcProviderRecord extends Named { url: string; clientIds: string[]; thumbprints: string[]; tags: Tag[] }

export type EntityKind = 'role' | 'user' | 'group' | 'policy' | 'instance-profile' | 'oidc-provider';

export interface EntityTypes {
  role: RoleRecord;
  user: UserRecord;
  group: GroupRecord;
  policy: ManagedPolicyRecord;
  'instance-profile': InstanceProfileRecord;
  'oidc-provider': OidcProviderRecord;
}

/** Relations between entities: attached managed policies, inline policies, group members. */
export type LinkKind =
  | 'attached:role' | 'attached:user' | 'attached:group'
  | 'inline:role' | 'inline:user' | 'inline:group'
  | 'member';

export interface LinkRecord { a: string; b: string; data: string | null }

export interface Page<T> { items: T[]; marker?: string }

export interface ListOptions { pathPrefix?: string; marker?: string; maxItems: number }

/** Entities of one kind in one account, keyed by name compared case-insensitively, as IAM does. */
export interface EntityTable<K extends EntityKind> {
  get(accountId: string, name: string): Promise<EntityTypes[K] | undefined>;
  /** The unique id (AROA…, AIDA…) of the entity with this name, without reading the whole entity. */
  idOf(accountId: string, name: string): Promise<string | undefined>;
  getById(id: string): Promise<{ accountId: string; entity: EntityTypes[K] } | undefined>;
  /** Fails with `false` when the name is taken. */
  create(accountId: string, entity: EntityTypes[K]): Promise<boolean>;
  put(accountId: string, entity: EntityTypes[K]): Promise<void>;
  delete(accountId: string, name: string): Promise<boolean>;
  list(accountId: string, options: ListOptions): Promise<Page<EntityTypes[K]>>;
  count(accountId: string): Promise<number>;
}

export interface LinkTable {
  /** Links from `a` (or all, when a is undefined), ordered by b. */
  from(accountId: string, kind: LinkKind, a: string): Promise<LinkRecord[]>;
  to(accountId: string, kind: LinkKind, b: string): Promise<LinkRecord[]>;
  get(accountId: string, kind: LinkKind, a: string, b: string): Promise<LinkRecord | undefined>;
  put(accountId: string, kind: LinkKind, a: string, b: string, data: string | null): Promise<void>;
  delete(accountId: string, kind: LinkKind, a: string, b: string): Promise<boolean>;
  deleteFrom(accountId: string, kind: LinkKind, a: string): Promise<number>;
  count(accountId: string, kind: LinkKind): Promise<number>;
}

export interface AccountTable {
  get(id: string): Promise<Account | undefined>;
  put(account: Account): Promise<void>;
  list(): Promise<Account[]>;
}

export interface AccessKeyTable {
  get(accessKeyId: string): Promise<AccessKeyRecord | undefined>;
  put(key: AccessKeyRecord): Promise<void>;
  delete(accessKeyId: string): Promise<boolean>;
  forUser(accountId: string, userName: string | null): Promise<AccessKeyRecord[]>;
}

/** What a transaction sees: the same tables, all changes committed together or not at all. */
export interface StoreTables {
  accounts: AccountTable;
  accessKeys: AccessKeyTable;
  roles: EntityTable<'role'>;
  users: EntityTable<'user'>;
  groups: EntityTable<'group'>;
  policies: EntityTable<'policy'>;
  instanceProfiles: EntityTable<'instance-profile'>;
  oidcProviders: EntityTable<'oidc-provider'>;
  links: LinkTable;
}

/** The decision log's rows: appended in batches, read newest first. */
export interface DecisionTable {
  append(records: readonly import('../shared/decision-record.js').DecisionRecord[]): Promise<void>;
  /** Newest first; the marker continues after the last record of the previous page. */
  list(filter: import('../shared/decision-record.js').DecisionFilter, options: { marker?: string; maxItems: number }): Promise<Page<import('../shared/decision-record.js').DecisionRecord>>;
  /** Records with a sequence number above `afterSeq`, oldest first (for following the log). */
  since(afterSeq: number, maxItems: number): Promise<{ seq: number; record: import('../shared/decision-record.js').DecisionRecord }[]>;
  /** The highest sequence number written so far (0 when empty). */
  lastSeq(): Promise<number>;
}

export interface Store extends StoreTables {
  decisions: DecisionTable;
  jobs: import('./contract/jobs.js').JobTable;
  readonly engine: 'sqlite' | 'postgres';
  transaction<T>(fn: (tx: StoreTables) => Promise<T>): Promise<T>;
  /** Removes all state (IAM, decisions, jobs), keeping the accounts and their root access keys. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

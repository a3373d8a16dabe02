// The IAM entities' contract: roles, users, groups, managed policies, instance profiles and OIDC
// providers, one table per kind, each record kept whole. Engine-neutral: no SQL, no engine types.
import type { Page } from './page.js';

export interface Tag { Key: string; Value: string }

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

/**
 * A virtual MFA device: `name` is the VirtualMFADeviceName, `id` and `arn` its serial number
 * (arn:aws:iam::ACCOUNT:mfa/PATH/NAME), so getById finds a device by the serial a caller gives.
 */
export interface MfaDeviceRecord extends Named {
  /** The TOTP seed in base 32, sealed with the server's master key (auth/secrets.ts). */
  seedSealed: string;
  tags: Tag[];
  /** The IAM user it is enabled for, and since when; absent while unassigned. */
  userName?: string;
  enableDate?: string;
  /** The last time step whose code was accepted: a code of it or of an earlier step is not taken again. */
  lastStep?: number;
}

export type EntityKind = 'role' | 'user' | 'group' | 'policy' | 'instance-profile' | 'oidc-provider' | 'mfa-device';

export interface EntityTypes {
  role: RoleRecord;
  user: UserRecord;
  group: GroupRecord;
  policy: ManagedPolicyRecord;
  'instance-profile': InstanceProfileRecord;
  'oidc-provider': OidcProviderRecord;
  'mfa-device': MfaDeviceRecord;
}

export interface ListOptions { pathPrefix?: string; marker?: string; maxItems: number }

/**
 * Entities of one kind in one account, keyed by name compared case-insensitively (JavaScript's
 * toLowerCase), as IAM does. Ids are unique per kind across all accounts; callers make them so.
 */
export interface EntityTable<K extends EntityKind> {
  get(accountId: string, name: string): Promise<EntityTypes[K] | undefined>;
  /** The unique id (AROA…, AIDA…) of the entity with this name, without reading the whole entity. */
  idOf(accountId: string, name: string): Promise<string | undefined>;
  getById(id: string): Promise<{ accountId: string; entity: EntityTypes[K] } | undefined>;
  /** Fails with `false` when the name (or the id) is taken; the existing entity is left as it is. */
  create(accountId: string, entity: EntityTypes[K]): Promise<boolean>;
  /** Creates the entity or replaces the one of that name. */
  put(accountId: string, entity: EntityTypes[K]): Promise<void>;
  delete(accountId: string, name: string): Promise<boolean>;
  /**
   * In order of the lower-cased name, byte by byte (PostgreSQL: COLLATE "C"); `pathPrefix`
   * (default `/`) matches the start of the path exactly.
   */
  list(accountId: string, options: ListOptions): Promise<Page<EntityTypes[K]>>;
  count(accountId: string): Promise<number>;
}

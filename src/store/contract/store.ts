// The whole store as callers hold it: every aggregate's table, transactions, reset and close.
// Engine-neutral: an engine is named, never exposed; nothing here knows SQL, files or connections.
import type { AccessKeyTable } from './access-keys.js';
import type { AccessReportTable } from './access-reports.js';
import type { AccountTable } from './accounts.js';
import type { AccountSettingsTable } from './account-settings.js';
import type { OrganizationTable } from './organizations.js';
import type { LoginProfileTable, SshPublicKeyTable } from './user-credentials.js';
import type { DecisionTable } from './decisions.js';
import type { EntityTable } from './entities.js';
import type { JobTable } from './jobs.js';
import type { LinkTable } from './links.js';
import type { BlobStore } from './blobs.js';
import type { BucketTable, ObjectTable, UploadTable } from './s3.js';
import type { FirehoseTable } from './firehose.js';
import type { StreamRecordTable, StreamTable } from './kinesis.js';
import type { PinpointTable } from './pinpoint.js';
import type { SamlProviderTable } from './saml-providers.js';
import type { DelegationRequestTable } from './delegation-requests.js';
import type { ServerCertificateTable, SigningCertificateTable } from './certificates.js';
import type { ServiceSpecificCredentialTable } from './service-credentials.js';

/** What a transaction sees: the same tables, all changes committed together or not at all. */
export interface StoreTables {
  accounts: AccountTable;
  accessKeys: AccessKeyTable;
  /** IAM users' console passwords (as hashes) and SSH public keys. */
  loginProfiles: LoginProfileTable;
  sshPublicKeys: SshPublicKeyTable;
  /** IAM users' service-specific credentials (their secrets sealed). */
  serviceSpecificCredentials: ServiceSpecificCredentialTable;
  /** Per account: the password policy, the alias and the last credential report. */
  accountSettings: AccountSettingsTable;
  roles: EntityTable<'role'>;
  users: EntityTable<'user'>;
  groups: EntityTable<'group'>;
  policies: EntityTable<'policy'>;
  instanceProfiles: EntityTable<'instance-profile'>;
  oidcProviders: EntityTable<'oidc-provider'>;
  /** Virtual MFA devices, assigned to users or not (their seeds sealed). */
  mfaDevices: EntityTable<'mfa-device'>;
  /** IAM SAML providers, each with its metadata document. */
  samlProviders: SamlProviderTable;
  /** IAM temporary delegation requests, and the messages IAM would publish to their SNS topics. */
  delegationRequests: DelegationRequestTable;
  /** IAM server certificates (their private keys sealed) and users' and the root's signing certificates. */
  serverCertificates: ServerCertificateTable;
  signingCertificates: SigningCertificateTable;
  /** Service last-accessed reports (GenerateServiceLastAccessedDetails jobs), computed when generated. */
  accessReports: AccessReportTable;
  /** The organization's centralized root access features and its organizations access reports. */
  organizations: OrganizationTable;
  links: LinkTable;
  /** S3: buckets, object versions, multipart uploads and parts (bodies are in `blobs`). */
  buckets: BucketTable;
  objects: ObjectTable;
  uploads: UploadTable;
  /** Firehose: delivery streams, their buffers of records and the batches delivered from them. */
  firehose: FirehoseTable;
  /** Kinesis: data streams with their shards and consumers, and the shards' records. */
  streams: StreamTable;
  streamRecords: StreamRecordTable;
  /** Pinpoint: apps, endpoints, segments, import and export jobs, recommender configurations and the events' outbox. */
  pinpoint: PinpointTable;
}

/**
 * Errors: what a caller must act on is an answer (`false`, `undefined`) or named where the method is
 * (a RangeError for a token the store did not hand out). Any other failure — the disk, a lock held
 * too long — rejects with an Error meant for the log; a `code` on it, when present, is the engine's
 * own, and callers must not branch on it.
 */
export interface Store extends StoreTables {
  /** Not part of a transaction: each append commits on its own. */
  decisions: DecisionTable;
  /** Not part of a transaction: each change commits on its own (see JobTable). */
  jobs: JobTable;
  /** Object bodies; not part of a transaction (a blob is written before the row that names it). */
  blobs: BlobStore;
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Runs `fn` with tables whose changes commit together when it resolves, and are all undone when it
   * rejects (the rejection is passed on). Transactions run one at a time; a read made outside one
   * while it is open waits for it, so nobody sees a change that may still roll back.
   */
  transaction<T>(fn: (tx: StoreTables) => Promise<T>): Promise<T>;
  /** Removes all state (IAM with its account settings, S3 and its blobs, Kinesis, decisions, jobs), keeping the accounts and their root access keys. */
  reset(): Promise<void>;
  /**
   * Removes the blobs no object version or part names (and those left half-written), through
   * `blobs.sweep`. Run once at start-up, before any request is served.
   */
  sweepBlobs(): Promise<{ removed: number }>;
  /** Waits for an open transaction, then lets the engine go; the store is not used after. */
  close(): Promise<void>;
}

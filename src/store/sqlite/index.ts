// The SQLite engine assembled (openSqliteStore): one durable file in WAL mode, the lock and caches,
// one table per aggregate, the decision log's worker, and the blob store beside the file. No SQL
// here: the aggregates' files hold it.
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Store, StoreTables } from '../contract/store.js';
import { fileBlobStore } from '../blobs/files.js';
import { accessKeysResetSql, sqliteAccessKeyTable } from './access-keys.js';
import { accessReportsResetSql, sqliteAccessReportTable } from './access-reports.js';
import { organizationsResetSql, sqliteOrganizationTable } from './organizations.js';
import { accountSettingsResetSql, sqliteAccountSettingsTable } from './account-settings.js';
import { sqliteAccountTable } from './accounts.js';
import { certificatesResetSql, sqliteServerCertificateTable, sqliteSigningCertificateTable } from './certificates.js';
import { openDatabase } from './connection.js';
import { decisionsResetSql, workerDecisionTable } from './decisions.js';
import { delegationRequestsResetSql, sqliteDelegationRequestTable } from './delegation-requests.js';
import { entitiesResetSql, sqliteEntityTable } from './entities.js';
import { firehoseResetSql, sqliteFirehoseTable } from './firehose.js';
import { jobsResetSql, sqliteJobTable } from './jobs.js';
import { pinpointResetSql, sqlitePinpointTable } from './pinpoint.js';
import { LinkListCache, linksResetSql, sqliteLinkTable } from './links.js';
import { insideGate, Lock, type Gate } from './lock.js';
import { KinesisCache } from './kinesis-cache.js';
import { sqliteStreamRecordTable } from './kinesis-records.js';
import { kinesisStreamsResetSql, sqliteStreamTable } from './kinesis-streams.js';
import { RowCache } from './row-cache.js';
import { samlProvidersResetSql, sqliteSamlProviderTable } from './saml-providers.js';
import { serviceCredentialsResetSql, sqliteServiceSpecificCredentialTable } from './service-credentials.js';
import { sqliteBlobReferences } from './s3-blob-refs.js';
import { bucketsResetSql, sqliteBucketTable } from './s3-buckets.js';
import { objectsResetSql, sqliteObjectTable } from './s3-objects.js';
import { sqliteUploadTable, uploadsResetSql } from './s3-uploads.js';
import { sqliteTransactions } from './transaction.js';
import { sqliteLoginProfileTable, sqliteSshPublicKeyTable, userCredentialsResetSql } from './user-credentials.js';

/** What reset deletes, in this order, in one transaction. */
const RESET_SQL = [
  entitiesResetSql, linksResetSql, decisionsResetSql, jobsResetSql, accessKeysResetSql, userCredentialsResetSql, accountSettingsResetSql, samlProvidersResetSql,
  certificatesResetSql, serviceCredentialsResetSql, accessReportsResetSql, organizationsResetSql, delegationRequestsResetSql,
  objectsResetSql, uploadsResetSql, bucketsResetSql, kinesisStreamsResetSql, firehoseResetSql, pinpointResetSql,
];

function tables(db: Database.Database, gate: Gate, cache: RowCache, links: LinkListCache, kinesis: KinesisCache): StoreTables {
  return {
    accounts: sqliteAccountTable(db, gate),
    accessKeys: sqliteAccessKeyTable(db, gate, cache),
    loginProfiles: sqliteLoginProfileTable(db, gate),
    sshPublicKeys: sqliteSshPublicKeyTable(db, gate),
    serviceSpecificCredentials: sqliteServiceSpecificCredentialTable(db, gate),
    accountSettings: sqliteAccountSettingsTable(db, gate),
    roles: sqliteEntityTable(db, 'role', gate, cache),
    users: sqliteEntityTable(db, 'user', gate, cache),
    groups: sqliteEntityTable(db, 'group', gate, cache),
    policies: sqliteEntityTable(db, 'policy', gate, cache),
    instanceProfiles: sqliteEntityTable(db, 'instance-profile', gate, cache),
    oidcProviders: sqliteEntityTable(db, 'oidc-provider', gate, cache),
    mfaDevices: sqliteEntityTable(db, 'mfa-device', gate, cache),
    samlProviders: sqliteSamlProviderTable(db, gate),
    delegationRequests: sqliteDelegationRequestTable(db, gate),
    serverCertificates: sqliteServerCertificateTable(db, gate),
    signingCertificates: sqliteSigningCertificateTable(db, gate),
    accessReports: sqliteAccessReportTable(db, gate),
    organizations: sqliteOrganizationTable(db, gate),
    links: sqliteLinkTable(db, gate, links),
    buckets: sqliteBucketTable(db, gate, cache),
    objects: sqliteObjectTable(db, gate, cache),
    uploads: sqliteUploadTable(db, gate),
    // Outside a transaction, appends that arrive together commit together (group commit).
    firehose: sqliteFirehoseTable(db, gate, gate !== insideGate),
    // Outside a transaction, outbox appends that arrive together commit together (group commit).
    pinpoint: sqlitePinpointTable(db, gate, gate !== insideGate),
    streams: sqliteStreamTable(db, gate, kinesis),
    // Outside a transaction, appends that arrive together commit together (group commit).
    streamRecords: sqliteStreamRecordTable(db, gate, kinesis, gate !== insideGate),
  };
}

export interface SqliteStoreOptions {
  /** The decision log keeps this many newest decisions; 0 (the default here) keeps all. */
  decisionsKeep?: number;
  /** The folder of the S3 object bodies (default: `blobs` beside the database file). */
  blobDir?: string;
}

/**
 * better-sqlite3 is synchronous, so transactions hold an async lock for their whole span; reads
 * made while one is open wait for it, so nobody sees a change that may still roll back.
 */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  const db = openDatabase(file);
  // The decision log writes on its own connection in a worker thread (decisions-worker.ts), without
  // waiting for the disk, while IAM's own rows keep synchronous = FULL.
  const decisions = workerDecisionTable(file, options.decisionsKeep ?? 0);
  const lock = new Lock();
  const cache = new RowCache();
  const linkLists = new LinkListCache(cache);
  const kinesis = new KinesisCache(cache);
  const outside = tables(db, lock.outsideGate, cache, linkLists, kinesis);
  const inside = tables(db, insideGate, cache, linkLists, kinesis);
  const { transaction, reset } = sqliteTransactions(db, lock, cache, inside, RESET_SQL);
  const blobs = fileBlobStore(options.blobDir ?? join(dirname(file), 'blobs'));
  const referenced = sqliteBlobReferences(db, lock.outsideGate);
  return {
    engine: 'sqlite',
    ...outside,
    decisions,
    jobs: sqliteJobTable(db, lock.outsideGate),
    blobs,
    transaction,
    async reset() {
      await reset();
      await blobs.clear();
    },
    sweepBlobs: () => blobs.sweep(referenced),
    async close() {
      await lock.idle();
      await decisions.close();
      db.close();
    },
  };
}

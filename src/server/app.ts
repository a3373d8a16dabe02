// Start-up: configuration, data folder, master key, store, accounts and the service table, built once.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { createSealer, loadMasterKey } from '../auth/secrets.js';
import type { AuthorizationMessageCodec, Sealer, SessionTokenCodec } from '../shared/sealing.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/types.js';
import { buildServices, type ServiceEntry } from './services.js';
import { createRouter, type Router } from '../protocol/routing.js';
import type { Acting } from '../shared/acting.js';
import type { WebIdentityVerifier } from '../shared/web-identity.js';
import { oidcKeys } from '../auth/oidc.js';
import { createActing } from './acting.js';
import { JobRunner, newOwnerId } from '../jobs/runner.js';
import type { JobKind } from '../jobs/types.js';
import { jobKinds, type JobDeps } from './job-kinds.js';
import { ensureAccount, type RootKeys } from './accounts.js';
import { CredentialResolver } from '../auth/credentials.js';
import { DecisionLog } from '../decisions/decision-log.js';
import { authorizationMessageCodec } from '../decisions/encoded-message.js';
import { sessionTokenCodec } from '../auth/session-token.js';
import type { Log } from '../shared/log.js';

export interface App {
  config: Config;
  store: Store;
  sealer: Sealer;
  credentials: CredentialResolver;
  tokens: SessionTokenCodec;
  messages: AuthorizationMessageCodec;
  /** The decision log; every authorization is recorded here. */
  decisions?: DecisionLog;
  /** Every service served, in routing order. */
  services: ServiceEntry[];
  router: Router;
  /** Services acting for a customer: assume its role as the service principal, then call with it. */
  acting: Acting;
  webIdentity: WebIdentityVerifier;
  /** Background jobs: enqueue here; the runner claims, leases and resumes them from their rows. */
  jobs: JobRunner<JobDeps>;
  log: Log;
}

export interface AppOptions {
  /** The job kinds to run (default: rolegate's own table, src/server/job-kinds.ts). */
  jobKinds?: readonly JobKind<any, any, JobDeps>[];
}

export async function createApp(config: Config, log: Log, options: AppOptions = {}): Promise<{ app: App; printed: { accountId: string; keys: RootKeys }[] }> {
  if (config.databaseUrl) throw new Error('ROLEGATE_DATABASE_URL: the PostgreSQL engine is not available in this version');
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const masterKey = loadMasterKey(config.dataDir);
  const sealer = createSealer(masterKey);
  const store = openSqliteStore(join(config.dataDir, 'rolegate.db'), { decisionsKeep: config.decisionsKeep });
  // Before any request: blobs a crash left half-written or no row names.
  const swept = await store.sweepBlobs();
  if (swept.removed > 0) log.info({ removed: swept.removed }, 'removed S3 blobs no object or part names');
  const now = new Date();
  const printed: { accountId: string; keys: RootKeys }[] = [];
  const configured = config.rootAccessKeyId && config.rootSecretAccessKey
    ? { accessKeyId: config.rootAccessKeyId, secretAccessKey: config.rootSecretAccessKey }
    : undefined;
  const root = await ensureAccount(store, sealer, config.accountId, now, configured);
  if (root?.generated) printed.push({ accountId: config.accountId, keys: root });
  for (const id of config.extraAccounts) {
    const keys = await ensureAccount(store, sealer, id, now);
    if (keys?.generated) printed.push({ accountId: id, keys });
  }
  const services = buildServices();
  const tokens = sessionTokenCodec(masterKey);
  const messages = authorizationMessageCodec(masterKey);
  const decisions = new DecisionLog(store, log);
  // Steps act for customers through `acting`, whose calls may enqueue jobs: the two are made together.
  const jobDeps = { store, settings: config.services } as JobDeps;
  const jobs = new JobRunner<JobDeps>({
    jobs: store.jobs, owner: newOwnerId(), kinds: options.jobKinds ?? jobKinds, deps: jobDeps, log,
    timings: { pollMs: config.jobs.pollMs, leaseMs: config.jobs.leaseMs, renewMs: Math.max(1, Math.floor(config.jobs.leaseMs / 3)) },
  });
  const acting = createActing({ store, sealer, tokens, messages, decisions, config, services, webIdentity: oidcKeys, jobs });
  jobDeps.acting = acting;
  const app: App = { config, store, sealer, credentials: new CredentialResolver(store, sealer), tokens, messages, decisions, services, router: createRouter(services), acting, webIdentity: oidcKeys, jobs, log };
  return { app, printed };
}

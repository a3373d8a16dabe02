// Start-up: configuration, data folder, master key, store, accounts and the service table, built once.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { createSealer } from '../auth/secrets.js';
import { masterKeyFor } from './master-key.js';
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
import { ensureAccount, type RootKeyInfo, type RootKeys } from './accounts.js';
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

export interface Started {
  app: App;
  /** Root keys generated now: printed once. */
  printed: { accountId: string; keys: RootKeys }[];
  /** Said once on stderr at start: what the operator should know (never a secret). */
  warnings: string[];
}

export async function createApp(config: Config, log: Log, options: AppOptions = {}): Promise<Started> {
  if (config.databaseUrl) throw new Error('ROLEGATE_DATABASE_URL: the PostgreSQL engine is not available in this version');
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const store = openSqliteStore(join(config.dataDir, 'rolegate.db'), { decisionsKeep: config.decisionsKeep });
  const warnings: string[] = [];
  const printed: { accountId: string; keys: RootKeys }[] = [];
  let masterKey: Buffer;
  let sealer: Sealer;
  try {
    // Before anything is sealed: a key that does not open the stored secrets stops the start.
    const found = await masterKeyFor(config, store);
    warnings.push(...found.warnings);
    masterKey = found.key;
    sealer = createSealer(masterKey);
    const now = new Date();
    const configured = config.rootAccessKeyId && config.rootSecretAccessKey
      ? { accessKeyId: config.rootAccessKeyId, secretAccessKey: config.rootSecretAccessKey }
      : undefined;
    const root = await ensureAccount(store, sealer, config.accountId, now, configured);
    if (root.keys?.generated) printed.push({ accountId: config.accountId, keys: root.keys });
    if (configured) warnings.push(...rootKeyWarnings(config, configured.accessKeyId, root.configuredInactive === true, root.otherActive));
    for (const id of config.extraAccounts) {
      const extra = await ensureAccount(store, sealer, id, now);
      if (extra.keys?.generated) printed.push({ accountId: id, keys: extra.keys });
    }
  } catch (e) {
    await store.close();
    throw e;
  }
  // Before any request: blobs a crash left half-written or no row names.
  const swept = await store.sweepBlobs();
  if (swept.removed > 0) log.info({ removed: swept.removed }, 'removed S3 blobs no object or part names');
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
  return { app, printed, warnings };
}

/** What the configured root key leaves the operator to do: key ids and commands, never a secret. */
function rootKeyWarnings(config: Config, configured: string, inactive: boolean, others: RootKeyInfo[]): string[] {
  const account = config.accountId;
  const data = ` --data ${config.dataDir}`;
  const out: string[] = [];
  if (inactive) {
    out.push(`the configured root access key ${configured} of account ${account} is inactive, so requests signed with it are refused: activate it with \`rolegate account activate-key ${account} ${configured}${data}\`, or configure an active one`);
  }
  if (others.length) {
    const ids = others.map((k) => `${k.accessKeyId} (created ${k.createDate})`).join(', ');
    const first = others[0].accessKeyId;
    out.push(
      `account ${account} has ${others.length === 1 ? 'another active root access key' : 'other active root access keys'} beside the configured ${configured}: ${ids}; ` +
        `requests signed with ${others.length === 1 ? 'it' : 'them'} are still accepted. Once no client uses ${others.length === 1 ? 'it' : 'them'}: ` +
        `\`rolegate account deactivate-key ${account} ${first}${data}\`, then \`rolegate account delete-key ${account} ${first}${data}\``,
    );
  }
  return out;
}

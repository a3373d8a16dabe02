// Configuration from DESIGN.md's environment (flags mirror it), validated once at start-up.
import { resolve } from 'node:path';

import type { EnforceMode } from './shared/decision-record.js';
import { defaultServiceSettings, type ServiceSettings } from './shared/service-settings.js';
import { organizationOf } from './shared/organization.js';
import { decodeMasterKey, MASTER_KEY_FORMAT, type MasterKeyOptions } from './auth/secrets.js';

export type { EnforceMode } from './shared/decision-record.js';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  accountId: string;
  rootAccessKeyId?: string;
  rootSecretAccessKey?: string;
  /** The master key given from outside the data folder (ROLEGATE_MASTER_KEY or ROLEGATE_MASTER_KEY_FILE); else data/master.key. */
  masterKey: MasterKeyOptions;
  enforce: EnforceMode;
  databaseUrl?: string;
  allowReset: boolean;
  region: string;
  /** Extra accounts to create at start-up (ROLEGATE_ACCOUNTS=id[,id…]). */
  extraAccounts: string[];
  /** The decision log keeps this many newest decisions; 0 keeps all (ROLEGATE_DECISIONS_KEEP). */
  decisionsKeep: number;
  /** Background jobs: how often an idle runner looks for work, and how long a lease holds (ms). */
  jobs: { pollMs: number; leaseMs: number };
  /** The services' state delays and retry timings (ROLEGATE_FIREHOSE_*, ROLEGATE_KINESIS_*). */
  services: ServiceSettings;
  /** HTTPS on the one port: a certificate and key given as PEM files, or a self-signed pair kept in the data folder. */
  tls?: TlsConfig;
  /** One JSON line per request: `stderr`, or a file appended to (ROLEGATE_ACCESS_LOG); absent: off. */
  accessLog?: string;
}

export type TlsConfig = { kind: 'files'; certFile: string; keyFile: string } | { kind: 'self-signed' };

/** Each command-line flag of `serve` and the environment variable it sets (README.md's configuration table lists them all). */
export const FLAGS: Readonly<Record<string, string>> = {
  '--host': 'ROLEGATE_HOST',
  '--port': 'ROLEGATE_PORT',
  '--data': 'ROLEGATE_DATA',
  '--account-id': 'ROLEGATE_ACCOUNT_ID',
  '--root-access-key-id': 'ROLEGATE_ROOT_ACCESS_KEY_ID',
  '--root-secret-access-key': 'ROLEGATE_ROOT_SECRET_ACCESS_KEY',
  // No flag for the key itself: a command line is visible to every user of the machine (ps).
  '--master-key-file': 'ROLEGATE_MASTER_KEY_FILE',
  '--enforce': 'ROLEGATE_ENFORCE',
  '--database-url': 'ROLEGATE_DATABASE_URL',
  '--region': 'ROLEGATE_REGION',
  '--accounts': 'ROLEGATE_ACCOUNTS',
  '--organization': 'ROLEGATE_ORGANIZATION',
  '--decisions-keep': 'ROLEGATE_DECISIONS_KEEP',
  '--job-poll-ms': 'ROLEGATE_JOB_POLL_MS',
  '--job-lease-ms': 'ROLEGATE_JOB_LEASE_MS',
  '--firehose-create-ms': 'ROLEGATE_FIREHOSE_CREATE_MS',
  '--firehose-delete-ms': 'ROLEGATE_FIREHOSE_DELETE_MS',
  '--firehose-retry-ms': 'ROLEGATE_FIREHOSE_RETRY_MS',
  '--firehose-retry-duration-ms': 'ROLEGATE_FIREHOSE_RETRY_DURATION_MS',
  '--firehose-kinesis-poll-ms': 'ROLEGATE_FIREHOSE_KINESIS_POLL_MS',
  '--kinesis-state-ms': 'ROLEGATE_KINESIS_STATE_MS',
  '--kinesis-throttling': 'ROLEGATE_KINESIS_THROTTLING',
  '--kinesis-subscription-ms': 'ROLEGATE_KINESIS_SUBSCRIPTION_MS',
  '--pinpoint-event-retry-ms': 'ROLEGATE_PINPOINT_EVENT_RETRY_MS',
  '--tls-cert': 'ROLEGATE_TLS_CERT',
  '--tls-key': 'ROLEGATE_TLS_KEY',
  '--tls': 'ROLEGATE_TLS',
  '--access-log': 'ROLEGATE_ACCESS_LOG',
  '--iam-credential-report-ms': 'ROLEGATE_IAM_CREDENTIAL_REPORT_MS',
  '--iam-delegation-unassigned-ms': 'ROLEGATE_IAM_DELEGATION_UNASSIGNED_MS',
  '--iam-delegation-inactive-ms': 'ROLEGATE_IAM_DELEGATION_INACTIVE_MS',
};

export class ConfigError extends Error {}

export function loadConfig(argv: string[] = [], env: NodeJS.ProcessEnv = process.env): Config {
  const values: Record<string, string | undefined> = { ...env };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    if (flag === '--allow-reset') {
      values.ROLEGATE_ALLOW_RESET = '1';
      continue;
    }
    const name = FLAGS[flag];
    if (!name) throw new ConfigError(`unknown option ${flag}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ConfigError(`${flag} needs a value`);
    values[name] = value;
  }
  const port = Number(values.ROLEGATE_PORT ?? 4577);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('ROLEGATE_PORT must be a port number');
  const accountId = values.ROLEGATE_ACCOUNT_ID ?? '000000000000';
  if (!/^\d{12}$/.test(accountId)) throw new ConfigError('ROLEGATE_ACCOUNT_ID must be 12 digits');
  const enforce = (values.ROLEGATE_ENFORCE ?? 'on') as EnforceMode;
  if (!['on', 'soft', 'off'].includes(enforce)) throw new ConfigError('ROLEGATE_ENFORCE must be on, soft or off');
  const keyId = values.ROLEGATE_ROOT_ACCESS_KEY_ID || undefined;
  const secret = values.ROLEGATE_ROOT_SECRET_ACCESS_KEY || undefined;
  if (Boolean(keyId) !== Boolean(secret)) {
    throw new ConfigError('ROLEGATE_ROOT_ACCESS_KEY_ID and ROLEGATE_ROOT_SECRET_ACCESS_KEY are set together or not at all');
  }
  const masterKey: MasterKeyOptions = {};
  if (values.ROLEGATE_MASTER_KEY && values.ROLEGATE_MASTER_KEY_FILE) {
    throw new ConfigError('ROLEGATE_MASTER_KEY and ROLEGATE_MASTER_KEY_FILE (--master-key-file): give one of them');
  }
  if (values.ROLEGATE_MASTER_KEY) {
    masterKey.key = decodeMasterKey(values.ROLEGATE_MASTER_KEY);
    if (!masterKey.key) throw new ConfigError(`ROLEGATE_MASTER_KEY must be ${MASTER_KEY_FORMAT}`);
  }
  if (values.ROLEGATE_MASTER_KEY_FILE) masterKey.keyFile = resolve(values.ROLEGATE_MASTER_KEY_FILE);
  const extraAccounts = (values.ROLEGATE_ACCOUNTS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const a of extraAccounts) if (!/^\d{12}$/.test(a)) throw new ConfigError(`ROLEGATE_ACCOUNTS: ${a} is not 12 digits`);
  const decisionsKeep = Number(values.ROLEGATE_DECISIONS_KEEP ?? 1_000_000);
  if (!Number.isSafeInteger(decisionsKeep) || decisionsKeep < 0) throw new ConfigError('ROLEGATE_DECISIONS_KEEP must be a whole number (0 keeps every decision)');
  const millis = (name: string, fallback: number) => {
    const n = Number(values[name] ?? fallback);
    if (!Number.isSafeInteger(n) || n < 1) throw new ConfigError(`${name} must be a whole number of milliseconds`);
    return n;
  };
  const jobs = { pollMs: millis('ROLEGATE_JOB_POLL_MS', 1_000), leaseMs: millis('ROLEGATE_JOB_LEASE_MS', 30_000) };
  if (jobs.leaseMs < 3) throw new ConfigError('ROLEGATE_JOB_LEASE_MS must be at least 3');
  const delay = (name: string, fallback: number) => {
    const n = Number(values[name] ?? fallback);
    if (!Number.isSafeInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number of milliseconds (0 or more)`);
    return n;
  };
  const onOff = (name: string, fallback: boolean) => {
    const v = values[name];
    if (v === undefined || v === '') return fallback;
    if (v !== 'on' && v !== 'off') throw new ConfigError(`${name} must be on or off`);
    return v === 'on';
  };
  const fh = defaultServiceSettings.firehose;
  const services: ServiceSettings = {
    iam: {
      credentialReportMs: millis('ROLEGATE_IAM_CREDENTIAL_REPORT_MS', defaultServiceSettings.iam.credentialReportMs),
      delegationUnassignedMs: millis('ROLEGATE_IAM_DELEGATION_UNASSIGNED_MS', defaultServiceSettings.iam.delegationUnassignedMs),
      delegationInactiveMs: millis('ROLEGATE_IAM_DELEGATION_INACTIVE_MS', defaultServiceSettings.iam.delegationInactiveMs),
    },
    firehose: {
      createMs: delay('ROLEGATE_FIREHOSE_CREATE_MS', fh.createMs),
      deleteMs: delay('ROLEGATE_FIREHOSE_DELETE_MS', fh.deleteMs),
      retryMs: millis('ROLEGATE_FIREHOSE_RETRY_MS', fh.retryMs),
      retryDurationMs: millis('ROLEGATE_FIREHOSE_RETRY_DURATION_MS', fh.retryDurationMs),
      kinesisPollMs: millis('ROLEGATE_FIREHOSE_KINESIS_POLL_MS', fh.kinesisPollMs),
    },
    kinesis: {
      stateMs: delay('ROLEGATE_KINESIS_STATE_MS', defaultServiceSettings.kinesis.stateMs),
      throttling: onOff('ROLEGATE_KINESIS_THROTTLING', defaultServiceSettings.kinesis.throttling),
      subscriptionMs: millis('ROLEGATE_KINESIS_SUBSCRIPTION_MS', defaultServiceSettings.kinesis.subscriptionMs),
    },
    pinpoint: {
      eventRetryMs: millis('ROLEGATE_PINPOINT_EVENT_RETRY_MS', defaultServiceSettings.pinpoint.eventRetryMs),
    },
    // AWS Organizations as IAM and STS see it: off, every account standalone; on, the default account
    // manages an organization whose members are the ROLEGATE_ACCOUNTS.
    ...(onOff('ROLEGATE_ORGANIZATION', false) ? { organization: organizationOf(accountId, extraAccounts) } : {}),
  };
  return {
    tls: tlsConfig(values),
    accessLog: values.ROLEGATE_ACCESS_LOG ? (values.ROLEGATE_ACCESS_LOG === 'stderr' ? 'stderr' : resolve(values.ROLEGATE_ACCESS_LOG)) : undefined,
    host: values.ROLEGATE_HOST ?? '127.0.0.1',
    port,
    dataDir: resolve(values.ROLEGATE_DATA ?? 'data'),
    accountId,
    rootAccessKeyId: keyId,
    rootSecretAccessKey: secret,
    masterKey,
    enforce,
    databaseUrl: values.ROLEGATE_DATABASE_URL || undefined,
    allowReset: values.ROLEGATE_ALLOW_RESET === '1' || values.ROLEGATE_ALLOW_RESET === 'true',
    region: values.ROLEGATE_REGION ?? 'us-east-1',
    extraAccounts,
    decisionsKeep,
    jobs,
    services,
  };
}

function tlsConfig(values: Record<string, string | undefined>): TlsConfig | undefined {
  const cert = values.ROLEGATE_TLS_CERT || undefined;
  const key = values.ROLEGATE_TLS_KEY || undefined;
  const mode = values.ROLEGATE_TLS || undefined;
  if (mode !== undefined && mode !== 'self-signed') throw new ConfigError('ROLEGATE_TLS (--tls) must be self-signed; a certificate of your own is given with ROLEGATE_TLS_CERT and ROLEGATE_TLS_KEY');
  if (Boolean(cert) !== Boolean(key)) {
    throw new ConfigError('ROLEGATE_TLS_CERT (--tls-cert) and ROLEGATE_TLS_KEY (--tls-key) are set together or not at all');
  }
  if (cert && key) {
    if (mode) throw new ConfigError('ROLEGATE_TLS=self-signed and ROLEGATE_TLS_CERT/ROLEGATE_TLS_KEY: give one of them');
    return { kind: 'files', certFile: resolve(cert), keyFile: resolve(key) };
  }
  return mode ? { kind: 'self-signed' } : undefined;
}

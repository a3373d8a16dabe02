// `rolegate account …`: accounts and their root access keys, on the data folder itself (the server
// may be stopped; a running one on the same folder sees a key's new status within a second), and
// an AWS CLI profile for an account. A secret is printed only when it is made, or written to the
// credentials file by `profile`; never in an error.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createSealer, MasterKeyError } from '../auth/secrets.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/types.js';
import type { Sealer } from '../shared/sealing.js';
import {
  AccountKeyError, addRootKeyWithinQuota, deleteRootKey, ensureAccount, listRootKeys, rootKeyWithSecret, rotateRootKey, setRootKeyStatus,
} from '../server/accounts.js';
import { masterKeyFor } from '../server/master-key.js';
import { PROFILE_NAME, profileFiles, writeProfile } from './aws-profile.js';

const USAGE = `usage: rolegate account create ACCOUNT_ID [--access-key-id K --secret-access-key S]   add an account (12 digits); prints a generated root key once
       rolegate account list                                  the accounts in the data folder
       rolegate account keys ACCOUNT_ID                       its root access keys: id, status, created
       rolegate account rotate-key ACCOUNT_ID                 a new root access key, printed once; the old one stays active
       rolegate account deactivate-key ACCOUNT_ID KEY_ID      requests signed with it are refused (activate-key undoes it)
       rolegate account activate-key ACCOUNT_ID KEY_ID
       rolegate account delete-key ACCOUNT_ID KEY_ID          an inactive root key, for good
       rolegate account profile --name NAME [ACCOUNT_ID] [--access-key-id K] [--endpoint-url URL]
                                                              an AWS CLI profile: [profile NAME] in ~/.aws/config, [NAME] in ~/.aws/credentials
  each takes the server's --data DIR and --master-key-file FILE (or ROLEGATE_DATA, ROLEGATE_MASTER_KEY[_FILE]);
  AWS allows 2 root access keys per account, active or not
`;

/** The command's own options; the rest are the server's (src/config.ts). */
const OWN = new Set(['--access-key-id', '--secret-access-key', '--name', '--endpoint-url']);

interface Parsed { positional: string[]; own: Record<string, string>; passthrough: string[] }

function parse(argv: string[]): Parsed {
  const out: Parsed = { positional: [], own: {}, passthrough: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      out.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    if (OWN.has(flag)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined) throw new ConfigError(`${flag} needs a value`);
      out.own[flag] = value;
    } else if (flag === '--allow-reset' || eq !== -1) {
      out.passthrough.push(arg);
    } else {
      out.passthrough.push(arg);
      if (argv[i + 1] !== undefined) out.passthrough.push(argv[++i]);
    }
  }
  return out;
}

const ACCOUNT = /^\d{12}$/;

export async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  let parsed: Parsed;
  let config: Config;
  try {
    parsed = parse(rest);
    config = loadConfig(parsed.passthrough);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`rolegate: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const { positional, own } = parsed;
  const accountArg = verb === 'profile' ? positional[0] ?? config.accountId : positional[0];
  const arity: Record<string, number> = { list: 0, create: 1, keys: 1, 'rotate-key': 1, 'deactivate-key': 2, 'activate-key': 2, 'delete-key': 2, profile: verb === 'profile' && positional.length ? 1 : 0 };
  const usable = verb !== undefined && verb in arity && positional.length === arity[verb]
    && (verb === 'list' || ACCOUNT.test(accountArg ?? ''))
    && (verb !== 'create' || Boolean(own['--access-key-id']) === Boolean(own['--secret-access-key']))
    && (verb === 'create' || !own['--secret-access-key'])
    && (verb === 'profile' ? Boolean(own['--name']) : !own['--name'] && !own['--endpoint-url'])
    && (verb === 'create' || verb === 'profile' || !own['--access-key-id']);
  if (!usable) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (verb === 'profile' && !PROFILE_NAME.test(own['--name'])) {
    process.stderr.write(`rolegate: --name ${JSON.stringify(own['--name'])}: a profile name is letters, digits and _ . + @ = , : - (at most 64)\n`);
    return 2;
  }
  const db = join(config.dataDir, 'rolegate.db');
  if (verb !== 'create' && verb !== 'list' && !existsSync(db)) {
    process.stderr.write(`rolegate: ${config.dataDir} holds no rolegate data (no ${db}): give the server's --data DIR or ROLEGATE_DATA\n`);
    return 1;
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const store = openSqliteStore(db);
  try {
    const found = await masterKeyFor(config, store);
    for (const w of found.warnings) process.stderr.write(`rolegate: warning: ${w}\n`);
    const sealer = createSealer(found.key);
    return await run(verb, accountArg!, positional[1], own, config, store, sealer);
  } catch (e) {
    if (e instanceof MasterKeyError || e instanceof AccountKeyError) {
      process.stderr.write(`rolegate: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await store.close();
  }
}

async function run(verb: string, account: string, keyId: string | undefined, own: Record<string, string>, config: Config, store: Store, sealer: Sealer): Promise<number> {
  const out = (s: string) => process.stdout.write(s);
  const note = (s: string) => process.stderr.write(`rolegate: ${s}\n`);
  const data = ` --data ${config.dataDir}`;
  switch (verb) {
    case 'list':
      for (const a of await store.accounts.list()) out(`${a.id}\n`);
      return 0;
    case 'create': {
      const keyGiven = own['--access-key-id'];
      const ensured = await ensureAccount(store, sealer, account, new Date(),
        keyGiven ? { accessKeyId: keyGiven, secretAccessKey: own['--secret-access-key'] } : undefined);
      if (ensured.keys?.generated) out(`account ${account}\nAWS_ACCESS_KEY_ID=${ensured.keys.accessKeyId}\nAWS_SECRET_ACCESS_KEY=${ensured.keys.secretAccessKey}\n`);
      else out(`account ${account} is ready\n`);
      for (const k of ensured.otherActive) note(`account ${account} has another active root access key, ${k.accessKeyId}`);
      return 0;
    }
    case 'keys':
      for (const k of await listRootKeys(store, account)) out(`${k.accessKeyId}\t${k.status}\t${k.createDate}\n`);
      return 0;
    case 'rotate-key': {
      const { keys, previous } = await rotateRootKey(store, sealer, account, new Date());
      out(`account ${account}\nAWS_ACCESS_KEY_ID=${keys.accessKeyId}\nAWS_SECRET_ACCESS_KEY=${keys.secretAccessKey}\n`);
      note(`the new root access key's secret is shown this once`);
      for (const k of previous.filter((p) => p.status === 'Active')) {
        note(`${k.accessKeyId} stays active: once no client uses it, \`rolegate account deactivate-key ${account} ${k.accessKeyId}${data}\``);
      }
      return 0;
    }
    case 'deactivate-key':
    case 'activate-key': {
      const status = verb === 'activate-key' ? 'Active' : 'Inactive';
      const active = await setRootKeyStatus(store, account, keyId!, status);
      out(`${keyId}\t${status}\n`);
      if (!active.length) note(`account ${account} has no active root access key now: \`rolegate account activate-key\` or \`rotate-key\` gives it one`);
      note('a server running on this data folder sees the change within a second');
      return 0;
    }
    case 'delete-key':
      await deleteRootKey(store, account, keyId!);
      out(`${keyId}\tdeleted\n`);
      return 0;
    case 'profile':
      return profile(account, own, config, store, sealer);
    default:
      return 2;
  }
}

/** The endpoint a client on this machine reaches the configured server at. */
function endpointOf(config: Config): string | undefined {
  if (config.port === 0) return undefined;
  let host = config.host;
  if (host === '0.0.0.0' || host === '') host = '127.0.0.1';
  else if (host === '::') host = '::1';
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

async function profile(account: string, own: Record<string, string>, config: Config, store: Store, sealer: Sealer): Promise<number> {
  const name = own['--name'];
  const endpointUrl = own['--endpoint-url'] ?? endpointOf(config);
  if (!endpointUrl) {
    process.stderr.write('rolegate: the configured port is 0 (chosen when the server starts): give --endpoint-url http://HOST:PORT\n');
    return 2;
  }
  if (!/^https?:\/\/[^\s/]+(?:\/\S*)?$/.test(endpointUrl)) {
    process.stderr.write(`rolegate: --endpoint-url ${JSON.stringify(endpointUrl)} is not an http:// or https:// address\n`);
    return 2;
  }
  // The key named, else the configured root key of the default account, else the newest active one.
  const preferred = own['--access-key-id']
    ?? (account === config.accountId && config.rootAccessKeyId && (await store.accessKeys.get(config.rootAccessKeyId))?.status === 'Active'
      ? config.rootAccessKeyId : undefined);
  let keys = await rootKeyWithSecret(store, sealer, account, preferred);
  if (!keys) {
    keys = await addRootKeyWithinQuota(store, sealer, account, new Date());
    process.stderr.write(`rolegate: account ${account} had no active root access key: made ${keys.accessKeyId} for the profile\n`);
  }
  const files = profileFiles();
  writeProfile(files, { name, region: config.region, endpointUrl, accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey });
  const header = name === 'default' ? 'default' : `profile ${name}`;
  process.stdout.write(`profile ${name} (account ${account}, root access key ${keys.accessKeyId}, ${endpointUrl}):\n  [${header}] in ${files.config}\n  [${name}] in ${files.credentials}\n`);
  return 0;
}

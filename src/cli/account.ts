// `rolegate account create ID [--access-key-id K --secret-access-key S]`: adds an account to the
// data folder (for cross-account scenarios) and prints its root keys once; `account list` lists them.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { createSealer, loadMasterKey } from '../auth/secrets.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { ensureAccount } from '../server/accounts.js';

export async function main(argv: string[]): Promise<number> {
  const [verb, id, ...rest] = argv;
  let keyId: string | undefined;
  let secret: string | undefined;
  const passthrough: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--access-key-id') keyId = rest[++i];
    else if (rest[i] === '--secret-access-key') secret = rest[++i];
    else passthrough.push(rest[i]);
  }
  const config = loadConfig(passthrough);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const store = openSqliteStore(join(config.dataDir, 'rolegate.db'));
  const sealer = createSealer(loadMasterKey(config.dataDir));
  try {
    if (verb === 'list') {
      for (const a of await store.accounts.list()) process.stdout.write(`${a.id}\n`);
      return 0;
    }
    if (verb !== 'create' || !id || !/^\d{12}$/.test(id) || Boolean(keyId) !== Boolean(secret)) {
      process.stderr.write('usage: rolegate account create ACCOUNT_ID (12 digits) [--access-key-id K --secret-access-key S] [--data DIR]\n       rolegate account list [--data DIR]\n');
      return 2;
    }
    const keys = await ensureAccount(store, sealer, id, new Date(), keyId && secret ? { accessKeyId: keyId, secretAccessKey: secret } : undefined);
    if (keys?.generated) process.stdout.write(`account ${id}\nAWS_ACCESS_KEY_ID=${keys.accessKeyId}\nAWS_SECRET_ACCESS_KEY=${keys.secretAccessKey}\n`);
    else process.stdout.write(`account ${id} is ready\n`);
    return 0;
  } finally {
    await store.close();
  }
}

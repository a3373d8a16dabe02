// The master key at start-up, for the server and the commands that open the data folder: the key
// given or kept must open a secret stored in the store; a new one is made only when none is stored.
import { join } from 'node:path';
import type { Config } from '../config.js';
import { createMasterKey, dataKeyFile, MasterKeyError, opens, readMasterKey, type MasterKey } from '../auth/secrets.js';
import type { Store } from '../store/types.js';

export async function masterKeyFor(config: Pick<Config, 'dataDir' | 'masterKey'>, store: Store): Promise<MasterKey> {
  const db = join(config.dataDir, 'rolegate.db');
  // Any one sealed secret tells: a wrong key never opens it (AES-GCM authenticates).
  const sample = await store.accessKeys.any();
  const found = readMasterKey(config.dataDir, config.masterKey);
  if (!found) {
    if (sample) {
      throw new MasterKeyError(
        `${dataKeyFile(config.dataDir)} is missing, and ${db} holds secrets sealed with it: restore the file, or give its key with ROLEGATE_MASTER_KEY or ROLEGATE_MASTER_KEY_FILE`,
      );
    }
    return createMasterKey(config.dataDir);
  }
  if (sample && !opens(found.key, sample.secretSealed)) {
    throw new MasterKeyError(`the master key from ${found.source} does not open the secrets stored in ${db}: give the key they were sealed with`);
  }
  return found;
}

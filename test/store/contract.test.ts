// The store's contract (test/store/contract/) on SQLite: a new file per test. The PostgreSQL engine
// runs the same cases with its own factory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { allStoreContracts } from './contract/index.js';

allStoreContracts('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-store-'));
  const store = openSqliteStore(join(dir, 'test.db'));
  return {
    store,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

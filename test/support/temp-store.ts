// A SQLite store in a fresh temporary folder, for the store's contract tests: `close` shuts it
// and removes the folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';

export function tempSqliteStore(prefix = 'rolegate-store-'): { store: Store; close(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = openSqliteStore(join(dir, 'test.db'));
  return {
    store,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

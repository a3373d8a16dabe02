// The store's contract (test/store/contract/) on SQLite: a new file per test. The PostgreSQL engine
// runs the same cases with its own factory.
import { tempSqliteStore } from '../support/temp-store.js';
import { allStoreContracts } from './contract/index.js';

allStoreContracts('sqlite', async () => tempSqliteStore());

// The Pinpoint aggregate's contract (contract/pinpoint.ts) on SQLite, a new file per test.
import { tempSqliteStore } from '../support/temp-store.js';
import { pinpointContract } from './contract/pinpoint.js';

pinpointContract('sqlite', async () => tempSqliteStore('rolegate-pinpoint-'));

// The Firehose aggregate's contract (contract/firehose.ts) on SQLite, a new file per test.
import { tempSqliteStore } from '../support/temp-store.js';
import { firehoseContract } from './contract/firehose.js';

firehoseContract('sqlite', async () => tempSqliteStore('rolegate-firehose-'));

// Opens the store's main SQLite connection: WAL, commits that wait for the disk, a busy timeout,
// and the schema migrated. The decision log's worker opens its own (decisions-worker.ts).
import Database from 'better-sqlite3';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';

export function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

// Versioned schema migrations on SQLite: each version a database has not had yet runs once, in
// order, in one transaction with its row in schema_version. It never re-runs or edits an applied one.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  sql: string;
  /** A data step after the SQL, in the same transaction (rewriting stored records the SQL cannot). */
  run?: (db: Database.Database) => void;
}

/** The areas' migrations as one list in version order; a version used twice is a programming error. */
export function assembleMigrations(...areas: readonly (readonly Migration[])[]): readonly Migration[] {
  const all = areas.flat().sort((x, y) => x.version - y.version);
  for (let i = 1; i < all.length; i++) {
    if (all[i].version === all[i - 1].version) throw new Error(`schema migration version ${all[i].version} is defined twice`);
  }
  return all;
}

export function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  // Every version not applied yet runs, not only those above the highest: a data folder that got a
  // later area's version before an earlier one existed still receives the earlier one.
  const applied = new Set(db.prepare('SELECT version FROM schema_version').pluck().all() as number[]);
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.run?.(db);
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(m.version);
    })();
  }
}

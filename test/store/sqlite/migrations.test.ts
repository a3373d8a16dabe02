// Data folders made before the migrations were split per area (schema_version 1-4) must open
// unchanged: the fixture holds that list's exact versions and SQL, as committed at 7cacc56.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../../src/store/sqlite/index.js';
import { assembleMigrations, migrate, type Migration } from '../../../src/store/sqlite/migrate.js';
import { migrations } from '../../../src/store/sqlite/migrations/index.js';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/store/sqlite-migrations-v1-v4.json', import.meta.url), 'utf8')) as { migrations: Migration[] };

/** The schema as SQLite keeps it; rootpage too, so a table dropped and made again would show. */
interface SchemaRow { type: string; name: string; tbl_name: string; rootpage: number; sql: string | null }
const schema = (db: Database.Database) =>
  db.prepare("SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as SchemaRow[];
const versions = (db: Database.Database) => db.prepare('SELECT version FROM schema_version ORDER BY rowid').pluck().all();

/** A data folder as the code before the split left it: the old runner, step by step, over the fixture's list. */
function oldDatabase(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  for (const m of fixture.migrations) {
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(m.version);
    })();
  }
  const role = { name: 'Old', id: 'AROAOLDXXXXXXXXXXXXX', path: '/', arn: 'arn:aws:iam::111122223333:role/Old', createDate: '2025-01-01T00:00:00.000Z', assumeRolePolicyDocument: '{}', maxSessionDuration: 3600, tags: [] };
  db.prepare('INSERT INTO accounts (id, data) VALUES (?, ?)').run('111122223333', JSON.stringify({ id: '111122223333', name: 'old', createDate: '2025-01-01T00:00:00.000Z' }));
  db.prepare('INSERT INTO entities (account_id, kind, name_key, path, id, data) VALUES (?, ?, ?, ?, ?, ?)').run('111122223333', 'role', 'old', '/', role.id, JSON.stringify(role));
  db.prepare('INSERT INTO decisions (time, request_id, account_id, resource_account, principal, action, result, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run('2025-01-01T00:00:00.000Z', 'req-old', '111122223333', null, 'arn:aws:iam::111122223333:root', 'iam:GetRole', 'Allowed', JSON.stringify({ requestId: 'req-old' }));
  db.close();
}

function withDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-migrations-'));
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

test('the assembled migrations begin with versions 1-4 and exactly the SQL that made existing data folders', () => {
  assert.deepEqual(fixture.migrations.map((m) => m.version), [1, 2, 3, 4]);
  assert.deepEqual(migrations.slice(0, 4).map((m) => ({ version: m.version, sql: m.sql })), fixture.migrations);
  for (let i = 1; i < migrations.length; i++) assert.ok(migrations[i].version > migrations[i - 1].version, 'versions only grow');
});

test('a data folder made by the old migration list opens with nothing re-run, its schema and rows unchanged', () =>
  withDir(async (dir) => {
    const file = join(dir, 'old.db');
    oldDatabase(file);
    let db = new Database(file, { readonly: true });
    const before = schema(db);
    db.close();

    const store = openSqliteStore(file);
    assert.equal((await store.accounts.get('111122223333'))?.name, 'old');
    assert.equal((await store.roles.get('111122223333', 'OLD'))?.id, 'AROAOLDXXXXXXXXXXXXX');
    assert.deepEqual((await store.decisions.list({}, { maxItems: 10 })).items, [{ requestId: 'req-old' }]);
    await store.close();

    db = new Database(file, { readonly: true });
    const newer = migrations.filter((m) => m.version > 4).map((m) => m.version);
    assert.deepEqual(versions(db), [1, 2, 3, 4, ...newer], 'each version recorded once: none re-ran');
    const after = schema(db);
    if (newer.length === 0) assert.deepEqual(after, before, 'sqlite_master is what the old code left');
    else for (const b of before) assert.ok(after.some((o) => JSON.stringify(o) === JSON.stringify(b)), `${b.name} is unchanged`);
    db.close();
  }));

test('a new database gets the same schema as an old data folder brought up to date', () =>
  withDir(async (dir) => {
    oldDatabase(join(dir, 'old.db'));
    for (const f of ['old.db', 'new.db']) await openSqliteStore(join(dir, f)).close();
    const [oldDb, newDb] = ['old.db', 'new.db'].map((f) => new Database(join(dir, f), { readonly: true }));
    const shape = (db: Database.Database) => schema(db).map((o) => [o.type, o.name, o.tbl_name, o.sql]);
    assert.deepEqual(shape(newDb), shape(oldDb));
    assert.deepEqual(versions(newDb), versions(oldDb));
    oldDb.close();
    newDb.close();
  }));

test('areas are assembled in version order whatever order they come in, and a version used twice is refused', () => {
  const a = [{ version: 1, sql: 'a1' }, { version: 4, sql: 'a4' }];
  const b = [{ version: 2, sql: 'b2' }, { version: 3, sql: 'b3' }];
  assert.deepEqual(assembleMigrations(b, a).map((m) => m.sql), ['a1', 'b2', 'b3', 'a4']);
  assert.throws(() => assembleMigrations(a, [{ version: 4, sql: 'again' }]), /version 4 is defined twice/);
});

test('a version missing below the highest applied one still runs, once, and applied ones never run again', () => {
  const db = new Database(':memory:');
  try {
    const list: Migration[] = [
      { version: 1, sql: 'CREATE TABLE one (x INTEGER)' },
      { version: 2, sql: 'CREATE TABLE two (x INTEGER)' },
      { version: 3, sql: 'CREATE TABLE three (x INTEGER)' },
    ];
    // A folder that received versions 1 and 3 (an area's later version landed before version 2 existed).
    migrate(db, [list[0], list[2]]);
    migrate(db, list);
    migrate(db, list);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('one', 'two', 'three') ORDER BY name").pluck().all();
    assert.deepEqual(tables, ['one', 'three', 'two']);
    assert.deepEqual(db.prepare('SELECT version FROM schema_version ORDER BY version').pluck().all(), [1, 2, 3]);
  } finally {
    db.close();
  }
});

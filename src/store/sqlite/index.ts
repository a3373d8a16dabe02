// The SQLite engine: one durable file in WAL mode, prepared statements, versioned migrations.
// better-sqlite3 is synchronous, so transactions hold an async lock for their whole span; reads
// made while one is open wait for it, so nobody sees a change that may still roll back.
import Database from 'better-sqlite3';
import type {
  AccessKeyRecord, AccessKeyTable, Account, AccountTable, EntityKind, EntityTable, EntityTypes,
  LinkKind, LinkRecord, LinkTable, ListOptions, Page, Store, StoreTables,
} from '../types.js';
import { migrations } from '../migrations.js';
import { decodeMarker, encodeMarker } from '../marker.js';
import { workerDecisionTable } from './decisions.js';
import { sqliteJobTable } from './jobs.js';

type Db = Database.Database;

class Lock {
  private tail: Promise<void> = Promise.resolve();
  held = false;
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((r) => (release = r));
    await previous;
    this.held = true;
    try {
      return await fn();
    } finally {
      this.held = false;
      release();
    }
  }
  /** Resolves once no transaction is open. */
  async idle(): Promise<void> {
    while (this.held) await this.tail;
  }
}

/**
 * A read cache of row texts for lookups by key, kept by this process, the only writer of its file
 * (the admin command only adds accounts and keys, which a miss reads). Writes drop their entries;
 * a rolled-back transaction drops everything, since its reads may have seen its own writes.
 */
class RowCache {
  private rows = new Map<string, string>();
  private readonly clearListeners: (() => void)[] = [];
  onClear(listener: () => void): void {
    this.clearListeners.push(listener);
  }
  get(key: string): string | undefined {
    return this.rows.get(key);
  }
  /** The cached text for `key`, else what `load` reads (kept when found). */
  read(key: string, load: () => string | undefined): string | undefined {
    let data = this.rows.get(key);
    if (data === undefined) {
      data = load();
      if (data !== undefined) this.set(key, data);
    }
    return data;
  }
  set(key: string, data: string): void {
    if (this.rows.size >= 50_000) this.rows.clear();
    this.rows.set(key, data);
  }
  drop(key: string): void {
    this.rows.delete(key);
  }
  clear(): void {
    this.rows.clear();
    for (const l of this.clearListeners) l();
  }
}

function migrate(db: Db) {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  const current = row.v ?? 0;
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(m.version);
    })();
  }
}

function entityTable<K extends EntityKind>(db: Db, kind: K, gate: () => Promise<void> | void, cache: RowCache): EntityTable<K> {
  const cacheKey = (account: string, nameKey: string) => `e\u0000${account}\u0000${kind}\u0000${nameKey}`;
  const get = db.prepare('SELECT data FROM entities WHERE account_id = ? AND kind = ? AND name_key = ?').pluck();
  const byId = db.prepare('SELECT account_id, data FROM entities WHERE kind = ? AND id = ?');
  const idOf = db.prepare('SELECT id FROM entities WHERE account_id = ? AND kind = ? AND name_key = ?').pluck();
  const idKey = (account: string, nameKey: string) => `i\u0000${account}\u0000${kind}\u0000${nameKey}`;
  const drop = (account: string, nameKey: string) => {
    cache.drop(cacheKey(account, nameKey));
    cache.drop(idKey(account, nameKey));
  };
  const insert = db.prepare('INSERT OR IGNORE INTO entities (account_id, kind, name_key, path, id, data) VALUES (?, ?, ?, ?, ?, ?)');
  const upsert = db.prepare(
    'INSERT INTO entities (account_id, kind, name_key, path, id, data) VALUES (?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT (account_id, kind, name_key) DO UPDATE SET path = excluded.path, id = excluded.id, data = excluded.data',
  );
  const del = db.prepare('DELETE FROM entities WHERE account_id = ? AND kind = ? AND name_key = ?');
  const list = db.prepare(
    'SELECT name_key, data FROM entities WHERE account_id = ? AND kind = ? AND substr(path, 1, length(?)) = ? AND name_key > ? ORDER BY name_key LIMIT ?',
  );
  const count = db.prepare('SELECT COUNT(*) FROM entities WHERE account_id = ? AND kind = ?').pluck();
  return {
    async get(accountId, name) {
      await gate();
      const nameKey = name.toLowerCase();
      const data = cache.read(cacheKey(accountId, nameKey), () => get.get(accountId, kind, nameKey) as string | undefined);
      return data === undefined ? undefined : JSON.parse(data);
    },
    async idOf(accountId, name) {
      await gate();
      const nameKey = name.toLowerCase();
      return cache.read(idKey(accountId, nameKey), () => idOf.get(accountId, kind, nameKey) as string | undefined);
    },
    async getById(id) {
      await gate();
      const row = byId.get(kind, id) as { account_id: string; data: string } | undefined;
      return row ? { accountId: row.account_id, entity: JSON.parse(row.data) } : undefined;
    },
    async create(accountId, e) {
      await gate();
      drop(accountId, e.name.toLowerCase());
      return insert.run(accountId, kind, e.name.toLowerCase(), e.path, e.id, JSON.stringify(e)).changes === 1;
    },
    async put(accountId, e) {
      await gate();
      drop(accountId, e.name.toLowerCase());
      upsert.run(accountId, kind, e.name.toLowerCase(), e.path, e.id, JSON.stringify(e));
    },
    async delete(accountId, name) {
      await gate();
      drop(accountId, name.toLowerCase());
      return del.run(accountId, kind, name.toLowerCase()).changes === 1;
    },
    async list(accountId, o: ListOptions): Promise<Page<EntityTypes[K]>> {
      await gate();
      const prefix = o.pathPrefix ?? '/';
      const after = o.marker ? decodeMarker(o.marker) : '';
      const rows = list.all(accountId, kind, prefix, prefix, after, o.maxItems + 1) as { name_key: string; data: string }[];
      const items = rows.slice(0, o.maxItems).map((r) => JSON.parse(r.data));
      return { items, marker: rows.length > o.maxItems ? encodeMarker(rows[o.maxItems - 1].name_key) : undefined };
    },
    async count(accountId) {
      await gate();
      return count.get(accountId, kind) as number;
    },
  };
}

/**
 * Link lists read on every authorization (a principal's policies and groups), kept until any link
 * changes; writes clear them all, and so does a rolled-back transaction (via the row cache's clear).
 */
class LinkListCache {
  private lists = new Map<string, LinkRecord[]>();
  constructor(private readonly rows: RowCache) {
    rows.onClear(() => this.lists.clear());
  }
  get(key: string): LinkRecord[] | undefined {
    return this.lists.get(key);
  }
  set(key: string, list: LinkRecord[]): void {
    if (this.lists.size >= 50_000) this.lists.clear();
    this.lists.set(key, list);
  }
  clear(): void {
    this.lists.clear();
  }
}

function linkTable(db: Db, gate: () => Promise<void> | void, cache: LinkListCache): LinkTable {
  const from = db.prepare('SELECT a, b, data FROM links WHERE account_id = ? AND kind = ? AND a = ? ORDER BY b');
  const to = db.prepare('SELECT a, b, data FROM links WHERE account_id = ? AND kind = ? AND b = ? ORDER BY a');
  const get = db.prepare('SELECT a, b, data FROM links WHERE account_id = ? AND kind = ? AND a = ? AND b = ?');
  const put = db.prepare(
    'INSERT INTO links (account_id, kind, a, b, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, kind, a, b) DO UPDATE SET data = excluded.data',
  );
  const del = db.prepare('DELETE FROM links WHERE account_id = ? AND kind = ? AND a = ? AND b = ?');
  const delFrom = db.prepare('DELETE FROM links WHERE account_id = ? AND kind = ? AND a = ?');
  const count = db.prepare('SELECT COUNT(*) FROM links WHERE account_id = ? AND kind = ?').pluck();
  return {
    async from(accountId, kind: LinkKind, a) {
      await gate();
      const key = `f\u0000${accountId}\u0000${kind}\u0000${a}`;
      let list = cache.get(key);
      if (!list) cache.set(key, (list = from.all(accountId, kind, a) as LinkRecord[]));
      return list.slice();
    },
    async to(accountId, kind, b) {
      await gate();
      const key = `t\u0000${accountId}\u0000${kind}\u0000${b}`;
      let list = cache.get(key);
      if (!list) cache.set(key, (list = to.all(accountId, kind, b) as LinkRecord[]));
      return list.slice();
    },
    async get(accountId, kind, a, b) {
      await gate();
      return get.get(accountId, kind, a, b) as LinkRecord | undefined;
    },
    async put(accountId, kind, a, b, data) {
      await gate();
      cache.clear();
      put.run(accountId, kind, a, b, data);
    },
    async delete(accountId, kind, a, b) {
      await gate();
      cache.clear();
      return del.run(accountId, kind, a, b).changes === 1;
    },
    async deleteFrom(accountId, kind, a) {
      await gate();
      cache.clear();
      return delFrom.run(accountId, kind, a).changes;
    },
    async count(accountId, kind) {
      await gate();
      return count.get(accountId, kind) as number;
    },
  };
}

function accountTable(db: Db, gate: () => Promise<void> | void): AccountTable {
  const get = db.prepare('SELECT data FROM accounts WHERE id = ?').pluck();
  const put = db.prepare('INSERT INTO accounts (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data');
  const list = db.prepare('SELECT data FROM accounts ORDER BY id').pluck();
  return {
    async get(id) {
      await gate();
      const d = get.get(id) as string | undefined;
      return d === undefined ? undefined : (JSON.parse(d) as Account);
    },
    async put(a) {
      await gate();
      put.run(a.id, JSON.stringify(a));
    },
    async list() {
      await gate();
      return (list.all() as string[]).map((d) => JSON.parse(d) as Account);
    },
  };
}

function accessKeyTable(db: Db, gate: () => Promise<void> | void, cache: RowCache): AccessKeyTable {
  const get = db.prepare('SELECT data FROM access_keys WHERE access_key_id = ?').pluck();
  const put = db.prepare(
    'INSERT INTO access_keys (access_key_id, account_id, user_key, data) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (access_key_id) DO UPDATE SET account_id = excluded.account_id, user_key = excluded.user_key, data = excluded.data',
  );
  const del = db.prepare('DELETE FROM access_keys WHERE access_key_id = ?');
  const forUser = db.prepare('SELECT data FROM access_keys WHERE account_id = ? AND user_key = ? ORDER BY access_key_id').pluck();
  const userKey = (u: string | null) => (u === null ? '' : u.toLowerCase());
  return {
    async get(id) {
      await gate();
      const d = cache.read(`k\u0000${id}`, () => get.get(id) as string | undefined);
      return d === undefined ? undefined : (JSON.parse(d) as AccessKeyRecord);
    },
    async put(k) {
      await gate();
      cache.drop(`k\u0000${k.accessKeyId}`);
      put.run(k.accessKeyId, k.accountId, userKey(k.userName), JSON.stringify(k));
    },
    async delete(id) {
      await gate();
      cache.drop(`k\u0000${id}`);
      return del.run(id).changes === 1;
    },
    async forUser(accountId, userName) {
      await gate();
      return (forUser.all(accountId, userKey(userName)) as string[]).map((d) => JSON.parse(d) as AccessKeyRecord);
    },
  };
}

function tables(db: Db, gate: () => Promise<void> | void, cache: RowCache, links: LinkListCache): StoreTables {
  return {
    accounts: accountTable(db, gate),
    accessKeys: accessKeyTable(db, gate, cache),
    roles: entityTable(db, 'role', gate, cache),
    users: entityTable(db, 'user', gate, cache),
    groups: entityTable(db, 'group', gate, cache),
    policies: entityTable(db, 'policy', gate, cache),
    instanceProfiles: entityTable(db, 'instance-profile', gate, cache),
    oidcProviders: entityTable(db, 'oidc-provider', gate, cache),
    links: linkTable(db, gate, links),
  };
}

export interface SqliteStoreOptions {
  /** The decision log keeps this many newest decisions; 0 (the default here) keeps all. */
  decisionsKeep?: number;
}

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  // The decision log writes on its own connection in a worker thread (decisions-worker.ts), without
  // waiting for the disk, while IAM's own rows keep synchronous = FULL.
  const decisions = workerDecisionTable(file, options.decisionsKeep ?? 0);
  const lock = new Lock();
  const cache = new RowCache();
  const linkLists = new LinkListCache(cache);
  const outside = tables(db, () => (lock.held ? lock.idle() : undefined), cache, linkLists);
  const inside = tables(db, () => undefined, cache, linkLists);
  return {
    engine: 'sqlite',
    ...outside,
    decisions,
    jobs: sqliteJobTable(db, () => (lock.held ? lock.idle() : undefined)),
    transaction(fn) {
      return lock.run(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(inside);
          db.exec('COMMIT');
          return result;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          cache.clear();
          throw e;
        }
      });
    },
    async reset() {
      await lock.run(async () => {
        db.exec("BEGIN IMMEDIATE; DELETE FROM entities; DELETE FROM links; DELETE FROM decisions; DELETE FROM jobs; DELETE FROM access_keys WHERE user_key <> ''; COMMIT;");
        cache.clear();
      });
    },
    async close() {
      await lock.idle();
      await decisions.close();
      db.close();
    },
  };
}

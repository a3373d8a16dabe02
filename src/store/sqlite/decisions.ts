// The decision log's table on SQLite: batched appends in one transaction, newest-first pages.
// `decisionSql` is the table on a connection; `workerDecisionTable` runs it on a connection of its
// own in a worker thread, so writing the log costs a request's thread one message per batch.
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { DecisionFilter, DecisionRecord } from '../../shared/decision-record.js';
import type { DecisionTable } from '../contract/decisions.js';
import type { Page } from '../contract/page.js';

export const decisionsResetSql = 'DELETE FROM decisions';

export interface DecisionSql {
  /** Appends the records of a JSON array, in order, in one transaction. */
  appendJson(json: string): void;
  list(filter: DecisionFilter, options: { marker?: string; maxItems: number }): Page<DecisionRecord>;
  since(afterSeq: number, maxItems: number): { seq: number; record: DecisionRecord }[];
  lastSeq(): number;
}

export function decisionSql(db: Database.Database, keep = 0): DecisionSql {
  const insert = db.prepare('INSERT INTO decisions (time, request_id, account_id, resource_account, principal, action, result, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const appendAll = db.transaction((records: readonly DecisionRecord[]) => {
    for (const r of records) insert.run(r.time, r.requestId, r.accountId, r.resourceAccountId ?? null, r.principal, r.action, r.result, JSON.stringify(r));
  });
  // Retention: the oldest decisions beyond `keep` go, in steps of at most a tenth of it (so each
  // delete is short) once that many have arrived since the last trim.
  const trimStep = Math.max(1, Math.ceil(keep / 10));
  const trim = db.prepare('DELETE FROM decisions WHERE seq <= (SELECT MAX(seq) FROM decisions) - ?');
  let sinceTrim = Infinity; // the first append trims what an earlier run left over the limit
  const since = db.prepare('SELECT seq, data FROM decisions WHERE seq > ? ORDER BY seq LIMIT ?');
  const last = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM decisions').pluck();
  return {
    appendJson(json) {
      const records = JSON.parse(json) as DecisionRecord[];
      if (records.length) appendAll(records);
      if (keep > 0 && (sinceTrim += records.length) >= trimStep) {
        sinceTrim = 0;
        trim.run(keep);
      }
    },
    list(filter, options) {
      const where: string[] = [];
      const args: unknown[] = [];
      const eq = (column: string, value: string | undefined) => {
        if (value !== undefined) {
          where.push(`${column} = ?`);
          args.push(value);
        }
      };
      eq('principal', filter.principal);
      eq('action', filter.action);
      eq('result', filter.result);
      if (filter.accountId !== undefined) {
        where.push('(account_id = ? OR resource_account = ?)');
        args.push(filter.accountId, filter.accountId);
      }
      eq('request_id', filter.requestId);
      if (filter.since) {
        where.push('time >= ?');
        args.push(filter.since);
      }
      if (filter.until) {
        where.push('time <= ?');
        args.push(filter.until);
      }
      if (options.marker) {
        where.push('seq < ?');
        args.push(Number(options.marker));
      }
      const sql = `SELECT seq, data FROM decisions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
      const rows = db.prepare(sql).all(...args, options.maxItems + 1) as { seq: number; data: string }[];
      const items = rows.slice(0, options.maxItems).map((r) => JSON.parse(r.data) as DecisionRecord);
      return { items, marker: rows.length > options.maxItems ? String(rows[options.maxItems - 1].seq) : undefined };
    },
    since(afterSeq, maxItems) {
      return (since.all(afterSeq, maxItems) as { seq: number; data: string }[]).map((r) => ({ seq: r.seq, record: JSON.parse(r.data) as DecisionRecord }));
    },
    lastSeq() {
      return last.get() as number;
    },
  };
}

/** A call to the worker and its answer; `error` carries the message and SQLite's code, never a record. */
export type DecisionCall =
  | { id: number; op: 'append'; json: string }
  | { id: number; op: 'list'; filter: DecisionFilter; options: { marker?: string; maxItems: number } }
  | { id: number; op: 'since'; afterSeq: number; maxItems: number }
  | { id: number; op: 'lastSeq' };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type DecisionAnswer = { id: number; value?: unknown; error?: { message: string; code?: string } };

/** The worker next to this module: the compiled .js, or the .ts source (through tsx's loader) when this runs from source. */
function startWorker(file: string, keep: number): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./decisions-worker.js', import.meta.url), { workerData: { file, keep } });
  const entry = new URL('./decisions-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: { file, keep } });
}

export interface WorkerDecisionTable extends DecisionTable {
  close(): Promise<void>;
}

/**
 * The decision table on its own connection in a worker thread. SQLite's busy timeout settles the
 * rare moment when the worker and an IAM transaction both want to write; nothing waits on the event
 * loop. The worker is unref'd: an open table never keeps the process alive.
 */
export function workerDecisionTable(file: string, keep = 0): WorkerDecisionTable {
  let worker: Worker | undefined; // started by the first call, so a store opened for one command starts none
  let nextId = 1;
  let failure: Error | undefined;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    failure = e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  const start = (): Worker => {
    const w = startWorker(file, keep);
    w.unref();
    w.on('message', (answer: DecisionAnswer) => {
      const pending = waiting.get(answer.id);
      if (!pending) return;
      waiting.delete(answer.id);
      if (waiting.size === 0) w.unref();
      if (answer.error) pending.reject(Object.assign(new Error(answer.error.message), { code: answer.error.code }));
      else pending.resolve(answer.value);
    });
    w.on('error', (e) => failAll(e));
    w.on('exit', (code) => failAll(new Error(`the decision log's worker exited with code ${code}`)));
    return w;
  };
  function call<T>(message: WithoutId<DecisionCall>): Promise<T> {
    if (failure) return Promise.reject(failure);
    const w = (worker ??= start());
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      if (waiting.size === 1) w.ref(); // a call under way keeps the process alive until answered
      w.postMessage({ ...message, id });
    });
  }
  return {
    async append(records) {
      if (records.length) await call({ op: 'append', json: JSON.stringify(records) });
    },
    list: (filter, options) => call({ op: 'list', filter, options }),
    since: (afterSeq, maxItems) => call({ op: 'since', afterSeq, maxItems }),
    lastSeq: () => call({ op: 'lastSeq' }),
    async close() {
      const w = worker;
      if (!w || failure) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.ref();
      w.postMessage({ id: 0, op: 'close' });
      await exited;
    },
  };
}

// The jobs aggregate on SQLite. Each multi-statement change runs in one BEGIN IMMEDIATE
// transaction, which takes the file's write lock, so a claim is atomic across connections and
// processes; every write for a worker is guarded by its lease in the WHERE clause. Reads no clock.
import type Database from 'better-sqlite3';
import { NO_WAKE, type JobCheckpoint, type JobFailure, type JobFilter, type JobPage, type JobProgress, type JobRecord, type JobState, type JobTable, type NewJob } from '../contract/jobs.js';
import { decodeMarker, encodeMarker } from '../marker.js';

export const jobsResetSql = 'DELETE FROM jobs';

interface Row {
  id: string; kind: string; account_id: string; state: string; input: string; checkpoint: string | null;
  progress: string; attempts: number; max_attempts: number; next_run_at: number;
  lease_owner: string | null; lease_expires_at: number | null; last_error: string | null;
  created_at: number; updated_at: number; finished_at: number | null;
}

const toRecord = (r: Row): JobRecord => ({
  id: r.id,
  kind: r.kind,
  accountId: r.account_id,
  state: r.state as JobState,
  input: JSON.parse(r.input),
  checkpoint: r.checkpoint === null ? null : JSON.parse(r.checkpoint),
  progress: JSON.parse(r.progress) as JobProgress,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  nextRunAt: r.next_run_at,
  leaseOwner: r.lease_owner,
  leaseExpiresAt: r.lease_expires_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  finishedAt: r.finished_at,
});

const json = (v: unknown) => (v === undefined ? 'null' : JSON.stringify(v));

/** The lease test every worker write carries: parameters are (id, owner, now). */
const HELD = "id = ? AND state = 'RUNNING' AND lease_owner = ? AND lease_expires_at > ?";

function decodeToken(token: string): [number, string] {
  let key: unknown;
  try {
    key = JSON.parse(decodeMarker(token));
  } catch {
    throw new RangeError('invalid nextToken');
  }
  if (!Array.isArray(key) || typeof key[0] !== 'number' || typeof key[1] !== 'string') throw new RangeError('invalid nextToken');
  return [key[0], key[1]];
}

export function sqliteJobTable(db: Database.Database, gate: () => Promise<void> | void): JobTable {
  // Jobs never join a store transaction: each change here commits on its own, so wait until the
  // connection has none open (one may begin between the gate and the statement's turn).
  const ready = async () => {
    do await gate();
    while (db.inTransaction);
  };
  const insert = db.prepare(
    'INSERT OR IGNORE INTO jobs (id, kind, account_id, state, input, checkpoint, progress, attempts, max_attempts, ' +
      "next_run_at, created_at, updated_at) VALUES (?, ?, ?, 'QUEUED', ?, NULL, '{}', 0, ?, ?, ?, ?)",
  );
  const get = db.prepare('SELECT * FROM jobs WHERE id = ?');
  // A RUNNING job whose lease ran out on its last attempt has no attempt left to be claimed with.
  const exhaust = db.prepare(
    "UPDATE jobs SET state = 'FAILED', last_error = 'the lease expired on the last attempt', " +
      'lease_owner = NULL, lease_expires_at = NULL, updated_at = ?, finished_at = ? ' +
      "WHERE state = 'RUNNING' AND lease_expires_at <= ? AND attempts >= max_attempts " +
      'AND (? IS NULL OR kind IN (SELECT value FROM json_each(?)))',
  );
  const due = db.prepare(
    "SELECT id FROM jobs WHERE ((state = 'QUEUED' AND next_run_at <= ?) OR (state = 'RUNNING' AND lease_expires_at <= ?)) " +
      'AND (? IS NULL OR kind IN (SELECT value FROM json_each(?))) ORDER BY next_run_at, created_at, id LIMIT 1',
  ).pluck();
  // While RUNNING, next_run_at holds the earliest wake asked for during the run (NO_WAKE: none yet).
  const take = db.prepare(
    `UPDATE jobs SET state = 'RUNNING', lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1, updated_at = ?, next_run_at = ${NO_WAKE} ` +
      "WHERE id = ? AND ((state = 'QUEUED' AND next_run_at <= ?) OR (state = 'RUNNING' AND lease_expires_at <= ?)) RETURNING *",
  );
  const renew = db.prepare(`UPDATE jobs SET lease_expires_at = ?, updated_at = ? WHERE ${HELD}`);
  const held = db.prepare(`SELECT progress FROM jobs WHERE ${HELD}`).pluck();
  const step = db.prepare(
    'UPDATE jobs SET checkpoint = ?, progress = ?, updated_at = ?, ' +
      "state = CASE WHEN ? THEN 'SUCCEEDED' ELSE state END, finished_at = CASE WHEN ? THEN ? ELSE NULL END, " +
      `lease_owner = CASE WHEN ? THEN NULL ELSE lease_owner END, lease_expires_at = CASE WHEN ? THEN NULL ELSE lease_expires_at END WHERE ${HELD}`,
  );
  // A step that hands the job back: QUEUED until its runAt or an earlier wake asked for while it ran.
  const handBack = db.prepare(
    "UPDATE jobs SET checkpoint = ?, progress = ?, updated_at = ?, state = 'QUEUED', lease_owner = NULL, lease_expires_at = NULL, " +
      `attempts = 0, next_run_at = MIN(next_run_at, ?) WHERE ${HELD}`,
  );
  const wake = db.prepare("UPDATE jobs SET next_run_at = MIN(next_run_at, ?) WHERE id = ? AND state IN ('QUEUED', 'RUNNING')");
  const fail = db.prepare(
    'UPDATE jobs SET last_error = ?, updated_at = ?, lease_owner = NULL, lease_expires_at = NULL, ' +
      "state = CASE WHEN ? OR attempts >= max_attempts THEN 'FAILED' ELSE 'QUEUED' END, " +
      'finished_at = CASE WHEN ? OR attempts >= max_attempts THEN ? ELSE NULL END, ' +
      `next_run_at = CASE WHEN ? OR attempts >= max_attempts THEN next_run_at ELSE ? END WHERE ${HELD} RETURNING state`,
  ).pluck();
  const release = db.prepare(
    "UPDATE jobs SET state = 'QUEUED', lease_owner = NULL, lease_expires_at = NULL, attempts = MAX(attempts - 1, 0), " +
      `next_run_at = ?, updated_at = ? WHERE ${HELD}`,
  );
  const cancel = db.prepare(
    "UPDATE jobs SET state = 'CANCELLED', lease_owner = NULL, lease_expires_at = NULL, updated_at = ?, finished_at = ? " +
      "WHERE id = ? AND state IN ('QUEUED', 'RUNNING')",
  );

  const claimTx = db.transaction((owner: string, now: number, leaseMs: number, kinds: string | null) => {
    exhaust.run(now, now, now, kinds, kinds);
    const id = due.get(now, now, kinds, kinds) as string | undefined;
    if (id === undefined) return undefined;
    return take.get(owner, now + leaseMs, now, id, now, now) as Row | undefined;
  });
  const checkpointTx = db.transaction((id: string, owner: string, s: JobCheckpoint) => {
    const current = held.get(id, owner, s.now) as string | undefined;
    if (current === undefined) return false;
    const progress = JSON.parse(current) as JobProgress;
    for (const [k, v] of Object.entries(s.progressDelta ?? {})) progress[k] = (progress[k] ?? 0) + v;
    Object.assign(progress, s.progress);
    if (!s.done && s.runAt !== undefined) return handBack.run(json(s.checkpoint), JSON.stringify(progress), s.now, s.runAt, id, owner, s.now).changes === 1;
    const done = s.done ? 1 : 0;
    return step.run(json(s.checkpoint), JSON.stringify(progress), s.now, done, done, s.now, done, done, id, owner, s.now).changes === 1;
  });

  return {
    async create(j: NewJob) {
      await ready();
      return insert.run(j.id, j.kind, j.accountId, json(j.input), j.maxAttempts, j.runAt ?? j.now, j.now, j.now).changes === 1;
    },
    async get(id) {
      await ready();
      const row = get.get(id) as Row | undefined;
      return row && toRecord(row);
    },
    async list(filter: JobFilter, options): Promise<JobPage> {
      if (!Number.isInteger(options.maxItems) || options.maxItems < 1) throw new RangeError('maxItems must be a positive integer');
      await ready();
      const where: string[] = [];
      const args: unknown[] = [];
      if (filter.kind !== undefined) (where.push('kind = ?'), args.push(filter.kind));
      if (filter.accountId !== undefined) (where.push('account_id = ?'), args.push(filter.accountId));
      if (filter.state !== undefined) {
        const states = typeof filter.state === 'string' ? [filter.state] : filter.state;
        where.push('state IN (SELECT value FROM json_each(?))');
        args.push(JSON.stringify(states));
      }
      if (options.nextToken) {
        const [createdAt, id] = decodeToken(options.nextToken);
        where.push('(created_at < ? OR (created_at = ? AND id < ?))');
        args.push(createdAt, createdAt, id);
      }
      const sql = `SELECT * FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`;
      const rows = db.prepare(sql).all(...args, options.maxItems + 1) as Row[];
      const items = rows.slice(0, options.maxItems).map(toRecord);
      const last = items[items.length - 1];
      return { items, nextToken: rows.length > options.maxItems ? encodeMarker(JSON.stringify([last.createdAt, last.id])) : undefined };
    },
    async claim(owner, now, leaseMs, kinds) {
      await ready();
      const row = claimTx.immediate(owner, now, leaseMs, kinds ? JSON.stringify(kinds) : null);
      return row && toRecord(row);
    },
    async renew(id, owner, now, leaseMs) {
      await ready();
      return renew.run(now + leaseMs, now, id, owner, now).changes === 1;
    },
    async checkpoint(id, owner, s) {
      await ready();
      return checkpointTx.immediate(id, owner, s);
    },
    async fail(id, owner, f: JobFailure) {
      await ready();
      const final = 'final' in f ? 1 : 0;
      const retryAt = 'retryAt' in f ? f.retryAt : f.now;
      const state = fail.get(f.error, f.now, final, final, f.now, final, retryAt, id, owner, f.now) as 'QUEUED' | 'FAILED' | undefined;
      return state ?? false;
    },
    async wake(id, at) {
      await ready();
      return wake.run(at, id).changes === 1;
    },
    async release(id, owner, now) {
      await ready();
      return release.run(now, now, id, owner, now).changes === 1;
    },
    async cancel(id, now) {
      await ready();
      return cancel.run(now, now, id).changes === 1;
    },
  };
}

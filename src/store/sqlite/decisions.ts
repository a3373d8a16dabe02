// The decision log's table on SQLite: batched appends in one transaction, newest-first pages.
import type Database from 'better-sqlite3';
import type { DecisionFilter, DecisionRecord } from '../../authz/decision-record.js';
import type { DecisionTable } from '../types.js';

export function decisionTable(db: Database.Database, gate: () => Promise<void> | void): DecisionTable {
  const insert = db.prepare('INSERT INTO decisions (time, request_id, account_id, principal, action, result, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const appendAll = db.transaction((records: readonly DecisionRecord[]) => {
    for (const r of records) insert.run(r.time, r.requestId, r.accountId, r.principal, r.action, r.result, JSON.stringify(r));
  });
  const since = db.prepare('SELECT seq, data FROM decisions WHERE seq > ? ORDER BY seq LIMIT ?');
  const last = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM decisions').pluck();
  return {
    async append(records) {
      await gate();
      if (records.length) appendAll(records);
    },
    async list(filter: DecisionFilter, options) {
      await gate();
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
      eq('account_id', filter.accountId);
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
    async since(afterSeq, maxItems) {
      await gate();
      return (since.all(afterSeq, maxItems) as { seq: number; data: string }[]).map((r) => ({ seq: r.seq, record: JSON.parse(r.data) as DecisionRecord }));
    },
    async lastSeq() {
      await gate();
      return last.get() as number;
    },
  };
}

// IAM's temporary delegation requests on SQLite: each record as JSON text beside the columns it is
// found by, and the SNS messages in publication order. No other table's SQL here.
import type Database from 'better-sqlite3';
import type { DelegationNotificationRecord, DelegationRequestRecord, DelegationRequestTable } from '../contract/delegation-requests.js';
import type { Gate } from './lock.js';

export const delegationRequestsResetSql = 'DELETE FROM delegation_requests; DELETE FROM delegation_notifications';

export function sqliteDelegationRequestTable(db: Database.Database, gate: Gate): DelegationRequestTable {
  const get = db.prepare('SELECT data FROM delegation_requests WHERE id = ?').pluck();
  const insert = db.prepare('INSERT OR IGNORE INTO delegation_requests (id, requestor_account, workflow_id, owner_account, owned, token_hash, created, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const update = db.prepare('UPDATE delegation_requests SET owner_account = ?, owned = ?, token_hash = ?, data = ? WHERE id = ?');
  const byToken = db.prepare('SELECT data FROM delegation_requests WHERE token_hash = ?').pluck();
  const owned = db.prepare('SELECT data FROM delegation_requests WHERE owner_account = ? AND owned = 1 ORDER BY created, id').pluck();
  const publish = db.prepare('INSERT INTO delegation_notifications (topic_account, topic_arn, data) VALUES (?, ?, ?)');
  const byAccount = db.prepare('SELECT seq, data FROM delegation_notifications WHERE topic_account = ? ORDER BY seq');
  const byTopic = db.prepare('SELECT seq, data FROM delegation_notifications WHERE topic_account = ? AND topic_arn = ? ORDER BY seq');
  const parse = (d: string | undefined) => (d === undefined ? undefined : (JSON.parse(d) as DelegationRequestRecord));
  return {
    async get(id) {
      await gate();
      return parse(get.get(id) as string | undefined);
    },
    async create(r) {
      await gate();
      return insert.run(r.id, r.requestorAccountId, r.workflowId, r.ownerAccountId ?? null, r.ownerId ? 1 : 0, r.tokenHash ?? null, r.createDate, JSON.stringify(r)).changes === 1;
    },
    async put(r) {
      await gate();
      update.run(r.ownerAccountId ?? null, r.ownerId ? 1 : 0, r.tokenHash ?? null, JSON.stringify(r), r.id);
    },
    async byTokenHash(hash) {
      await gate();
      return parse(byToken.get(hash) as string | undefined);
    },
    async listOwnedBy(accountId) {
      await gate();
      return (owned.all(accountId) as string[]).map((d) => JSON.parse(d) as DelegationRequestRecord);
    },
    async publish(n) {
      await gate();
      publish.run(n.topicAccountId, n.topicArn, JSON.stringify(n));
    },
    async notifications(account, topicArn) {
      await gate();
      const rows = (topicArn === undefined ? byAccount.all(account) : byTopic.all(account, topicArn)) as { seq: number; data: string }[];
      return rows.map((r) => ({ ...(JSON.parse(r.data) as Omit<DelegationNotificationRecord, 'seq'>), seq: r.seq }));
    },
  };
}

// The Pinpoint aggregate on SQLite: apps, endpoints, segment versions, jobs and recommenders as
// JSON rows with their keys beside them, and each app's outbox as one row per event with its
// delivery state beside it. Every multi-row change runs in one better-sqlite3 transaction (a
// SAVEPOINT inside a store transaction). No other table's SQL here.
import type Database from 'better-sqlite3';
import type {
  EndpointRecord, OutboxEvent, OutboxFailure, PinpointAppRecord, PinpointJobRecord, PinpointTable, RecommenderRecord, SegmentRecord, TemplateRecord,
} from '../contract/pinpoint.js';
import type { Gate } from './lock.js';
import { groupCommitter } from './group-commit.js';

export const pinpointResetSql =
  'DELETE FROM pinpoint_outbox; DELETE FROM pinpoint_outbox_state; DELETE FROM pinpoint_jobs; DELETE FROM pinpoint_segments; DELETE FROM pinpoint_segment_members; ' +
  'DELETE FROM pinpoint_endpoints; DELETE FROM pinpoint_recommenders; DELETE FROM pinpoint_templates; DELETE FROM pinpoint_apps';

interface AppRow { id: string; account_id: string; region: string; created_at: number; data: string }
interface EndpointRow { app_id: string; id: string; user_id: string | null; data: string }
interface SegmentRow { app_id: string; id: string; version: number; data: string }
interface JobRow { app_id: string; id: string; type: string; segment_id: string | null; created_at: number; data: string }
interface RecommenderRow { account_id: string; region: string; id: string; created_at: number; data: string }
interface TemplateRow { account_id: string; region: string; name: string; type: string; created_at: number; data: string }

const app = (r: AppRow | undefined): PinpointAppRecord | undefined =>
  r && { id: r.id, accountId: r.account_id, region: r.region, createdAt: r.created_at, data: JSON.parse(r.data) as Record<string, unknown> };
const endpoint = (r: EndpointRow): EndpointRecord => ({
  appId: r.app_id, id: r.id, ...(r.user_id !== null ? { userId: r.user_id } : {}), data: JSON.parse(r.data) as Record<string, unknown>,
});
const segment = (r: SegmentRow): SegmentRecord => ({ appId: r.app_id, id: r.id, version: r.version, data: JSON.parse(r.data) as Record<string, unknown> });
const job = (r: JobRow): PinpointJobRecord => ({
  appId: r.app_id, id: r.id, type: r.type as PinpointJobRecord['type'], ...(r.segment_id !== null ? { segmentId: r.segment_id } : {}),
  createdAt: r.created_at, data: JSON.parse(r.data) as Record<string, unknown>,
});
const recommender = (r: RecommenderRow): RecommenderRecord => ({
  accountId: r.account_id, region: r.region, id: r.id, createdAt: r.created_at, data: JSON.parse(r.data) as Record<string, unknown>,
});

const template = (r: TemplateRow): TemplateRecord => ({
  accountId: r.account_id, region: r.region, name: r.name, type: r.type, createdAt: r.created_at, data: JSON.parse(r.data) as Record<string, unknown>,
});
/** A template's key in (name, type) order: the name, a NUL (below every character a name may hold) and the type. */
const templateKeyOf = (name: string, type: string) => `${name}\u0000${type}`;

/** A job key: its created_at (fixed width, so keys compare as the order does) and its id. */
const jobKeyOf = (createdAt: number, id: string) => `${String(createdAt).padStart(16, '0')}:${id}`;
const parseJobKey = (key: string): { createdAt: number; id: string } => {
  const at = key.indexOf(':');
  return { createdAt: Number(key.slice(0, at)), id: key.slice(at + 1) };
};

export function sqlitePinpointTable(db: Database.Database, gate: Gate, groupCommit = false): PinpointTable {
  const insertApp = db.prepare('INSERT OR IGNORE INTO pinpoint_apps (id, account_id, region, created_at, data) VALUES (?, ?, ?, ?, ?)');
  const appOf = db.prepare('SELECT * FROM pinpoint_apps WHERE account_id = ? AND region = ? AND id = ?');
  const appById = db.prepare('SELECT * FROM pinpoint_apps WHERE id = ?');
  const updateApp = db.prepare('UPDATE pinpoint_apps SET account_id = ?, region = ?, created_at = ?, data = ? WHERE id = ?');
  const listApps = db.prepare('SELECT * FROM pinpoint_apps WHERE account_id = ? AND region = ? AND id > ? ORDER BY id LIMIT ?');
  const appExists = db.prepare('SELECT 1 FROM pinpoint_apps WHERE id = ?').pluck();
  const removeAppRow = db.prepare('DELETE FROM pinpoint_apps WHERE id = ?');
  const removeAppEndpoints = db.prepare('DELETE FROM pinpoint_endpoints WHERE app_id = ?');
  const removeAppSegments = db.prepare('DELETE FROM pinpoint_segments WHERE app_id = ?');
  const removeAppJobs = db.prepare('DELETE FROM pinpoint_jobs WHERE app_id = ?');
  const removeAppMembers = db.prepare('DELETE FROM pinpoint_segment_members WHERE app_id = ?');
  const addMember = db.prepare('INSERT OR IGNORE INTO pinpoint_segment_members (app_id, list, endpoint_id) VALUES (?, ?, ?)');
  const scanMembers = db.prepare('SELECT endpoint_id FROM pinpoint_segment_members WHERE app_id = ? AND list = ? AND endpoint_id > ? ORDER BY endpoint_id LIMIT ?').pluck();
  const countMembers = db.prepare('SELECT COUNT(*) FROM pinpoint_segment_members WHERE app_id = ? AND list = ?').pluck();
  const removeMembers = db.prepare('DELETE FROM pinpoint_segment_members WHERE app_id = ? AND list = ?');
  const removeAppOutbox = db.prepare('DELETE FROM pinpoint_outbox WHERE app_id = ?');
  const removeAppState = db.prepare('DELETE FROM pinpoint_outbox_state WHERE app_id = ?');

  const putEndpoint = db.prepare('INSERT OR REPLACE INTO pinpoint_endpoints (app_id, id, user_id, data) VALUES (?, ?, ?, ?)');
  const endpointOf = db.prepare('SELECT * FROM pinpoint_endpoints WHERE app_id = ? AND id = ?');
  const removeEndpoint = db.prepare('DELETE FROM pinpoint_endpoints WHERE app_id = ? AND id = ?');
  // The user index keeps a user's endpoints in id order; without INDEXED BY the planner walks the app's whole key range.
  const endpointsOfUser = db.prepare('SELECT * FROM pinpoint_endpoints INDEXED BY pinpoint_endpoints_user WHERE app_id = ? AND user_id = ? ORDER BY id');
  const scanEndpoints = db.prepare('SELECT * FROM pinpoint_endpoints WHERE app_id = ? AND id > ? ORDER BY id LIMIT ?');
  const countEndpoints = db.prepare('SELECT COUNT(*) FROM pinpoint_endpoints WHERE app_id = ?').pluck();

  const insertSegment = db.prepare('INSERT OR IGNORE INTO pinpoint_segments (app_id, id, version, data) VALUES (?, ?, ?, ?)');
  const latestSegment = db.prepare('SELECT * FROM pinpoint_segments WHERE app_id = ? AND id = ? ORDER BY version DESC LIMIT 1');
  const segmentVersion = db.prepare('SELECT * FROM pinpoint_segments WHERE app_id = ? AND id = ? AND version = ?');
  const listSegments = db.prepare(
    'SELECT s.* FROM pinpoint_segments s WHERE s.app_id = ? AND s.id > ? AND s.version = ' +
      '(SELECT MAX(version) FROM pinpoint_segments m WHERE m.app_id = s.app_id AND m.id = s.id) ORDER BY s.id LIMIT ?',
  );
  const listVersions = db.prepare('SELECT * FROM pinpoint_segments WHERE app_id = ? AND id = ? AND version > ? ORDER BY version LIMIT ?');
  const removeSegment = db.prepare('DELETE FROM pinpoint_segments WHERE app_id = ? AND id = ?');
  const setSegmentTags = db.prepare("UPDATE pinpoint_segments SET data = json_set(data, '$.tags', json(?)) WHERE app_id = ? AND id = ?");

  const putJob = db.prepare('INSERT OR REPLACE INTO pinpoint_jobs (app_id, id, type, segment_id, created_at, data) VALUES (?, ?, ?, ?, ?, ?)');
  const jobOf = db.prepare('SELECT * FROM pinpoint_jobs WHERE app_id = ? AND id = ?');
  const listJobs = db.prepare(
    'SELECT * FROM pinpoint_jobs WHERE app_id = ? AND type = ? AND (? IS NULL OR segment_id = ?) ' +
      'AND (? IS NULL OR created_at < ? OR (created_at = ? AND id > ?)) ORDER BY created_at DESC, id LIMIT ?',
  );

  const putRecommender = db.prepare('INSERT OR REPLACE INTO pinpoint_recommenders (account_id, region, id, created_at, data) VALUES (?, ?, ?, ?, ?)');
  const recommenderOf = db.prepare('SELECT * FROM pinpoint_recommenders WHERE account_id = ? AND region = ? AND id = ?');
  const removeRecommender = db.prepare('DELETE FROM pinpoint_recommenders WHERE account_id = ? AND region = ? AND id = ?');
  const listRecommenders = db.prepare('SELECT * FROM pinpoint_recommenders WHERE account_id = ? AND region = ? AND id > ? ORDER BY id LIMIT ?');

  const createTemplate = db.prepare('INSERT OR IGNORE INTO pinpoint_templates (account_id, region, name, type, created_at, data) VALUES (?, ?, ?, ?, ?, ?)');
  const putTemplate = db.prepare('INSERT OR REPLACE INTO pinpoint_templates (account_id, region, name, type, created_at, data) VALUES (?, ?, ?, ?, ?, ?)');
  const templateOf = db.prepare('SELECT * FROM pinpoint_templates WHERE account_id = ? AND region = ? AND name = ? AND type = ?');
  const removeTemplate = db.prepare('DELETE FROM pinpoint_templates WHERE account_id = ? AND region = ? AND name = ? AND type = ?');
  const listTemplates = db.prepare(
    'SELECT * FROM pinpoint_templates WHERE account_id = ? AND region = ? AND substr(name, 1, length(?)) = ? AND (? IS NULL OR type = ?) ' +
      'AND (name > ? OR (name = ? AND type > ?)) ORDER BY name, type LIMIT ?',
  );

  const addEvent = db.prepare('INSERT INTO pinpoint_outbox (app_id, arrived_at, data) VALUES (?, ?, ?)');
  const scanEvents = db.prepare('SELECT seq, arrived_at, data FROM pinpoint_outbox WHERE app_id = ? AND seq > ? ORDER BY seq LIMIT ?');
  const ackRows = db.prepare('DELETE FROM pinpoint_outbox WHERE app_id = ? AND seq <= ?');
  const ensureState = db.prepare('INSERT OR IGNORE INTO pinpoint_outbox_state (app_id) VALUES (?)');
  const addDelivered = db.prepare('UPDATE pinpoint_outbox_state SET delivered = delivered + ?, failure = NULL WHERE app_id = ?');
  const failureOf = db.prepare('SELECT failure FROM pinpoint_outbox_state WHERE app_id = ?').pluck();
  const setFailure = db.prepare('UPDATE pinpoint_outbox_state SET failure = ? WHERE app_id = ?');
  const stateOf = db.prepare('SELECT delivered, failure FROM pinpoint_outbox_state WHERE app_id = ?');
  const pendingOf = db.prepare('SELECT COUNT(*) FROM pinpoint_outbox WHERE app_id = ?').pluck();
  const appsWithEvents = db.prepare('SELECT DISTINCT app_id FROM pinpoint_outbox ORDER BY app_id').pluck();

  const removeAppTx = db.transaction((id: string) => {
    removeAppEndpoints.run(id);
    removeAppSegments.run(id);
    removeAppJobs.run(id);
    removeAppMembers.run(id);
    removeAppOutbox.run(id);
    removeAppState.run(id);
    return removeAppRow.run(id).changes === 1;
  });
  const addMembersTx = db.transaction((appId: string, list: string, ids: readonly string[]) => {
    for (const id of ids) addMember.run(appId, list, id);
  });
  const putEndpointsTx = db.transaction((es: readonly EndpointRecord[]) => {
    for (const e of es) putEndpoint.run(e.appId, e.id, e.userId ?? null, JSON.stringify(e.data));
  });
  const removeEndpointsTx = db.transaction((appId: string, ids: readonly string[]) => {
    let n = 0;
    for (const id of ids) n += removeEndpoint.run(appId, id).changes;
    return n;
  });
  const appendTx = db.transaction((appId: string, events: readonly { data: Buffer; arrivedAt: number }[]) => {
    if (appExists.get(appId) === undefined) return undefined;
    return events.map((e) => Number(addEvent.run(appId, e.arrivedAt, e.data).lastInsertRowid));
  });
  const appendGrouped = groupCommitter(db, gate, (p: { appId: string; events: readonly { data: Buffer; arrivedAt: number }[] }) => appendTx(p.appId, p.events));
  const ackTx = db.transaction((appId: string, throughSeq: number) => {
    const n = ackRows.run(appId, throughSeq).changes;
    if (appExists.get(appId) !== undefined) {
      ensureState.run(appId);
      addDelivered.run(n, appId);
    }
    return n;
  });
  const failTx = db.transaction((appId: string, f: { code: string; message: string; at: number } | undefined) => {
    if (appExists.get(appId) === undefined) return;
    ensureState.run(appId);
    if (!f) return void setFailure.run(null, appId);
    const before = failureOf.get(appId) as string | null | undefined;
    const since = before ? (JSON.parse(before) as OutboxFailure).since : f.at;
    const failure: OutboxFailure = { code: f.code, message: f.message, since, at: f.at };
    setFailure.run(JSON.stringify(failure), appId);
  });

  return {
    async createApp(a) {
      await gate();
      return insertApp.run(a.id, a.accountId, a.region, a.createdAt, JSON.stringify(a.data)).changes === 1;
    },
    async getApp(accountId, region, id) {
      await gate();
      return app(appOf.get(accountId, region, id) as AppRow | undefined);
    },
    async getAppById(id) {
      await gate();
      return app(appById.get(id) as AppRow | undefined);
    },
    async putApp(a) {
      await gate();
      return updateApp.run(a.accountId, a.region, a.createdAt, JSON.stringify(a.data), a.id).changes === 1;
    },
    async removeApp(id) {
      await gate();
      return removeAppTx.immediate(id);
    },
    async listApps(accountId, region, o) {
      await gate();
      if (o.limit <= 0) return [];
      return (listApps.all(accountId, region, o.after ?? '', o.limit) as AppRow[]).map((r) => app(r)!);
    },

    async putEndpoints(endpoints) {
      await gate();
      putEndpointsTx.immediate(endpoints);
    },
    async getEndpoint(appId, id) {
      await gate();
      const r = endpointOf.get(appId, id) as EndpointRow | undefined;
      return r && endpoint(r);
    },
    async getEndpoints(appId, ids) {
      await gate();
      const out: EndpointRecord[] = [];
      for (const id of ids) {
        const r = endpointOf.get(appId, id) as EndpointRow | undefined;
        if (r) out.push(endpoint(r));
      }
      return out;
    },
    async removeEndpoints(appId, ids) {
      await gate();
      return removeEndpointsTx.immediate(appId, ids);
    },
    async endpointsOfUser(appId, userId) {
      await gate();
      return (endpointsOfUser.all(appId, userId) as EndpointRow[]).map(endpoint);
    },
    async scanEndpoints(appId, o) {
      await gate();
      if (o.limit <= 0) return [];
      return (scanEndpoints.all(appId, o.after ?? '', o.limit) as EndpointRow[]).map(endpoint);
    },
    async countEndpoints(appId) {
      await gate();
      return countEndpoints.get(appId) as number;
    },

    async addSegmentMembers(appId, list, endpointIds) {
      await gate();
      addMembersTx.immediate(appId, list, endpointIds);
    },
    async scanSegmentMembers(appId, list, o) {
      await gate();
      if (o.limit <= 0) return [];
      return scanMembers.all(appId, list, o.after ?? '', o.limit) as string[];
    },
    async countSegmentMembers(appId, list) {
      await gate();
      return countMembers.get(appId, list) as number;
    },
    async removeSegmentMembers(appId, list) {
      await gate();
      removeMembers.run(appId, list);
    },

    async putSegment(s) {
      await gate();
      return insertSegment.run(s.appId, s.id, s.version, JSON.stringify(s.data)).changes === 1;
    },
    async getSegment(appId, id, version) {
      await gate();
      const r = (version === undefined ? latestSegment.get(appId, id) : segmentVersion.get(appId, id, version)) as SegmentRow | undefined;
      return r && segment(r);
    },
    async listSegments(appId, o) {
      await gate();
      if (o.limit <= 0) return [];
      return (listSegments.all(appId, o.after ?? '', o.limit) as SegmentRow[]).map(segment);
    },
    async listSegmentVersions(appId, id, o) {
      await gate();
      if (o.limit <= 0) return [];
      const after = o.after === undefined ? 0 : Number(o.after);
      return (listVersions.all(appId, id, Number.isFinite(after) ? after : 0, o.limit) as SegmentRow[]).map(segment);
    },
    async setSegmentTags(appId, id, tags) {
      await gate();
      return setSegmentTags.run(JSON.stringify(tags), appId, id).changes > 0;
    },
    async removeSegment(appId, id) {
      await gate();
      return removeSegment.run(appId, id).changes > 0;
    },

    async putJob(j) {
      await gate();
      putJob.run(j.appId, j.id, j.type, j.segmentId ?? null, j.createdAt, JSON.stringify(j.data));
    },
    async getJob(appId, id) {
      await gate();
      const r = jobOf.get(appId, id) as JobRow | undefined;
      return r && job(r);
    },
    async listJobs(appId, type, segmentId, o) {
      await gate();
      if (o.limit <= 0) return [];
      const k = o.after === undefined ? undefined : parseJobKey(o.after);
      const at = k ? k.createdAt : null;
      const rows = listJobs.all(appId, type, segmentId ?? null, segmentId ?? null, at, at, at, k ? k.id : null, o.limit) as JobRow[];
      return rows.map(job);
    },
    jobKey(j) {
      return jobKeyOf(j.createdAt, j.id);
    },

    async createTemplate(t) {
      await gate();
      return createTemplate.run(t.accountId, t.region, t.name, t.type, t.createdAt, JSON.stringify(t.data)).changes === 1;
    },
    async putTemplate(t) {
      await gate();
      putTemplate.run(t.accountId, t.region, t.name, t.type, t.createdAt, JSON.stringify(t.data));
    },
    async getTemplate(accountId, region, name, type) {
      await gate();
      const r = templateOf.get(accountId, region, name, type) as TemplateRow | undefined;
      return r && template(r);
    },
    async removeTemplate(accountId, region, name, type) {
      await gate();
      return removeTemplate.run(accountId, region, name, type).changes === 1;
    },
    async listTemplates(accountId, region, o) {
      await gate();
      if (o.limit <= 0) return [];
      const at = o.after ? o.after.indexOf('\u0000') : -1;
      const [afterName, afterType] = at === -1 ? ['', ''] : [o.after!.slice(0, at), o.after!.slice(at + 1)];
      const prefix = o.prefix ?? '';
      const type = o.type ?? null;
      return (listTemplates.all(accountId, region, prefix, prefix, type, type, afterName, afterName, afterType, o.limit) as TemplateRow[]).map(template);
    },
    templateKey(t) {
      return templateKeyOf(t.name, t.type);
    },

    async putRecommender(r) {
      await gate();
      putRecommender.run(r.accountId, r.region, r.id, r.createdAt, JSON.stringify(r.data));
    },
    async getRecommender(accountId, region, id) {
      await gate();
      const r = recommenderOf.get(accountId, region, id) as RecommenderRow | undefined;
      return r && recommender(r);
    },
    async removeRecommender(accountId, region, id) {
      await gate();
      return removeRecommender.run(accountId, region, id).changes === 1;
    },
    async listRecommenders(accountId, region, o) {
      await gate();
      if (o.limit <= 0) return [];
      return (listRecommenders.all(accountId, region, o.after ?? '', o.limit) as RecommenderRow[]).map(recommender);
    },

    async appendEvents(appId, events) {
      if (groupCommit) return appendGrouped({ appId, events });
      await gate();
      return appendTx.immediate(appId, events);
    },
    async scanEvents(appId, afterSeq, limit) {
      await gate();
      if (limit <= 0) return [];
      const rows = scanEvents.all(appId, afterSeq ?? 0, limit) as { seq: number; arrived_at: number; data: Buffer }[];
      return rows.map((r): OutboxEvent => ({ seq: r.seq, data: r.data, arrivedAt: r.arrived_at }));
    },
    async ackEvents(appId, throughSeq) {
      await gate();
      return ackTx.immediate(appId, throughSeq);
    },
    async failEvents(appId, failure) {
      await gate();
      failTx.immediate(appId, failure);
    },
    async outboxState(appId) {
      await gate();
      if (appExists.get(appId) === undefined) return undefined;
      const s = stateOf.get(appId) as { delivered: number; failure: string | null } | undefined;
      return {
        pending: pendingOf.get(appId) as number,
        delivered: s?.delivered ?? 0,
        ...(s?.failure ? { failure: JSON.parse(s.failure) as OutboxFailure } : {}),
      };
    },
    async discardEvents(appId) {
      await gate();
      removeAppOutbox.run(appId);
    },
    async appsWithEvents() {
      await gate();
      return appsWithEvents.all() as string[];
    },
  };
}

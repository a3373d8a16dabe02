// The decision log's writer on a real SQLite store: reads' records wait in memory and are written in
// batches, changes' records are committed at once (group commit) and never dropped, followers see
// them live, a failing or slow store neither blocks reads nor grows memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { DecisionTable, Store } from '../../src/store/types.js';
import type { DecisionRecord } from '../../src/shared/decision-record.js';
import { changesState, DecisionLog } from '../../src/decisions/decision-log.js';
import type { Log } from '../../src/shared/log.js';

function decision(n: number, over: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, n)).toISOString(),
    requestId: `req-${n}`,
    accountId: '111122223333',
    principal: 'arn:aws:iam::111122223333:user/alice',
    action: 'iam:GetRole',
    resource: `arn:aws:iam::111122223333:role/r${n}`,
    result: 'ImplicitlyDenied',
    mode: 'on',
    decidedBy: [],
    reasons: [{ code: 'NoAllowingStatement' }],
    missingKeys: [],
    context: { 'aws:SourceIp': '127.0.0.1' },
    ...over,
  };
}

interface Harness {
  /** The store the log writes to: the real one, with append counted and replaceable. */
  store: Store;
  real: Store;
  appends: number[];
  logged: { fields: Record<string, unknown>; msg: string }[];
  log: Log;
  /** Replaces the table's append for the rest of the test. */
  setAppend(fn: DecisionTable['append']): void;
  done(): Promise<void>;
}

async function harness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-decision-log-'));
  const real = openSqliteStore(join(dir, 'test.db'));
  await real.decisions.lastSeq(); // the table's worker thread is up before the timings below start
  const appends: number[] = [];
  let append: DecisionTable['append'] = (records) => real.decisions.append(records);
  const decisions: DecisionTable = {
    append: (records) => {
      appends.push(records.length);
      return append(records);
    },
    list: (f, o) => real.decisions.list(f, o),
    since: (s, m) => real.decisions.since(s, m),
    lastSeq: () => real.decisions.lastSeq(),
  };
  const store: Store = Object.assign(Object.create(real) as Store, { decisions });
  const logged: Harness['logged'] = [];
  const log: Log = { info: (fields, msg) => logged.push({ fields, msg }), warn: (fields, msg) => logged.push({ fields, msg }), error: (fields, msg) => logged.push({ fields, msg }) };
  return {
    store, real, appends, logged, log,
    setAppend: (fn) => void (append = fn),
    async done() {
      await real.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('records wait in memory and are written together in one append after flushMs', async () => {
  const h = await harness();
  const log = new DecisionLog(h.store, h.log, { flushMs: 30 });
  for (let i = 0; i < 7; i++) log.record(decision(i));
  assert.equal(await h.store.decisions.lastSeq(), 0, 'nothing is written while the request runs');
  assert.equal(log.size(), 7);
  await sleep(80);
  assert.deepEqual(h.appends, [7]);
  assert.equal(await h.store.decisions.lastSeq(), 7);
  const page = await h.store.decisions.list({}, { maxItems: 10 });
  assert.deepEqual(page.items.map((r) => r.requestId), ['req-6', 'req-5', 'req-4', 'req-3', 'req-2', 'req-1', 'req-0']);
  await log.close();
  await h.done();
});

test('a full batch is written at maxBatch without waiting for the timer', async () => {
  const h = await harness();
  const log = new DecisionLog(h.store, h.log, { flushMs: 60_000, maxBatch: 10 });
  for (let i = 0; i < 25; i++) log.record(decision(i));
  await sleep(30);
  assert.deepEqual(h.appends, [10, 10], 'two full batches; the 5 left wait for the timer');
  assert.equal(log.size(), 5);
  await log.close();
  assert.deepEqual(h.appends, [10, 10, 5]);
  assert.equal(await h.store.decisions.lastSeq(), 25);
  await h.done();
});

test('flush() writes everything recorded so far, in maxBatch batches, and is a no-op when empty', async () => {
  const h = await harness();
  const log = new DecisionLog(h.store, h.log, { flushMs: 60_000, maxBatch: 4 });
  await log.flush();
  assert.deepEqual(h.appends, []);
  for (let i = 0; i < 9; i++) log.record(decision(i));
  await log.flush();
  assert.equal(await h.store.decisions.lastSeq(), 9);
  assert.equal(log.size(), 0);
  assert.ok(h.appends.every((n) => n <= 4));
  await log.close();
  await h.done();
});

test('close() writes what is left; records after close are not kept and are reported', async () => {
  const h = await harness();
  const log = new DecisionLog(h.store, h.log, { flushMs: 60_000 });
  log.record(decision(1));
  await log.close();
  assert.equal(await h.store.decisions.lastSeq(), 1);
  log.record(decision(2));
  await log.flush();
  assert.equal(await h.store.decisions.lastSeq(), 1);
  assert.ok(h.logged.some((l) => l.fields.dropped === 1));
  await h.done();
});

test('subscribers see each record as it is recorded, before it is written; unsubscribe stops them', async () => {
  const h = await harness();
  const log = new DecisionLog(h.store, h.log, { flushMs: 60_000 });
  const seen: string[] = [];
  const unsubscribe = log.subscribe((r) => seen.push(r.requestId));
  log.record(decision(1));
  assert.deepEqual(seen, ['req-1']);
  unsubscribe();
  log.record(decision(2));
  assert.deepEqual(seen, ['req-1']);
  await log.close();
  await h.done();
});

test('a follower that throws is logged and neither the request nor other followers notice', async () => {
  const h = await harness();
  const log = new DecisionLog(h.store, h.log, { flushMs: 60_000 });
  const seen: string[] = [];
  log.subscribe(() => {
    throw new Error('follower broke');
  });
  log.subscribe((r) => seen.push(r.requestId));
  assert.doesNotThrow(() => log.record(decision(1)));
  assert.deepEqual(seen, ['req-1']);
  assert.ok(h.logged.some((l) => l.msg.includes('follower')));
  await log.close();
  assert.equal(await h.store.decisions.lastSeq(), 1);
  await h.done();
});

test('a denial is recorded with the smallest statement that would have allowed it', async () => {
  const h = await harness();
  const log = new DecisionLog(h.store, h.log, { flushMs: 60_000 });
  log.record(decision(1));
  log.record(decision(2, { result: 'Allowed', reasons: [] }));
  log.record(decision(3, { result: 'ExplicitlyDenied', reasons: [{ code: 'ExplicitDeny', policyType: 'identity' }] }));
  await log.flush();
  const items = (await h.store.decisions.list({}, { maxItems: 10 })).items.reverse();
  assert.deepEqual(items[0]!.suggestion, { Effect: 'Allow', Action: 'iam:GetRole', Resource: 'arn:aws:iam::111122223333:role/r1' });
  assert.equal(items[1]!.suggestion, undefined);
  assert.equal(items[2]!.suggestion, undefined, 'no Allow fixes an explicit deny');
  await log.close();
  await h.done();
});

test('a failed write is logged without the records, retried, and the log keeps taking records', async () => {
  const h = await harness();
  const log = new DecisionLog(h.store, h.log, { flushMs: 10 });
  let failures = 1;
  h.setAppend(async (records) => {
    if (failures-- > 0) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    await h.real.decisions.append(records);
  });
  log.record(decision(1, { context: { 'aws:username': 'alice-secret-context' } }));
  await sleep(30);
  log.record(decision(2));
  await sleep(100);
  assert.equal(await h.store.decisions.lastSeq(), 2, 'the failed batch was written on retry, in order');
  const failure = h.logged.find((l) => l.msg.includes('write failed'));
  assert.ok(failure);
  assert.match(String(failure.fields.error), /SQLITE_BUSY: database is locked/);
  assert.ok(!JSON.stringify(h.logged).includes('alice-secret-context'), 'records never reach the log');
  const page = await h.store.decisions.list({}, { maxItems: 10 });
  assert.deepEqual(page.items.map((r) => r.requestId), ['req-2', 'req-1']);
  await log.close();
  await h.done();
});

test('a batch the store keeps refusing is dropped after three attempts and counted', async () => {
  const h = await harness();
  const log = new DecisionLog(h.store, h.log, { flushMs: 5 });
  h.setAppend(async () => {
    throw new Error('disk I/O error');
  });
  log.record(decision(1));
  await log.flush();
  assert.equal(log.size(), 0);
  assert.ok(h.logged.some((l) => l.msg.includes('dropped after failed writes') && l.fields.records === 1));
  await log.close();
  await h.done();
});

test('when the store falls behind, memory stays at 50,000 records: the oldest are dropped and counted', async () => {
  const h = await harness();
  const log = new DecisionLog(h.store, h.log, { flushMs: 1, maxBatch: 500 });
  let release!: () => void;
  const stuck = new Promise<void>((r) => (release = r));
  let first = true;
  h.setAppend(async (records) => {
    if (first) {
      first = false;
      await stuck;
    }
    await h.real.decisions.append(records);
  });
  log.record(decision(0));
  await sleep(10); // the first batch (one record) is now stuck in the store
  // Recorded while the store is still stuck: recording never waits for it.
  for (let i = 1; i <= 50_100; i++) log.record(decision(i));
  assert.equal(log.size(), 50_000);
  release();
  await log.flush();
  assert.equal(await h.store.decisions.lastSeq(), 50_001, 'the stuck record and the newest 50,000');
  const oldest = await h.store.decisions.since(1, 1);
  assert.equal(oldest[0]!.record.requestId, 'req-101', 'records 1..100 were the oldest unwritten, so they went');
  assert.ok(h.logged.some((l) => l.fields.dropped === 100), JSON.stringify(h.logged.slice(0, 3)));
  await log.close();
  await h.done();
});

test('retention: the store keeps the newest ROLEGATE_DECISIONS_KEEP decisions and trims the oldest, also what a larger limit left', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-decision-keep-'));
  const file = join(dir, 'test.db');
  try {
    const unlimited = openSqliteStore(file);
    await unlimited.decisions.append(Array.from({ length: 30 }, (_, i) => decision(i)));
    await unlimited.close();
    const store = openSqliteStore(file, { decisionsKeep: 10 });
    await store.decisions.append([decision(30)]);
    let page = await store.decisions.list({}, { maxItems: 100 });
    assert.deepEqual(page.items.map((r) => r.requestId), Array.from({ length: 10 }, (_, i) => `req-${30 - i}`));
    for (let i = 31; i < 60; i += 3) await store.decisions.append([decision(i), decision(i + 1), decision(i + 2)]);
    page = await store.decisions.list({}, { maxItems: 100 });
    assert.ok(page.items.length >= 10 && page.items.length <= 11, `kept ${page.items.length}`);
    assert.equal(page.items[0].requestId, 'req-60');
    assert.equal(await store.decisions.lastSeq(), 61, 'sequence numbers keep counting');
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('which actions change state: their decisions are committed before the answer', () => {
  for (const a of ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:PassRole', 'sts:AssumeRole', 'sts:TagSession', 's3:PutObject', 's3:DeleteObject',
    'kinesis:PutRecords', 'firehose:PutRecordBatch', 'mobiletargeting:CreateImportJob', 'sts:GetSessionToken', 'sts:GetFederationToken', 'iam:Getaway']) {
    assert.equal(changesState(a), true, a);
  }
  for (const a of ['iam:GetRole', 'iam:ListRoles', 's3:GetObject', 's3:ListBucket', 'kinesis:DescribeStream', 'kinesis:GetRecords', 'sts:GetCallerIdentity',
    'sts:DecodeAuthorizationMessage', 'iam:SimulatePrincipalPolicy', 'mobiletargeting:GetEndpoint', 'dynamodb:Query', 'dynamodb:BatchGetItem']) {
    assert.equal(changesState(a), false, a);
  }
});

test('a change\'s record is committed at once, and its promise settles only after the commit; reads still wait for flushMs', async () => {
  const h = await harness();
  const log = new DecisionLog(h.store, h.log, { flushMs: 60_000 });
  assert.equal(log.record(decision(1)), undefined, 'a read is not waited for');
  const written = log.record(decision(2, { action: 'iam:CreateRole', result: 'Allowed', reasons: [] }));
  assert.ok(written instanceof Promise);
  assert.equal(await h.store.decisions.lastSeq(), 0, 'not committed while the request runs');
  await written;
  // The change's batch took the read recorded before it, in order.
  assert.equal(await h.store.decisions.lastSeq(), 2);
  assert.deepEqual(h.appends, [2]);
  assert.deepEqual((await h.store.decisions.since(0, 10)).map((e) => e.record.requestId), ['req-1', 'req-2']);
  await log.close();
  await h.done();
});

test('group commit: changes recorded while a write is in flight go together in the next append, and none is dropped when the store falls behind', async () => {
  const h = await harness();
  const log = new DecisionLog(h.store, h.log, { flushMs: 1, maxBatch: 500, maxPending: 1_000 });
  let release!: () => void;
  const stuck = new Promise<void>((r) => (release = r));
  let first = true;
  h.setAppend(async (records) => {
    if (first) {
      first = false;
      await stuck;
    }
    await h.real.decisions.append(records);
  });
  const change = (n: number) => log.record(decision(n, { action: 'iam:CreateRole', requestId: `change-${n}` }))!;
  const firstChange = change(0);
  await sleep(10); // its append is stuck in the store
  const changes: Promise<void>[] = [];
  for (let i = 1; i <= 300; i++) {
    changes.push(change(i));
    log.record(decision(i)); // reads meanwhile: 300, within maxPending
  }
  for (let i = 301; i <= 2_000; i++) log.record(decision(i)); // 1,700 more reads: the oldest 700 are dropped
  let settled = 0;
  for (const c of changes) void c.then(() => settled++);
  await sleep(20);
  assert.equal(settled, 0, 'no change is acknowledged before its commit');
  release();
  await firstChange;
  await Promise.all(changes);
  assert.equal(h.appends[1], 500, 'what gathered meanwhile went in full batches');
  await log.flush();
  for (let i = 0; i <= 300; i++) {
    const page = await h.store.decisions.list({ requestId: `change-${i}` }, { maxItems: 1 });
    assert.equal(page.items.length, 1, `change-${i} was committed`);
  }
  assert.equal(await h.store.decisions.lastSeq(), 1 + 1_000, 'the first change, then 1,000 records: every change and the newest 700 reads');
  const order = (await h.store.decisions.since(0, 2_000)).map((e) => e.record.requestId);
  assert.deepEqual(order.slice(0, 4), ['change-0', 'change-1', 'change-2', 'change-3'], 'the oldest reads went; changes stay in the order recorded');
  assert.deepEqual(order.slice(300, 302), ['change-300', 'req-1301']);
  assert.equal(order.at(-1), 'req-2000');
  await log.close();
  await h.done();
});

test('a change whose record the store refuses every time is still answered, and the loss is logged', async () => {
  const h = await harness();
  const log = new DecisionLog(h.store, h.log, { flushMs: 5 });
  h.setAppend(async () => {
    throw new Error('disk I/O error');
  });
  const written = log.record(decision(1, { action: 'iam:DeleteRole' }))!;
  await written;
  assert.ok(h.logged.some((l) => l.msg.includes('dropped after failed writes') && l.fields.records === 1));
  assert.equal(log.size(), 0);
  await log.close();
  await h.done();
});

// The decision log's worker thread: its own SQLite connection to the store's file, answering the
// main thread's calls in order. Commits do not wait for the disk (synchronous = NORMAL): records
// are batched in memory before they get here, so a crash loses the last batch whatever this says.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { decisionSql, type DecisionAnswer, type DecisionCall } from './decisions.js';

const { file, keep } = workerData as { file: string; keep: number };
const db = new Database(file);
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
const sql = decisionSql(db, keep);

parentPort!.on('message', (call: DecisionCall | { id: 0; op: 'close' }) => {
  if (call.op === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  let answer: DecisionAnswer;
  try {
    let value: unknown;
    if (call.op === 'append') sql.appendJson(call.json);
    else if (call.op === 'list') value = sql.list(call.filter, call.options);
    else if (call.op === 'since') value = sql.since(call.afterSeq, call.maxItems);
    else value = sql.lastSeq();
    answer = { id: call.id, value };
  } catch (e) {
    const err = e as { message?: string; code?: string };
    answer = { id: call.id, error: { message: String(err.message ?? e), code: err.code } };
  }
  parentPort!.postMessage(answer);
});

// Policies saved before rolegate kept principals by unique id are bound by the migrations that
// introduced it (10: trust policies, 11: bucket policies, 12: stream and consumer policies): ARNs
// of existing users and roles become their ids, the rest of the text is kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../../src/store/sqlite/index.js';
import { migrate } from '../../../src/store/sqlite/migrate.js';
import { migrations } from '../../../src/store/sqlite/migrations/index.js';

const ACCOUNT = '111122223333';
const ALICE_ID = 'AIDAALICE000000000001';
const DEPLOYER_ID = 'AROADEPLOYER000000001';
const alice = `arn:aws:iam::${ACCOUNT}:user/team/alice`;
const deployer = `arn:aws:iam::${ACCOUNT}:role/Deployer`;
const gone = `arn:aws:iam::${ACCOUNT}:user/bob`;
const elsewhere = 'arn:aws:iam::777788889999:user/someone';

const entity = (kind: 'user' | 'role', name: string, id: string, path: string, extra: object = {}) =>
  ({ kind, name, id, path, record: { name, id, path, arn: `arn:aws:iam::${ACCOUNT}:${kind}${path}${name}`, createDate: '2025-01-01T00:00:00.000Z', tags: [], ...extra } });

/** A data folder as rolegate left it before version 10: trust policies keep the ARNs as written. */
function folderBeforeBinding(file: string, trust: string): void {
  const db = new Database(file);
  migrate(db, migrations.filter((m) => m.version < 10));
  db.prepare('INSERT INTO accounts (id, data) VALUES (?, ?)').run(ACCOUNT, JSON.stringify({ id: ACCOUNT, name: 'old', createDate: '2025-01-01T00:00:00.000Z' }));
  const insert = db.prepare('INSERT INTO entities (account_id, kind, name_key, path, id, data) VALUES (?, ?, ?, ?, ?, ?)');
  for (const e of [
    entity('user', 'alice', ALICE_ID, '/team/'),
    entity('role', 'Deployer', DEPLOYER_ID, '/', { assumeRolePolicyDocument: '{}', maxSessionDuration: 3600 }),
    entity('role', 'Target', 'AROATARGET00000000001', '/', { assumeRolePolicyDocument: trust, maxSessionDuration: 3600 }),
  ]) insert.run(ACCOUNT, e.kind, e.name.toLowerCase(), e.path, e.id, JSON.stringify(e.record));
  const resource = trust.replace('"Action": "sts:AssumeRole"', '"Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"');
  db.prepare('INSERT INTO s3_buckets (name, account_id, created_at, data) VALUES (?, ?, ?, ?)')
    .run('data', ACCOUNT, 0, JSON.stringify({ name: 'data', accountId: ACCOUNT, createdAt: 0, config: { policy: resource } }));
  const streamId = db.prepare("INSERT INTO kinesis_streams (account_id, region, name, created_at, gone_at, data) VALUES (?, 'us-east-1', 'events', 0, NULL, ?) RETURNING id")
    .pluck().get(ACCOUNT, JSON.stringify({ name: 'events', policy: resource })) as number;
  db.prepare("INSERT INTO kinesis_consumers (stream_id, name, created_at, data) VALUES (?, 'app', 0, ?)").run(streamId, JSON.stringify({ name: 'app', policy: resource }));
  db.close();
}

/** The policies the migrated folder holds: the role's trust policy, the bucket's, the stream's and the consumer's. */
function storedPolicies(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const role = JSON.parse(db.prepare("SELECT data FROM entities WHERE kind = 'role' AND name_key = 'target'").pluck().get() as string);
    const bucket = JSON.parse(db.prepare('SELECT data FROM s3_buckets').pluck().get() as string);
    const stream = JSON.parse(db.prepare('SELECT data FROM kinesis_streams').pluck().get() as string);
    const consumer = JSON.parse(db.prepare('SELECT data FROM kinesis_consumers').pluck().get() as string);
    return [role.assumeRolePolicyDocument, bucket.config.policy, stream.policy, consumer.policy];
  } finally {
    db.close();
  }
}

test('trust and resource policies saved before version 10 get their existing users and roles bound; missing and foreign ARNs are kept', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-bind-'));
  try {
    const file = join(dir, 'rolegate.db');
    const trust = `{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow",\n  "Principal": { "AWS": [ "${alice}", "${deployer}", "${gone}", "${elsewhere}" ] },\n  "Action": "sts:AssumeRole", "Condition": { "ArnEquals": { "aws:PrincipalArn": "${alice}" } } } ] }`;
    folderBeforeBinding(file, trust);
    const before = storedPolicies(file);
    const store = openSqliteStore(file);
    const target = await store.roles.get(ACCOUNT, 'Target');
    await store.close();
    const bound = (text: string) => text.replace(`"${alice}", "${deployer}"`, `"${ALICE_ID}", "${DEPLOYER_ID}"`);
    assert.equal(target!.assumeRolePolicyDocument, bound(trust));
    assert.deepEqual(storedPolicies(file), before.map(bound));
    assert.notDeepEqual(before.map(bound), before, 'each policy named a principal to bind');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

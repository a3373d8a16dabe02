// DecodeAuthorizationMessage on a real server started in-process: a message this server encoded
// decodes to AWS's JSON form for the account it belongs to, and for no other.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { DecodeAuthorizationMessageCommand, STSClient } from '@aws-sdk/client-sts';
import { loadConfig } from '../../../src/config.js';
import { createApp, type App } from '../../../src/server/app.js';
import { startServer } from '../../../src/server/listen.js';
import type { DecisionRecord } from '../../../src/shared/decision-record.js';
import { rejectsWith } from '../../support/errors.js';

const ROOT = { accessKeyId: 'AKIAROLEGATEDECODE01', secretAccessKey: 'decode-test-secret-0000000000000000000000' };
let app: App;
let server: Server;
let sts: STSClient;
const dir = mkdtempSync(join(tmpdir(), 'rolegate-decode-'));

before(async () => {
  const config = loadConfig([], { ROLEGATE_DATA: dir, ROLEGATE_PORT: '0', ROLEGATE_ACCOUNT_ID: '111122223333', ROLEGATE_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId, ROLEGATE_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey });
  ({ app } = await createApp(config, { info() {}, error() {} }));
  server = await startServer(app);
  const addr = server.address();
  sts = new STSClient({ endpoint: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 });
});
after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await app.decisions?.close();
  await app.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const denial = (accountId: string): DecisionRecord => ({
  time: new Date().toISOString(), requestId: 'r-1', accountId, principal: `arn:aws:iam::${accountId}:user/alice`,
  action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key', result: 'ExplicitlyDenied', mode: 'on',
  decidedBy: [{ policy: 'inline:user/alice/deny', policyType: 'identity', statement: 0, sid: 'NoReads', effect: 'Deny', start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }],
  reasons: [{ code: 'ExplicitDeny', policyType: 'identity' }], missingKeys: [], context: { 'aws:SourceIp': '10.0.0.1', 'aws:TagKeys': ['a', 'b'] },
});

test('an encoded denial decodes to its decision context in AWS JSON form', async () => {
  const encoded = app.messages.encode(denial('111122223333'), 'AIDAEXAMPLEEXAMPLE01');
  const r = await sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
  const m = JSON.parse(r.DecodedMessage!);
  assert.equal(m.allowed, false);
  assert.equal(m.explicitDeny, true);
  assert.deepEqual(m.matchedStatements.items, [{ statementId: 'NoReads', effect: 'DENY', policyId: 'inline:user/alice/deny' }]);
  assert.deepEqual(m.context.principal, { id: 'AIDAEXAMPLEEXAMPLE01', arn: 'arn:aws:iam::111122223333:user/alice' });
  assert.equal(m.context.action, 's3:GetObject');
  assert.deepEqual(m.context.conditions.items[1], { key: 'aws:TagKeys', values: { items: [{ value: 'a' }, { value: 'b' }] } });
});

test("another account's message, or a message that is not one, answers InvalidAuthorizationMessageException", async () => {
  await rejectsWith(sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: app.messages.encode(denial('444455556666'), 'AIDA') })), 'InvalidAuthorizationMessageException', 400);
  await rejectsWith(sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'bm90IGEgbWVzc2FnZQ' })), 'InvalidAuthorizationMessageException', 400);
});

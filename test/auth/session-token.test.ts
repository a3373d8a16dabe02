// Session tokens on a real server started in-process: a token this server sealed whose session
// has ended answers ExpiredToken; one sealed by another server's key is not accepted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { loadConfig } from '../../src/config.js';
import { createApp, type App } from '../../src/server/app.js';
import { startServer } from '../../src/server/listen.js';
import { sessionTokenCodec } from '../../src/auth/session-token.js';
import { accessKeyId, secretAccessKey } from '../../src/shared/ids.js';
import { rejectsWith } from '../support/errors.js';

let app: App;
let server: Server;
let endpoint: string;
const dir = mkdtempSync(join(tmpdir(), 'rolegate-token-'));

before(async () => {
  const config = loadConfig([], { ROLEGATE_DATA: dir, ROLEGATE_PORT: '0', ROLEGATE_ACCOUNT_ID: '111122223333', ROLEGATE_ROOT_ACCESS_KEY_ID: 'AKIAROLEGATETOKEN001', ROLEGATE_ROOT_SECRET_ACCESS_KEY: 'token-test-secret-0000000000000000000000' });
  ({ app } = await createApp(config, { info() {}, error() {} }));
  server = await startServer(app);
  const addr = server.address();
  endpoint = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await app.store.close();
  rmSync(dir, { recursive: true, force: true });
});

function rootSession(issuedAgoMs: number, lifetimeMs: number, codec = app.tokens) {
  const now = Date.now();
  const claims = {
    accessKeyId: accessKeyId('ASIA', '111122223333'), secretAccessKey: secretAccessKey(), accountId: '111122223333', kind: 'session' as const,
    arn: 'arn:aws:iam::111122223333:root', userId: '111122223333', issuedAt: now - issuedAgoMs, expiresAt: now - issuedAgoMs + lifetimeMs,
  };
  return { accessKeyId: claims.accessKeyId, secretAccessKey: claims.secretAccessKey, sessionToken: codec.seal(claims) };
}

const sts = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string }) =>
  new STSClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });

test('a live session token authenticates', async () => {
  const id = await sts(rootSession(1000, 3600_000)).send(new GetCallerIdentityCommand({}));
  assert.equal(id.Arn, 'arn:aws:iam::111122223333:root');
});

test('a session whose expiry has passed answers ExpiredToken (403)', async () => {
  await rejectsWith(sts(rootSession(2 * 3600_000, 900_000)).send(new GetCallerIdentityCommand({})), 'ExpiredToken', 403, 'The security token included in the request is expired');
});

test("a token sealed with another server's master key answers InvalidClientTokenId", async () => {
  const foreign = sessionTokenCodec(randomBytes(32));
  await rejectsWith(sts(rootSession(1000, 3600_000, foreign)).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
});

test('a token presented with another access key id answers InvalidClientTokenId', async () => {
  const a = rootSession(1000, 3600_000);
  const b = rootSession(1000, 3600_000);
  await rejectsWith(sts({ ...a, sessionToken: b.sessionToken }).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
});

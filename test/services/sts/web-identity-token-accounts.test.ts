// Outbound web identity federation across accounts and restarts: each account its own issuer and
// keys; the keys survive a restart (sealed in the database, never in plain text); neither the
// private keys nor the tokens reach the access log. Over HTTPS the issuer is an https URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnableOutboundWebIdentityFederationCommand, GetOutboundWebIdentityFederationInfoCommand } from '@aws-sdk/client-iam';
import { GetWebIdentityTokenCommand } from '@aws-sdk/client-sts';
import { startRolegate, TEST_ACCOUNT, type Rolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const OTHER = '444455556666';

async function jwksOf(server: Rolegate, issuer: string): Promise<{ keys: Record<string, string>[] }> {
  const r = await server.fetch(`${new URL(issuer).pathname}/.well-known/jwks.json`);
  assert.equal(r.status, 200);
  return JSON.parse(r.body);
}

function verifies(jwt: string, jwks: { keys: Record<string, string>[] }): boolean {
  const [h, c, s] = jwt.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString());
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) return false;
  return verify('sha256', Buffer.from(`${h}.${c}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(s, 'base64url'));
}

test('two accounts: separate issuers and keys; one account enabling leaves the other disabled; a restart keeps issuer and keys', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-test-'));
  const accessLog = join(dataDir, 'access.log');
  let server = await startRolegate({ dataDir, env: { ROLEGATE_ACCOUNTS: OTHER, ROLEGATE_ACCESS_LOG: accessLog } });
  try {
    const m = new RegExp(`account ${OTHER} \\(shown once\\)\\n\\s+AWS_ACCESS_KEY_ID=(\\S+)\\n\\s+AWS_SECRET_ACCESS_KEY=(\\S+)`).exec(server.printed)!;
    const other = { accessKeyId: m[1], secretAccessKey: m[2] };
    const mine = (await server.iam().send(new EnableOutboundWebIdentityFederationCommand({}))).IssuerIdentifier!;
    await rejectsWith(server.sts(other).send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'RS256' })), 'OutboundWebIdentityFederationDisabledException', 403);
    const theirs = (await server.iam(other).send(new EnableOutboundWebIdentityFederationCommand({}))).IssuerIdentifier!;
    assert.equal(mine, `${server.endpoint}/_rolegate/oidc/${TEST_ACCOUNT}`);
    assert.equal(theirs, `${server.endpoint}/_rolegate/oidc/${OTHER}`);
    const myJwt = (await server.sts().send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'RS256' }))).WebIdentityToken!;
    const theirJwt = (await server.sts(other).send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'RS256' }))).WebIdentityToken!;
    assert.equal(verifies(myJwt, await jwksOf(server, mine)), true);
    assert.equal(verifies(theirJwt, await jwksOf(server, theirs)), true);
    assert.equal(verifies(theirJwt, await jwksOf(server, mine)), false, 'another account\'s token does not verify with this issuer\'s keys');

    await server.stop({ keepData: true });
    const files = ['rolegate.db', 'rolegate.db-wal'].map((f) => join(dataDir, f)).filter((f) => existsSync(f));
    const db = files.map((f) => readFileSync(f).toString('latin1')).join('');
    assert.ok(db.includes('outbound-web-identity'), 'the record is in the database');
    assert.ok(!db.includes('PRIVATE KEY'), 'no private key is stored in plain text');
    const log = readFileSync(accessLog, 'utf8');
    assert.ok(log.includes('GetWebIdentityToken'), 'the calls are logged');
    assert.ok(!log.includes(myJwt.split('.')[2]) && !log.includes(theirJwt.split('.')[2]), 'no token is in the access log');

    server = await startRolegate({ dataDir });
    assert.deepEqual((await server.iam().send(new GetOutboundWebIdentityFederationInfoCommand({}))).IssuerIdentifier, mine);
    assert.equal(verifies(myJwt, await jwksOf(server, mine)), true, 'a token from before the restart verifies with the keys after it');
    const after = (await server.sts().send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'RS256' }))).WebIdentityToken!;
    assert.equal(verifies(after, await jwksOf(server, mine)), true);
  } finally {
    await server.stop();
  }
});

test('over HTTPS the issuer is an https URL on the server\'s port, and its discovery documents are served there', async () => {
  const server = await startRolegate({ env: { ROLEGATE_TLS: 'self-signed' } });
  try {
    assert.equal(server.scheme, 'https');
    const issuer = (await server.iam().send(new EnableOutboundWebIdentityFederationCommand({}))).IssuerIdentifier!;
    assert.equal(issuer, `${server.endpoint}/_rolegate/oidc/${TEST_ACCOUNT}`);
    assert.match(issuer, /^https:\/\//);
    const config = await server.fetch(`${new URL(issuer).pathname}/.well-known/openid-configuration`);
    assert.equal(JSON.parse(config.body).jwks_uri, `${issuer}/.well-known/jwks.json`);
    const jwt = (await server.sts().send(new GetWebIdentityTokenCommand({ Audience: ['x'], SigningAlgorithm: 'RS256' }))).WebIdentityToken!;
    assert.equal(verifies(jwt, await jwksOf(server, issuer)), true);
  } finally {
    await server.stop();
  }
});

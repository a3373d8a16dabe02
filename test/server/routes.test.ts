// rolegate's own routes: health, and reset only when the server was started to allow it, only for
// the default account's root, and never for a page of another origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateRoleCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { basicAuth, startRolegate } from '../support/server.js';

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

test('GET /_rolegate/health answers 200 with JSON', async () => {
  const server = await startRolegate();
  try {
    const r = await fetch(`${server.endpoint}/_rolegate/health`);
    assert.equal(r.status, 200);
    const body = await r.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.storage, 'sqlite');
  } finally {
    await server.stop();
  }
});

test('POST /_rolegate/reset wipes IAM state and keeps the root credentials', async () => {
  const server = await startRolegate();
  try {
    const iam = server.iam();
    for (let i = 0; i < 20; i++) await iam.send(new CreateRoleCommand({ RoleName: `r${i}`, AssumeRolePolicyDocument: trust }));
    const r = await fetch(`${server.endpoint}/_rolegate/reset`, { method: 'POST', headers: { authorization: basicAuth(server.credentials) } });
    assert.equal(r.status, 200);
    assert.deepEqual((await iam.send(new ListRolesCommand({}))).Roles, []);
    assert.equal((await server.sts().send(new GetCallerIdentityCommand({}))).Account, '111122223333');
  } finally {
    await server.stop();
  }
});

test('the reset route refuses anonymous, wrongly signed, other-account and cross-origin requests, and they change nothing', async () => {
  const server = await startRolegate({ env: { ROLEGATE_ACCOUNTS: '444455556666' } });
  try {
    const iam = server.iam();
    await iam.send(new CreateRoleCommand({ RoleName: 'kept', AssumeRolePolicyDocument: trust }));
    const url = `${server.endpoint}/_rolegate/reset`;
    const root = basicAuth(server.credentials);

    const anonymous = await fetch(url, { method: 'POST' });
    assert.equal(anonymous.status, 401);
    assert.match((await anonymous.json()).message, /default account root's access key id and secret/);

    const wrong = await fetch(url, { method: 'POST', headers: { authorization: basicAuth({ ...server.credentials, secretAccessKey: 'not-the-secret' }) } });
    assert.equal(wrong.status, 401);
    assert.equal((await wrong.text()).includes('not-the-secret'), false);

    const m = /account 444455556666 \(shown once\)\n\s+AWS_ACCESS_KEY_ID=(\S+)\n\s+AWS_SECRET_ACCESS_KEY=(\S+)/.exec(server.printed);
    assert.ok(m, 'the second account\'s keys were printed');
    const other = await fetch(url, { method: 'POST', headers: { authorization: basicAuth({ accessKeyId: m[1]!, secretAccessKey: m[2]! }) } });
    assert.equal(other.status, 403);
    assert.match((await other.json()).message, /Only the root of the default account \(111122223333\)/);

    // A form post from a page elsewhere: the browser adds Origin (and cached Basic credentials).
    const form = await fetch(url, { method: 'POST', headers: { authorization: root, origin: 'https://attacker.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    assert.equal(form.status, 403);
    assert.match((await form.json()).message, /another origin/);
    const nullOrigin = await fetch(url, { method: 'POST', headers: { authorization: root, origin: 'null' } });
    assert.equal(nullOrigin.status, 403);
    const site = await fetch(url, { method: 'POST', headers: { authorization: root, 'sec-fetch-site': 'cross-site' } });
    assert.equal(site.status, 403);
    const get = await fetch(url, { headers: { authorization: root } });
    assert.equal(get.status, 405);

    assert.deepEqual((await iam.send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName), ['kept']);

    // The server's own origin (a page it served, or a script that sends one) is accepted.
    const own = await fetch(url, { method: 'POST', headers: { authorization: root, origin: server.endpoint, 'sec-fetch-site': 'same-origin' } });
    assert.equal(own.status, 200);
    assert.deepEqual(await own.json(), { reset: true });
    assert.deepEqual((await iam.send(new ListRolesCommand({}))).Roles, []);
  } finally {
    await server.stop();
  }
});

test('without ROLEGATE_ALLOW_RESET the reset route does not exist', async () => {
  const server = await startRolegate({ env: { ROLEGATE_ALLOW_RESET: '0' } });
  try {
    const r = await fetch(`${server.endpoint}/_rolegate/reset`, { method: 'POST' });
    assert.equal(r.status, 404);
  } finally {
    await server.stop();
  }
});

// rolegate's own routes: health, and reset only when the server was started to allow it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateRoleCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startRolegate } from '../support/server.js';

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

test('POST /_rolegate/reset wipes IAM state fast and keeps the root credentials', async () => {
  const server = await startRolegate();
  try {
    const iam = server.iam();
    for (let i = 0; i < 20; i++) await iam.send(new CreateRoleCommand({ RoleName: `r${i}`, AssumeRolePolicyDocument: trust }));
    const started = process.hrtime.bigint();
    const r = await fetch(`${server.endpoint}/_rolegate/reset`, { method: 'POST' });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(r.status, 200);
    assert.ok(ms < 1000, `reset took ${ms} ms`);
    assert.deepEqual((await iam.send(new ListRolesCommand({}))).Roles, []);
    assert.equal((await server.sts().send(new GetCallerIdentityCommand({}))).Account, '111122223333');
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

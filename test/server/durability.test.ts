// State survives a restart, kill -9 included: what was acknowledged is there, whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttachRolePolicyCommand, CreateRoleCommand, GetRoleCommand, ListAttachedRolePoliciesCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { startRolegate } from '../support/server.js';

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

test('roles and attachments acknowledged before kill -9 are all there after a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-durable-'));
  try {
    const first = await startRolegate({ dataDir });
    const iam = first.iam();
    for (let i = 0; i < 40; i++) {
      await iam.send(new CreateRoleCommand({ RoleName: `role-${i}`, AssumeRolePolicyDocument: trust }));
      await iam.send(new AttachRolePolicyCommand({ RoleName: `role-${i}`, PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    }
    const before = await iam.send(new GetRoleCommand({ RoleName: 'role-39' }));
    await first.stop({ kill: true });

    const second = await startRolegate({ dataDir });
    const iam2 = second.iam();
    const listed = await iam2.send(new ListRolesCommand({ MaxItems: 1000 }));
    assert.equal(listed.Roles!.length, 40);
    const after = await iam2.send(new GetRoleCommand({ RoleName: 'role-39' }));
    assert.equal(after.Role!.RoleId, before.Role!.RoleId);
    for (let i = 0; i < 40; i++) {
      const a = await iam2.send(new ListAttachedRolePoliciesCommand({ RoleName: `role-${i}` }));
      assert.equal(a.AttachedPolicies!.length, 1, `role-${i} keeps its attachment`);
    }
    await second.stop();
    // The master key that seals secrets is private to the server's user.
    assert.equal(statSync(join(dataDir, 'master.key')).mode & 0o777, 0o600);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

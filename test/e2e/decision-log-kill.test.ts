// The audit trail is as durable as the state it audits: a rolegate killed with SIGKILL in the middle
// of a loop of CreateRole calls, started again on the same data folder, has a decision for every
// change it acknowledged (the answer waits for the decision's commit), and every acknowledged role.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import { basicAuth, startRolegate, type Rolegate } from '../support/server.js';

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const LOOPS = 6;

/** Every decision on iam:CreateRole the restarted server holds, by request id. */
async function createRoleDecisions(server: Rolegate): Promise<Set<string>> {
  const ids = new Set<string>();
  let marker: string | undefined;
  do {
    const q = new URLSearchParams({ action: 'iam:CreateRole', maxItems: '1000', ...(marker ? { marker } : {}) });
    const r = await fetch(`${server.endpoint}/_rolegate/decisions?${q}`, { headers: { authorization: basicAuth(server.credentials) } });
    assert.equal(r.status, 200);
    const page = (await r.json()) as { decisions: { requestId: string; result: string }[]; marker?: string };
    for (const d of page.decisions) ids.add(d.requestId);
    marker = page.marker;
  } while (marker);
  return ids;
}

test('kill -9 during a CreateRole loop: every acknowledged change has its decision after the restart', { timeout: 120_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-decisions-kill-'));
  let server: Rolegate | undefined;
  try {
    server = await startRolegate({ dataDir });
    const iam: IAMClient = server.iam();
    const acknowledged: { role: string; requestId: string }[] = [];
    let killed = false;
    const loop = async (n: number) => {
      for (let i = 0; !killed; i++) {
        const role = `loop${n}-${i}`;
        try {
          const out = await iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: trust }));
          acknowledged.push({ role, requestId: out.$metadata.requestId! });
        } catch (e) {
          if (!killed) throw e;
        }
      }
    };
    const loops = Array.from({ length: LOOPS }, (_, n) => loop(n));
    // Kill once a good number of changes were acknowledged, with requests in flight.
    while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 20));
    killed = true;
    await server.stop({ kill: true, keepData: true });
    await Promise.all(loops);
    const count = acknowledged.length;
    assert.ok(count >= 300);

    server = await startRolegate({ dataDir });
    const recorded = await createRoleDecisions(server);
    const missing = acknowledged.filter((a) => !recorded.has(a.requestId));
    assert.deepEqual(missing.slice(0, 10), [], `${missing.length} of ${count} acknowledged CreateRole calls have no decision`);
    // The state agrees: every acknowledged role is there (spot-check the last ones each loop made).
    const iam2 = server.iam();
    for (const a of acknowledged.slice(-LOOPS * 2)) {
      assert.equal((await iam2.send(new GetRoleCommand({ RoleName: a.role }))).Role?.RoleName, a.role);
    }
  } finally {
    await server?.stop({ keepData: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
});

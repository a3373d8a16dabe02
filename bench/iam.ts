// npm run bench:iam — GetRole and CreateRole requests/s, SigV4-signed, at 2 and 16 connections,
// beside a bare node:http server measured in the same run. Target: GetRole ≥ 50 % of the bare rate.
import { interleaved, printedRootKeys, printTable, signQuery, startBare, startRolegate, TABLE_HEADER } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

async function main() {
  const bare = await startBare();
  // CreateRole stops at AWS's 1,000 roles per account, so the creates spread over 40 accounts.
  const accounts = Array.from({ length: 40 }, (_, i) => String(200000000000 + i));
  const rolegate = await startRolegate({ ROLEGATE_ACCOUNTS: accounts.join(',') });
  try {
    const create = await signQuery(rolegate.port, 'iam', { Action: 'CreateRole', Version: '2010-05-08', RoleName: 'PinpointSegmentImport', AssumeRolePolicyDocument: trust });
    const r = await fetch(`http://127.0.0.1:${rolegate.port}/`, { method: 'POST', headers: create.headers, body: create.body });
    if (r.status !== 200) throw new Error(`set-up CreateRole answered ${r.status}: ${await r.text()}`);
    const getRole = [await signQuery(rolegate.port, 'iam', { Action: 'GetRole', Version: '2010-05-08', RoleName: 'PinpointSegmentImport' })];
    const bareReq = [{ method: 'POST', path: '/', headers: getRole[0].headers, body: getRole[0].body }];
    // Each CreateRole needs a new name; sign enough up front so signing is not measured.
    const creates = [];
    const keys = printedRootKeys(rolegate.stdout());
    if (keys.length !== accounts.length) throw new Error(`expected ${accounts.length} generated root keys, saw ${keys.length}`);
    for (let i = 0; i < 40_000; i++) {
      const k = keys[Math.floor(i / 1000)];
      creates.push(await signQuery(rolegate.port, 'iam', { Action: 'CreateRole', Version: '2010-05-08', RoleName: `bench-${i}`, AssumeRolePolicyDocument: trust }, k));
    }
    const rows: string[][] = [];
    for (const connections of [2, 16]) {
      const slice = creates.splice(0, 20_000);
      let next = 0;
      rows.push(...(await interleaved(
        { name: 'bare node:http', port: bare.port, requests: () => bareReq },
        [
          { name: 'GetRole', port: rolegate.port, requests: () => getRole },
          // Each round takes names no earlier round used.
          { name: 'CreateRole', port: rolegate.port, requests: () => slice.slice(next, (next += Math.ceil(slice.length / ROUNDS))) },
        ],
        connections, ROUNDS, SECONDS,
      )));
    }
    printTable(TABLE_HEADER, rows);
  } finally {
    await rolegate.stop();
    await bare.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

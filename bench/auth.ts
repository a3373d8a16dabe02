// npm run bench:auth — GetCallerIdentity and AssumeRole requests/s, SigV4-signed, with long-term and
// with temporary credentials, at 2 and 16 connections, beside a bare node:http server in the same run.
// Targets: GetCallerIdentity with temporary credentials ≥ 40 % of the bare rate; p99 < 5 ms at 16.
import { interleaved, printTable, signQuery, startBare, startRolegate, ROOT, TABLE_HEADER } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const doc = (s: object) => JSON.stringify({ Version: '2012-10-17', Statement: [s] });

async function call(port: number, service: 'iam' | 'sts', params: Record<string, string>, credentials = ROOT): Promise<string> {
  const r = await signQuery(port, service, params, credentials);
  const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: r.headers, body: r.body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${params.Action} answered ${res.status}: ${text}`);
  return text;
}

const pick = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)![1];

async function main() {
  const bare = await startBare();
  const rolegate = await startRolegate();
  const port = rolegate.port;
  try {
    await call(port, 'iam', { Action: 'CreateUser', Version: '2010-05-08', UserName: 'bench' });
    await call(port, 'iam', { Action: 'PutUserPolicy', Version: '2010-05-08', UserName: 'bench', PolicyName: 'assume', PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }) });
    const key = await call(port, 'iam', { Action: 'CreateAccessKey', Version: '2010-05-08', UserName: 'bench' });
    const user = { accessKeyId: pick(key, 'AccessKeyId'), secretAccessKey: pick(key, 'SecretAccessKey') };
    await call(port, 'iam', { Action: 'CreateRole', Version: '2010-05-08', RoleName: 'BenchRole', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' }) });
    await call(port, 'iam', { Action: 'PutRolePolicy', Version: '2010-05-08', RoleName: 'BenchRole', PolicyName: 'chain', PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }) });
    const assume = { Action: 'AssumeRole', Version: '2011-06-15', RoleArn: 'arn:aws:iam::111122223333:role/BenchRole', RoleSessionName: 'bench', DurationSeconds: '3600' };
    const session = await call(port, 'sts', assume, user);
    const temp = { accessKeyId: pick(session, 'AccessKeyId'), secretAccessKey: pick(session, 'SecretAccessKey'), sessionToken: pick(session, 'SessionToken') };
    const cases = [
      { name: 'GetCallerIdentity, long-term key', req: await signQuery(port, 'sts', { Action: 'GetCallerIdentity', Version: '2011-06-15' }, user) },
      { name: 'GetCallerIdentity, temporary credentials', req: await signQuery(port, 'sts', { Action: 'GetCallerIdentity', Version: '2011-06-15' }, temp) },
      { name: 'AssumeRole, long-term key', req: await signQuery(port, 'sts', assume, user) },
      { name: 'AssumeRole, temporary credentials (chained)', req: await signQuery(port, 'sts', assume, temp) },
    ];
    const rows: string[][] = [];
    for (const connections of [2, 16]) {
      rows.push(...(await interleaved(
        { name: 'bare node:http', port: bare.port, requests: () => [cases[0].req] },
        cases.map((c) => ({ name: c.name, port, requests: () => [c.req] })),
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

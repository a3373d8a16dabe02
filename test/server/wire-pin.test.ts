// IAM and STS on the wire, pinned: status, headers and body of a sample of answers, compared with
// the recorded answers in test/fixtures/wire/iam-sts.json (request ids, generated ids and times as
// placeholders). A change to what a client sees must be deliberate: ROLEGATE_PIN_UPDATE=1 re-records.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { startRolegate, TEST_ROOT, type Rolegate } from '../support/server.js';

const FIXTURE = 'test/fixtures/wire/iam-sts.json';
let server: Rolegate;
before(async () => (server = await startRolegate()));
after(() => server.stop());

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

interface Sample { name: string; service?: 'iam' | 'sts'; body: string; sign?: boolean; secret?: string; method?: string }

const samples: Sample[] = [
  { name: 'sts GetCallerIdentity', service: 'sts', body: 'Action=GetCallerIdentity&Version=2011-06-15' },
  { name: 'iam CreateRole', service: 'iam', body: `Action=CreateRole&Version=2010-05-08&RoleName=Pinned&Path=%2Fp%2F&AssumeRolePolicyDocument=${encodeURIComponent(trust)}&Tags.member.1.Key=team&Tags.member.1.Value=a%2Bb` },
  { name: 'iam GetRole', service: 'iam', body: 'Action=GetRole&Version=2010-05-08&RoleName=Pinned' },
  { name: 'iam ListRoles', service: 'iam', body: 'Action=ListRoles&Version=2010-05-08&PathPrefix=%2Fp%2F' },
  { name: 'iam GetRole of a missing role', service: 'iam', body: 'Action=GetRole&Version=2010-05-08&RoleName=Nobody' },
  { name: 'iam CreateRole with an invalid name', service: 'iam', body: `Action=CreateRole&Version=2010-05-08&RoleName=bad%20name&AssumeRolePolicyDocument=${encodeURIComponent(trust)}` },
  { name: 'iam CreateRole with a duplicate name', service: 'iam', body: `Action=CreateRole&Version=2010-05-08&RoleName=Pinned&AssumeRolePolicyDocument=${encodeURIComponent(trust)}` },
  { name: 'iam DeleteRole', service: 'iam', body: 'Action=DeleteRole&Version=2010-05-08&RoleName=Pinned' },
  { name: 'iam unknown action', service: 'iam', body: 'Action=FlyToTheMoon&Version=2010-05-08' },
  { name: 'iam missing action', service: 'iam', body: 'Version=2010-05-08' },
  { name: 'sts AssumeRole of a missing role', service: 'sts', body: 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FNobody&RoleSessionName=pinned-session' },
  { name: 'unsigned request', body: 'Action=ListRoles&Version=2010-05-08', sign: false },
  { name: 'wrong secret', service: 'iam', body: 'Action=ListRoles&Version=2010-05-08', secret: 'not-the-secret' },
  { name: 'unsigned unknown action under the STS version', body: 'Action=FlyToTheMoon&Version=2011-06-15', sign: false },
];

/** Values that differ run to run become placeholders; each distinct value keeps its own number. */
function normalize(text: string): string {
  const seen = new Map<string, string>();
  const place = (kind: string) => (v: string) => {
    const key = `${kind}:${v}`;
    if (!seen.has(key)) seen.set(key, `<${kind}:${[...seen.keys()].filter((k) => k.startsWith(`${kind}:`)).length + 1}>`);
    return seen.get(key)!;
  };
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, place('request-id'))
    .replace(/\bARO[A-Z0-9]{17,}/g, place('role-id'))
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, place('time'));
}

async function send(s: Sample) {
  const url = new URL(server.endpoint);
  let headers: Record<string, string> = { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  if (s.sign !== false) {
    const signer = new SignatureV4({ credentials: { ...TEST_ROOT, ...(s.secret ? { secretAccessKey: s.secret } : {}) }, region: 'us-east-1', service: s.service!, sha256: Sha256 });
    const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {}, headers, body: s.body });
    headers = signed.headers as Record<string, string>;
  }
  const r = await fetch(server.endpoint, { method: 'POST', headers, body: s.body });
  const kept = ['content-type', 'content-length', 'x-amzn-requestid'].filter((h) => r.headers.has(h));
  const body = await r.text();
  return {
    status: r.status,
    headers: kept.map((h) => `${h}: ${h === 'content-length' ? '<length>' : normalize(r.headers.get(h)!)}`),
    body: normalize(body),
  };
}

test('IAM and STS answer exactly as recorded (status, headers, body)', async () => {
  const answers: Record<string, unknown> = {};
  for (const s of samples) answers[s.name] = await send(s);
  if (process.env.ROLEGATE_PIN_UPDATE === '1') writeFileSync(FIXTURE, JSON.stringify(answers, null, 1) + '\n');
  const pinned = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;
  assert.deepEqual(Object.keys(answers), Object.keys(pinned));
  for (const name of Object.keys(pinned)) assert.deepEqual(answers[name], pinned[name], name);
});

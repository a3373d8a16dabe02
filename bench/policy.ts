// bench:policy — decisions per second of rolegate's policy engine on one core, beside the same
// cases through @cloud-copilot/iam-simulate (AGPL: used here only, never under src/).
// Asserts identical decisions; prints the ratio and whether the targets are met.
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { evaluate, loadPolicy, type Decision, type PolicyKind, type PolicyRef, type PolicySet, type RequestContext } from '../src/policy/index.js';

const ACCOUNT = '111122223333';
const S3_READ_ONLY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'], Resource: '*' }],
};

const SERVICES = ['s3', 'kinesis', 'firehose', 'logs', 'kms', 'ec2', 'dynamodb', 'sqs', 'sns', 'lambda'];

/** Statement `s` of managed policy `p`: wildcards, NotAction, conditions, and one explicit deny. */
function statement(p: number, s: number): object {
  const svc = SERVICES[(p + s) % SERVICES.length]!;
  if (p === 9 && s === 19) return { Sid: 'DenyDangerous', Effect: 'Deny', Action: ['iam:*', 'kinesis:DeleteStream'], Resource: '*' };
  switch (s % 5) {
    case 0:
      return { Effect: 'Allow', Action: [`${svc}:Get*`, `${svc}:List*`], Resource: svc === 's3' ? `arn:aws:s3:::thing-p${p}-*` : `arn:aws:${svc}:*:${ACCOUNT}:thing/p${p}-*` };
    case 1:
      return {
        Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'],
        Resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-p${p}s${s}*`,
        Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
      };
    case 2:
      return {
        Effect: 'Allow', Action: 'kinesis:Put*', Resource: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/app-${p}-*`,
        Condition: { StringLike: { 'aws:PrincipalTag/team': 'team-*' }, Bool: { 'aws:SecureTransport': 'true' } },
      };
    case 3:
      return {
        Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::bucket-p${p}-s${s}/*`,
        Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      };
    default:
      return {
        Effect: 'Allow', Action: 'logs:*', Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/app/p${p}/*`,
        Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
      };
  }
}

const MANAGED = Array.from({ length: 10 }, (_, p) => ({
  Version: '2012-10-17',
  Statement: Array.from({ length: 20 }, (_, s) => statement(p, s)),
}));
const BOUNDARY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['kinesis:*', 's3:*', 'logs:*', 'firehose:*'], Resource: '*' },
    { Effect: 'Deny', Action: 'kinesis:DeleteStream', Resource: '*' },
  ],
};
const TRUST = {
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole',
    Condition: {
      StringEquals: { 'aws:SourceAccount': ACCOUNT },
      ArnLike: { 'aws:SourceArn': `arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/*` },
    },
  }],
};

function ref(id: string, doc: object, kind: PolicyKind): PolicyRef {
  const r = loadPolicy(JSON.stringify(doc), kind);
  if (!r.ok) throw new Error(`${id}: ${r.errors[0]!.message}`);
  return { id, policy: r.policy };
}

interface Case {
  name: string;
  request: RequestContext;
  policies: PolicySet;
  simulation: Simulation;
  /** runUnsafeSimulation cannot load a resource policy (it reads an undefined name), so use runSimulation. */
  async: boolean;
}

const session = `arn:aws:sts::${ACCOUNT}:assumed-role/app/worker`;
const contextB = {
  'aws:PrincipalTag/team': 'team-a', 'aws:SecureTransport': 'true', 'aws:SourceIp': '10.1.2.3',
  'aws:CurrentTime': '2025-06-01T12:00:00Z', 'aws:RequestedRegion': 'us-east-1',
};
const trustContext = { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': `arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/abc123` };

function sim(principal: string, action: string, resource: string, context: Record<string, string>, extra: Partial<Simulation>): Simulation {
  return {
    request: { principal, action, resource: { resource, accountId: ACCOUNT }, contextVariables: context },
    identityPolicies: [], serviceControlPolicies: [], resourceControlPolicies: [], ...extra,
  };
}

function caseB(name: string, action: string, resource: string): Case {
  return {
    name,
    request: { action, resource, principal: session, context: contextB },
    policies: { identity: MANAGED.map((d, i) => ref(`arn:aws:iam::${ACCOUNT}:policy/managed-${i}`, d, 'identity')), boundary: ref('boundary', BOUNDARY, 'boundary') },
    simulation: sim(session, action, resource, contextB, {
      identityPolicies: MANAGED.map((policy, i) => ({ name: `managed-${i}`, policy })),
      permissionBoundaryPolicies: [{ name: 'boundary', policy: BOUNDARY }],
    }),
    async: false,
  };
}

const cases: Case[] = [
  {
    name: '(a) AmazonS3ReadOnlyAccess, s3:GetObject',
    request: { action: 's3:GetObject', resource: 'arn:aws:s3:::reports/2025/q1.csv', principal: `arn:aws:iam::${ACCOUNT}:user/alice` },
    policies: { identity: [ref('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', S3_READ_ONLY, 'identity')] },
    simulation: sim(`arn:aws:iam::${ACCOUNT}:user/alice`, 's3:GetObject', 'arn:aws:s3:::reports/2025/q1.csv', {}, {
      identityPolicies: [{ name: 'AmazonS3ReadOnlyAccess', policy: S3_READ_ONLY }],
    }),
    async: false,
  },
  caseB('(b) 10 managed x 20 statements + boundary, allowed', 'kinesis:PutRecord', `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/app-7-orders`),
  caseB('(b) same role, explicit deny', 'kinesis:DeleteStream', `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/app-7-orders`),
  {
    name: '(c) trust policy, aws:SourceAccount/SourceArn',
    request: { action: 'sts:AssumeRole', resource: `arn:aws:iam::${ACCOUNT}:role/pinpoint-events`, principal: 'pinpoint.amazonaws.com', principalType: 'Service', context: trustContext },
    policies: { resource: ref('trust', TRUST, 'trust'), trustPolicy: true },
    simulation: sim('pinpoint.amazonaws.com', 'sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/pinpoint-events`, trustContext, { resourcePolicy: TRUST }),
    async: true,
  },
];

async function theirs(c: Case): Promise<string> {
  if (!c.async) return runUnsafeSimulation(c.simulation, {}) as string;
  const r = await runSimulation(c.simulation, {});
  if (r.resultType === 'error') throw new Error(`iam-simulate: ${r.errors.message}`);
  return r.overallResult as string;
}

/** Results are kept in `sink` so that the engine's work cannot be optimised away. */
let sink = 0;

function ratePerSecond(run: () => unknown, minMs: number): number {
  let n = 0;
  let batch = 1;
  const start = process.hrtime.bigint();
  for (;;) {
    for (let i = 0; i < batch; i++) if (run() !== undefined) sink++;
    n += batch;
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (ms >= minMs) return (n * 1000) / ms;
    if (batch < 65536) batch *= 2;
  }
}

async function rateAsync(run: () => Promise<unknown>, minMs: number): Promise<number> {
  let n = 0;
  const start = process.hrtime.bigint();
  for (;;) {
    await run();
    n++;
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (ms >= minMs) return (n * 1000) / ms;
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
let mismatches = 0;
let missed = 0;
const rows: string[][] = [['case', 'decision', 'rolegate/s', 'iam-simulate/s', 'ratio', 'targets']];
for (const c of cases) {
  const ours: Decision = evaluate(c.request, c.policies);
  const expected = await theirs(c);
  if (ours.result !== expected) {
    mismatches++;
    console.error(`DECISION MISMATCH ${c.name}: rolegate ${ours.result}, iam-simulate ${expected}`);
  }
  for (let i = 0; i < 20000; i++) evaluate(c.request, c.policies); // warm up
  const rate = ratePerSecond(() => evaluate(c.request, c.policies).decidedBy[0], 1500);
  const theirRate = c.async ? await rateAsync(() => theirs(c), 1500) : ratePerSecond(() => runUnsafeSimulation(c.simulation, {}), 1500);
  const ratio = rate / theirRate;
  const okRatio = ratio >= 20;
  const okAbs = !c.name.startsWith('(a)') || rate >= 1_000_000;
  if (!okRatio || !okAbs) missed++;
  rows.push([c.name, ours.result, fmt(rate), fmt(theirRate), `${ratio.toFixed(0)}x`, okRatio && okAbs ? 'met' : 'MISSED']);
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const [i, r] of rows.entries()) {
  console.log(r.map((cell, j) => (j >= 2 && j <= 4 ? cell.padStart(widths[j]!) : cell.padEnd(widths[j]!))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log(`\ntargets: >= 20x iam-simulate on every case, >= 1,000,000 decisions/s on (a); node ${process.version}, one core`);
console.log('iam-simulate parses its policies on every call (that is its API); rolegate compiles once and evaluates.');
if (sink < 0) console.log(sink);
if (mismatches) process.exitCode = 1;
if (missed) console.log(`${missed} target(s) missed`);

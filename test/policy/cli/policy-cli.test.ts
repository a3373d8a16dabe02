// `rolegate policy validate` and `rolegate policy simulate` from the command line: files in, findings
// and decisions out, exit codes a CI pipeline can use. (Kept under test/policy: the CLI files wrap the library.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as validateMain, validatePolicyFiles, guessKind } from '../../../src/cli/policy-validate.js';
import { main as simulateMain, parseSimulateArgs, principalContext, requestContext, runSimulate } from '../../../src/cli/policy-simulate.js';

const dir = mkdtempSync(join(tmpdir(), 'rolegate-policy-cli-'));
const file = (name: string, doc: object | string) => {
  const p = join(dir, name);
  writeFileSync(p, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
  return p;
};
const trust = file('trust.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }] });
const loose = file('loose-trust.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const perms = file('perms.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::imports', 'arn:aws:s3:::imports/*'] }] });
const broken = file('broken.json', '{"Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}\n');

async function quietly(run: (io: { out: (t: string) => void; err: (t: string) => void }) => Promise<number>): Promise<{ result: number; out: string }> {
  let out = '';
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (out += t) };
  return { result: await run(io), out };
}

test('policy validate guesses trust, resource and identity documents', () => {
  assert.equal(guessKind(JSON.stringify({ Statement: [{ Principal: '*', Action: 'sts:AssumeRole' }] })), 'trust');
  assert.equal(guessKind(JSON.stringify({ Statement: [{ Principal: '*', Action: 's3:GetObject' }] })), 'resource');
  assert.equal(guessKind(JSON.stringify({ Statement: [{ Action: 's3:GetObject' }] })), 'identity');
});

test('policy validate passes clean files, warns about a confused deputy, and fails a syntax error with its line', async () => {
  const results = await validatePolicyFiles([trust, perms, loose, broken]);
  assert.deepEqual(results.map((r) => [r.kind, r.findings.map((f) => f.code)]), [
    ['trust', []], ['identity', []], ['trust', ['MISSING_SOURCE_CONDITION']], ['identity', ['MALFORMED_POLICY']],
  ]);
  assert.equal(results[3]!.findings[0]!.line, 3);
  const clean = await quietly((io) => validateMain([trust, perms, loose], io));
  assert.equal(clean.result, 0, 'warnings alone do not fail');
  assert.match(clean.out, /loose-trust\.json:\d+:\d+: security-warning MISSING_SOURCE_CONDITION/);
  const failing = await quietly((io) => validateMain([broken], io));
  assert.equal(failing.result, 1);
  assert.match(failing.out, /broken\.json:3:1: error MALFORMED_POLICY: Syntax errors in policy\./);
  assert.equal((await quietly((io) => validateMain([], io))).result, 2);
});

test('policy simulate decides each action and exits 0 only when all are allowed', async () => {
  const args = parseSimulateArgs(['--action', 's3:GetObject,s3:PutObject', '--principal', 'arn:aws:iam::111122223333:user/a', '--resource', 'arn:aws:s3:::imports/x.csv', '--policy', perms]);
  assert.ok(typeof args !== 'string');
  const outcome = await runSimulate(args);
  assert.ok(outcome.ok);
  assert.deepEqual(outcome.results.map((r) => r.decision.result), ['Allowed', 'ImplicitlyDenied']);
  const run = await quietly((io) => simulateMain(['--action', 's3:GetObject', '--principal', 'arn:aws:iam::111122223333:user/a', '--resource', 'arn:aws:s3:::imports/x.csv', '--policy', perms], io));
  assert.equal(run.result, 0);
  assert.match(run.out, /s3:GetObject: Allowed/);
  assert.match(run.out, /\n  Allow by \S+ statement 1 at line 4, column 5\n/, 'statements are counted from 1 and placed in their file');
});

test('policy simulate with a trust policy and context keys, and its usage errors', async () => {
  const base = ['--action', 'sts:AssumeRole', '--principal', 'pinpoint.amazonaws.com', '--resource', 'arn:aws:iam::111122223333:role/r', '--trust-policy', trust];
  assert.equal((await quietly((io) => simulateMain([...base, '--context', 'aws:SourceAccount=111122223333'], io))).result, 0);
  const denied = await quietly((io) => simulateMain(base, io));
  assert.equal(denied.result, 1);
  assert.match(denied.out, /missing context keys: aws:SourceAccount/);
  assert.equal((await quietly((io) => simulateMain(['--principal', 'x'], io))).result, 2);
  assert.equal((await quietly((io) => simulateMain([...base.slice(0, 6), '--trust-policy', broken], io))).result, 2);
});

test('policy validate --kind managed applies the managed quota and Version rule; a guessed identity policy is checked as possibly inline', async () => {
  const statements = Array.from({ length: 80 }, (_, i) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i}/*` }));
  const big = file('big.json', { Version: '2012-10-17', Statement: statements });
  const old = file('old.json', { Version: '2008-10-17', Statement: statements.slice(0, 2) });
  const [asManaged, asOld] = await validatePolicyFiles([big, old], 'managed');
  assert.equal(asManaged!.kind, 'managed');
  assert.deepEqual(asManaged!.findings.map((f) => [f.severity, f.code]), [['error', 'POLICY_SIZE_EXCEEDED']]);
  assert.deepEqual(asOld!.findings.map((f) => f.code), ['MALFORMED_POLICY']);
  const guessed = await validatePolicyFiles([big]);
  assert.deepEqual(guessed[0]!.findings.map((f) => [f.severity, f.code]), [['warning', 'POLICY_SIZE_EXCEEDED']]);
  const run = await quietly((io) => validateMain(['--kind', 'managed', big, perms], io));
  assert.equal(run.result, 1);
  assert.match(run.out, /big\.json:1:1: error POLICY_SIZE_EXCEEDED: .*Cannot exceed quota for PolicySize: 6144/);
  assert.match(run.out, /perms\.json: ok \(managed policy\)/);
  assert.equal((await quietly((io) => validateMain(['--kind', 'inline', perms], io))).result, 2);
});

test('policy validate prints each finding at the value it is about, in document order', async () => {
  const typo = file('typo.json', '{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Allow",\n    "Resource": ["arn:aws:s3:::a", "arn:aws:kinesis:us-east-1:12:stream/x"],\n    "Action": [\n      "s3:GetObject",\n      "s3:GetObjekt"\n    ]\n  }]\n}\n');
  const run = await quietly((io) => validateMain([typo], io));
  assert.equal(run.result, 1);
  assert.deepEqual(run.out.trim().split('\n').map((l) => /^(.*?): (\w+ \w+):/.exec(l)!.slice(1)), [
    [`${typo}:5:36`, 'error INVALID_ARN'],
    [`${typo}:8:7`, 'error UNKNOWN_ACTION'],
  ]);
});

test('node bin/rolegate.js policy validate: duplicate keys and Access Analyzer findings with their types, codes, lines and columns; exit 1 on an ERROR', () => {
  // A role's permissions, written by hand: Effect twice (IAM keeps the last), PassRole on every role.
  const text = [
    '{',
    '  "Version": "2012-10-17",',
    '  "Statement": [',
    '    {',
    '      "Sid": "PassAnyRole",',
    '      "Effect": "Deny",',
    '      "Effect": "Allow",',
    '      "Action": ["iam:PassRole", "iam:GetRole"],',
    '      "Resource": "*",',
    '      "Condition": {"ForAllValues:StringEquals": {"aws:RequestedRegion": ["eu-west-1"]}}',
    '    }',
    '  ]',
    '}',
  ].join('\n');
  const path = file('hand-written.json', text);
  const cli = spawnSync(process.execPath, ['bin/rolegate.js', 'policy', 'validate', path], { encoding: 'utf8' });
  assert.equal(cli.status, 1, cli.stderr);
  assert.equal(cli.stdout, [
    `${path}:6:7: error DUPLICATE_KEY: The key "Effect" appears again at line 7, column 7 of the same object: only one of its values takes effect. Remove the duplicate key.`,
    `${path}:9:19: security-warning PASS_ROLE_WITH_STAR_IN_RESOURCE: Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.`,
    `${path}:10:51: security-warning FORALLVALUES_WITH_SINGLE_VALUED_KEY: Using ForAllValues qualifier with the single-valued condition key aws:RequestedRegion can be overly permissive. We recommend that you remove ForAllValues:.`,
    '',
  ].join('\n'));
  const json = spawnSync(process.execPath, ['bin/rolegate.js', 'policy', 'validate', '--json', path], { encoding: 'utf8' });
  assert.equal(json.status, 1);
  const [result] = JSON.parse(json.stdout) as { kind: string; findings: { findingType: string; severity: string; code: string; line: number; column: number }[] }[];
  assert.equal(result!.kind, 'identity');
  assert.deepEqual(result!.findings.map((f) => [f.findingType, f.severity, f.code, f.line, f.column]), [
    ['ERROR', 'error', 'DUPLICATE_KEY', 6, 7],
    ['SECURITY_WARNING', 'warning', 'PASS_ROLE_WITH_STAR_IN_RESOURCE', 9, 19],
    ['SECURITY_WARNING', 'warning', 'FORALLVALUES_WITH_SINGLE_VALUED_KEY', 10, 51],
  ]);
  // Without the duplicate, only warnings remain: they are printed, and the command succeeds.
  const fixed = file('fixed.json', text.replace('      "Effect": "Deny",\n', ''));
  const ok = spawnSync(process.execPath, ['bin/rolegate.js', 'policy', 'validate', fixed], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stdout);
  assert.match(ok.stdout, /fixed\.json:8:19: security-warning PASS_ROLE_WITH_STAR_IN_RESOURCE: /);
});

test('policy simulate fills the caller\'s own context keys from --principal; --context replaces them', async () => {
  const user = 'arn:aws:iam::111122223333:user/division/alice';
  assert.deepEqual(principalContext(user), {
    'aws:PrincipalAccount': '111122223333', 'aws:PrincipalIsAWSService': 'false', 'aws:PrincipalArn': user, 'aws:PrincipalType': 'User', 'aws:username': 'alice',
  });
  assert.deepEqual(principalContext('arn:aws:sts::111122223333:assumed-role/deploy/ci-42'), {
    'aws:PrincipalAccount': '111122223333', 'aws:PrincipalIsAWSService': 'false', 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/deploy', 'aws:PrincipalType': 'AssumedRole',
  });
  assert.deepEqual(principalContext('arn:aws:iam::111122223333:root')['aws:userid'], '111122223333');
  assert.deepEqual(principalContext('arn:aws:sts::111122223333:federated-user/bob')['aws:userid'], '111122223333:bob');
  assert.deepEqual(principalContext('pinpoint.amazonaws.com'), { 'aws:PrincipalServiceName': 'pinpoint.amazonaws.com', 'aws:PrincipalIsAWSService': 'true' });
  assert.deepEqual(requestContext(user, { 'aws:principalarn': 'arn:aws:iam::111122223333:user/x', 'aws:SourceIp': '10.0.0.1' }), {
    'aws:PrincipalAccount': '111122223333', 'aws:PrincipalIsAWSService': 'false', 'aws:PrincipalType': 'User', 'aws:username': 'alice',
    'aws:principalarn': 'arn:aws:iam::111122223333:user/x', 'aws:SourceIp': '10.0.0.1',
  });

  const home = file('home.json', {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*', Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333', 'aws:PrincipalType': 'User' } } }],
  });
  const base = ['--action', 's3:GetObject', '--principal', user, '--policy', home];
  const own = await quietly((io) => simulateMain([...base, '--resource', 'arn:aws:s3:::home/alice/notes.txt'], io));
  assert.equal(own.result, 0, own.out);
  assert.doesNotMatch(own.out, /missing context keys/);
  assert.equal((await quietly((io) => simulateMain([...base, '--resource', 'arn:aws:s3:::home/bob/notes.txt'], io))).result, 1);
  const overridden = await quietly((io) => simulateMain([...base, '--resource', 'arn:aws:s3:::home/bob/notes.txt', '--context', 'aws:username=bob'], io));
  assert.equal(overridden.result, 0, overridden.out);
  const otherAccount = await quietly((io) => simulateMain([...base, '--resource', 'arn:aws:s3:::home/alice/a', '--context', 'AWS:PrincipalAccount=444455556666'], io));
  assert.equal(otherAccount.result, 1);
});

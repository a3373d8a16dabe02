// The AWS CLI over AWS's managed policy catalog: `aws iam list-policies --scope AWS` pages through the
// whole catalog as it does against AWS, and an old version's document comes back as AWS's JSON.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startRolegate, type Rolegate } from '../support/server.js';
import { awsCli, cliDiagnostic, runCli } from '../support/cli.js';

const cli = awsCli();
const catalog = JSON.parse(readFileSync(new URL('../../src/directory/aws-managed-policies.json', import.meta.url), 'utf8')) as { policies: { name: string; path: string }[] };
let server: Rolegate;
before(async () => {
  server = await startRolegate();
});
after(async () => {
  if (server) await server.stop();
});

test('aws iam list-policies --scope AWS lists every policy of the catalog', (t) => {
  t.diagnostic(cliDiagnostic(cli));
  const r = runCli(cli, server.endpoint, server.credentials, ['iam', 'list-policies', '--scope', 'AWS']);
  assert.equal(r.status, 0, r.stderr);
  const policies = r.json.Policies as { PolicyName: string; Arn: string; Path: string; AttachmentCount: number }[];
  assert.equal(policies.length, catalog.policies.length);
  assert.ok(policies.length > 1500, `${policies.length} policies`);
  assert.deepEqual(policies.map((p) => p.PolicyName), catalog.policies.map((p) => p.name));
  assert.equal(r.json.Marker, undefined, 'the CLI followed every Marker');
  const sqs = policies.find((p) => p.PolicyName === 'AmazonSQSFullAccess')!;
  assert.equal(sqs.Arn, 'arn:aws:iam::aws:policy/AmazonSQSFullAccess');
  assert.equal(sqs.AttachmentCount, 0);
  assert.equal(policies.filter((p) => p.Path === '/aws-service-role/').length, catalog.policies.filter((p) => p.path === '/aws-service-role/').length);
});

test('aws iam get-policy-version prints an old version of an AWS managed policy as JSON', (t) => {
  t.diagnostic(cliDiagnostic(cli));
  const r = runCli(cli, server.endpoint, server.credentials, ['iam', 'get-policy-version', '--policy-arn', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', '--version-id', 'v1']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.json.PolicyVersion.Document, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }] });
  assert.equal(r.json.PolicyVersion.IsDefaultVersion, false);
  const missing = runCli(cli, server.endpoint, server.credentials, ['iam', 'get-policy', '--policy-arn', 'arn:aws:iam::aws:policy/NoSuchManagedPolicy']);
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /NoSuchEntity/);
});

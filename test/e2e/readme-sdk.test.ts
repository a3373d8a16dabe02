// The README's SDK for JavaScript v3 example, run as written with node: the example's root keys
// and the test server's address in place of 127.0.0.1:4577.
import { it, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { startRolegate, type Rolegate } from '../support/server.js';

const KEYS = { accessKeyId: 'AKIAEXAMPLEROOT00001', secretAccessKey: 'example-secret-key-0000000000000000000000' };
let server: Rolegate;
before(async () => (server = await startRolegate({ env: { ROLEGATE_ROOT_ACCESS_KEY_ID: KEYS.accessKeyId, ROLEGATE_ROOT_SECRET_ACCESS_KEY: KEYS.secretAccessKey } })));
after(() => server.stop());

it('runs the README\'s SDK example as written: GetRole through IAM, then ListBuckets through S3 with the same credentials', async () => {
  const readme = readFileSync('README.md', 'utf8');
  const at = readme.indexOf('With the SDK for JavaScript v3');
  assert.ok(at !== -1);
  const code = /```js\n([\s\S]*?)```/.exec(readme.slice(at))![1];
  await server.iam(KEYS).send(new CreateRoleCommand({
    RoleName: 'PinpointSegmentImport',
    AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
  }));
  await server.s3(KEYS).send(new CreateBucketCommand({ Bucket: 'pinpoint-imports' }));
  // Written inside the project so that its node_modules resolve the SDK's packages.
  const file = `readme-example-${process.pid}.mjs`;
  writeFileSync(file, code.replaceAll('http://127.0.0.1:4577', server.endpoint));
  try {
    const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Name: 'pinpoint-imports'/);
  } finally {
    rmSync(file, { force: true });
  }
});

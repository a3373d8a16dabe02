// The README's Pinpoint example, run as written: its `sh` block under "Pinpoint's import from S3
// with the CLI" as one bash script, with the test server's address for EP, through the real AWS CLI.
import { it, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startRolegate, type Rolegate } from '../support/server.js';
import { awsCli } from '../support/cli.js';

let server: Rolegate;
before(async () => (server = await startRolegate()));
after(() => server.stop());

it('runs the README\'s Pinpoint import as written: the role, the bucket and file, the app, the job COMPLETED, the endpoint', () => {
  const cli = awsCli();
  assert.ok(cli, 'the AWS CLI is installed (.ci/run installs Debian\'s awscli)');
  const readme = readFileSync('README.md', 'utf8');
  const at = readme.indexOf("Pinpoint's import from S3 with the CLI");
  assert.ok(at !== -1, 'README has the Pinpoint example');
  const script = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))![1].replace('EP=http://127.0.0.1:4577', `EP=${server.endpoint}`);
  assert.match(script, /create-import-job/);
  const cwd = mkdtempSync(join(tmpdir(), 'rolegate-readme-pinpoint-'));
  try {
    // `aws` as the test's CLI (v2 when installed), whatever is first on PATH.
    const bin = join(cwd, 'bin', 'aws');
    mkdirSync(dirname(bin));
    writeFileSync(bin, `#!/bin/sh\nexec ${cli.path} "$@"\n`, { mode: 0o755 });
    const r = spawnSync('bash', ['-e', '-c', script], {
      cwd, encoding: 'utf8', timeout: 120_000,
      env: {
        PATH: `${join(cwd, 'bin')}:${process.env.PATH}`, HOME: cwd, AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey,
        AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      },
    });
    assert.equal(r.status, 0, r.stderr);
    const users = JSON.parse(r.stdout.slice(r.stdout.lastIndexOf('{\n    "EndpointsResponse"')));
    assert.equal(users.EndpointsResponse.Item[0].Address, 'ana@example.com');
    assert.equal(users.EndpointsResponse.Item[0].User.UserId, 'ana');
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

// The README's S3 example, run as written: each line of its `sh` block under "S3 with the CLI",
// with the test server's address in place of 127.0.0.1:4577, through the real AWS CLI.
import { it, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRolegate, type Rolegate } from '../support/server.js';
import { awsCli } from '../support/cli.js';

let server: Rolegate;
before(async () => (server = await startRolegate()));
after(() => server.stop());

function readmeBlock(heading: string): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const at = readme.indexOf(heading);
  assert.ok(at !== -1, `README has "${heading}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))!;
  return block[1].split('\n').filter((l) => l.trim() && !l.startsWith('#'));
}

it('runs the README\'s S3 commands as written: make a bucket, copy a file in, list it, presign it and fetch the URL', async () => {
  const cli = awsCli();
  assert.ok(cli, 'the AWS CLI is installed (.ci/run installs Debian\'s awscli)');
  const lines = readmeBlock('S3 with the CLI');
  assert.ok(lines.length >= 4);
  const cwd = mkdtempSync(join(tmpdir(), 'rolegate-readme-'));
  try {
    const outputs: string[] = [];
    for (const line of lines) {
      const cmd = line.replaceAll('http://127.0.0.1:4577', server.endpoint).replace(/^aws /, `${cli.path} `);
      const r = spawnSync('bash', ['-c', cmd], {
        cwd, encoding: 'utf8',
        env: {
          PATH: process.env.PATH, HOME: cwd, AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey,
          AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        },
      });
      assert.equal(r.status, 0, `${line}\n${r.stderr}`);
      outputs.push(r.stdout);
    }
    assert.match(outputs.find((o, i) => lines[i].includes(' s3 ls '))!, /endpoints\.csv/);
    const url = outputs[outputs.length - 1].trim();
    assert.match(url, /X-Amz-Signature=/);
    const got = await fetch(url);
    assert.equal(got.status, 200);
    assert.equal(await got.text(), 'ChannelType,Address\n');
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

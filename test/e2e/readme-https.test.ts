// The README's HTTPS example, run as written: a server started with ROLEGATE_TLS=self-signed, then
// the block's `aws` lines (--ca-bundle and AWS_CA_BUNDLE with data/tls/cert.pem), from a folder
// whose `data` is the server's data folder; only the port changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRolegate, TEST_ACCOUNT } from '../support/server.js';
import { awsCli, cliDiagnostic } from '../support/cli.js';

test('the README\'s HTTPS commands work as written against a self-signed server', { timeout: 120_000 }, async (t) => {
  const cli = awsCli();
  t.diagnostic(cliDiagnostic(cli));
  const readme = readFileSync('README.md', 'utf8');
  const at = readme.indexOf('### HTTPS');
  assert.ok(at !== -1, 'README has its HTTPS section');
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))![1]!;
  const lines = block.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  assert.equal(lines[0], 'ROLEGATE_TLS=self-signed npm start');
  const commands = lines.slice(1);
  assert.equal(commands.length, 2);
  const server = await startRolegate({ env: { ROLEGATE_TLS: 'self-signed' } });
  const cwd = mkdtempSync(join(tmpdir(), 'rolegate-readme-https-'));
  try {
    assert.equal(server.scheme, 'https');
    symlinkSync(server.dataDir, join(cwd, 'data'));
    const outputs = commands.map((line) => {
      const cmd = line.replaceAll('https://127.0.0.1:4577', server.endpoint).replace(/(^|\s)aws /, `$1${cli.path} `);
      const r = spawnSync('bash', ['-c', cmd], {
        cwd, encoding: 'utf8', timeout: 60_000,
        env: {
          PATH: process.env.PATH, HOME: cwd, AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey,
          AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_MAX_ATTEMPTS: '1',
        },
      });
      assert.equal(r.status, 0, `${cmd}\n${r.stdout}\n${r.stderr}`);
      return r.stdout;
    });
    assert.equal(JSON.parse(outputs[0]!).Account, TEST_ACCOUNT);
    assert.equal(outputs[1], '', 'no buckets yet: `aws s3 ls` prints nothing');
    // Without the CA the same request is refused by the CLI's certificate check.
    const untrusted = spawnSync(cli.path, ['--endpoint-url', server.endpoint, 'sts', 'get-caller-identity'], {
      cwd, encoding: 'utf8', timeout: 60_000,
      env: { PATH: process.env.PATH, HOME: cwd, AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_MAX_ATTEMPTS: '1' },
    });
    assert.notEqual(untrusted.status, 0);
    assert.match(untrusted.stderr, /SSL|certificate/i);
  } finally {
    await server.stop();
    rmSync(cwd, { recursive: true, force: true });
  }
});

test('the README\'s HTTPS example for the SDK for JavaScript v3 runs as written: STS over HTTP/1.1 and Kinesis over HTTP/2, trusting the certificate', { timeout: 120_000 }, async () => {
  const readme = readFileSync('README.md', 'utf8');
  const at = readme.indexOf('### HTTPS');
  const code = /```js\n([\s\S]*?)```/.exec(readme.slice(at))![1]!;
  const server = await startRolegate({ env: { ROLEGATE_TLS: 'self-signed' } });
  // Written inside the project so that its node_modules resolve the SDK's packages; the certificate's path as the server's data folder has it.
  const file = `readme-https-example-${process.pid}.mjs`;
  try {
    writeFileSync(file, code.replaceAll('https://127.0.0.1:4577', server.endpoint).replaceAll("'data/tls/cert.pem'", JSON.stringify(join(server.dataDir, 'tls', 'cert.pem'))));
    const r = spawnSync(process.execPath, [file], {
      encoding: 'utf8', timeout: 60_000,
      env: { PATH: process.env.PATH, HOME: tmpdir(), AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `arn:aws:iam::${TEST_ACCOUNT}:root\n[]\n`);
  } finally {
    rmSync(file, { force: true });
    await server.stop();
  }
});

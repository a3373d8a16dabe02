// The README's quick start, run as written: its `sh` block as one bash script, from the checkout,
// against a server started as a newcomer starts it (fresh data folder, no configured keys, the
// default account), with a fresh HOME so `account profile` writes the real ~/.aws files. Only the
// address changes: the test server's port in place of 4577.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, mkdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetRoleCommand, ListAttachedRolePoliciesCommand, GetRolePolicyCommand } from '@aws-sdk/client-iam';
import { startRolegate } from '../support/server.js';
import { awsCli } from '../support/cli.js';

function shBlockAfter(readme: string, heading: string): string {
  const at = readme.indexOf(heading);
  assert.ok(at !== -1, `README has "${heading}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  assert.ok(block, `a sh block follows "${heading}"`);
  return block[1]!;
}

test('the README\'s quick start runs as written on a fresh data folder', { timeout: 300_000 }, async (t) => {
  const cli = awsCli();
  t.diagnostic(`AWS CLI: ${cli.path} (${cli.version})`);
  const readme = readFileSync('README.md', 'utf8');
  const script = shBlockAfter(readme, '## Quick start');
  assert.match(script, /account profile --name rolegate/);
  const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-quickstart-data-'));
  const home = mkdtempSync(join(tmpdir(), 'rolegate-quickstart-home-'));
  // A newcomer's first start: nothing configured but the address.
  const server = await startRolegate({ dataDir, env: { ROLEGATE_ACCOUNT_ID: '000000000000', ROLEGATE_ROOT_ACCESS_KEY_ID: '', ROLEGATE_ROOT_SECRET_ACCESS_KEY: '' } });
  try {
    assert.match(server.printed, /AWS_SECRET_ACCESS_KEY=/, 'the first start printed its generated root key');
    // `aws` is the CLI the suite tests with, first on PATH.
    const bin = join(home, 'bin');
    mkdirSync(bin);
    symlinkSync(cli.path.startsWith('/') ? cli.path : spawnSync('bash', ['-c', `command -v ${cli.path}`], { encoding: 'utf8' }).stdout.trim(), join(bin, 'aws'));
    const r = spawnSync('bash', ['-c', `set -euo pipefail\n${script.replaceAll('http://127.0.0.1:4577', server.endpoint)}`], {
      cwd: process.cwd(),
      encoding: 'utf8',
      timeout: 150_000,
      env: {
        PATH: `${bin}:${process.env.PATH}`,
        HOME: home,
        // What `npm start` in the checkout would use: the data folder and the port it listens on.
        ROLEGATE_DATA: dataDir,
        ROLEGATE_PORT: String(server.port),
        AWS_PAGER: '',
      },
    });
    assert.equal(r.status, 0, `the quick start failed:\n${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /"Account": "000000000000"/);
    assert.match(r.stdout, /"Arn": "arn:aws:iam::000000000000:role\/PinpointSegmentImport"/);
    assert.match(r.stdout, /"Arn": "arn:aws:iam::000000000000:role\/PinpointEventStreamRole"/);
    assert.match(r.stdout, /kinesis:PutRecords[^\n]*allowed/i);
    assert.match(r.stdout, /iam:PutRolePolicy/, 'the log shows the decisions just made');
    // The profile it wrote is the one the README shows.
    const config = readFileSync(join(home, '.aws', 'config'), 'utf8');
    assert.match(config, new RegExp(`\\[profile rolegate\\]\\nregion = us-east-1\\nendpoint_url = http://127\\.0\\.0\\.1:${server.port}\\n`));
    assert.equal(statSync(join(home, '.aws', 'credentials')).mode & 0o777, 0o600);
    // And the roles are as the seeds describe them.
    const m = /AWS_ACCESS_KEY_ID=(\S+)\n\s*AWS_SECRET_ACCESS_KEY=(\S+)/.exec(server.printed)!;
    const iam = server.iam({ accessKeyId: m[1]!, secretAccessKey: m[2]! });
    const role = (await iam.send(new GetRoleCommand({ RoleName: 'PinpointSegmentImport' }))).Role!;
    assert.equal(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)).Statement[0].Sid, 'AllowUserToImportEndpointDefinitions');
    const attached = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'PinpointSegmentImport' }))).AttachedPolicies!;
    assert.deepEqual(attached.map((p) => p.PolicyName), ['AmazonS3ReadOnlyAccess']);
    const inline = await iam.send(new GetRolePolicyCommand({ RoleName: 'PinpointEventStreamRole', PolicyName: 'PinpointEventStreamPermissionsPolicy' }));
    assert.deepEqual(JSON.parse(decodeURIComponent(inline.PolicyDocument!)).Statement.Action, ['kinesis:PutRecords', 'kinesis:DescribeStream']);

    // Then, in the same terminal (AWS_PROFILE=rolegate), "Explaining decisions" and the root-key rotation, as written.
    const runBlock = (heading: string) => spawnSync('bash', ['-c', `set -euo pipefail\nexport AWS_PROFILE=rolegate\n${shBlockAfter(readme, heading).replaceAll('http://127.0.0.1:4577', server.endpoint)}`], {
      cwd: process.cwd(), encoding: 'utf8', timeout: 120_000,
      env: { PATH: `${bin}:${process.env.PATH}`, HOME: home, ROLEGATE_DATA: dataDir, ROLEGATE_PORT: String(server.port), AWS_PAGER: '' },
    });
    const explained = runBlock('### Explaining decisions');
    assert.equal(explained.status, 0, `"Explaining decisions" failed:\n${explained.stdout}\n${explained.stderr}`);
    assert.match(explained.stderr, /AccessDenied[^\n]*ListBuckets/, 'alice was refused');
    assert.match(explained.stdout, /Denied: arn:aws:iam::000000000000:user\/alice may not s3:ListAllMyBuckets/, 'explain names the denial');
    assert.match(explained.stdout, /"Action": "s3:ListAllMyBuckets"/, 'suggest proposes the missing permission');
    assert.match(explained.stdout, /PinpointImportTrustPolicy\.json:\d+:\d+: security-warning MISSING_SOURCE_CONDITION/);
    assert.match(explained.stdout, /PinpointExportPolicy\.json: ok \(managed policy\)/);
    assert.match(explained.stdout, /s3:GetObject: Allowed\n\s+Allow by examples\/PinpointExportPolicy\.json statement 4/);
    const mfa = runBlock('### MFA and federated users');
    assert.equal(mfa.status, 0, `the MFA example failed:\n${mfa.stdout}\n${mfa.stderr}`);
    const session = JSON.parse(mfa.stdout.slice(mfa.stdout.lastIndexOf('{\n    "Credentials"'))) as { Credentials: { SessionToken: string; Expiration: string } };
    assert.ok(session.Credentials.SessionToken.length > 0, 'get-session-token with the code answered session credentials');
    assert.ok(!existsSync('bob.seed'), 'the example removes its seed file');
    // The session carries the MFA: a request made with it is decided with aws:MultiFactorAuthPresent "true".
    const c = session.Credentials as unknown as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
    const withSession = { PATH: process.env.PATH, HOME: home, AWS_ACCESS_KEY_ID: c.AccessKeyId, AWS_SECRET_ACCESS_KEY: c.SecretAccessKey, AWS_SESSION_TOKEN: c.SessionToken, AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
    const listed = spawnSync(cli.path, ['--endpoint-url', server.endpoint, 's3', 'ls'], { encoding: 'utf8', env: withSession });
    assert.match(listed.stderr, /AccessDenied/, 'bob has no policy');
    const denied = spawnSync(process.execPath, ['bin/rolegate.js', 'log', '--principal', 'arn:aws:iam::000000000000:user/bob', '--result', 'Denied', '--json', '--max-items', '1'], {
      encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home, ROLEGATE_DATA: dataDir, ROLEGATE_PORT: String(server.port), AWS_PROFILE: 'rolegate' },
    });
    assert.equal(denied.status, 0, denied.stderr);
    assert.equal((JSON.parse(denied.stdout) as { context: Record<string, string> }).context['aws:MultiFactorAuthPresent'], 'true');
    const rotated = runBlock('Root access keys, on the data folder');
    assert.equal(rotated.status, 0, `the root-key rotation failed:\n${rotated.stdout}\n${rotated.stderr}`);
    assert.match(rotated.stdout, /\tInactive\n[^\n]*\tdeleted\n/);
    const after = spawnSync(cli.path, ['--endpoint-url', server.endpoint, 'sts', 'get-caller-identity'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home, AWS_PROFILE: 'rolegate', AWS_PAGER: '' } });
    assert.equal(after.status, 0, `the profile works with the new key: ${after.stderr}`);
    const oldKey = /AWS_ACCESS_KEY_ID=(\S+)/.exec(server.printed)![1]!;
    assert.ok(!readFileSync(join(home, '.aws', 'credentials'), 'utf8').includes(oldKey), 'the profile no longer holds the first key');
    // A running server sees a change made on the data folder within a second.
    let refused: Error | undefined;
    for (let i = 0; i < 30 && refused?.name !== 'InvalidClientTokenId'; i++) {
      refused = await iam.send(new GetRoleCommand({ RoleName: 'PinpointSegmentImport' })).then(() => undefined, (e: Error) => e);
      if (refused?.name !== 'InvalidClientTokenId') await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(refused?.name, 'InvalidClientTokenId', 'the first root key is gone');
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
});

test('the README never tells a user to run a bare `npx rolegate`, which would fetch a package from the registry', () => {
  const readme = readFileSync('README.md', 'utf8');
  const blocks = [...readme.matchAll(/```(?:sh|bash)\n([\s\S]*?)```/g)].map((b) => b[1]!);
  for (const block of blocks) {
    for (const line of block.split('\n')) assert.doesNotMatch(line, /^\s*npx rolegate\b/, line);
  }
  assert.doesNotMatch(readme.replace(/Do not use a bare `npx rolegate`/, ''), /`npx rolegate/);
});

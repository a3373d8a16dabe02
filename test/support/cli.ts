// Runs the real AWS CLI against a started rolegate: v2 (/usr/bin/aws, Debian's awscli) when present,
// else whatever `aws` is on PATH. Without one, `awsCli()` throws: a missing client is a failed
// check, not a skipped one (.ci/run installs Debian's awscli). Tests name the CLI they ran with.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Credentials } from './server.js';

export interface AwsCli { path: string; version: string }

let found: AwsCli | undefined;

export function awsCli(): AwsCli {
  if (found !== undefined) return found;
  for (const candidate of ['/usr/bin/aws', 'aws']) {
    if (candidate.startsWith('/') && !existsSync(candidate)) continue;
    try {
      const version = execFileSync(candidate, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
      found = { path: candidate, version };
      return found;
    } catch {
      /* not this one */
    }
  }
  throw new Error('no AWS CLI is installed (neither /usr/bin/aws nor `aws` on PATH): install the AWS CLI v2 (Debian: apt-get install awscli) to run the CLI tests');
}

/** The line a CLI test prints (t.diagnostic) to say which CLI it ran with. */
export function cliDiagnostic(cli: AwsCli): string {
  return `AWS CLI: ${cli.path} (${cli.version})`;
}

export interface CliResult { status: number; stdout: string; stderr: string; json?: any }

/**
 * `home`: the HOME the CLI runs with, for a test that gives an older CLI the service models of
 * operations it was released before (~/.aws/models/<service>/<version>/service-2.json).
 */
export function runCli(cli: AwsCli, endpoint: string, credentials: Credentials, args: string[], cwd?: string, home?: string): CliResult {
  const r = spawnSync(cli.path, [...args, '--endpoint-url', endpoint, '--output', 'json'], {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: home ?? process.env.HOME,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_MAX_ATTEMPTS: '1',
    },
    timeout: 60_000,
  });
  const out: CliResult = { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  if (r.status === 0 && /^\s*[{[]/.test(r.stdout)) {
    try {
      out.json = JSON.parse(r.stdout);
    } catch {
      /* not a JSON answer: `aws s3 ls` and `aws s3 cp … -` print text */
    }
  }
  return out;
}

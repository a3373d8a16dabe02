// How `rolegate explain`, `log` and `policy suggest` find the endpoint and an account root's keys:
// as the AWS CLI finds its credentials (flags, --profile, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,
// the profile AWS_PROFILE names, else the default one, in the shared credentials and config files),
// and the endpoint from the flags, ROLEGATE_ENDPOINT, AWS_ENDPOINT_URL or the profile's endpoint_url.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFlags, UsageError } from '../../src/cli/admin-client.js';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

function files() {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-admin-connection-'));
  const credentials = join(dir, 'credentials');
  const config = join(dir, 'config');
  writeFileSync(credentials, [
    '[default]', 'aws_access_key_id = AKIADEFAULT000000001', 'aws_secret_access_key = default-secret', '',
    '# a comment', '[rolegate]', 'aws_access_key_id=AKIAROLEGATE00000001', 'aws_secret_access_key = rolegate-secret', '',
  ].join('\n'));
  writeFileSync(config, [
    '[default]', 'region = us-east-1', 'endpoint_url = http://127.0.0.1:5000', '',
    '[profile rolegate]', 'region = us-east-1', 'endpoint_url = http://127.0.0.1:4999/', 's3 =', '  addressing_style = path', '',
    '[profile keys-in-config]', 'aws_access_key_id = AKIACONFIG0000000001', 'aws_secret_access_key = config-secret', '',
  ].join('\n'));
  const env = { AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: config, HOME: dir };
  return { env, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('the default profile when nothing else is given: its keys and its endpoint_url', () => {
  const f = files();
  try {
    const { connection } = parseFlags([], [], [], f.env);
    assert.deepEqual(connection, { endpoint: 'http://127.0.0.1:5000', authorization: basic('AKIADEFAULT000000001', 'default-secret') });
  } finally {
    f.done();
  }
});

test('AWS_PROFILE names the profile; --profile names it too and beats the environment\'s keys', () => {
  const f = files();
  try {
    const byEnv = parseFlags([], [], [], { ...f.env, AWS_PROFILE: 'rolegate' }).connection;
    assert.deepEqual(byEnv, { endpoint: 'http://127.0.0.1:4999', authorization: basic('AKIAROLEGATE00000001', 'rolegate-secret') });
    const env = { ...f.env, AWS_ACCESS_KEY_ID: 'AKIAENV0000000000001', AWS_SECRET_ACCESS_KEY: 'env-secret' };
    assert.equal(parseFlags(['--profile', 'rolegate'], [], [], env).connection.authorization, basic('AKIAROLEGATE00000001', 'rolegate-secret'));
    // Without --profile the environment's keys come before a profile's, as in the AWS CLI.
    assert.equal(parseFlags([], [], [], { ...env, AWS_PROFILE: 'rolegate' }).connection.authorization, basic('AKIAENV0000000000001', 'env-secret'));
    // Flags come first of all, and take the endpoint too (--endpoint-url as the AWS CLI spells it).
    const flagged = parseFlags(['--access-key-id', 'AKIAFLAG000000000001', '--secret-access-key', 'flag-secret', '--endpoint-url', 'https://rolegate.example:8443', '--profile', 'rolegate'], [], [], env).connection;
    assert.deepEqual(flagged, { endpoint: 'https://rolegate.example:8443', authorization: basic('AKIAFLAG000000000001', 'flag-secret') });
  } finally {
    f.done();
  }
});

test('keys written in the config file serve when the credentials file has none; ROLEGATE_ENDPOINT and AWS_ENDPOINT_URL beat the profile\'s endpoint', () => {
  const f = files();
  try {
    const c = parseFlags(['--profile', 'keys-in-config'], [], [], { ...f.env, AWS_ENDPOINT_URL: 'http://10.0.0.5:4577' }).connection;
    assert.deepEqual(c, { endpoint: 'http://10.0.0.5:4577', authorization: basic('AKIACONFIG0000000001', 'config-secret') });
    assert.equal(parseFlags(['--profile', 'rolegate'], [], [], { ...f.env, ROLEGATE_ENDPOINT: 'http://127.0.0.1:7000', AWS_ENDPOINT_URL: 'http://10.0.0.5:4577' }).connection.endpoint, 'http://127.0.0.1:7000');
  } finally {
    f.done();
  }
});

test('a profile that is not there, or has no keys, is a usage error naming the files; no secret is in any message', () => {
  const f = files();
  try {
    assert.throws(() => parseFlags(['--profile', 'nope'], [], [], f.env), (e: unknown) => e instanceof UsageError && /the profile nope is in neither .*credentials nor .*config/.test(e.message));
    assert.throws(() => parseFlags([], [], [], { ...f.env, AWS_PROFILE: 'nope' }), (e: unknown) => e instanceof UsageError && /the profile nope \(AWS_PROFILE\)/.test(e.message));
    writeFileSync(f.env.AWS_CONFIG_FILE, '[profile bare]\nregion = us-east-1\n');
    assert.throws(() => parseFlags(['--profile', 'bare'], [], [], f.env), (e: unknown) => e instanceof UsageError && /has no aws_access_key_id/.test(e.message) && !/secret-/.test(e.message));
    assert.throws(() => parseFlags(['--access-key-id', 'AKIAONLY000000000001'], [], [], f.env), UsageError);
    // No files at all, no keys: the message says every way to give them.
    assert.throws(() => parseFlags([], [], [], { HOME: '/nonexistent', AWS_CONFIG_FILE: '/nonexistent/c', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/k' }),
      (e: unknown) => e instanceof UsageError && /--profile NAME, --access-key-id and --secret-access-key, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a default profile/.test(e.message));
  } finally {
    f.done();
  }
});

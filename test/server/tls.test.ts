// HTTPS on the one port: a certificate the operator gives (ROLEGATE_TLS_CERT/ROLEGATE_TLS_KEY) or a
// self-signed one kept in the data folder (ROLEGATE_TLS=self-signed); HTTP/1.1 and HTTP/2 by ALPN;
// aws:SecureTransport and s3:TlsVersion as the connection tells them; refusals to start that name
// the file and never print the key; the warning when a cleartext port is reachable from outside.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { CreateStreamCommand, DescribeStreamSummaryCommand, GetRecordsCommand, GetShardIteratorCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { CreateBucketCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startRolegate, TEST_ACCOUNT, TEST_ROOT, type Rolegate } from '../support/server.js';
import { rejectsWith } from '../support/errors.js';
import { loadTls } from '../../src/server/tls.js';
import { PutRecordCommand as PutFirehoseRecordCommand } from '@aws-sdk/client-firehose';
import { body, bucketAndRole, createActive, FAST_FIREHOSE, keysIn, waitFor } from '../services/firehose/support.js';
import { awsCli, runCli } from '../support/cli.js';

const cli = awsCli();
const NO_CLI = 'no AWS CLI installed (/usr/bin/aws or aws on PATH)';
const work = mkdtempSync(join(tmpdir(), 'rolegate-tls-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** A certificate and key of the operator's own, for 127.0.0.1 and localhost, made as an operator would. */
function operatorPair(name: string): { cert: string; key: string; certFile: string; keyFile: string } {
  const certFile = join(work, `${name}.crt`);
  const keyFile = join(work, `${name}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2', '-subj', '/CN=rolegate-test',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), certFile, keyFile };
}

/** A certificate that expired in 2020 (openssl ca takes explicit dates; openssl req does not before 3.4). */
function expiredPair(name: string): { cert: string; key: string; certFile: string; keyFile: string } {
  const dir = mkdtempSync(join(work, `${name}-`));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(join(dir, 'ca.cnf'), '[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\ndefault_md = sha256\npolicy = p\n[p]\ncommonName = supplied\n');
  execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=old', '-keyout', 'key.pem', '-out', 'req.csr'], { cwd: dir, stdio: 'ignore' });
  execFileSync('openssl', ['ca', '-config', 'ca.cnf', '-selfsign', '-keyfile', 'key.pem', '-in', 'req.csr', '-startdate', '20200101000000Z', '-enddate', '20200102000000Z', '-batch', '-out', 'cert.pem'], { cwd: dir, stdio: 'ignore' });
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), certFile, keyFile };
}

/** Runs `rolegate serve` to its refusal and returns its exit status and output. */
function refusal(env: Record<string, string>): { status: number | null; stderr: string; stdout: string } {
  const dataDir = mkdtempSync(join(work, 'data-'));
  const r = spawnSync(process.execPath, ['dist/src/main.js'], {
    env: { ...process.env, ROLEGATE_PORT: '0', ROLEGATE_DATA: dataDir, ROLEGATE_QUIET: '1', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

describe('with a certificate of the operator', () => {
  const pair = operatorPair('operator');
  let server: Rolegate;
  before(async () => (server = await startRolegate({ env: { ROLEGATE_TLS_CERT: pair.certFile, ROLEGATE_TLS_KEY: pair.keyFile }, ca: pair.cert })));
  after(() => server.stop());

  test('the server says https, prints the certificate and its fingerprint, and answers GetCallerIdentity over HTTPS', async () => {
    assert.equal(server.scheme, 'https');
    assert.match(server.printed, /listening on https:\/\/127\.0\.0\.1:\d+/);
    assert.ok(server.printed.includes(`TLS certificate ${pair.certFile}`));
    assert.ok(server.printed.includes(new X509Certificate(pair.cert).fingerprint256));
    assert.ok(!server.printed.includes('PRIVATE KEY'));
    const id = await server.sts().send(new GetCallerIdentityCommand({}));
    assert.equal(id.Arn, `arn:aws:iam::${TEST_ACCOUNT}:root`);
  });

  test('the AWS CLI trusts it through --ca-bundle', (t) => {
    if (!cli) return t.skip(NO_CLI);
    const r = runCli(cli, server.endpoint, TEST_ROOT, ['sts', 'get-caller-identity', '--ca-bundle', pair.certFile]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.json.Arn, `arn:aws:iam::${TEST_ACCOUNT}:root`);
  });

  test('a client that does not trust the certificate is refused in the handshake, and the server keeps serving', async () => {
    await assert.rejects(fetch(`${server.endpoint}/_rolegate/health`), (e: Error & { cause?: { code?: string } }) => /SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/.test(String(e.cause?.code)));
    assert.equal((await server.fetch('/_rolegate/health')).status, 200);
  });

  test('plain HTTP on the HTTPS port gets no answer of rolegate, and the server keeps serving', async () => {
    const r = await fetch(server.endpoint.replace('https:', 'http:') + '/_rolegate/health').then((res) => res.status, () => 'refused');
    assert.notEqual(r, 200);
    assert.equal((await server.fetch('/_rolegate/health')).status, 200);
  });

  test('Kinesis over HTTP/2 (ALPN h2, the SDK\'s own handler) puts and reads a record', async () => {
    const kinesis = server.kinesis();
    await kinesis.send(new CreateStreamCommand({ StreamName: 'over-tls', ShardCount: 1 }));
    const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'over-tls' }));
    assert.equal(summary.StreamDescriptionSummary?.StreamStatus, 'ACTIVE');
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 'over-tls', PartitionKey: 'k', Data: Buffer.from('hello over h2') }));
    const it = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'over-tls', ShardId: put.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
    const got = await kinesis.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
    assert.equal(Buffer.from(got.Records![0].Data!).toString(), 'hello over h2');
    kinesis.destroy();
  });
});

describe('with a self-signed certificate (ROLEGATE_TLS=self-signed)', () => {
  const dataDir = mkdtempSync(join(work, 'self-signed-'));
  let server: Rolegate;
  before(async () => (server = await startRolegate({ dataDir, env: { ROLEGATE_TLS: 'self-signed' } })));
  after(() => server.stop());

  test('the pair is made in data/tls (key mode 0600) for the loopback names, and its path and fingerprint are printed', async () => {
    const certFile = join(dataDir, 'tls', 'cert.pem');
    const cert = new X509Certificate(readFileSync(certFile));
    assert.equal(statSync(join(dataDir, 'tls', 'key.pem')).mode & 0o777, 0o600);
    assert.ok(cert.checkHost('localhost'));
    assert.ok(cert.checkIP('127.0.0.1'));
    assert.ok(cert.checkIP('::1'));
    assert.ok(server.printed.includes(certFile));
    assert.ok(server.printed.includes(`SHA-256 fingerprint ${cert.fingerprint256}`));
    const id = await server.sts().send(new GetCallerIdentityCommand({}));
    assert.equal(id.Account, TEST_ACCOUNT);
  });

  test('the AWS CLI trusts it through AWS_CA_BUNDLE', (t) => {
    if (!cli) return t.skip(NO_CLI);
    const r = spawnSync(cli.path, ['sts', 'get-caller-identity', '--endpoint-url', server.endpoint, '--output', 'json'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env.PATH, HOME: process.env.HOME, AWS_CA_BUNDLE: join(dataDir, 'tls', 'cert.pem'),
        AWS_ACCESS_KEY_ID: TEST_ROOT.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1',
        AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1',
      },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).Account, TEST_ACCOUNT);
    // Without it, the CLI refuses the certificate it does not know.
    const untrusted = runCli(cli, server.endpoint, TEST_ROOT, ['sts', 'get-caller-identity']);
    assert.notEqual(untrusted.status, 0);
    assert.match(untrusted.stderr, /SSL|certificate/i);
  });

  test('a later start re-uses the kept pair', async () => {
    const before = readFileSync(join(dataDir, 'tls', 'cert.pem'), 'utf8');
    await server.stop({ keepData: true });
    server = await startRolegate({ dataDir, env: { ROLEGATE_TLS: 'self-signed' } });
    assert.equal(readFileSync(join(dataDir, 'tls', 'cert.pem'), 'utf8'), before);
    assert.ok(server.printed.includes('(self-signed, made now)') === false);
    assert.equal((await server.sts().send(new GetCallerIdentityCommand({}))).Account, TEST_ACCOUNT);
  });

  test('a kept pair that has expired is made again at the next start', async () => {
    await server.stop({ keepData: true });
    const expired = expiredPair('kept-expired');
    writeFileSync(join(dataDir, 'tls', 'cert.pem'), expired.cert);
    writeFileSync(join(dataDir, 'tls', 'key.pem'), expired.key);
    server = await startRolegate({ dataDir, env: { ROLEGATE_TLS: 'self-signed' } });
    const renewed = new X509Certificate(readFileSync(join(dataDir, 'tls', 'cert.pem')));
    assert.ok(new Date(renewed.validTo).getTime() > Date.now());
    assert.ok(renewed.checkIP('127.0.0.1'));
    assert.ok(server.printed.includes('(self-signed, made now)'));
    assert.equal(statSync(join(dataDir, 'tls', 'key.pem')).mode & 0o777, 0o600);
    assert.equal((await server.sts().send(new GetCallerIdentityCommand({}))).Account, TEST_ACCOUNT);
  });

  test('a configured host name joins the loopback names', () => {
    const dir = mkdtempSync(join(work, 'host-'));
    const made = new X509Certificate(loadTls({ kind: 'self-signed' }, dir, 'rolegate.internal').cert);
    assert.ok(made.checkHost('rolegate.internal'));
    assert.ok(made.checkHost('localhost'));
    // A kept pair that lacks the configured name is made again.
    const again = new X509Certificate(loadTls({ kind: 'self-signed' }, dir, '10.1.2.3').cert);
    assert.ok(again.checkIP('10.1.2.3'));
  });
});

describe('aws:SecureTransport and s3:TlsVersion', () => {
  const dataDir = mkdtempSync(join(work, 'secure-transport-'));
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'HttpsOnly', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::tls-only/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Sid: 'NotOnTls13', Effect: 'Deny', Principal: '*', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::tls-only', Condition: { NumericEquals: { 's3:TlsVersion': '1.3' } } },
    ],
  });

  test('a bucket policy denying aws:SecureTransport false refuses over http and allows over https; s3:TlsVersion is 1.3 over https, absent over http', async () => {
    let server = await startRolegate({ dataDir });
    try {
      const s3 = server.s3();
      await s3.send(new CreateBucketCommand({ Bucket: 'tls-only' }));
      await s3.send(new PutBucketPolicyCommand({ Bucket: 'tls-only', Policy: policy }));
      await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'tls-only', Key: 'k', Body: 'clear' })), 'AccessDenied', 403, /explicit deny in a resource-based policy/);
      // The TlsVersion statement names a key plain HTTP does not have: it does not match.
      assert.equal((await s3.send(new ListObjectsV2Command({ Bucket: 'tls-only' }))).KeyCount, 0);
    } finally {
      await server.stop({ keepData: true });
    }
    server = await startRolegate({ dataDir, env: { ROLEGATE_TLS: 'self-signed' } });
    try {
      const s3 = server.s3();
      await s3.send(new PutObjectCommand({ Bucket: 'tls-only', Key: 'k', Body: 'secure' }));
      await rejectsWith(s3.send(new ListObjectsV2Command({ Bucket: 'tls-only' })), 'AccessDenied', 403, /explicit deny in a resource-based policy/);
    } finally {
      await server.stop();
    }
  });
});

describe('aws:SecureTransport of a service acting in-process', () => {
  test('Firehose delivers as its role into a bucket that refuses plain HTTP: its in-process call never crossed a network', async () => {
    const server = await startRolegate({ env: FAST_FIREHOSE });
    try {
      const s3 = server.s3();
      const role = await bucketAndRole(s3, server.iam(), 'tls-only-delivery', 'delivery-role');
      await s3.send(new PutBucketPolicyCommand({ Bucket: 'tls-only-delivery', Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::tls-only-delivery/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
      }) }));
      // The same put from outside, over plain HTTP, is refused by that statement.
      await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'tls-only-delivery', Key: 'direct', Body: 'x' })), 'AccessDenied', 403);
      const fh = server.firehose();
      await createActive(fh, 'to-tls-only', 'tls-only-delivery', role, { BufferingHints: { IntervalInSeconds: 1 } });
      await fh.send(new PutFirehoseRecordCommand({ DeliveryStreamName: 'to-tls-only', Record: { Data: Buffer.from('delivered') } }));
      const keys = await waitFor('a delivered object', async () => ((await keysIn(s3, 'tls-only-delivery')).length ? keysIn(s3, 'tls-only-delivery') : undefined));
      assert.equal(keys.length, 1);
      assert.equal((await body(s3, 'tls-only-delivery', keys[0])).toString(), 'delivered');
    } finally {
      await server.stop();
    }
  });
});

describe('refusals to start', () => {
  const pair = operatorPair('refusals');
  const other = operatorPair('other');

  test('a certificate without its key, or a key without its certificate, is a configuration error (exit 2)', () => {
    const a = refusal({ ROLEGATE_TLS_CERT: pair.certFile });
    assert.equal(a.status, 2);
    assert.match(a.stderr, /ROLEGATE_TLS_CERT \(--tls-cert\) and ROLEGATE_TLS_KEY \(--tls-key\) are set together or not at all/);
    const b = refusal({ ROLEGATE_TLS_KEY: pair.keyFile });
    assert.equal(b.status, 2);
    const c = refusal({ ROLEGATE_TLS: 'on' });
    assert.equal(c.status, 2);
    assert.match(c.stderr, /ROLEGATE_TLS \(--tls\) must be self-signed/);
  });

  test('an unreadable file, a file that is not PEM, and a key of another certificate refuse the start naming the file, never printing the key', () => {
    const missing = refusal({ ROLEGATE_TLS_CERT: pair.certFile, ROLEGATE_TLS_KEY: join(work, 'nope.key') });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /ROLEGATE_TLS_KEY: cannot read .*nope\.key \(ENOENT\)/);
    const garbled = join(work, 'garbled.key');
    // A key cut in half: its material must not be echoed back.
    writeFileSync(garbled, pair.key.slice(0, Math.floor(pair.key.length / 2)));
    const bad = refusal({ ROLEGATE_TLS_CERT: pair.certFile, ROLEGATE_TLS_KEY: garbled });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /the TLS key .*garbled\.key is not a PEM private key/);
    const keyBody = pair.key.split('\n')[1];
    assert.ok(!bad.stderr.includes(keyBody) && !bad.stdout.includes(keyBody));
    const notCert = refusal({ ROLEGATE_TLS_CERT: pair.keyFile, ROLEGATE_TLS_KEY: pair.keyFile });
    assert.equal(notCert.status, 1);
    assert.match(notCert.stderr, /the TLS certificate .*refusals\.key is not a PEM certificate/);
    assert.ok(!notCert.stderr.includes(keyBody));
    const mismatch = refusal({ ROLEGATE_TLS_CERT: pair.certFile, ROLEGATE_TLS_KEY: other.keyFile });
    assert.equal(mismatch.status, 1);
    assert.match(mismatch.stderr, /the TLS key .*other\.key does not belong to the certificate .*refusals\.crt/);
    assert.ok(!mismatch.stderr.includes(other.key.split('\n')[1]));
    const old = expiredPair('operator-expired');
    const expired = refusal({ ROLEGATE_TLS_CERT: old.certFile, ROLEGATE_TLS_KEY: old.keyFile });
    assert.equal(expired.status, 1);
    assert.match(expired.stderr, /the TLS certificate .*cert\.pem expired on 2020-01-02T00:00:00\.000Z/);
  });
});

describe('listening beyond loopback in clear', () => {
  test('ROLEGATE_HOST=0.0.0.0 without TLS warns once on stderr, as one structured line', async () => {
    const server = await startRolegate({ env: { ROLEGATE_HOST: '0.0.0.0' } });
    try {
      // Written before the listening line, on the other pipe: read once it has arrived.
      for (let i = 0; i < 100 && !server.stderr().includes('without TLS'); i++) await new Promise((r) => setTimeout(r, 20));
      const lines = server.stderr().split('\n').filter((l) => l.includes('without TLS'));
      assert.equal(lines.length, 1);
      const warning = JSON.parse(lines[0]);
      assert.equal(warning.level, 'warn');
      assert.equal(warning.host, '0.0.0.0');
      assert.match(warning.msg, /session tokens.*HTTP Basic.*travel in clear/);
      assert.match(warning.msg, /ROLEGATE_TLS=self-signed/);
    } finally {
      await server.stop();
    }
  });

  test('no warning on loopback, nor beyond it with TLS', async () => {
    const loopback = await startRolegate();
    const secure = await startRolegate({ env: { ROLEGATE_HOST: '0.0.0.0', ROLEGATE_TLS: 'self-signed' } });
    try {
      assert.equal((await loopback.fetch('/_rolegate/health')).status, 200);
      assert.equal((await secure.fetch('/_rolegate/health')).status, 200);
      assert.ok(!loopback.stderr().includes('without TLS'));
      assert.ok(!secure.stderr().includes('without TLS'));
    } finally {
      await loopback.stop();
      await secure.stop();
    }
  });
});

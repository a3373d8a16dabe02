// The access log (ROLEGATE_ACCESS_LOG): one JSON line per request, refused ones included, naming
// the request and its caller but never a secret, a session token, a signature or a body.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateUserCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { CreateBucketCommand, GetObjectCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { basicAuth, startRolegate, TEST_ACCOUNT, TEST_ROOT, type Credentials, type Rolegate } from '../support/server.js';
import { rejectsWith } from '../support/errors.js';

const work = mkdtempSync(join(tmpdir(), 'rolegate-access-log-'));
after(() => rmSync(work, { recursive: true, force: true }));

type Line = Record<string, unknown>;

const FIELDS = ['time', 'requestId', 'remoteAddress', 'method', 'path', 'service', 'operation', 'principal', 'accessKeyId', 'status', 'errorCode', 'latencyMs', 'bytesIn', 'bytesOut'];

describe('ROLEGATE_ACCESS_LOG to a file', () => {
  const file = join(work, 'access.log');
  const dataDir = mkdtempSync(join(work, 'data-'));
  let server: Rolegate;
  let alice: Credentials;
  /** The log's lines once one with this request id (or path) has been written: the stream writes after the answer. */
  async function lineOf(match: (l: Line) => boolean): Promise<Line> {
    for (let i = 0; i < 200; i++) {
      const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line) : [];
      const found = lines.find(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.fail('no access log line for the request');
  }
  const byId = (id: string | undefined) => lineOf((l) => l.requestId === id);

  before(async () => {
    server = await startRolegate({ dataDir, env: { ROLEGATE_ACCESS_LOG: file } });
    const iam = server.iam();
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    alice = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  });
  after(() => server.stop());

  test('the file is made with mode 0600, and an allowed request has every field', async () => {
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const out = await server.sts().send(new GetCallerIdentityCommand({}));
    const line = await byId(out.$metadata.requestId);
    assert.deepEqual(Object.keys(line), FIELDS);
    assert.match(String(line.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(line.remoteAddress, '127.0.0.1');
    assert.equal(line.method, 'POST');
    assert.equal(line.path, '/');
    assert.equal(line.service, 'sts');
    assert.equal(line.operation, 'GetCallerIdentity');
    assert.equal(line.principal, `arn:aws:iam::${TEST_ACCOUNT}:root`);
    assert.equal(line.accessKeyId, TEST_ROOT.accessKeyId);
    assert.equal(line.status, 200);
    assert.equal(line.errorCode, null);
    assert.equal(typeof line.latencyMs, 'number');
    assert.equal(line.bytesIn, Buffer.byteLength('Action=GetCallerIdentity&Version=2011-06-15'));
    assert.ok(Number(line.bytesOut) > 100);
  });

  test('a request over HTTP/2 (the SDK\'s Kinesis client) is logged the same', async () => {
    const kinesis = server.kinesis();
    const out = await kinesis.send(new ListStreamsCommand({}));
    kinesis.destroy();
    const line = await byId(out.$metadata.requestId);
    assert.equal(line.service, 'kinesis');
    assert.equal(line.operation, 'ListStreams');
    assert.equal(line.status, 200);
    assert.equal(line.principal, `arn:aws:iam::${TEST_ACCOUNT}:root`);
    assert.ok(Number(line.bytesOut) > 0);
  });

  test('a denied request (AccessDenied) is logged with its caller and code', async () => {
    const err = await rejectsWith(server.iam(alice).send(new ListRolesCommand({})), 'AccessDenied', 403);
    const line = await byId(err.$metadata?.requestId);
    assert.equal(line.service, 'iam');
    assert.equal(line.operation, 'ListRoles');
    assert.equal(line.principal, `arn:aws:iam::${TEST_ACCOUNT}:user/alice`);
    assert.equal(line.accessKeyId, alice.accessKeyId);
    assert.equal(line.status, 403);
    assert.equal(line.errorCode, 'AccessDenied');
  });

  test('a bad signature (SignatureDoesNotMatch) and an unknown key (InvalidClientTokenId) are logged with the key id they named', async () => {
    const wrong = await rejectsWith(server.iam({ accessKeyId: alice.accessKeyId, secretAccessKey: 'wrong-secret-0000000000000000000000000000' }).send(new ListRolesCommand({})), 'SignatureDoesNotMatch', 403);
    const line = await byId(wrong.$metadata?.requestId);
    assert.equal(line.operation, 'ListRoles');
    assert.equal(line.principal, null);
    assert.equal(line.accessKeyId, alice.accessKeyId);
    assert.equal(line.status, 403);
    assert.equal(line.errorCode, 'SignatureDoesNotMatch');
    const unknown = await rejectsWith(server.sts({ accessKeyId: 'AKIAUNKNOWNKEY000001', secretAccessKey: 'x'.repeat(40) }).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
    const line2 = await byId(unknown.$metadata?.requestId);
    assert.equal(line2.errorCode, 'InvalidClientTokenId');
    assert.equal(line2.accessKeyId, 'AKIAUNKNOWNKEY000001');
  });

  test('a session\'s denied request names the session, and the log holds no secret, session token, signature or body', async () => {
    const { Credentials: c } = await server.sts(alice).send(new GetSessionTokenCommand({}));
    const session: Credentials = { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
    const err = await rejectsWith(server.s3(session).send(new ListBucketsCommand({})), 'AccessDenied', 403);
    const line = await byId(err.$metadata?.requestId);
    assert.equal(line.service, 's3');
    assert.equal(line.operation, 'ListBuckets');
    assert.equal(line.principal, `arn:aws:iam::${TEST_ACCOUNT}:user/alice`);
    assert.equal(line.accessKeyId, session.accessKeyId);
    assert.equal(line.errorCode, 'AccessDenied');
    // A presigned URL carries its credential, signature and token in the query: only the path is logged.
    const root = server.s3();
    await root.send(new CreateBucketCommand({ Bucket: 'logged' }));
    await root.send(new PutObjectCommand({ Bucket: 'logged', Key: 'body.txt', Body: 'the-object-body-never-logged' }));
    const url = await getSignedUrl(server.s3(session), new GetObjectCommand({ Bucket: 'logged', Key: 'body.txt' }), { expiresIn: 60 });
    const presigned = await fetch(url);
    assert.equal(presigned.status, 403);
    const signature = new URL(url).searchParams.get('X-Amz-Signature')!;
    const presignedLine = await byId(presigned.headers.get('x-amz-request-id') ?? undefined);
    assert.equal(presignedLine.path, '/logged/body.txt');
    assert.equal(presignedLine.operation, 'GetObject');
    assert.equal(presignedLine.accessKeyId, session.accessKeyId);
    await server.stop({ keepData: true });
    const log = readFileSync(file, 'utf8');
    if (process.env.SHOW_ACCESS_LOG) process.stdout.write(log);
    for (const secret of [TEST_ROOT.secretAccessKey, alice.secretAccessKey, session.secretAccessKey, session.sessionToken!, signature, 'the-object-body-never-logged']) {
      assert.ok(!log.includes(secret), 'a secret, token, signature or body is in the access log');
    }
    assert.ok(!/Signature=|X-Amz-Signature|AWS4-HMAC-SHA256|[0-9a-f]{64}/.test(log));
    server = await startRolegate({ dataDir, env: { ROLEGATE_ACCESS_LOG: file } });
  });

  test('rolegate\'s own routes are logged without their Basic credentials', async () => {
    const r = await server.fetch('/_rolegate/decisions?maxItems=1', { headers: { authorization: basicAuth(TEST_ROOT) } });
    assert.equal(r.status, 200);
    const line = await lineOf((l) => l.path === '/_rolegate/decisions');
    assert.equal(line.service, 'rolegate');
    assert.equal(line.status, 200);
    assert.ok(!readFileSync(file, 'utf8').includes(basicAuth(TEST_ROOT).slice(6)));
  });

  test('a request refused for its head\'s size is logged with its request id and code', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const s = connect(server.port, '127.0.0.1');
      let got = '';
      s.setEncoding('utf8');
      s.on('data', (d) => (got += d));
      s.once('end', () => resolve(got));
      s.once('error', reject);
      s.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Security-Token: ${'t'.repeat(20_000)}\r\n\r\n`);
    });
    const id = /x-amzn-requestid: ([0-9a-f-]{36})/.exec(raw)?.[1];
    assert.ok(id, raw);
    const line = await byId(id);
    assert.equal(line.status, 400);
    assert.equal(line.errorCode, 'RequestHeaderSectionTooLarge');
    assert.equal(line.remoteAddress, '127.0.0.1');
    assert.ok(!readFileSync(file, 'utf8').includes('t'.repeat(100)));
  });

  test('every line written before the server stops is in the file when it has stopped', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await server.sts().send(new GetCallerIdentityCommand({}))).$metadata.requestId!);
    await server.stop({ keepData: true });
    const logged = new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as Line).requestId));
    for (const id of ids) assert.ok(logged.has(id), `request ${id} is not in the log`);
    server = await startRolegate({ dataDir, env: { ROLEGATE_ACCESS_LOG: file } });
  });
});

describe('ROLEGATE_ACCESS_LOG=stderr, and off by default', () => {
  test('stderr gets one JSON line per request; without the variable nothing is logged', async () => {
    const logging = await startRolegate({ env: { ROLEGATE_ACCESS_LOG: 'stderr' } });
    const quiet = await startRolegate();
    try {
      const id = (await logging.sts().send(new GetCallerIdentityCommand({}))).$metadata.requestId!;
      await quiet.sts().send(new GetCallerIdentityCommand({}));
      for (let i = 0; i < 100 && !logging.stderr().includes(id); i++) await new Promise((r) => setTimeout(r, 10));
      const line = logging.stderr().split('\n').find((l) => l.includes(id));
      assert.ok(line, 'the request is on stderr');
      assert.equal(JSON.parse(line).operation, 'GetCallerIdentity');
      assert.ok(!quiet.stderr().includes('GetCallerIdentity'));
    } finally {
      await logging.stop();
      await quiet.stop();
    }
  });

  test('a log file that cannot be opened refuses the start', async () => {
    await assert.rejects(startRolegate({ env: { ROLEGATE_ACCESS_LOG: join(work, 'no-such-folder', 'access.log') } }), /ROLEGATE_ACCESS_LOG: cannot open .*access\.log \(ENOENT\)/);
  });
});

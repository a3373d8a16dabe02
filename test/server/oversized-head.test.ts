// A request head past 16 KiB (headers, or a URL: the request line counts in it) answers S3's
// 400 RequestHeaderSectionTooLarge with a request id, over HTTP/1.1 and HTTP/2, in clear and over
// TLS, without resetting the connection before the client has read the answer.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect as connectHttp2, type ClientSessionOptions, type SecureClientSessionOptions } from 'node:http2';
import { connect, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { startRolegate, TEST_ACCOUNT, type Rolegate } from '../support/server.js';

const XML_ERROR = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error><Code>RequestHeaderSectionTooLarge<\/Code><Message>Your request header section exceeds the maximum allowed size\.<\/Message><MaxSizeAllowed>16384<\/MaxSizeAllowed><RequestId>([0-9a-f-]{36})<\/RequestId><\/Error>$/;

/** Sends raw bytes and reads until the server closes; a reset fails the read. */
function exchange(open: () => Socket, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = open();
    let got = '';
    s.setEncoding('utf8');
    s.on('data', (d) => (got += d));
    s.once('end', () => resolve(got));
    s.once('error', reject);
    s.write(request);
  });
}

function assertAnswer(raw: string): void {
  const [head, body] = raw.split('\r\n\r\n');
  assert.match(head, /^HTTP\/1\.1 400 Bad Request\r\n/);
  assert.match(head, /\r\ncontent-type: application\/xml\r\n/);
  const m = XML_ERROR.exec(body);
  assert.ok(m, `an S3-shaped error: ${body}`);
  assert.ok(head.includes(`x-amz-request-id: ${m[1]}`));
  assert.ok(head.includes(`x-amzn-requestid: ${m[1]}`));
}

function http2Get(server: Rolegate, headers: Record<string, string>, options: ClientSessionOptions | SecureClientSessionOptions = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const session = connectHttp2(server.endpoint, { ...options, maxSendHeaderBlockLength: 1 << 20 } as ClientSessionOptions);
    session.once('error', reject);
    const req = session.request({ ':method': 'GET', ':path': '/', ...headers });
    let body = '';
    let status = 0;
    let got: Record<string, unknown> = {};
    req.on('response', (h) => {
      status = Number(h[':status']);
      got = h;
    });
    req.setEncoding('utf8');
    req.on('data', (d) => (body += d));
    req.once('end', () => {
      session.close();
      resolve({ status, body, headers: got });
    });
    req.once('error', reject);
    req.end();
  });
}

describe('in clear', () => {
  let server: Rolegate;
  before(async () => (server = await startRolegate()));
  after(() => server.stop());
  const open = () => connect(server.port, '127.0.0.1');

  test('a header section past 16 KiB answers 400 RequestHeaderSectionTooLarge, read to its end', async () => {
    assertAnswer(await exchange(open, `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Meta-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
  });

  test('many headers that add up past 16 KiB answer the same', async () => {
    const many = Array.from({ length: 400 }, (_, i) => `X-Amz-Meta-H${i}: ${'v'.repeat(40)}\r\n`).join('');
    assertAnswer(await exchange(open, `GET /bucket HTTP/1.1\r\nHost: 127.0.0.1\r\n${many}\r\n`));
  });

  test('a URL past 16 KiB answers the same', async () => {
    assertAnswer(await exchange(open, `GET /bucket/${'k'.repeat(17_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`));
  });

  test('a head far past the limit, sent in pieces with a body behind it, is answered the same and not reset', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const s = open();
      let got = '';
      s.setEncoding('utf8');
      s.on('data', (d) => (got += d));
      s.once('end', () => resolve(got));
      s.once('error', reject);
      s.write(`PUT /bucket/key HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n`);
      let i = 0;
      const more = () => {
        if (i++ < 20) s.write(`X-Amz-Meta-P${i}: ${'p'.repeat(10_000)}\r\n`, () => setTimeout(more, 2));
        else s.end(`\r\n${'b'.repeat(100_000)}`);
      };
      more();
    });
    assertAnswer(raw);
  });

  test('a head just under the limit is served', async () => {
    const raw = await exchange(open, `GET /_rolegate/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Pad: ${'a'.repeat(15_000)}\r\n\r\n`);
    assert.match(raw, /^HTTP\/1\.1 200 OK\r\n/);
  });

  test('over HTTP/2 (prior knowledge), a header list past 16 KiB answers the same 400, past the HTTP/2 defaults of node (64 KiB, 128 headers) too', async () => {
    for (const headers of [
      { 'x-amz-meta-big': 'a'.repeat(20_000) },
      // Past node's own HTTP/2 default of 64 KiB. (nghttp2 takes no single field past 64 KiB, and node
      // no header block of more than a few CONTINUATION frames: those the HTTP/2 layer resets.)
      Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`x-amz-meta-f${i}`, 'w'.repeat(3_000)])),
      Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`x-amz-meta-h${i}`, 'v'.repeat(40)])),
    ]) {
      const r = await http2Get(server, headers);
      assert.equal(r.status, 400);
      const m = XML_ERROR.exec(r.body);
      assert.ok(m, r.body);
      assert.equal(r.headers['x-amzn-requestid'], m[1]);
    }
  });

  test('over HTTP/2, a header list just under 16 KiB is served', async () => {
    const r = await http2Get(server, { 'x-amz-meta-big': 'a'.repeat(15_000) });
    assert.equal(r.status, 403);
    assert.match(r.body, /MissingAuthenticationToken|AccessDenied/);
  });

  test('the server keeps serving: the SDK over HTTP/1.1 and HTTP/2 afterwards', async () => {
    assert.equal((await server.sts().send(new GetCallerIdentityCommand({}))).Account, TEST_ACCOUNT);
    const kinesis = server.kinesis();
    assert.deepEqual((await kinesis.send(new ListStreamsCommand({}))).StreamNames, []);
    kinesis.destroy();
  });
});

describe('over TLS', () => {
  let server: Rolegate;
  before(async () => (server = await startRolegate({ env: { ROLEGATE_TLS: 'self-signed' } })));
  after(() => server.stop());

  test('HTTP/1.1 and HTTP/2 (ALPN) answer the same 400 to a head past 16 KiB', async () => {
    const open = () => connectTls({ port: server.port, host: '127.0.0.1', ca: server.ca, ALPNProtocols: ['http/1.1'] });
    assertAnswer(await exchange(open, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    const r = await http2Get(server, { 'x-amz-meta-big': 'a'.repeat(20_000) }, { ca: server.ca });
    assert.equal(r.status, 400);
    assert.match(r.body, XML_ERROR);
    assert.equal((await server.sts().send(new GetCallerIdentityCommand({}))).Account, TEST_ACCOUNT);
  });
});

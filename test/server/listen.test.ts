// The shared port: HTTP/1.1 and HTTP/2 with prior knowledge on one listener, told apart by the first
// bytes; a connection that breaks or falls silent before it says anything does not harm the server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect as connectHttp2 } from 'node:http2';
import { connect } from 'node:net';
import { startRolegate, type Rolegate } from '../support/server.js';

let server: Rolegate;
before(async () => (server = await startRolegate()));
after(() => server.stop());

function http2Get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const session = connectHttp2(server.endpoint);
    session.once('error', reject);
    const req = session.request({ ':method': 'GET', ':path': path });
    let body = '';
    let status = 0;
    req.on('response', (h) => (status = Number(h[':status'])));
    req.setEncoding('utf8');
    req.on('data', (d) => (body += d));
    req.once('end', () => {
      session.close();
      resolve({ status, body });
    });
    req.once('error', reject);
    req.end();
  });
}

test('HTTP/2 with prior knowledge is served on the same port as HTTP/1.1', async () => {
  const h2 = await http2Get('/_rolegate/health');
  assert.equal(h2.status, 200);
  assert.equal(JSON.parse(h2.body).status, 'ok');
  const h1 = await fetch(`${server.endpoint}/_rolegate/health`);
  assert.equal(h1.status, 200);
});

test('a connection reset before its first byte, or one that sends a single byte and goes, leaves the server serving', async () => {
  await new Promise<void>((resolve) => {
    const s = connect(server.port, '127.0.0.1', () => {
      s.resetAndDestroy();
      resolve();
    });
  });
  await new Promise<void>((resolve) => {
    const s = connect(server.port, '127.0.0.1', () => s.end('P', () => resolve()));
  });
  await new Promise((r) => setTimeout(r, 50));
  assert.equal((await fetch(`${server.endpoint}/_rolegate/health`)).status, 200);
  assert.equal(server.process.exitCode, null);
});

// The listener: one port for HTTP/1.1 and HTTP/2. In cleartext, HTTP/2 with prior knowledge (the
// SDK's Kinesis client speaks HTTP/2 by default) is told apart by the connection's first bytes;
// with TLS, by ALPN (`h2`, `http/1.1`). rolegate's own routes under /_rolegate/, everything else to
// the AWS pipeline; a request head too large for either answers an AWS-shaped error.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { Duplex } from 'node:stream';
import type { App } from './app.js';
import { handle, type Connection } from './pipeline.js';
import type { AccessEntry, AccessLog } from './access-log.js';
import type { RequestContext } from './context.js';
import type { ServerTls } from './tls.js';
import { headTooLarge, MAX_HEAD_BYTES, headBytes } from './oversized.js';
import { adminRoute } from '../decisions/routes.js';
import { pinpointAdminRoute } from './admin-pinpoint.js';
import { delegationNotificationsRoute } from './delegation-notifications-route.js';
import { resetRoute } from './reset-route.js';
import { oidcDiscoveryRoute } from './oidc-route.js';

const VERSION = '0.1.0';

export interface Listening {
  address(): AddressInfo | string | null;
  /** Stops accepting connections; `callback` runs once every open one has ended. */
  close(callback?: (err?: Error) => void): void;
  closeAllConnections(): void;
}

/** An HTTP/2 connection opens with this preface (RFC 9113, section 3.4); no HTTP/1.1 method starts with "PRI". */
const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0');
/**
 * HTTP/2 takes header lists past HTTP/1.1's head limit, so that the listener answers them with the
 * same AWS error (node's defaults, 64 KiB and 128 headers, would reset the stream instead). Past
 * these, the HTTP/2 layer resets the stream.
 */
const HTTP2_OPTIONS = { settings: { maxHeaderListSize: 256 * 1024 }, maxHeaderListPairs: 2000 };
/** A connection that sends nothing is closed after this long, as node:http's headersTimeout would. */
const FIRST_BYTES_TIMEOUT_MS = 60_000;

/**
 * The socket as a plain stream, starting with the bytes already read to tell the protocol. HTTP/2
 * reads a real socket's handle directly, past anything put back in its JavaScript buffer; a plain
 * Duplex it reads through JavaScript, the first bytes included.
 */
function replaying(socket: Socket, first: Buffer): Duplex {
  const stream = new Duplex({
    read: () => void socket.resume(),
    write: (chunk: Buffer, _encoding, callback) => void socket.write(chunk, callback),
    final: (callback) => void socket.end(callback),
    destroy: (err, callback) => {
      socket.destroy(err ?? undefined);
      callback(err);
    },
  });
  stream.push(first);
  socket.on('data', (chunk: Buffer) => {
    if (!stream.push(chunk)) socket.pause();
  });
  socket.once('end', () => stream.push(null));
  socket.once('error', (e) => stream.destroy(e));
  socket.once('close', () => stream.destroy());
  return stream;
}

export interface ServerOptions {
  tls?: ServerTls;
  accessLog?: AccessLog;
}

export function startServer(app: App, options: ServerOptions = {}): Promise<Listening> {
  const { accessLog, tls } = options;
  const listener = (req: IncomingMessage, res: ServerResponse, conn: Connection) => {
    // HTTP/2 takes header lists larger than HTTP/1.1's head limit: the same limit is applied here.
    if (req.httpVersionMajor === 2 && headBytes(req) > MAX_HEAD_BYTES) {
      const answer = headTooLarge();
      res.writeHead(answer.status, answer.headers).end(answer.body);
      accessLog?.refusedHead(conn.remoteAddress, answer.requestId, req.method);
      return;
    }
    if (accessLog) {
      const entry: AccessEntry = { req, res, remoteAddress: conn.remoteAddress, startedAt: performance.now(), receivedAt: new Date() };
      res.once('close', () => accessLog.write(entry));
      route(req, res, conn, (ctx) => (entry.ctx = ctx));
    } else route(req, res, conn);
  };
  const route = (req: IncomingMessage, res: ServerResponse, conn: Connection, observe?: (ctx: RequestContext) => void) => {
    const url = req.url ?? '/';
    if (url.startsWith('/_rolegate/')) {
      if (url === '/_rolegate/health' && req.method === 'GET') {
        const body = JSON.stringify({ status: 'ok', service: 'rolegate', version: VERSION, storage: app.store.engine });
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
        return;
      }
      if (resetRoute(app, req, res)) return;
      if (app.decisions && adminRoute(app, app.decisions, req, res)) return;
      if (pinpointAdminRoute(app, req, res)) return;
      if (delegationNotificationsRoute(app, req, res)) return;
      if (oidcDiscoveryRoute(app, req, res)) return;
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      return;
    }
    handle(req, res, app, conn, observe).catch((e) => {
      app.log.error({ error: String(e) }, 'request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
  const http1 = createServer({ maxHeaderSize: MAX_HEAD_BYTES }, (req, res) => {
    const socket = req.socket as Socket & Partial<TLSSocket>;
    listener(req, res, { remoteAddress: socket.remoteAddress, tlsVersion: socket.encrypted ? socket.getProtocol!() ?? undefined : undefined });
  });
  http1.keepAliveTimeout = 65_000;
  http1.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => answerClientError(err, socket, accessLog));
  const http2Servers = new Set<ReturnType<typeof createHttp2Server>>();
  /** An HTTP/2 connection gets a server of its own, which knows the client's address its stream cannot tell. */
  const http2For = (socket: Socket) => {
    const conn: Connection = { remoteAddress: socket.remoteAddress };
    const tlsSocket = socket as Socket & Partial<TLSSocket>;
    if (tlsSocket.encrypted) conn.tlsVersion = tlsSocket.getProtocol!() ?? undefined;
    // The compatibility API gives HTTP/2 requests the shape of HTTP/1.1 ones (headers, url, method, a readable body).
    const server = createHttp2Server(HTTP2_OPTIONS, (req: Http2ServerRequest, res: Http2ServerResponse) =>
      listener(req as unknown as IncomingMessage, res as unknown as ServerResponse, conn));
    http2Servers.add(server);
    socket.once('close', () => http2Servers.delete(server));
    return server;
  };
  const sockets = new Set<Socket>();
  const server: Server = tls
    ? createTlsServer({ cert: tls.cert, key: tls.key, ALPNProtocols: ['h2', 'http/1.1'], noDelay: true }, (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      // ALPN chose the protocol during the handshake; a client that offered none speaks HTTP/1.1.
      if (socket.alpnProtocol === 'h2') http2For(socket).emit('connection', socket);
      else http1.emit('connection', socket);
    })
    : cleartext();
  // A failed handshake (a client that does not trust the certificate) is the client's affair.
  if (tls) server.on('tlsClientError', (_err: Error, socket: Socket) => socket.destroy());
  function cleartext(): Server {
    // As node:http sets up its own listener: small answers go out at once (no Nagle delay).
    return createNetServer({ noDelay: true }, (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      // Until the protocol is known no HTTP server watches the socket: its errors and its silence are ours.
      const onError = () => socket.destroy();
      socket.on('error', onError);
      socket.setTimeout(FIRST_BYTES_TIMEOUT_MS, () => socket.destroy());
      socket.once('data', (first: Buffer) => {
        socket.setTimeout(0);
        socket.removeListener('error', onError);
        socket.pause();
        const isHttp2 = first.length >= HTTP2_PREFACE.length ? first.subarray(0, HTTP2_PREFACE.length).equals(HTTP2_PREFACE) : HTTP2_PREFACE.subarray(0, first.length).equals(first);
        if (isHttp2) {
          http2For(socket).emit('connection', replaying(socket, first));
        } else {
          socket.unshift(first);
          http1.emit('connection', socket);
          socket.resume();
        }
      });
    });
  }
  const listening: Listening = {
    address: () => server.address(),
    close(callback) {
      http1.close();
      for (const h2 of http2Servers) h2.close();
      server.close(callback);
    },
    closeAllConnections() {
      for (const socket of sockets) socket.destroy();
    },
  };
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(app.config.port, app.config.host, () => resolve(listening));
  });
}

const answered = new WeakSet<Duplex>();

/**
 * node:http refuses a request head past maxHeaderSize (the request line counts in it) with a bare
 * 431 and a reset; AWS answers a 400 with its error. The answer is written and the socket ended;
 * what the client still sends is read and dropped, so closing does not reset the connection
 * before the client has read the answer. Other parse errors answer as node's default would.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex, accessLog: AccessLog | undefined): void {
  // The parser may report again as the rest of the head arrives: the first answer stands.
  if (answered.has(socket)) return;
  answered.add(socket);
  // A response already under way (a malformed body after its answer began) cannot be followed by another.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  if (err.code !== 'HPE_HEADER_OVERFLOW') {
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    return;
  }
  const answer = headTooLarge();
  const head = [`HTTP/1.1 ${answer.status} Bad Request`, 'connection: close'];
  for (const k in answer.headers) head.push(`${k}: ${answer.headers[k]}`);
  socket.end(`${head.join('\r\n')}\r\n\r\n${answer.body}`);
  accessLog?.refusedHead((socket as Socket).remoteAddress, answer.requestId);
  socket.on('data', () => undefined);
  socket.resume();
  setTimeout(() => socket.destroy(), 5_000).unref();
}

// The decision log's admin routes under /_rolegate/decisions: list (filtered, paged), one request
// explained, and a live Server-Sent Events stream. Only an account's root may read, and only its
// own account's decisions; secrets are compared in constant time and never echoed or logged.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from '../shared/caller.js';
import type { Log } from '../shared/log.js';
import type { Store } from '../store/types.js';

/** What the decision routes use: the log, the store it writes to, and account roots' keys to check Basic auth. */
export interface DecisionRoutesDeps {
  store: Store;
  log: Log;
  credentials: { resolve(accessKeyId: string): Promise<{ secretAccessKey: string; caller: Caller }> };
}
import type { DecisionLog } from './decision-log.js';
import type { DecisionFilter, DecisionRecord } from '../shared/decision-record.js';
import { explainRequest } from './explanation.js';

const BASE = '/_rolegate/decisions';
const RESULTS = new Set(['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied', 'Denied']);
const LIST_PARAMS = new Set(['principal', 'action', 'result', 'accountId', 'requestId', 'since', 'until', 'maxItems', 'marker']);
const STREAM_PARAMS = new Set(['principal', 'action', 'result', 'accountId', 'requestId', 'tail']);
/** Pages read to fill one page of `result=Denied` (the store filters one result at a time). */
const DENIED_SCAN_PAGES = 10;
/** A stream whose client reads slower than this much buffered output is closed. */
const STREAM_BUFFER_LIMIT = 1 << 20;
const KEEPALIVE_MS = 15_000;

/** Query filter: the store's filter plus `Denied`, meaning both kinds of denial. */
interface Query {
  filter: DecisionFilter;
  denied: boolean;
}

/** A refusal of the request as asked: 400 for bad parameters, 403 for another account's decisions. */
class Refused extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
  }
}

/** Handles /_rolegate/decisions[/…]; false for any other URL. */
export function adminRoute(app: DecisionRoutesDeps, decisions: DecisionLog, req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (path !== BASE && !path.startsWith(`${BASE}/`)) return false;
  return rootGetRoute(app, req, res, BASE, (accountId) => serveAdmin(app, decisions, req, res, url, accountId));
}

/**
 * A GET route under /_rolegate/ for an account root (the decision, Pinpoint and delegation routes):
 * 405 for another method, 401 without an account root's access key id and secret as HTTP Basic,
 * else `serve` with that root's account; a failure is logged (never the request) and answered 500.
 */
export function rootGetRoute(
  app: Pick<DecisionRoutesDeps, 'credentials' | 'log'>, req: IncomingMessage, res: ServerResponse, route: string, serve: (accountId: string) => Promise<void>,
): true {
  if (req.method !== 'GET') {
    send(res, 405, { message: 'Method Not Allowed' }, { allow: 'GET' });
    return true;
  }
  (async () => {
    const accountId = await rootAccount(app, req.headers.authorization);
    if (!accountId) {
      send(res, 401, { message: "The admin routes need an account root's access key id and secret access key (HTTP Basic)." }, { 'www-authenticate': 'Basic realm="rolegate"' });
      return;
    }
    await serve(accountId);
  })().catch((e) => {
    app.log.error({ error: e instanceof Error ? e.message : String(e), route }, 'admin route failed');
    if (!res.headersSent) send(res, 500, { message: 'Internal error' });
    else res.end();
  });
  return true;
}

async function serveAdmin(app: DecisionRoutesDeps, decisions: DecisionLog, req: IncomingMessage, res: ServerResponse, url: URL, accountId: string): Promise<void> {
  const rest = url.pathname.slice(BASE.length + 1);
  try {
    if (url.pathname === BASE) return await list(decisions, app, url.searchParams, accountId, res);
    if (rest === 'stream') return await stream(decisions, app, url.searchParams, accountId, req, res);
    if (rest && !rest.includes('/')) return await byRequest(decisions, app, requestIdOf(rest), accountId, res);
  } catch (e) {
    if (e instanceof Refused) {
      send(res, e.status, { message: e.message });
      return;
    }
    throw e;
  }
  send(res, 404, { message: 'Not Found' });
}

/** The account whose root the Basic credentials are, or undefined (every admin route authenticates so). */
export async function rootAccount(app: Pick<DecisionRoutesDeps, 'credentials'>, header: string | undefined): Promise<string | undefined> {
  const m = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!m) return undefined;
  const text = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 1) return undefined;
  let resolved;
  try {
    resolved = await app.credentials.resolve(text.slice(0, colon));
  } catch {
    return undefined;
  }
  // Equal-length digests, so neither the comparison nor its length tells anything about the secret.
  const given = createHash('sha256').update(text.slice(colon + 1)).digest();
  const known = createHash('sha256').update(resolved.secretAccessKey).digest();
  if (!timingSafeEqual(given, known) || resolved.caller.type !== 'root') return undefined;
  return resolved.caller.accountId;
}

function readQuery(params: URLSearchParams, allowed: Set<string>, accountId: string): Query {
  for (const name of params.keys()) if (!allowed.has(name)) throw new Refused(`Unknown parameter ${name}`);
  const one = (name: string): string | undefined => {
    const values = params.getAll(name);
    if (values.length > 1) throw new Refused(`Parameter ${name} is given more than once`);
    return values[0] === '' ? undefined : values[0];
  };
  const result = one('result');
  if (result !== undefined && !RESULTS.has(result)) throw new Refused('result must be Allowed, Denied, ExplicitlyDenied or ImplicitlyDenied');
  const asked = one('accountId');
  if (asked !== undefined && asked !== accountId) throw new Refused(`The root of account ${accountId} reads only its own account's decisions`, 403);
  const filter: DecisionFilter = { accountId };
  for (const name of ['principal', 'action', 'requestId'] as const) {
    const v = one(name);
    if (v !== undefined) filter[name] = v;
  }
  if (result !== undefined && result !== 'Denied') filter.result = result as DecisionRecord['result'];
  for (const name of ['since', 'until'] as const) {
    const v = one(name);
    if (v === undefined) continue;
    const t = Date.parse(v);
    if (Number.isNaN(t)) throw new Refused(`${name} must be an ISO 8601 time`);
    filter[name] = new Date(t).toISOString();
  }
  return { filter, denied: result === 'Denied' };
}

function requestIdOf(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new Refused('The request id is not valid URL encoding');
  }
}

function integer(params: URLSearchParams, name: string, min: number, max: number, fallback: number): number {
  const v = params.get(name);
  if (v === null || v === '') return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new Refused(`${name} must be an integer from ${min} to ${max}`);
  return Number(v);
}

async function list(decisions: DecisionLog, app: DecisionRoutesDeps, params: URLSearchParams, accountId: string, res: ServerResponse): Promise<void> {
  const query = readQuery(params, LIST_PARAMS, accountId);
  const maxItems = integer(params, 'maxItems', 1, 1000, 100);
  const marker = params.get('marker') || undefined;
  if (marker !== undefined && !/^\d{1,15}$/.test(marker)) throw new Refused('marker is not one this route returned');
  await decisions.flush(); // read your own writes: a decision made a moment ago is listed
  const page = await readPage(app, query, maxItems, marker);
  send(res, 200, page.marker ? { decisions: page.items, marker: page.marker } : { decisions: page.items });
}

/** One page, newest first; `Denied` reads store pages of both denials until full (or a scan limit: a short page with a marker). */
async function readPage(app: DecisionRoutesDeps, query: Query, maxItems: number, marker: string | undefined): Promise<{ items: DecisionRecord[]; marker?: string }> {
  if (!query.denied) return app.store.decisions.list(query.filter, { marker, maxItems });
  const items: DecisionRecord[] = [];
  let next = marker;
  for (let pages = 0; pages < DENIED_SCAN_PAGES && items.length < maxItems; pages++) {
    const page = await app.store.decisions.list(query.filter, { marker: next, maxItems: maxItems - items.length });
    for (const r of page.items) if (r.result !== 'Allowed') items.push(r);
    next = page.marker;
    if (!next) break;
  }
  return next ? { items, marker: next } : { items };
}

async function byRequest(decisions: DecisionLog, app: DecisionRoutesDeps, requestId: string, accountId: string, res: ServerResponse): Promise<void> {
  await decisions.flush();
  const page = await app.store.decisions.list({ accountId, requestId }, { maxItems: 1000 });
  const records = page.items.reverse();
  if (records.length === 0) {
    send(res, 404, { message: `No decision is recorded for request ${requestId}` });
    return;
  }
  send(res, 200, { requestId, decisions: records, explanation: explainRequest(requestId, records) });
}

async function stream(decisions: DecisionLog, app: DecisionRoutesDeps, params: URLSearchParams, accountId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const query = readQuery(params, STREAM_PARAMS, accountId);
  const tail = integer(params, 'tail', 0, 1000, 0);
  const matches = (r: DecisionRecord) => matchesQuery(r, query);
  // Follow first and hold live records back, so nothing falls between the tail and the live part.
  let held: DecisionRecord[] | undefined = [];
  let open = true;
  const write = (r: DecisionRecord) => {
    if (!open) return;
    res.write(`event: decision\ndata: ${JSON.stringify(r)}\n\n`);
    if (res.writableLength > STREAM_BUFFER_LIMIT) {
      app.log.info({ route: `${BASE}/stream` }, 'decision stream closed: the client reads too slowly');
      res.end();
    }
  };
  const unsubscribe = decisions.subscribe((r) => {
    if (!matches(r)) return;
    if (!held) return write(r);
    held.push(r);
    if (held.length > 10_000) held.shift();
  });
  const keepalive = setInterval(() => open && res.write(': keepalive\n\n'), KEEPALIVE_MS);
  keepalive.unref();
  const stop = () => {
    open = false;
    unsubscribe();
    clearInterval(keepalive);
  };
  req.on('close', stop);
  res.on('close', stop);
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
  res.write(': rolegate decision stream\n\n');
  let first: DecisionRecord[] = [];
  if (tail > 0) {
    await decisions.flush();
    first = (await readPage(app, query, tail, undefined)).items.reverse();
  }
  const seen = new Set(first.map(key));
  for (const r of first) write(r);
  const late = held;
  held = undefined;
  for (const r of late) if (!seen.has(key(r))) write(r);
}

function matchesQuery(r: DecisionRecord, { filter, denied }: Query): boolean {
  if (filter.accountId !== undefined && r.accountId !== filter.accountId && r.resourceAccountId !== filter.accountId) return false;
  if (filter.principal !== undefined && r.principal !== filter.principal) return false;
  if (filter.action !== undefined && r.action !== filter.action) return false;
  if (filter.requestId !== undefined && r.requestId !== filter.requestId) return false;
  if (filter.result !== undefined && r.result !== filter.result) return false;
  return !denied || r.result !== 'Allowed';
}

const key = (r: DecisionRecord) => `${r.requestId}\n${r.action}\n${r.resource}\n${r.time}`;

/** A JSON answer of an admin route. */
export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

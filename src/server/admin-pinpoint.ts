// Pinpoint's admin route: GET /_rolegate/pinpoint/apps/{appId}/event-stream answers an app's event
// stream and the state of its outbox — events pending, events delivered, and the last refused
// delivery (code, message, since, at) — for the root of the app's account (HTTP Basic, as the
// decision routes). Read-only; another account's app is not found.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rootAccount, send } from '../decisions/routes.js';
import type { App } from './app.js';

const PATH = /^\/_rolegate\/pinpoint\/apps\/([0-9a-f]{32})\/event-stream$/;
const BASE = '/_rolegate/pinpoint/';

/** Handles /_rolegate/pinpoint/…; false for any other URL. */
export function pinpointAdminRoute(app: Pick<App, 'store' | 'credentials' | 'log'>, req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith(BASE)) return false;
  if (req.method !== 'GET') {
    send(res, 405, { message: 'Method Not Allowed' }, { allow: 'GET' });
    return true;
  }
  serve(app, req, res, url).catch((e) => {
    app.log.error({ error: e instanceof Error ? e.message : String(e), route: BASE }, 'admin route failed');
    if (!res.headersSent) send(res, 500, { message: 'Internal error' });
    else res.end();
  });
  return true;
}

async function serve(app: Pick<App, 'store' | 'credentials'>, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const accountId = await rootAccount(app, req.headers.authorization);
  if (!accountId) {
    send(res, 401, { message: "The admin routes need an account root's access key id and secret access key (HTTP Basic)." }, { 'www-authenticate': 'Basic realm="rolegate"' });
    return;
  }
  const m = PATH.exec(url.pathname);
  const record = m ? await app.store.pinpoint.getAppById(m[1]) : undefined;
  if (!record || record.accountId !== accountId) {
    send(res, 404, { message: 'Not Found' });
    return;
  }
  const state = await app.store.pinpoint.outboxState(record.id);
  const stream = (record.data as { eventStream?: { DestinationStreamArn: string; RoleArn: string } }).eventStream;
  send(res, 200, {
    applicationId: record.id,
    ...(stream ? { eventStream: { DestinationStreamArn: stream.DestinationStreamArn, RoleArn: stream.RoleArn } } : {}),
    pending: state?.pending ?? 0,
    delivered: state?.delivered ?? 0,
    ...(state?.failure ? { failure: state.failure } : {}),
  });
}

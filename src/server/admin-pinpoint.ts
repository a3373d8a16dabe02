// Pinpoint's admin route: GET /_rolegate/pinpoint/apps/{appId}/event-stream answers an app's event
// stream and the state of its outbox — events pending, events delivered, and the last refused
// delivery (code, message, since, at) — for the root of the app's account (HTTP Basic, as the
// decision routes). Read-only; another account's app is not found.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rootGetRoute, send } from '../decisions/routes.js';
import type { App } from './app.js';

const PATH = /^\/_rolegate\/pinpoint\/apps\/([0-9a-f]{32})\/event-stream$/;
const BASE = '/_rolegate/pinpoint/';

/** Handles /_rolegate/pinpoint/…; false for any other URL. */
export function pinpointAdminRoute(app: Pick<App, 'store' | 'credentials' | 'log'>, req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith(BASE)) return false;
  return rootGetRoute(app, req, res, BASE, (accountId) => serve(app, res, url, accountId));
}

async function serve(app: Pick<App, 'store'>, res: ServerResponse, url: URL, accountId: string): Promise<void> {
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

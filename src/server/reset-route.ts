// POST /_rolegate/reset (only when ROLEGATE_ALLOW_RESET=1): wipes every account's state but the
// accounts and their root keys. It is the most destructive thing the server does, so it takes the
// default account root's access key id and secret (HTTP Basic, as the decision routes), and refuses
// any request a browser sends on behalf of another site: an Origin that is not the server's own, or
// Sec-Fetch-Site saying cross-site. A simple cross-origin form post therefore cannot reach it, even
// from a browser that has the root's Basic credentials cached.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rootAccount, send } from '../decisions/routes.js';
import type { App } from './app.js';

export const RESET_PATH = '/_rolegate/reset';

/** Whether the request comes from a page of another origin (or a browser says so). */
export function crossOrigin(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  const host = req.headers.host ?? (req.headers as Record<string, string | undefined>)[':authority'];
  if (!host) return true;
  // `null` (a sandboxed page, a file, a redirect) is never the server's own origin.
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return true;
  }
  return parsed.host.toLowerCase() !== host.toLowerCase() || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:');
}

/** Handles POST /_rolegate/reset; false for any other request. */
export function resetRoute(app: App, req: IncomingMessage, res: ServerResponse): boolean {
  if (!app.config.allowReset || (req.url ?? '').split('?')[0] !== RESET_PATH) return false;
  if (req.method !== 'POST') {
    send(res, 405, { message: 'Method Not Allowed' }, { allow: 'POST' });
    return true;
  }
  if (crossOrigin(req)) {
    app.log.warn({ route: RESET_PATH, origin: String(req.headers.origin ?? ''), site: String(req.headers['sec-fetch-site'] ?? '') }, 'reset refused: cross-origin request');
    send(res, 403, { message: 'The reset route refuses requests from another origin.' });
    return true;
  }
  reset(app, req, res).catch((e) => {
    app.log.error({ error: e instanceof Error ? e.message : String(e), route: RESET_PATH }, 'reset failed');
    if (!res.headersSent) send(res, 500, { reset: false, message: 'Internal error' });
  });
  return true;
}

async function reset(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const accountId = await rootAccount(app, req.headers.authorization);
  if (!accountId) {
    send(res, 401, { message: "The reset route needs the default account root's access key id and secret access key (HTTP Basic)." }, { 'www-authenticate': 'Basic realm="rolegate"' });
    return;
  }
  // It wipes every account: only the root of the account the server runs as may ask.
  if (accountId !== app.config.accountId) {
    send(res, 403, { message: `Only the root of the default account (${app.config.accountId}) may reset the server.` });
    return;
  }
  // Decisions still waiting to be written belong to the state being wiped.
  await app.decisions?.flush();
  await app.store.reset();
  app.log.warn({ route: RESET_PATH, accountId }, 'state reset');
  send(res, 200, { reset: true });
}

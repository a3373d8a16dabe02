// The OIDC discovery documents of an account's outbound web identity federation issuer, for a
// relying party to verify GetWebIdentityToken's JWTs: GET <issuer>/.well-known/openid-configuration
// and GET <issuer>/.well-known/jwks.json, the issuer being /_rolegate/oidc/<account id> on this
// port. Unauthenticated and read-only; public keys only. Served once the feature was first enabled,
// and still after a disable, so tokens issued before it stay verifiable; 404 for an account that
// never enabled it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { send } from '../decisions/routes.js';
import { OIDC_BASE, jwks, openIdConfiguration } from '../directory/outbound-federation.js';
import type { App } from './app.js';

const PATH = /^\/_rolegate\/oidc\/(\d{12})\/\.well-known\/(openid-configuration|jwks\.json)$/;
const CACHE = { 'cache-control': 'public, max-age=300' };

/** Handles /_rolegate/oidc/…; false for any other URL. */
export function oidcDiscoveryRoute(app: Pick<App, 'store' | 'log'>, req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? '/').split('?')[0];
  if (!path.startsWith(OIDC_BASE)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, { message: 'Method Not Allowed' }, { allow: 'GET, HEAD' });
    return true;
  }
  serve(app, path, res).catch((e) => {
    app.log.error({ error: e instanceof Error ? e.message : String(e), route: OIDC_BASE }, 'oidc discovery route failed');
    if (!res.headersSent) send(res, 500, { message: 'Internal error' });
    else res.end();
  });
  return true;
}

async function serve(app: Pick<App, 'store'>, path: string, res: ServerResponse): Promise<void> {
  const m = PATH.exec(path);
  const record = m ? await app.store.accountSettings.getOutboundWebIdentity(m[1]) : undefined;
  if (!m || !record) {
    send(res, 404, { message: 'Not Found' });
    return;
  }
  send(res, 200, m[2] === 'jwks.json' ? jwks(record) : openIdConfiguration(record), CACHE);
}

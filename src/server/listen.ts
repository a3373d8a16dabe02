// The HTTP listener: rolegate's own routes under /_rolegate/, everything else to the AWS pipeline.
import { createServer, type Server } from 'node:http';
import type { App } from './app.js';
import { handle } from './pipeline.js';
import { adminRoute } from '../decisions/routes.js';

const VERSION = '0.1.0';

export function startServer(app: App): Promise<Server> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/_rolegate/')) {
      if (url === '/_rolegate/health' && req.method === 'GET') {
        const body = JSON.stringify({ status: 'ok', service: 'rolegate', version: VERSION, storage: app.store.engine });
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
        return;
      }
      if (url === '/_rolegate/reset' && req.method === 'POST' && app.config.allowReset) {
        // Decisions still waiting to be written belong to the state being wiped.
        Promise.resolve(app.decisions?.flush()).then(() => app.store.reset()).then(
          () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"reset":true}'),
          (e) => {
            app.log.error({ error: String(e) }, 'reset failed');
            res.writeHead(500, { 'content-type': 'application/json' }).end('{"reset":false}');
          },
        );
        return;
      }
      if (app.decisions && adminRoute(app, app.decisions, req, res)) return;
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      return;
    }
    handle(req, res, app).catch((e) => {
      app.log.error({ error: String(e) }, 'request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(app.config.port, app.config.host, () => resolve(server));
  });
}

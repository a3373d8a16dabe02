// `rolegate serve` / `npm start`: runs the server in the foreground until SIGINT or SIGTERM.
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.js';
import { createApp } from './server/app.js';
import { MasterKeyError } from './auth/secrets.js';
import { AccountKeyError } from './server/accounts.js';
import { startServer } from './server/listen.js';
import { createLog } from './shared/log.js';

export async function serve(argv: string[]): Promise<number> {
  let config;
  try {
    config = loadConfig(argv);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`rolegate: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const log = createLog(process.env.ROLEGATE_QUIET === '1');
  let started;
  try {
    started = await createApp(config, log);
  } catch (e) {
    // Refusals the operator can act on: one line, naming the file or key id, never a secret.
    if (e instanceof MasterKeyError || e instanceof AccountKeyError) {
      process.stderr.write(`rolegate: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const { app, printed, warnings } = started;
  for (const w of warnings) process.stderr.write(`rolegate: warning: ${w}\n`);
  for (const p of printed) {
    // Printed once, when generated; never logged again.
    process.stdout.write(
      `rolegate: root credentials of account ${p.accountId} (shown once)\n` +
        `  AWS_ACCESS_KEY_ID=${p.keys.accessKeyId}\n  AWS_SECRET_ACCESS_KEY=${p.keys.secretAccessKey}\n`,
    );
  }
  const server = await startServer(app);
  if (app.jobs.hasKinds) app.jobs.start();
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  process.stdout.write(`rolegate: listening on http://${config.host}:${port} (account ${config.accountId}, data ${config.dataDir})\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.jobs.stop();
  await app.decisions?.close();
  await app.store.close();
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  serve(process.argv.slice(2)).then((code) => process.exit(code));
}

// `rolegate serve` / `npm start`: runs the server in the foreground until SIGINT or SIGTERM.
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.js';
import { createApp } from './server/app.js';
import { MasterKeyError } from './auth/secrets.js';
import { AccountKeyError } from './server/accounts.js';
import { startServer } from './server/listen.js';
import { loadTls, TlsError, type ServerTls } from './server/tls.js';
import { AccessLog } from './server/access-log.js';
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
  let tls: ServerTls | undefined;
  let accessLog: AccessLog | undefined;
  try {
    // Before the store opens: a certificate or log file that cannot be used stops the start at once.
    if (config.tls) tls = loadTls(config.tls, config.dataDir, config.host);
    if (config.accessLog) {
      accessLog = AccessLog.open(config.accessLog);
      await accessLog.ready();
    }
  } catch (e) {
    const message = e instanceof TlsError ? e.message : `ROLEGATE_ACCESS_LOG: cannot open ${config.accessLog} (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
    process.stderr.write(`rolegate: ${message}\n`);
    return 1;
  }
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
  const server = await startServer(app, { tls, accessLog });
  if (app.jobs.hasKinds) app.jobs.start();
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  if (tls) {
    process.stdout.write(
      `rolegate: TLS certificate ${tls.certFile}${tls.generated ? ' (self-signed, made now)' : ''}\n` +
        `  SHA-256 fingerprint ${tls.fingerprint}\n` +
        (config.tls?.kind === 'self-signed' ? `  trust it with: aws --ca-bundle ${tls.certFile} … (or AWS_CA_BUNDLE=${tls.certFile})\n` : ''),
    );
  } else if (!isLoopback(config.host)) {
    log.warn({ host: config.host, port }, 'listening on a non-loopback address without TLS: session tokens, request contents and the root secrets sent as HTTP Basic to /_rolegate/ travel in clear; set ROLEGATE_TLS_CERT and ROLEGATE_TLS_KEY, or ROLEGATE_TLS=self-signed');
  }
  const org = config.services.organization;
  if (org) {
    // The ids the organizations access report's EntityPath is made of (IAM answers the organization id only).
    const members = org.memberAccountIds.length ? org.memberAccountIds.join(', ') : 'none';
    process.stdout.write(`rolegate: organization ${org.organizationId}, root ${org.rootId}: management account ${org.managementAccountId}, member accounts ${members}\n`);
  }
  process.stdout.write(`rolegate: listening on ${tls ? 'https' : 'http'}://${config.host}:${port} (account ${config.accountId}, data ${config.dataDir})\n`);
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
  await accessLog?.close();
  return 0;
}

/** An address only this machine reaches: 127.0.0.0/8, ::1, localhost. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::ffff:127.0.0.1';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  serve(process.argv.slice(2)).then((code) => process.exit(code));
}

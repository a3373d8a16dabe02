// A rolegate started inside the test process (createApp + startServer on a free port, fresh data
// folder), so mutation testing sees the authentication code that the SDK's requests go through.
import { after, before } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { S3Client } from '@aws-sdk/client-s3';
import { loadConfig } from '../../src/config.js';
import { createApp, type App } from '../../src/server/app.js';
import { startServer, type Listening } from '../../src/server/listen.js';

export interface Credentials { accessKeyId: string; secretAccessKey: string; sessionToken?: string }

export const ACCOUNT = '111122223333';
export const ROOT: Credentials = { accessKeyId: 'AKIAROLEGATEAUTH0001', secretAccessKey: 'auth-test-root-secret-000000000000000000' };

export interface InProcess {
  app: App;
  endpoint: string;
  iam(credentials?: Credentials): IAMClient;
  sts(credentials?: Credentials): STSClient;
  s3(credentials?: Credentials): S3Client;
}

/** Starts one server for the file's tests (before) and stops it (after). */
export function useInProcessServer(): InProcess {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-auth-'));
  let server: Listening;
  const rg = {
    endpoint: '',
    iam: (credentials = ROOT) => new IAMClient({ endpoint: rg.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 }),
    sts: (credentials = ROOT) => new STSClient({ endpoint: rg.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 }),
    s3: (credentials = ROOT) => new S3Client({ endpoint: rg.endpoint, region: 'us-east-1', credentials, maxAttempts: 1, forcePathStyle: true }),
  } as InProcess;
  before(async () => {
    const config = loadConfig([], {
      ROLEGATE_DATA: dir, ROLEGATE_PORT: '0', ROLEGATE_ACCOUNT_ID: ACCOUNT,
      ROLEGATE_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId, ROLEGATE_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey,
    });
    ({ app: rg.app } = await createApp(config, { info() {}, warn() {}, error() {} }));
    server = await startServer(rg.app);
    const addr = server.address();
    rg.endpoint = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await rg.app.store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return rg;
}

// Amazon Pinpoint assuming a customer's role, in-process: STS's AssumeRole called as the service
// principal through the one authorize step; the trust policy for pinpoint.amazonaws.com admits the
// service only with a matching aws:SourceAccount/aws:SourceArn (and sts:ExternalId where it asks).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { CreateRoleCommand, IAMClient, GetRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { loadConfig } from '../../../src/config.js';
import { createApp, type App } from '../../../src/server/app.js';
import { startServer } from '../../../src/server/listen.js';
import { AwsError } from '../../../src/protocol/errors.js';

const ROOT = { accessKeyId: 'AKIAROLEGATESVC00001', secretAccessKey: 'service-test-secret-000000000000000000000' };
let app: App;
let server: Server;
let endpoint: string;
const dir = mkdtempSync(join(tmpdir(), 'rolegate-svc-'));

before(async () => {
  const config = loadConfig([], { ROLEGATE_DATA: dir, ROLEGATE_PORT: '0', ROLEGATE_ACCOUNT_ID: '111122223333', ROLEGATE_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId, ROLEGATE_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey });
  ({ app } = await createApp(config, { info() {}, error() {} }));
  server = await startServer(app);
  const addr = server.address();
  endpoint = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const iam = new IAMClient({ endpoint, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 });
  await iam.send(new CreateRoleCommand({
    RoleName: 'PinpointSegmentImport',
    AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' }, ArnLike: { 'aws:SourceArn': 'arn:aws:mobiletargeting:us-east-1:111122223333:apps/*' } },
      }],
    }),
  }));
  await iam.send(new CreateRoleCommand({
    RoleName: 'ExternalIdRole',
    AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'ext-1234' } } }],
    }),
  }));
  await iam.send(new CreateRoleCommand({
    RoleName: 'SeedRole',
    AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
  }));
});
after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await app.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const base = {
  service: 'pinpoint.amazonaws.com', roleArn: 'arn:aws:iam::111122223333:role/PinpointSegmentImport', sessionName: 'pinpoint-import',
  sourceAccount: '111122223333', sourceArn: 'arn:aws:mobiletargeting:us-east-1:111122223333:apps/app1',
};

async function deniedWith(p: Promise<unknown>, pattern: RegExp) {
  await assert.rejects(p, (e: unknown) => e instanceof AwsError && e.code === 'AccessDenied' && e.status === 403 && pattern.test(e.message));
}

test('Pinpoint assumes the role when its source account and app match the trust conditions; the session works', async () => {
  const { credentials, arn } = await app.acting.assumeRoleAsService(base);
  assert.equal(arn, 'arn:aws:sts::111122223333:assumed-role/PinpointSegmentImport/pinpoint-import');
  const sts = new STSClient({ endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: credentials.AccessKeyId!, secretAccessKey: credentials.SecretAccessKey!, sessionToken: credentials.SessionToken! } });
  assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Arn, arn);
});

test('another source account is refused (the confused-deputy condition)', async () => {
  await deniedWith(app.acting.assumeRoleAsService({ ...base, sourceAccount: '444455556666', sourceArn: 'arn:aws:mobiletargeting:us-east-1:444455556666:apps/app1' }),
    /^User: pinpoint\.amazonaws\.com is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role\/PinpointSegmentImport/);
});

test('a source ARN outside the allowed apps is refused', async () => {
  await deniedWith(app.acting.assumeRoleAsService({ ...base, sourceArn: 'arn:aws:mobiletargeting:eu-west-1:111122223333:apps/app1' }), /sts:AssumeRole/);
});

test('another service principal is refused', async () => {
  await deniedWith(app.acting.assumeRoleAsService({ ...base, service: 'firehose.amazonaws.com' }), /firehose\.amazonaws\.com is not authorized/);
});

test("the seed's trust policy, without conditions, admits Pinpoint for any source", async () => {
  const { arn } = await app.acting.assumeRoleAsService({ ...base, roleArn: 'arn:aws:iam::111122223333:role/SeedRole', sourceAccount: '999988887777', sourceArn: 'arn:aws:mobiletargeting:us-east-1:999988887777:apps/x' });
  assert.equal(arn, 'arn:aws:sts::111122223333:assumed-role/SeedRole/pinpoint-import');
});

test('a missing role is an AccessDenied, not a NoSuchEntity', async () => {
  await deniedWith(app.acting.assumeRoleAsService({ ...base, roleArn: 'arn:aws:iam::111122223333:role/Nope' }), /not authorized/);
});

test('assuming records the role last use', async () => {
  await app.acting.assumeRoleAsService(base);
  const iam = new IAMClient({ endpoint, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 });
  let used;
  for (let i = 0; i < 50 && !used?.LastUsedDate; i++) {
    used = (await iam.send(new GetRoleCommand({ RoleName: 'PinpointSegmentImport' }))).Role!.RoleLastUsed;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.ok(used?.LastUsedDate instanceof Date);
  assert.equal(used?.Region, 'us-east-1');
});

test('a trust policy that asks for sts:ExternalId admits the service only with that id', async () => {
  const role = { ...base, roleArn: 'arn:aws:iam::111122223333:role/ExternalIdRole' };
  await deniedWith(app.acting.assumeRoleAsService(role), /sts:AssumeRole on resource: arn:aws:iam::111122223333:role\/ExternalIdRole/);
  await deniedWith(app.acting.assumeRoleAsService({ ...role, externalId: 'ext-9999' }), /not authorized/);
  const { arn } = await app.acting.assumeRoleAsService({ ...role, externalId: 'ext-1234' });
  assert.equal(arn, 'arn:aws:sts::111122223333:assumed-role/ExternalIdRole/pinpoint-import');
});

test('the decision log records the service principal, its confused-deputy keys and the trust statement that decided', async () => {
  await deniedWith(app.acting.assumeRoleAsService({ ...base, sourceAccount: '444455556666', sourceArn: 'arn:aws:mobiletargeting:us-east-1:444455556666:apps/app9' }), /not authorized/);
  await app.decisions!.flush();
  const page = await app.store.decisions.list({ principal: 'pinpoint.amazonaws.com', result: 'ImplicitlyDenied' }, { maxItems: 10 });
  const denied = page.items.find((r) => r.context['aws:SourceArn'] === 'arn:aws:mobiletargeting:us-east-1:444455556666:apps/app9');
  assert.ok(denied, 'the denial is in the log');
  assert.equal(denied.action, 'sts:AssumeRole');
  assert.equal(denied.resource, 'arn:aws:iam::111122223333:role/PinpointSegmentImport');
  assert.equal(denied.context['aws:SourceAccount'], '444455556666');
  assert.equal(denied.context['aws:PrincipalServiceName'], 'pinpoint.amazonaws.com');
  assert.deepEqual(denied.trustConditions?.map((m) => m.keys.sort()), [['aws:SourceAccount', 'aws:SourceArn']]);
});

test("the role session calls other services through the authorize step: refused until the role's policy allows", async () => {
  const session = await app.acting.assumeRoleAsService(base);
  assert.equal(session.caller.type, 'assumed-role');
  await deniedWith(app.acting.call(session.caller, 'iam', 'GetRole', { RoleName: 'SeedRole' }),
    /^User: arn:aws:sts::111122223333:assumed-role\/PinpointSegmentImport\/pinpoint-import is not authorized to perform: iam:GetRole on resource: arn:aws:iam::111122223333:role\/SeedRole because no identity-based policy allows the iam:GetRole action$/);
  const iam = new IAMClient({ endpoint, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 });
  await iam.send(new PutRolePolicyCommand({ RoleName: 'PinpointSegmentImport', PolicyName: 'read-roles', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' }] }) }));
  const out = await app.acting.call<{ Role: { RoleName: string } }>(session.caller, 'iam', 'GetRole', { RoleName: 'SeedRole' });
  assert.equal(out.Role.RoleName, 'SeedRole');
  // The model's validation applies to in-process calls as to outside ones.
  await assert.rejects(app.acting.call(session.caller, 'iam', 'GetRole', { RoleName: '' }), (e: unknown) => e instanceof AwsError && e.code === 'ValidationError');
});

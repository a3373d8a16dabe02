// Authentication as a client sees it: unsigned, wrongly signed, unknown keys, skewed clocks, inactive keys.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateAccessKeyCommand, CreateUserCommand, GetAccessKeyLastUsedCommand, ListRolesCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { IAMClient } from '@aws-sdk/client-iam';
import { startRolegate, TEST_ROOT, type Rolegate } from '../support/server.js';
import { rejectsWith } from '../support/errors.js';

let server: Rolegate;
before(async () => {
  server = await startRolegate();
});
after(() => server.stop());

test('the configured root keys are accepted as given and GetCallerIdentity names the root', async () => {
  const id = await server.sts().send(new GetCallerIdentityCommand({}));
  assert.equal(id.Account, '111122223333');
  assert.equal(id.Arn, 'arn:aws:iam::111122223333:root');
});

test('a request without a signature answers MissingAuthenticationToken (403) in the XML envelope', async () => {
  const r = await fetch(server.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Action=ListRoles&Version=2010-05-08',
  });
  assert.equal(r.status, 403);
  const body = await r.text();
  assert.match(body, /<Code>MissingAuthenticationToken<\/Code>/);
  assert.match(body, /<RequestId>[0-9a-f-]{36}<\/RequestId>/);
  assert.ok(r.headers.get('x-amzn-requestid'));
});

test('a wrong secret answers SignatureDoesNotMatch (403)', async () => {
  const iam = server.iam({ accessKeyId: TEST_ROOT.accessKeyId, secretAccessKey: 'not-the-secret-000000000000000000000000' });
  await rejectsWith(iam.send(new ListRolesCommand({})), 'SignatureDoesNotMatch', 403, /The request signature we calculated does not match the signature you provided/);
});

test('an unknown access key answers InvalidClientTokenId (403)', async () => {
  const iam = server.iam({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: TEST_ROOT.secretAccessKey });
  await rejectsWith(iam.send(new ListRolesCommand({})), 'InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
});

test('a clock 20 minutes behind answers SignatureDoesNotMatch with "Signature expired"', async () => {
  const iam = new IAMClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: TEST_ROOT, maxAttempts: 1, systemClockOffset: -20 * 60 * 1000 });
  await rejectsWith(iam.send(new ListRolesCommand({})), 'SignatureDoesNotMatch', 403, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
});

test("an IAM user's key works while active and is refused once made inactive", async () => {
  const iam = server.iam();
  await iam.send(new CreateUserCommand({ UserName: 'alice' }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
  assert.match(AccessKey!.AccessKeyId!, /^AKIA[A-Z2-7]{16}$/);
  const alice = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  const id = await server.sts(alice).send(new GetCallerIdentityCommand({}));
  assert.equal(id.Arn, 'arn:aws:iam::111122223333:user/alice');
  assert.match(id.UserId!, /^AIDA/);
  // The use is recorded beside the request, not on its path: poll briefly for it.
  let used;
  for (let i = 0; i < 50; i++) {
    used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: alice.accessKeyId }));
    if (used.AccessKeyLastUsed?.ServiceName === 'sts') break;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(used!.UserName, 'alice');
  assert.equal(used!.AccessKeyLastUsed!.ServiceName, 'sts');
  assert.equal(used!.AccessKeyLastUsed!.Region, 'us-east-1');
  assert.ok(used!.AccessKeyLastUsed!.LastUsedDate instanceof Date);
  await iam.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: alice.accessKeyId, Status: 'Inactive' }));
  await rejectsWith(server.sts(alice).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
});

test('an unknown Action answers InvalidAction', async () => {
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const { Sha256 } = await import('@aws-crypto/sha256-js');
  const signer = new SignatureV4({ credentials: TEST_ROOT, region: 'us-east-1', service: 'iam', sha256: Sha256 });
  const url = new URL(server.endpoint);
  const body = 'Action=FlyToTheMoon&Version=2010-05-08';
  const signed = await signer.sign({
    method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {},
    headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' }, body,
  });
  const r = await fetch(server.endpoint, { method: 'POST', headers: signed.headers as Record<string, string>, body });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /<Code>InvalidAction<\/Code><Message>Could not find operation FlyToTheMoon for version 2010-05-08<\/Message>/);
});

test("an unsigned unknown Action is answered in the envelope of the service its Version names", async () => {
  const r = await fetch(server.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=FlyToTheMoon&Version=2011-06-15' });
  assert.equal(r.status, 400);
  const text = await r.text();
  assert.match(text, /<Code>InvalidAction<\/Code><Message>Could not find operation FlyToTheMoon for version 2011-06-15<\/Message>/);
  assert.match(text, /xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"/);
});

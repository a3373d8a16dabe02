// The credential report through @aws-sdk/client-iam: GenerateCredentialReport's STARTED then
// COMPLETE, GetCredentialReport's CSV with AWS's columns in AWS's order, the <root_account> row,
// users' passwords and access keys as AWS writes them (N/A, no_information, not_supported), and the
// report's four-hour life (shortened here through ROLEGATE_IAM_CREDENTIAL_REPORT_MS).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand, CreateLoginProfileCommand, CreateUserCommand, GenerateCredentialReportCommand, GetCredentialReportCommand, GetUserCommand,
  PutUserPolicyCommand, UpdateAccessKeyCommand, UpdateAccountPasswordPolicyCommand, type IAMClient,
} from '@aws-sdk/client-iam';
import { startRolegate, useRolegate, type Rolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const COLUMNS = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,'
  + 'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,'
  + 'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,'
  + 'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;

async function report(iam: IAMClient) {
  const r = await iam.send(new GetCredentialReportCommand({}));
  const lines = Buffer.from(r.Content!).toString('utf8').split('\n');
  const header = lines[0].split(',');
  const rows = new Map(lines.slice(1).map((l) => {
    const cells = l.split(',');
    return [cells[0], Object.fromEntries(header.map((h, i) => [h, cells[i]]))] as const;
  }));
  return { r, lines, rows };
}

describe('credential report', () => {
  const rg = useRolegate();

  test('GetCredentialReport before any was generated answers ReportNotPresent (410)', async () => {
    await rejectsWith(rg.iam.send(new GetCredentialReportCommand({})), 'CredentialReportNotPresentException', 410,
      'The request was rejected because the credential report does not exist. To generate a credential report, use GenerateCredentialReport.');
  });

  test('GenerateCredentialReport answers STARTED, then COMPLETE while the report is fresh', async () => {
    const first = await rg.iam.send(new GenerateCredentialReportCommand({}));
    assert.equal(first.State, 'STARTED');
    assert.equal(first.Description, 'No report exists. Starting a new report generation task');
    const second = await rg.iam.send(new GenerateCredentialReportCommand({}));
    assert.equal(second.State, 'COMPLETE');
  });

  test("the report is text/csv with AWS's columns in order, the root first, then each user", async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new GenerateCredentialReportCommand({}));
    const { r, lines, rows } = await report(rg.iam);
    assert.equal(r.ReportFormat, 'text/csv');
    assert.ok(r.GeneratedTime instanceof Date);
    assert.ok(Math.abs(r.GeneratedTime!.getTime() - Date.now()) < 60_000);
    assert.equal(lines[0], COLUMNS);
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), ['<root_account>', 'alice', 'bob']);
    const root = rows.get('<root_account>')!;
    assert.equal(root.arn, 'arn:aws:iam::111122223333:root');
    assert.match(root.user_creation_time, TIME);
    assert.equal(root.password_enabled, 'not_supported');
    assert.equal(root.password_last_changed, 'not_supported');
    assert.equal(root.password_next_rotation, 'not_supported');
    assert.equal(root.mfa_active, 'false');
    // The root's key signs these very requests.
    assert.equal(root.access_key_1_active, 'true');
    assert.match(root.access_key_1_last_rotated, TIME);
    assert.equal(root.access_key_1_last_used_service, 'iam');
    const bob = rows.get('bob')!;
    assert.deepEqual(bob, {
      user: 'bob', arn: 'arn:aws:iam::111122223333:user/bob', user_creation_time: bob.user_creation_time,
      password_enabled: 'false', password_last_used: 'N/A', password_last_changed: 'N/A', password_next_rotation: 'N/A', mfa_active: 'false',
      access_key_1_active: 'false', access_key_1_last_rotated: 'N/A', access_key_1_last_used_date: 'N/A', access_key_1_last_used_region: 'N/A', access_key_1_last_used_service: 'N/A',
      access_key_2_active: 'false', access_key_2_last_rotated: 'N/A', access_key_2_last_used_date: 'N/A', access_key_2_last_used_region: 'N/A', access_key_2_last_used_service: 'N/A',
      cert_1_active: 'false', cert_1_last_rotated: 'N/A', cert_2_active: 'false', cert_2_last_rotated: 'N/A',
    });
    assert.match(bob.user_creation_time, TIME);
  });

  test("a user's password, next rotation under MaxPasswordAge, and two keys (one used, one inactive) are reported", async () => {
    await rg.iam.send(new UpdateAccountPasswordPolicyCommand({ MaxPasswordAge: 90 }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] }) }));
    await rg.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-1' }));
    const k1 = (await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    const k2 = (await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    await rg.server.iam({ accessKeyId: k1.AccessKeyId!, secretAccessKey: k1.SecretAccessKey! }).send(new GetUserCommand({}));
    await rg.iam.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: k2.AccessKeyId, Status: 'Inactive' }));
    await rg.iam.send(new GenerateCredentialReportCommand({}));
    const alice = (await report(rg.iam)).rows.get('alice')!;
    assert.equal(alice.password_enabled, 'true');
    assert.equal(alice.password_last_used, 'no_information');
    assert.match(alice.password_last_changed, TIME);
    const next = Date.parse(alice.password_next_rotation);
    assert.equal(next - Date.parse(alice.password_last_changed), 90 * 86_400_000);
    assert.equal(alice.access_key_1_active, 'true');
    assert.match(alice.access_key_1_last_rotated, TIME);
    assert.match(alice.access_key_1_last_used_date, TIME);
    assert.equal(alice.access_key_1_last_used_region, 'us-east-1');
    assert.equal(alice.access_key_1_last_used_service, 'iam');
    assert.equal(alice.access_key_2_active, 'false');
    assert.match(alice.access_key_2_last_rotated, TIME);
    assert.equal(alice.access_key_2_last_used_date, 'N/A');
  });

  test('a fresh report is not regenerated: a user created after it is not in it', async () => {
    await rg.iam.send(new GenerateCredentialReportCommand({}));
    await rg.iam.send(new CreateUserCommand({ UserName: 'late' }));
    assert.equal((await rg.iam.send(new GenerateCredentialReportCommand({}))).State, 'COMPLETE');
    assert.equal((await report(rg.iam)).rows.has('late'), false);
  });

  test('a user without iam:GetCredentialReport is refused with AccessDenied on *', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'eve' }));
    const k = (await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'eve' }))).AccessKey!;
    const eve = rg.server.iam({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! });
    const e = await rejectsWith(eve.send(new GetCredentialReportCommand({})), 'AccessDenied', 403);
    assert.match(e.message, /iam:GetCredentialReport on resource: \*/);
  });
});

describe('credential report expiry', () => {
  let server: Rolegate;
  before(async () => { server = await startRolegate({ env: { ROLEGATE_IAM_CREDENTIAL_REPORT_MS: '1500' } }); });
  after(() => server.stop());

  test('once older than its life the report answers ReportExpired (410), and GenerateCredentialReport makes a new one', async () => {
    const iam = server.iam();
    assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'STARTED');
    const first = (await iam.send(new GetCredentialReportCommand({}))).GeneratedTime!;
    await new Promise((r) => setTimeout(r, 1600));
    await rejectsWith(iam.send(new GetCredentialReportCommand({})), 'CredentialReportExpiredException', 410, /most recent credential report has expired/);
    await iam.send(new CreateUserCommand({ UserName: 'newcomer' }));
    assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'STARTED');
    const again = await report(iam);
    assert.ok(again.r.GeneratedTime!.getTime() > first.getTime());
    assert.equal(again.rows.has('newcomer'), true);
  });
});

// SetSecurityTokenServicePreferences through @aws-sdk/client-iam: the global endpoint's token
// version per account, as GetAccountSummary's GlobalEndpointTokenVersion reports it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateAccessKeyCommand, CreateUserCommand, GetAccountSummaryCommand, PutUserPolicyCommand, SetSecurityTokenServicePreferencesCommand } from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const version = async () => (await rg.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.GlobalEndpointTokenVersion;

test('v2Token makes GlobalEndpointTokenVersion 2; v1Token makes it 1 again; 1 before any choice', async () => {
  assert.equal(await version(), 1);
  await rg.iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' }));
  assert.equal(await version(), 2);
  await rg.iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' }));
  assert.equal(await version(), 2);
  await rg.iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v1Token' }));
  assert.equal(await version(), 1);
});

test('a version other than v1Token or v2Token, or none, answers ValidationError and changes nothing', async () => {
  await rg.iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' }));
  await rejectsWith(rg.iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v3Token' as 'v2Token' })), 'ValidationError', 400,
    /globalEndpointTokenVersion.*\[v1Token, v2Token\]/);
  await rejectsWith(rg.iam.send(new SetSecurityTokenServicePreferencesCommand({} as { GlobalEndpointTokenVersion: 'v1Token' })), 'ValidationError', 400,
    /globalEndpointTokenVersion/);
  assert.equal(await version(), 2);
});

test('is authorized as iam:SetSecurityTokenServicePreferences: a user without it gets AccessDenied (403)', async () => {
  await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
  const k = (await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
  const alice = rg.server.iam({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! });
  await rejectsWith(alice.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' })), 'AccessDenied', 403,
    /iam:SetSecurityTokenServicePreferences/);
  await rg.iam.send(new PutUserPolicyCommand({
    UserName: 'alice', PolicyName: 'p',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:SetSecurityTokenServicePreferences', Resource: '*' }] }),
  }));
  await alice.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' }));
  assert.equal(await version(), 2);
});

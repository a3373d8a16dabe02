// Outbound web identity federation through @aws-sdk/client-iam: off by default, enabled once per
// account with an issuer on rolegate's own port, disabled once, its state answered in between.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand, CreateUserCommand, DisableOutboundWebIdentityFederationCommand, EnableOutboundWebIdentityFederationCommand,
  GetOutboundWebIdentityFederationInfoCommand, PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { TEST_ACCOUNT, useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();

test('off by default: Get and Disable answer FeatureDisabled (404)', async () => {
  await rejectsWith(rg.iam.send(new GetOutboundWebIdentityFederationInfoCommand({})), 'FeatureDisabledException', 404, /disabled/);
  await rejectsWith(rg.iam.send(new DisableOutboundWebIdentityFederationCommand({})), 'FeatureDisabledException', 404, /disabled/);
});

test('Enable answers the issuer on the server\'s port; Get answers it enabled; a second Enable is FeatureEnabled (409)', async () => {
  const issuer = (await rg.iam.send(new EnableOutboundWebIdentityFederationCommand({}))).IssuerIdentifier;
  assert.equal(issuer, `${rg.server.endpoint}/_rolegate/oidc/${TEST_ACCOUNT}`);
  assert.deepEqual(await info(), { IssuerIdentifier: issuer, JwtVendingEnabled: true });
  await rejectsWith(rg.iam.send(new EnableOutboundWebIdentityFederationCommand({})), 'FeatureEnabledException', 409, /already enabled/);
});

test('Disable turns it off: Get answers the same issuer with JwtVendingEnabled false; a second Disable is FeatureDisabled; Enable again keeps the issuer', async () => {
  const issuer = (await rg.iam.send(new EnableOutboundWebIdentityFederationCommand({}))).IssuerIdentifier;
  await rg.iam.send(new DisableOutboundWebIdentityFederationCommand({}));
  assert.deepEqual(await info(), { IssuerIdentifier: issuer, JwtVendingEnabled: false });
  await rejectsWith(rg.iam.send(new DisableOutboundWebIdentityFederationCommand({})), 'FeatureDisabledException', 404);
  assert.equal((await rg.iam.send(new EnableOutboundWebIdentityFederationCommand({}))).IssuerIdentifier, issuer);
  assert.equal((await info()).JwtVendingEnabled, true);
});

test('reset turns it off again', async () => {
  await rg.iam.send(new EnableOutboundWebIdentityFederationCommand({}));
  await rg.server.reset();
  await rejectsWith(rg.iam.send(new GetOutboundWebIdentityFederationInfoCommand({})), 'FeatureDisabledException', 404);
});

test('each operation is authorized as iam:<Operation>: a user without the permission gets AccessDenied (403)', async () => {
  await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
  const k = (await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
  const alice = rg.server.iam({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! });
  await rejectsWith(alice.send(new EnableOutboundWebIdentityFederationCommand({})), 'AccessDenied', 403, /iam:EnableOutboundWebIdentityFederation/);
  await rejectsWith(alice.send(new GetOutboundWebIdentityFederationInfoCommand({})), 'AccessDenied', 403, /iam:GetOutboundWebIdentityFederationInfo/);
  await rejectsWith(alice.send(new DisableOutboundWebIdentityFederationCommand({})), 'AccessDenied', 403, /iam:DisableOutboundWebIdentityFederation/);
  await rg.iam.send(new PutUserPolicyCommand({
    UserName: 'alice', PolicyName: 'p',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*OutboundWebIdentityFederation*', Resource: '*' }] }),
  }));
  await alice.send(new EnableOutboundWebIdentityFederationCommand({}));
  assert.equal((await alice.send(new GetOutboundWebIdentityFederationInfoCommand({}))).JwtVendingEnabled, true);
  await alice.send(new DisableOutboundWebIdentityFederationCommand({}));
});

async function info() {
  const { IssuerIdentifier, JwtVendingEnabled } = await rg.iam.send(new GetOutboundWebIdentityFederationInfoCommand({}));
  return { IssuerIdentifier, JwtVendingEnabled };
}

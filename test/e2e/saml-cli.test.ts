// SAML federation with the real AWS CLI: `aws iam create-saml-provider` with the IdP's metadata file,
// a role that trusts the provider, `aws sts assume-role-with-saml` with a signed Response, and the
// session's identity; the provider outlives a restart of the server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRolegate, type Rolegate } from '../support/server.js';
import { awsCli, cliDiagnostic, runCli } from '../support/cli.js';
import { b64, metadata, signedResponseXml, signingKey } from '../support/saml-idp.js';

const cli = awsCli();
const ACCOUNT = '111122223333';
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:saml-provider/CorpIdP`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/engineers`;
let server: Rolegate;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rolegate-saml-cli-'));
  server = await startRolegate({ dataDir: join(dir, 'data') });
});
after(async () => {
  if (server) await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('aws iam create-saml-provider, then aws sts assume-role-with-saml gives a session of the role; the provider survives a restart', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  const key = signingKey();
  writeFileSync(join(dir, 'metadata.xml'), metadata([key.certificateBase64]));
  const created = runCli(cli, server.endpoint, server.credentials, ['iam', 'create-saml-provider', '--name', 'CorpIdP', '--saml-metadata-document', `file://${join(dir, 'metadata.xml')}`]);
  assert.equal(created.status, 0, created.stderr);
  assert.equal(created.json.SAMLProviderArn, PROVIDER_ARN);

  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{
    Effect: 'Allow', Principal: { Federated: PROVIDER_ARN }, Action: 'sts:AssumeRoleWithSAML',
    Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
  }] });
  const role = runCli(cli, server.endpoint, server.credentials, ['iam', 'create-role', '--role-name', 'engineers', '--assume-role-policy-document', trust]);
  assert.equal(role.status, 0, role.stderr);

  writeFileSync(join(dir, 'assertion.b64'), b64(signedResponseXml(key, { roles: [`${ROLE_ARN},${PROVIDER_ARN}`], sessionName: 'dana' })));
  // The CLI sends assume-role-with-saml unsigned; the credentials in its environment are not used.
  const assumed = runCli(cli, server.endpoint, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'unused' }, [
    'sts', 'assume-role-with-saml', '--role-arn', ROLE_ARN, '--principal-arn', PROVIDER_ARN, '--saml-assertion', `file://${join(dir, 'assertion.b64')}`,
  ]);
  assert.equal(assumed.status, 0, assumed.stderr);
  assert.equal(assumed.json.AssumedRoleUser.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/engineers/dana`);
  assert.equal(assumed.json.SubjectType, 'persistent');
  const c = assumed.json.Credentials;
  const who = runCli(cli, server.endpoint, { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }, ['sts', 'get-caller-identity']);
  assert.equal(who.status, 0, who.stderr);
  assert.equal(who.json.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/engineers/dana`);

  // A replayed file after a change to it is refused in STS's words.
  writeFileSync(join(dir, 'tampered.b64'), b64(signedResponseXml(key, { roles: [`${ROLE_ARN},${PROVIDER_ARN}`], sessionName: 'dana' }).replace('>dana<', '>root<')));
  const tampered = runCli(cli, server.endpoint, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'unused' }, [
    'sts', 'assume-role-with-saml', '--role-arn', ROLE_ARN, '--principal-arn', PROVIDER_ARN, '--saml-assertion', `file://${join(dir, 'tampered.b64')}`,
  ]);
  assert.notEqual(tampered.status, 0);
  assert.match(tampered.stderr, /InvalidIdentityToken.*Response signature invalid/);

  await server.stop({ keepData: true });
  server = await startRolegate({ dataDir: join(dir, 'data') });
  const got = runCli(cli, server.endpoint, server.credentials, ['iam', 'get-saml-provider', '--saml-provider-arn', PROVIDER_ARN]);
  assert.equal(got.status, 0, got.stderr);
  assert.match(got.json.SAMLMetadataDocument, /IDPSSODescriptor/);
  const listed = runCli(cli, server.endpoint, server.credentials, ['iam', 'list-saml-providers']);
  assert.deepEqual(listed.json.SAMLProviderList.map((p: { Arn: string }) => p.Arn), [PROVIDER_ARN]);
});

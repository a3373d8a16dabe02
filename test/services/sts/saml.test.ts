// AssumeRoleWithSAML through the SDK against a started rolegate: a SAML Response signed by the key
// whose certificate the provider's metadata publishes, for AWS's audience and recipient, in time, and
// naming the (role, provider) pair; the trust policy decides with the saml:* keys. Anything changed
// after signing, wrapped around the signed assertion or signed by another key is refused.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CreateRoleCommand, CreateSAMLProviderCommand, UpdateSAMLProviderCommand, type IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleWithSAMLCommand, GetCallerIdentityCommand, STSClient, type AssumeRoleWithSAMLCommandInput } from '@aws-sdk/client-sts';
import { startRolegate, type Rolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';
import {
  assertionXml, b64, encryptAssertion, ISSUER, metadata, responseXml, signedResponseXml, signingKey, signXml, type ResponseOptions, type SigningKey,
} from '../../support/saml-idp.js';

const ACCOUNT = '111122223333';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/sso-admin`;
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:saml-provider/ExampleIdP`;
const PAIR = `${ROLE_ARN},${PROVIDER_ARN}`;

let server: Rolegate;
let iam: IAMClient;
let key: SigningKey;
let forger: SigningKey;

before(async () => {
  server = await startRolegate();
  iam = server.iam();
  key = signingKey();
  forger = signingKey();
});
after(() => server.stop());
beforeEach(() => server.reset());

/** No credentials: the SDK sends AssumeRoleWithSAML unsigned, as a browser plug-in or CLI helper would. */
const anonymousSts = () => new STSClient({ endpoint: server.endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' } });

const doc = (statement: object | object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statement });

async function setUp(options: { condition?: Record<string, unknown>; actions?: string[] } = {}) {
  await iam.send(new CreateSAMLProviderCommand({ Name: 'ExampleIdP', SAMLMetadataDocument: metadata([key.certificateBase64]) }));
  await iam.send(new CreateRoleCommand({
    RoleName: 'sso-admin',
    AssumeRolePolicyDocument: doc({
      Effect: 'Allow', Principal: { Federated: PROVIDER_ARN },
      Action: options.actions ?? 'sts:AssumeRoleWithSAML',
      Condition: options.condition ?? { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    }),
  }));
}

const assume = (assertion: string, extra: Partial<AssumeRoleWithSAMLCommandInput> = {}) =>
  anonymousSts().send(new AssumeRoleWithSAMLCommand({ RoleArn: ROLE_ARN, PrincipalArn: PROVIDER_ARN, SAMLAssertion: assertion, ...extra }));

const signed = (o: Partial<ResponseOptions> = {}, sign: 'assertion' | 'response' = 'assertion', by = key) =>
  signedResponseXml(by, { roles: [PAIR], ...o }, sign);

describe('AssumeRoleWithSAML behaviour', () => {
  test('a Response whose assertion the IdP signed assumes the role, and the session is the assumed role', async () => {
    await setUp();
    const r = await assume(b64(signed()), { DurationSeconds: 900 });
    assert.match(r.Credentials!.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
    const lifetime = r.Credentials!.Expiration!.getTime() - Date.now();
    assert.ok(lifetime > 880_000 && lifetime <= 900_000, `lifetime ${lifetime}`);
    assert.equal(r.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/sso-admin/alice@example.test`);
    assert.match(r.AssumedRoleUser!.AssumedRoleId!, /^AROA[A-Z2-7]+:alice@example\.test$/);
    assert.equal(r.Subject, 'alice');
    assert.equal(r.SubjectType, 'persistent');
    assert.equal(r.Issuer, ISSUER);
    assert.equal(r.Audience, 'https://signin.aws.amazon.com/saml');
    assert.equal(r.NameQualifier, createHash('sha1').update(`${ISSUER}${ACCOUNT}/ExampleIdP`).digest('base64'));
    assert.equal(r.PackedPolicySize, undefined);
    const session = { accessKeyId: r.Credentials!.AccessKeyId!, secretAccessKey: r.Credentials!.SecretAccessKey!, sessionToken: r.Credentials!.SessionToken! };
    const id = await server.sts(session).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/sso-admin/alice@example.test`);
  });

  test('a Response signed as a whole with RSA-SHA1 is accepted too, with the Role pair written provider first', async () => {
    await setUp();
    const xml = signedResponseXml(key, { roles: [`${PROVIDER_ARN},${ROLE_ARN}`] }, 'response', 'sha1');
    const r = await assume(b64(xml));
    assert.equal(r.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/sso-admin/alice@example.test`);
  });

  test('the trust policy sees saml:sub, saml:iss, saml:doc and saml:sub_type; a condition they do not meet answers AccessDenied (403)', async () => {
    await setUp({
      condition: {
        StringEquals: { 'saml:sub': 'alice', 'saml:iss': ISSUER, 'saml:doc': `${ACCOUNT}/ExampleIdP`, 'saml:sub_type': 'persistent' },
      },
    });
    await assume(b64(signed()));
    await rejectsWith(assume(b64(signed({ subject: 'mallory' }))), 'AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithSAML');
  });

  test('the session ends at the IdP\'s SessionNotOnOrAfter when that comes before DurationSeconds', async () => {
    await setUp();
    const r = await assume(b64(signed({ sessionNotOnOrAfter: new Date(Date.now() + 1_200_000) })), { DurationSeconds: 3600 });
    const lifetime = r.Credentials!.Expiration!.getTime() - Date.now();
    assert.ok(lifetime > 1_150_000 && lifetime <= 1_200_000, `lifetime ${lifetime}`);
  });

  test('PrincipalTag attributes tag the session only when the trust policy allows sts:TagSession', async () => {
    await setUp();
    const tagged = () => b64(signed({ attributes: { 'https://aws.amazon.com/SAML/Attributes/PrincipalTag:team': ['infra'] } }));
    await rejectsWith(assume(tagged()), 'AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithSAML');
    await server.reset();
    await setUp({ actions: ['sts:AssumeRoleWithSAML', 'sts:TagSession'] });
    const r = await assume(tagged());
    assert.ok(r.PackedPolicySize! > 0, 'session tags count in the packed size');
  });
});

describe('AssumeRoleWithSAML refusals', () => {
  test('an attribute changed after signing answers InvalidIdentityToken "Response signature invalid" (400)', async () => {
    await setUp();
    const xml = signed({ sessionName: 'alice' }).replace('<saml:AttributeValue>alice</saml:AttributeValue>', '<saml:AttributeValue>root-admin</saml:AttributeValue>');
    assert.match(xml, /root-admin/);
    await rejectsWith(assume(b64(xml)), 'InvalidIdentityTokenException', 400, 'Response signature invalid');
  });

  test('a second, unsigned assertion beside the signed one (signature wrapping) answers InvalidIdentityToken (400)', async () => {
    await setUp();
    const forged = assertionXml('_forged', { roles: [PAIR], sessionName: 'mallory' });
    const xml = signed().replace('<samlp:Status>', `${forged}<samlp:Status>`);
    await rejectsWith(assume(b64(xml)), 'InvalidIdentityTokenException', 400, /not a well-formed SAML 2.0 Response/);
    // The signed assertion hidden in an extension, a forged one in its place: refused too.
    const original = signed();
    const start = original.indexOf('<saml:Assertion');
    const end = original.indexOf('</saml:Assertion>') + '</saml:Assertion>'.length;
    const moved = original.slice(0, start) +
      `<samlp:Extensions>${original.slice(start, end)}</samlp:Extensions>${forged}` + original.slice(end);
    await rejectsWith(assume(b64(moved)), 'InvalidIdentityTokenException', 400, /not a well-formed SAML 2.0 Response/);
  });

  test('another element that reuses the signed assertion\'s ID answers InvalidIdentityToken (400)', async () => {
    await setUp();
    const xml = signed();
    const id = /<saml:Assertion[^>]* ID="([^"]+)"/.exec(xml)![1];
    const other = `<samlp:Extensions><x:Data xmlns:x="urn:example:x" ID="${id}">decoy</x:Data></samlp:Extensions>`;
    await rejectsWith(assume(b64(xml.replace('<samlp:Status>', `${other}<samlp:Status>`))), 'InvalidIdentityTokenException', 400, /not a well-formed SAML 2.0 Response/);
  });

  test('a comment put into a signed value after signing changes nothing: the signed text is what is read', async () => {
    await setUp();
    const xml = signed({ subject: 'admin@example.test.evil.test', sessionName: 'admin.evil' })
      .replace('>admin@example.test.evil.test<', '>admin@example.test<!---->.evil.test<')
      .replace('<saml:AttributeValue>admin.evil</saml:AttributeValue>', '<saml:AttributeValue>admin<!---->.evil</saml:AttributeValue>');
    assert.match(xml, /<!---->/);
    const r = await assume(b64(xml));
    assert.equal(r.Subject, 'admin@example.test.evil.test');
    assert.equal(r.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/sso-admin/admin.evil`);
  });

  test('a Response signed by a key the metadata does not publish answers InvalidIdentityToken (400)', async () => {
    await setUp();
    await rejectsWith(assume(b64(signed({}, 'assertion', forger))), 'InvalidIdentityTokenException', 400, 'Response signature invalid');
    await rejectsWith(assume(b64(signed({}, 'response', forger))), 'InvalidIdentityTokenException', 400, 'Response signature invalid');
  });

  test('an unsigned Response answers InvalidIdentityToken (400)', async () => {
    await setUp();
    const xml = signed().replace(/<ds:Signature[\s\S]*<\/ds:Signature>|<Signature[\s\S]*<\/Signature>/, '');
    assert.doesNotMatch(xml, /SignatureValue/);
    await rejectsWith(assume(b64(xml)), 'InvalidIdentityTokenException', 400, 'Response signature invalid');
  });

  test('an assertion past its NotOnOrAfter answers ExpiredTokenException "Response has expired" (400)', async () => {
    await setUp();
    const xml = signed({ notBefore: new Date(Date.now() - 900_000), notOnOrAfter: new Date(Date.now() - 600_000) });
    await rejectsWith(assume(b64(xml)), 'ExpiredTokenException', 400, 'Response has expired');
  });

  test('an assertion for another audience answers InvalidIdentityToken (400)', async () => {
    await setUp();
    await rejectsWith(assume(b64(signed({ audience: 'https://app.example.test/saml' }))), 'InvalidIdentityTokenException', 400, /audience/);
  });

  test('an assertion for another recipient answers InvalidIdentityToken (400)', async () => {
    await setUp();
    await rejectsWith(assume(b64(signed({ recipient: 'https://app.example.test/acs' }))), 'InvalidIdentityTokenException', 400, /sign-in endpoint/);
  });

  test('a role the Role attribute does not pair with this provider answers AccessDenied (403)', async () => {
    await setUp();
    const other = `arn:aws:iam::${ACCOUNT}:role/other,${PROVIDER_ARN}`;
    await rejectsWith(assume(b64(signed({ roles: [other] }))), 'AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithSAML');
    const otherProvider = `${ROLE_ARN},arn:aws:iam::${ACCOUNT}:saml-provider/Elsewhere`;
    await rejectsWith(assume(b64(signed({ roles: [otherProvider] }))), 'AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithSAML');
  });

  test('without a RoleSessionName attribute STS answers InvalidIdentityToken "RoleSessionName is required in AuthnResponse" (400)', async () => {
    await setUp();
    await rejectsWith(assume(b64(signed({ sessionName: '' }))), 'InvalidIdentityTokenException', 400, 'RoleSessionName is required in AuthnResponse');
  });

  test('a RoleSessionName attribute outside [\\w+=,.@-]{2,64} answers InvalidIdentityToken in STS words (400)', async () => {
    await setUp();
    await rejectsWith(assume(b64(signed({ sessionName: 'a' }))), 'InvalidIdentityTokenException', 400, 'RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}');
    await rejectsWith(assume(b64(signed({ sessionName: 'x'.repeat(65) }))), 'InvalidIdentityTokenException', 400, 'RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}');
    await rejectsWith(assume(b64(signed({ sessionName: 'a b' }))), 'InvalidIdentityTokenException', 400, 'RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}');
  });

  test('an assertion from another issuer answers InvalidIdentityToken (400)', async () => {
    await setUp();
    await rejectsWith(assume(b64(signed({ issuer: 'https://other-idp.example.test' }))), 'InvalidIdentityTokenException', 400, /Issuer/);
  });

  test('a provider the account does not have answers InvalidIdentityToken; a role without the Federated trust answers AccessDenied', async () => {
    await rejectsWith(assume(b64(signed())), 'InvalidIdentityTokenException', 400);
    await iam.send(new CreateSAMLProviderCommand({ Name: 'ExampleIdP', SAMLMetadataDocument: metadata([key.certificateBase64]) }));
    await rejectsWith(assume(b64(signed())), 'AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithSAML');
  });

  test('text that is not a SAML Response answers InvalidIdentityToken (400)', async () => {
    await setUp();
    await rejectsWith(assume(b64('<html>not saml</html>')), 'InvalidIdentityTokenException', 400);
    await rejectsWith(assume('%%%% not base64 %%%%'), 'InvalidIdentityTokenException', 400);
    await rejectsWith(assume(b64('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>')), 'InvalidIdentityTokenException', 400);
  });
});

describe('AssumeRoleWithSAML with encrypted assertions', () => {
  /** The service provider's key pair: IAM keeps the private key, the IdP encrypts to the certificate's key. */
  const sp = () => signingKey('sp.example.test');
  const publicKeyOf = (k: SigningKey) => k.certificate;

  test('with AssertionEncryptionMode Required, an encrypted signed assertion is accepted and a plain one refused', async () => {
    const spKey = sp();
    await setUp();
    await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN, AddPrivateKey: spKey.privateKey, AssertionEncryptionMode: 'Required' }));
    const r = await assume(b64(encryptAssertion(signed(), publicKeyOf(spKey))));
    assert.equal(r.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/sso-admin/alice@example.test`);
    // AES-CBC under a signed Response, the assertion itself unsigned.
    const cbc = signXml(key, encryptAssertion(responseXml({ roles: [PAIR], sessionName: 'bob' }), publicKeyOf(spKey), 'aes128-cbc'), 'response');
    assert.equal((await assume(b64(cbc))).AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/sso-admin/bob`);
    await rejectsWith(assume(b64(signed())), 'InvalidIdentityTokenException', 400, /requires encrypted assertions/);
  });

  test('an assertion encrypted for another key, or for a provider without keys, answers InvalidIdentityToken (400)', async () => {
    await setUp();
    await rejectsWith(assume(b64(encryptAssertion(signed(), publicKeyOf(sp())))), 'InvalidIdentityTokenException', 400, /could not be decrypted/);
    await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN, AddPrivateKey: sp().privateKey }));
    await rejectsWith(assume(b64(encryptAssertion(signed(), publicKeyOf(sp())))), 'InvalidIdentityTokenException', 400, /could not be decrypted/);
  });

  test('an encrypted assertion that nobody signed, or changed inside before encrypting, answers "Response signature invalid" (400)', async () => {
    const spKey = sp();
    await setUp();
    await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: PROVIDER_ARN, AddPrivateKey: spKey.privateKey }));
    await rejectsWith(assume(b64(encryptAssertion(responseXml({ roles: [PAIR] }), publicKeyOf(spKey)))), 'InvalidIdentityTokenException', 400, 'Response signature invalid');
    const changed = signed({ sessionName: 'alice' }).replace('<saml:AttributeValue>alice</saml:AttributeValue>', '<saml:AttributeValue>root-admin</saml:AttributeValue>');
    await rejectsWith(assume(b64(encryptAssertion(changed, publicKeyOf(spKey)))), 'InvalidIdentityTokenException', 400, 'Response signature invalid');
  });
});

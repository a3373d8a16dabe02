// SAML providers through @aws-sdk/client-iam: the metadata document IAM reads (issuer, signing
// certificates, validUntil) and refuses, the ARN from the name, listing, updating, tags, private
// keys, the quota and the account summary's Providers count.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import {
  CreateAccessKeyCommand, CreateOpenIDConnectProviderCommand, CreateSAMLProviderCommand, CreateUserCommand, PutUserPolicyCommand, DeleteSAMLProviderCommand, GetAccountSummaryCommand, GetSAMLProviderCommand,
  ListSAMLProvidersCommand, ListSAMLProviderTagsCommand, TagSAMLProviderCommand, UntagSAMLProviderCommand, UpdateSAMLProviderCommand,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';
import { metadata, signingKey, type SigningKey } from '../../support/saml-idp.js';

const ARN = 'arn:aws:iam::111122223333:saml-provider/ExampleIdP';
const rg = useRolegate();
let key: SigningKey;
before(() => { key = signingKey(); });

const create = (document = metadata([key.certificateBase64]), extra: Partial<{ Name: string; Tags: { Key: string; Value: string }[] }> = {}) =>
  rg.iam.send(new CreateSAMLProviderCommand({ Name: 'ExampleIdP', SAMLMetadataDocument: document, ...extra }));
const get = (arn = ARN) => rg.iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }));
const pad = (xml: string) => xml + `<!-- ${'x'.repeat(1000)} -->`;

describe('CreateSAMLProvider and GetSAMLProvider', () => {
  test('answers the ARN from the name; Get answers the document, dates, UUID, tags and the encryption mode', async () => {
    const document = metadata([key.certificateBase64]);
    const c = await create(document, { Tags: [{ Key: 'team', Value: 'identity' }] });
    assert.equal(c.SAMLProviderArn, ARN);
    assert.deepEqual(c.Tags, [{ Key: 'team', Value: 'identity' }]);
    const g = await get();
    assert.equal(g.SAMLMetadataDocument, document);
    assert.ok(g.CreateDate instanceof Date && Math.abs(g.CreateDate.getTime() - Date.now()) < 60_000);
    // Without a validUntil in the metadata, IAM answers one a hundred years on.
    assert.equal(g.ValidUntil!.getUTCFullYear(), g.CreateDate.getUTCFullYear() + 100);
    assert.match(g.SAMLProviderUUID!, /^SAMLSP[A-Z0-9]+$/);
    assert.deepEqual(g.Tags, [{ Key: 'team', Value: 'identity' }]);
    assert.equal(g.AssertionEncryptionMode, 'Allowed');
    assert.deepEqual(g.PrivateKeyList, []);
  });

  test("the metadata's validUntil becomes ValidUntil", async () => {
    await create(metadata([key.certificateBase64], { validUntil: '2031-05-06T07:08:09Z' }));
    assert.equal((await get()).ValidUntil!.toISOString(), '2031-05-06T07:08:09.000Z');
  });

  test('the same name again, in any letter case, answers EntityAlreadyExists (409)', async () => {
    await create();
    await rejectsWith(create(undefined, { Name: 'exampleidp' }), 'EntityAlreadyExistsException', 409, /exampleidp already exists/);
  });

  test('metadata that is not XML, not an EntityDescriptor, without IDPSSODescriptor or without a signing certificate answers InvalidInput "Could not parse metadata"', async () => {
    const good = metadata([key.certificateBase64]);
    const cases = [
      pad('this is not XML at all'),
      pad(good.replace('</md:EntityDescriptor>', '')),
      good.replace(/md:EntityDescriptor/g, 'md:EntitiesDescriptor'),
      pad(good.replace(/<md:IDPSSODescriptor[\s\S]*<\/md:IDPSSODescriptor>/, '')),
      pad(metadata([])),
      metadata([key.certificateBase64], { use: 'encryption' }),
      metadata(['bm90IGEgY2VydGlmaWNhdGU=']),
      metadata([key.certificateBase64], { validUntil: 'next tuesday' }),
      metadata([key.certificateBase64], { entityId: '' }),
      pad(`<!DOCTYPE md [<!ENTITY e "x">]>${good.replace(/^<\?xml[^>]*>/, '')}`),
    ];
    for (const document of cases) {
      assert.ok(document.length >= 1000, 'long enough for the model');
      await rejectsWith(create(document), 'InvalidInputException', 400, 'Could not parse metadata');
    }
    assert.deepEqual((await rg.iam.send(new ListSAMLProvidersCommand({}))).SAMLProviderList, []);
  });

  test('a document under 1,000 characters or a name outside [\\w._-]+ answers ValidationError', async () => {
    await rejectsWith(create('<md:EntityDescriptor/>'), 'ValidationError', 400, /samlMetadataDocument/i);
    await rejectsWith(create(undefined, { Name: 'bad name' }), 'ValidationError', 400, /name/i);
  });

  test('GetSAMLProvider for an unknown ARN answers NoSuchEntity "Manifest not found" (404)', async () => {
    await rejectsWith(get(), 'NoSuchEntityException', 404, `Manifest not found for arn ${ARN}`);
    await rejectsWith(get('arn:aws:iam::444455556666:saml-provider/ExampleIdP'), 'NoSuchEntityException', 404);
  });

  test('a private key is listed by id and date, never answered; Required needs one; two at most', async () => {
    const pem = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await rejectsWith(rg.iam.send(new CreateSAMLProviderCommand({ Name: 'ExampleIdP', SAMLMetadataDocument: metadata([key.certificateBase64]), AssertionEncryptionMode: 'Required' })),
      'InvalidInputException', 400);
    await rejectsWith(rg.iam.send(new CreateSAMLProviderCommand({ Name: 'ExampleIdP', SAMLMetadataDocument: metadata([key.certificateBase64]), AddPrivateKey: 'not a key' })),
      'InvalidInputException', 400);
    await rg.iam.send(new CreateSAMLProviderCommand({ Name: 'ExampleIdP', SAMLMetadataDocument: metadata([key.certificateBase64]), AddPrivateKey: pem(), AssertionEncryptionMode: 'Required' }));
    const g = await get();
    assert.equal(g.AssertionEncryptionMode, 'Required');
    assert.equal(g.PrivateKeyList!.length, 1);
    assert.match(g.PrivateKeyList![0].KeyId!, /^[A-Z0-9]{22,64}$/);
    assert.ok(g.PrivateKeyList![0].Timestamp instanceof Date);
    assert.doesNotMatch(JSON.stringify(g), /PRIVATE KEY/);
    await rg.iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: ARN, AddPrivateKey: pem() }));
    await rejectsWith(rg.iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: ARN, AddPrivateKey: pem() })), 'LimitExceededException', 409);
    const keys = (await get()).PrivateKeyList!;
    assert.equal(keys.length, 2);
    await rg.iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: ARN, RemovePrivateKey: keys[0].KeyId }));
    assert.deepEqual((await get()).PrivateKeyList!.map((k) => k.KeyId), [keys[1].KeyId]);
  });
});

describe('ListSAMLProviders, UpdateSAMLProvider and DeleteSAMLProvider', () => {
  test('lists ARNs with their dates; update replaces the document; delete removes it, and again answers NoSuchEntity', async () => {
    await create();
    await create(undefined, { Name: 'Another.IdP_2' });
    const l = await rg.iam.send(new ListSAMLProvidersCommand({}));
    assert.deepEqual(l.SAMLProviderList!.map((p) => p.Arn), ['arn:aws:iam::111122223333:saml-provider/Another.IdP_2', ARN]);
    assert.ok(l.SAMLProviderList!.every((p) => p.CreateDate instanceof Date && p.ValidUntil instanceof Date));

    const rotated = metadata([signingKey().certificateBase64], { validUntil: '2030-01-01T00:00:00Z' });
    const u = await rg.iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: ARN, SAMLMetadataDocument: rotated }));
    assert.equal(u.SAMLProviderArn, ARN);
    const g = await get();
    assert.equal(g.SAMLMetadataDocument, rotated);
    assert.equal(g.ValidUntil!.toISOString(), '2030-01-01T00:00:00.000Z');
    await rejectsWith(rg.iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: ARN, SAMLMetadataDocument: pad('<nope/>') })), 'InvalidInputException', 400, 'Could not parse metadata');
    assert.equal((await get()).SAMLMetadataDocument, rotated, 'a refused update changes nothing');

    await rg.iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: ARN }));
    await rejectsWith(get(), 'NoSuchEntityException', 404);
    await rejectsWith(rg.iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: ARN })), 'NoSuchEntityException', 404, `Manifest not found for arn ${ARN}`);
  });

  test('tags are added, listed and removed', async () => {
    await create();
    await rg.iam.send(new TagSAMLProviderCommand({ SAMLProviderArn: ARN, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    assert.deepEqual((await rg.iam.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: ARN }))).Tags, [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }]);
    await rg.iam.send(new UntagSAMLProviderCommand({ SAMLProviderArn: ARN, TagKeys: ['a'] }));
    assert.deepEqual((await rg.iam.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: ARN }))).Tags, [{ Key: 'b', Value: '2' }]);
    await rejectsWith(rg.iam.send(new TagSAMLProviderCommand({ SAMLProviderArn: ARN, Tags: [{ Key: 'aws:x', Value: '1' }] })), 'InvalidInputException', 400);
  });

  test("GetAccountSummary's Providers counts SAML and OIDC providers", async () => {
    await create();
    await rg.iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'], ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'] }));
    const s = await rg.iam.send(new GetAccountSummaryCommand({}));
    assert.equal(s.SummaryMap!.Providers, 2);
  });

  test('the 101st provider answers LimitExceeded (409)', async () => {
    const document = metadata([key.certificateBase64]);
    for (let i = 0; i < 100; i++) await create(document, { Name: `idp-${i}` });
    await rejectsWith(create(document, { Name: 'idp-100' }), 'LimitExceededException', 409, 'Cannot exceed quota for SAMLProvidersPerAccount: 100');
  });
});

describe('authorization of the SAML provider operations', () => {
  test("each is authorized on the provider's ARN; CreateSAMLProvider on the ARN it would make", async () => {
    await create();
    await rg.iam.send(new CreateUserCommand({ UserName: 'ops' }));
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'ops', PolicyName: 'one-provider', PolicyDocument: JSON.stringify({
      Version: '2012-10-17', Statement: [
        { Effect: 'Allow', Action: ['iam:GetSAMLProvider', 'iam:CreateSAMLProvider'], Resource: ARN },
        { Effect: 'Allow', Action: 'iam:ListSAMLProviderTags', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'identity' } } },
      ],
    }) }));
    const { AccessKey } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'ops' }));
    const ops = rg.server.iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    assert.ok((await ops.send(new GetSAMLProviderCommand({ SAMLProviderArn: ARN }))).SAMLMetadataDocument);
    await rejectsWith(ops.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: ARN })), 'AccessDenied', 403,
      `User: arn:aws:iam::111122223333:user/ops is not authorized to perform: iam:DeleteSAMLProvider on resource: ${ARN} because no identity-based policy allows the iam:DeleteSAMLProvider action`);
    // aws:ResourceTag/* comes from the provider's tags.
    await rejectsWith(ops.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: ARN })), 'AccessDenied', 403);
    await rg.iam.send(new TagSAMLProviderCommand({ SAMLProviderArn: ARN, Tags: [{ Key: 'team', Value: 'identity' }] }));
    assert.deepEqual((await ops.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: ARN }))).Tags, [{ Key: 'team', Value: 'identity' }]);
    await rejectsWith(ops.send(new CreateSAMLProviderCommand({ Name: 'Other', SAMLMetadataDocument: metadata([key.certificateBase64]) })), 'AccessDenied', 403,
      /iam:CreateSAMLProvider on resource: arn:aws:iam::111122223333:saml-provider\/Other/);
  });
});

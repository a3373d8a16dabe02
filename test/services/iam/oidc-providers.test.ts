// OpenID Connect providers through @aws-sdk/client-iam: URL and ARN forms, thumbprints, client ids, tags.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddClientIDToOpenIDConnectProviderCommand, CreateOpenIDConnectProviderCommand, DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand, ListOpenIDConnectProvidersCommand, ListOpenIDConnectProviderTagsCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand, TagOpenIDConnectProviderCommand, UntagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const THUMB = '6938fd4d98bab03faadb97b34396831e3780aea1';
const URL = 'https://token.actions.githubusercontent.com';
const ARN = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

const rg = useRolegate();

const create = (extra: Partial<{ Url: string; ClientIDList: string[]; ThumbprintList: string[] }> = {}) =>
  rg.iam.send(new CreateOpenIDConnectProviderCommand({ Url: URL, ClientIDList: ['sts.amazonaws.com'], ThumbprintList: [THUMB], ...extra }));

describe('CreateOpenIDConnectProvider and GetOpenIDConnectProvider', () => {
  test('the ARN is the URL without https://; Get answers the URL in that form', async () => {
    const c = await rg.iam.send(new CreateOpenIDConnectProviderCommand({ Url: URL, ClientIDList: ['sts.amazonaws.com'], ThumbprintList: [THUMB], Tags: [{ Key: 'k', Value: 'v' }] }));
    assert.equal(c.OpenIDConnectProviderArn, ARN);
    assert.deepEqual(c.Tags, [{ Key: 'k', Value: 'v' }]);
    const g = await rg.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN }));
    assert.equal(g.Url, 'token.actions.githubusercontent.com');
    assert.deepEqual(g.ClientIDList, ['sts.amazonaws.com']);
    assert.deepEqual(g.ThumbprintList, [THUMB]);
    assert.ok(g.CreateDate instanceof Date);
  });

  test('a URL with a path keeps the path in the ARN', async () => {
    const c = await create({ Url: 'https://oidc.eks.us-east-1.amazonaws.com/id/ABC123' });
    assert.equal(c.OpenIDConnectProviderArn, 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC123');
  });

  test('the same URL again answers EntityAlreadyExists (409)', async () => {
    await create();
    await rejectsWith(create(), 'EntityAlreadyExistsException', 409, `Provider with url ${URL} already exists.`);
  });

  test('a URL that is not https answers ValidationError', async () => {
    await rejectsWith(create({ Url: 'http://example.com' }), 'ValidationError', 400, 'Invalid Open ID Connect Provider URL');
  });

  test('a thumbprint that is not 40 characters answers ValidationError', async () => {
    await rejectsWith(create({ ThumbprintList: ['abc'] }), 'ValidationError', 400, /thumbprint/i);
  });

  test('a thumbprint that is not hexadecimal answers InvalidInput', async () => {
    await rejectsWith(create({ ThumbprintList: ['z'.repeat(40)] }), 'InvalidInputException', 400);
  });

  test('six thumbprints answer InvalidInput', async () => {
    const six = Array.from({ length: 6 }, (_, i) => String(i).repeat(40));
    await rejectsWith(create({ ThumbprintList: six }), 'InvalidInputException', 400, 'Thumbprint list must contain fewer than 5 entries.');
  });

  test('101 client ids answer LimitExceeded (409)', async () => {
    await rejectsWith(create({ ClientIDList: Array.from({ length: 101 }, (_, i) => `c${i}`) }), 'LimitExceededException', 409, 'Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100');
  });

  test('GetOpenIDConnectProvider for an unknown ARN answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN })), 'NoSuchEntityException', 404, `OpenIDConnect Provider not found for arn ${ARN}`);
  });

  test('an ARN shorter than 20 characters answers ValidationError', async () => {
    await rejectsWith(rg.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: 'arn:aws:iam::1' })), 'ValidationError', 400);
  });
});

describe('ListOpenIDConnectProviders and DeleteOpenIDConnectProvider', () => {
  test('lists ARNs; deleting removes it and deleting again is no error', async () => {
    await create();
    await create({ Url: 'https://accounts.google.com' });
    const l = await rg.iam.send(new ListOpenIDConnectProvidersCommand({}));
    assert.deepEqual(l.OpenIDConnectProviderList!.map((p) => p.Arn).sort(), ['arn:aws:iam::111122223333:oidc-provider/accounts.google.com', ARN]);
    await rg.iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN }));
    await rg.iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN }));
    assert.equal((await rg.iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList!.length, 1);
    await rejectsWith(rg.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN })), 'NoSuchEntityException', 404);
  });
});

describe('client ids and thumbprints', () => {
  test('adding a client id twice keeps one; removing one it lacks is no error', async () => {
    await create();
    await rg.iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN, ClientID: 'app' }));
    await rg.iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN, ClientID: 'app' }));
    assert.deepEqual((await rg.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN }))).ClientIDList, ['sts.amazonaws.com', 'app']);
    await rg.iam.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN, ClientID: 'sts.amazonaws.com' }));
    await rg.iam.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN, ClientID: 'never-there' }));
    assert.deepEqual((await rg.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN }))).ClientIDList, ['app']);
  });

  test('the 101st client id answers LimitExceeded (409)', async () => {
    await create({ ClientIDList: Array.from({ length: 100 }, (_, i) => `c${i}`) });
    await rejectsWith(rg.iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN, ClientID: 'one-more' })), 'LimitExceededException', 409);
  });

  test('UpdateOpenIDConnectProviderThumbprint replaces the list', async () => {
    await create();
    const other = 'a'.repeat(40);
    await rg.iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: ARN, ThumbprintList: [other] }));
    assert.deepEqual((await rg.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN }))).ThumbprintList, [other]);
  });

  test('on a provider that does not exist answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN, ClientID: 'x' })), 'NoSuchEntityException', 404);
    await rejectsWith(rg.iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: ARN, ThumbprintList: [THUMB] })), 'NoSuchEntityException', 404);
  });

  test('a client id over 255 characters answers ValidationError', async () => {
    await create();
    await rejectsWith(rg.iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN, ClientID: 'c'.repeat(256) })), 'ValidationError', 400);
  });
});

describe('TagOpenIDConnectProvider, UntagOpenIDConnectProvider, ListOpenIDConnectProviderTags', () => {
  test('tag, untag and list', async () => {
    await create();
    await rg.iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    await rg.iam.send(new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN, TagKeys: ['a'] }));
    assert.deepEqual((await rg.iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: ARN }))).Tags, [{ Key: 'b', Value: '2' }]);
  });

  test('on a provider that does not exist answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: ARN })), 'NoSuchEntityException', 404);
    await rejectsWith(rg.iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN, Tags: [{ Key: 'a', Value: '1' }] })), 'NoSuchEntityException', 404);
  });
});

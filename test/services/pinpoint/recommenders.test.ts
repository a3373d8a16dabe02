// Pinpoint's recommender model configurations through @aws-sdk/client-pinpoint against a started
// server: CreateRecommenderConfiguration (201, defaults), GetRecommenderConfiguration,
// GetRecommenderConfigurations (PageSize / Token), UpdateRecommenderConfiguration (the whole
// configuration replaced, CreationDate kept) and DeleteRecommenderConfiguration — the API
// reference's rules for each member refused with BadRequestException and nothing written,
// NotFoundException for another id, account or region, and IAM's decision on a user's calls.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRecommenderConfigurationCommand, DeleteRecommenderConfigurationCommand, GetRecommenderConfigurationCommand,
  GetRecommenderConfigurationsCommand, PinpointClient, UpdateRecommenderConfigurationCommand, type CreateRecommenderConfigurationShape,
} from '@aws-sdk/client-pinpoint';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { useRolegate, TEST_ACCOUNT } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const OTHER = '444455556666';
const rg = useRolegate({ env: { ROLEGATE_ACCOUNTS: OTHER } });
const pp = () => rg.server.pinpoint();

const CAMPAIGN = `arn:aws:personalize:us-east-1:${TEST_ACCOUNT}:campaign/products`;
const ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/PinpointPersonalize`;
const LAMBDA = `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:enrich-recommendations`;
/** The least a configuration needs: the campaign, the role, and (without a Lambda function) the display name. */
const basic: CreateRecommenderConfigurationShape = { RecommendationProviderUri: CAMPAIGN, RecommendationProviderRoleArn: ROLE, RecommendationsDisplayName: 'Top picks' };
const withLambda: CreateRecommenderConfigurationShape = {
  RecommendationProviderUri: CAMPAIGN, RecommendationProviderRoleArn: ROLE, RecommendationTransformerUri: LAMBDA,
  Attributes: { 'Recommendations.Name': 'Product Name', 'Recommendations.URL': 'Product Detail URL' },
};

const create = async (c: CreateRecommenderConfigurationShape, client = pp()) =>
  (await client.send(new CreateRecommenderConfigurationCommand({ CreateRecommenderConfiguration: c }))).RecommenderConfigurationResponse!;
const get = async (RecommenderId: string, client = pp()) =>
  (await client.send(new GetRecommenderConfigurationCommand({ RecommenderId }))).RecommenderConfigurationResponse!;
const list = async (client = pp()) => (await client.send(new GetRecommenderConfigurationsCommand({}))).ListRecommenderConfigurationsResponse!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('CreateRecommenderConfiguration and GetRecommenderConfiguration', () => {
  it('makes a configuration (201) with a 32-hex id, the defaults and its dates, and reads it back', async () => {
    const before = Date.now();
    const out = await pp().send(new CreateRecommenderConfigurationCommand({ CreateRecommenderConfiguration: basic }));
    assert.equal(out.$metadata.httpStatusCode, 201);
    const r = out.RecommenderConfigurationResponse!;
    assert.match(r.Id!, /^[0-9a-f]{32}$/);
    assert.equal(r.RecommendationProviderUri, CAMPAIGN);
    assert.equal(r.RecommendationProviderRoleArn, ROLE);
    assert.equal(r.RecommendationProviderIdType, 'PINPOINT_ENDPOINT_ID');
    assert.equal(r.RecommendationsPerMessage, 5);
    assert.equal(r.RecommendationsDisplayName, 'Top picks');
    assert.equal(r.RecommendationTransformerUri, undefined);
    assert.equal(r.Attributes, undefined);
    assert.equal(r.Name, undefined);
    assert.equal(r.Description, undefined);
    assert.match(r.CreationDate!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(Date.parse(r.CreationDate!) >= before - 1000);
    assert.equal(r.LastModifiedDate, r.CreationDate);
    assert.deepEqual(await get(r.Id!), r);
  });

  it('keeps every member given: a Lambda function with its attributes, user ids, items per message, name and description', async () => {
    const r = await create({
      ...withLambda, RecommendationProviderIdType: 'PINPOINT_USER_ID', RecommendationsPerMessage: 3,
      RecommendationsDisplayName: 'Items', Name: 'Retail recommender 1', Description: 'Personalize (retail); offers, products - v2',
    });
    assert.equal(r.RecommendationTransformerUri, LAMBDA);
    assert.deepEqual(r.Attributes, withLambda.Attributes);
    assert.equal(r.RecommendationProviderIdType, 'PINPOINT_USER_ID');
    assert.equal(r.RecommendationsPerMessage, 3);
    assert.equal(r.RecommendationsDisplayName, 'Items');
    assert.equal(r.Name, 'Retail recommender 1');
    assert.equal(r.Description, 'Personalize (retail); offers, products - v2');
    assert.deepEqual(await get(r.Id!), r);
  });

  it('takes a Personalize recommender ARN, a Lambda function by name (qualified or not), and the limits at their edges', async () => {
    const many = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`Recommendations.A${i}`, `Name ${i}`]));
    const ok: CreateRecommenderConfigurationShape[] = [
      { ...basic, RecommendationProviderUri: `arn:aws:personalize:eu-west-1:${TEST_ACCOUNT}:recommender/for-you` },
      { ...withLambda, RecommendationTransformerUri: 'enrich' },
      { ...withLambda, RecommendationTransformerUri: 'enrich:$LATEST' },
      { ...withLambda, RecommendationTransformerUri: `${LAMBDA}:prod` },
      { ...withLambda, Attributes: many },
      { ...withLambda, Attributes: { [`Recommendations.${'a'.repeat(50)}`]: 'b'.repeat(25) } },
      { ...basic, RecommendationProviderRoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/service-role/pinpoint/Personalize+Access` },
      { ...basic, RecommendationsDisplayName: 'x'.repeat(25), RecommendationsPerMessage: 1 },
      { ...basic, Name: `N${'n'.repeat(127)}`, Description: 'd'.repeat(128) },
    ];
    for (const c of ok) await create(c);
    assert.equal((await list()).Item!.length, ok.length);
  });
});

describe('what CreateRecommenderConfiguration refuses', () => {
  const cases: [string, CreateRecommenderConfigurationShape][] = [
    ['no RecommendationProviderUri', { ...basic, RecommendationProviderUri: undefined }],
    ['an empty RecommendationProviderUri', { ...basic, RecommendationProviderUri: '' }],
    ['a RecommendationProviderUri that is not an ARN', { ...basic, RecommendationProviderUri: 'products' }],
    ['a Personalize solution ARN', { ...basic, RecommendationProviderUri: `arn:aws:personalize:us-east-1:${TEST_ACCOUNT}:solution/products` }],
    ['another service’s ARN', { ...basic, RecommendationProviderUri: `arn:aws:s3:::bucket` }],
    ['a campaign ARN without a name', { ...basic, RecommendationProviderUri: `arn:aws:personalize:us-east-1:${TEST_ACCOUNT}:campaign/` }],
    ['no RecommendationProviderRoleArn', { ...basic, RecommendationProviderRoleArn: undefined }],
    ['an IAM user ARN for the role', { ...basic, RecommendationProviderRoleArn: `arn:aws:iam::${TEST_ACCOUNT}:user/alice` }],
    ['a role name instead of its ARN', { ...basic, RecommendationProviderRoleArn: 'PinpointPersonalize' }],
    ['an unknown RecommendationProviderIdType', { ...basic, RecommendationProviderIdType: 'PINPOINT_DEVICE_ID' }],
    ['a RecommendationTransformerUri that is no Lambda function', { ...withLambda, RecommendationTransformerUri: `arn:aws:sns:us-east-1:${TEST_ACCOUNT}:topic` }],
    ['a Lambda function name with a space', { ...withLambda, RecommendationTransformerUri: 'my function' }],
    ['a RecommendationTransformerUri without Attributes', { ...withLambda, Attributes: undefined }],
    ['Attributes without a RecommendationTransformerUri', { ...basic, Attributes: { 'Recommendations.Name': 'Product Name' } }],
    ['empty Attributes', { ...withLambda, Attributes: {} }],
    ['11 Attributes', { ...withLambda, Attributes: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`Recommendations.A${i}`, 'x'])) }],
    ['an attribute name without Recommendations.', { ...withLambda, Attributes: { Name: 'Product Name' } }],
    ['an attribute name of 51 characters', { ...withLambda, Attributes: { [`Recommendations.${'a'.repeat(51)}`]: 'x' } }],
    ['an attribute name with a dot', { ...withLambda, Attributes: { 'Recommendations.Product.Name': 'x' } }],
    ['an attribute name starting with an underscore', { ...withLambda, Attributes: { 'Recommendations._Name': 'x' } }],
    ['an attribute display name of 26 characters', { ...withLambda, Attributes: { 'Recommendations.Name': 'a'.repeat(26) } }],
    ['an attribute display name starting with a space', { ...withLambda, Attributes: { 'Recommendations.Name': ' Name' } }],
    ['an empty attribute display name', { ...withLambda, Attributes: { 'Recommendations.Name': '' } }],
    ['no RecommendationsDisplayName without a Lambda function', { ...basic, RecommendationsDisplayName: undefined }],
    ['a RecommendationsDisplayName of 26 characters', { ...basic, RecommendationsDisplayName: 'a'.repeat(26) }],
    ['a RecommendationsDisplayName with a symbol', { ...basic, RecommendationsDisplayName: 'Top picks!' }],
    ['an empty RecommendationsDisplayName', { ...basic, RecommendationsDisplayName: '' }],
    ['0 RecommendationsPerMessage', { ...basic, RecommendationsPerMessage: 0 }],
    ['6 RecommendationsPerMessage', { ...basic, RecommendationsPerMessage: 6 }],
    ['a Name of 129 characters', { ...basic, Name: 'n'.repeat(129) }],
    ['an empty Name', { ...basic, Name: '' }],
    ['a Name starting with a hyphen', { ...basic, Name: '-recommender' }],
    ['a Name with a slash', { ...basic, Name: 'retail/recommender' }],
    ['a Description of 129 characters', { ...basic, Description: 'd'.repeat(129) }],
    ['a Description with a symbol it does not list', { ...basic, Description: 'mail me @ once' }],
  ];
  for (const [what, c] of cases) {
    it(`refuses ${what} with BadRequestException, and makes nothing`, async () => {
      const err = await rejectsWith(pp().send(new CreateRecommenderConfigurationCommand({ CreateRecommenderConfiguration: c })), 'BadRequestException', 400);
      assert.equal((err as unknown as { RequestID?: string }).RequestID, err.$metadata!.requestId);
      assert.deepEqual((await list()).Item, []);
    });
  }
});

describe('NotFoundException', () => {
  it('answers Get, Update and Delete of an id that does not exist, with the RequestID', async () => {
    const id = '0123456789abcdef0123456789abcdef';
    const err = await rejectsWith(pp().send(new GetRecommenderConfigurationCommand({ RecommenderId: id })), 'NotFoundException', 404, 'Resource not found');
    assert.equal((err as unknown as { RequestID?: string }).RequestID, err.$metadata!.requestId);
    await rejectsWith(pp().send(new UpdateRecommenderConfigurationCommand({ RecommenderId: id, UpdateRecommenderConfiguration: basic })), 'NotFoundException', 404);
    await rejectsWith(pp().send(new DeleteRecommenderConfigurationCommand({ RecommenderId: id })), 'NotFoundException', 404);
    assert.deepEqual((await list()).Item, []);
  });

  it('answers for another account’s configuration and for another region’s', async () => {
    const mine = await create(basic);
    const m = /account 444455556666 \(shown once\)\n\s+AWS_ACCESS_KEY_ID=(\S+)\n\s+AWS_SECRET_ACCESS_KEY=(\S+)/.exec(rg.server.printed)!;
    const other = rg.server.pinpoint({ accessKeyId: m[1], secretAccessKey: m[2] });
    await rejectsWith(other.send(new GetRecommenderConfigurationCommand({ RecommenderId: mine.Id })), 'NotFoundException', 404);
    await rejectsWith(other.send(new DeleteRecommenderConfigurationCommand({ RecommenderId: mine.Id })), 'NotFoundException', 404);
    assert.deepEqual((await list(other)).Item, []);
    const theirs = await create({ ...basic, Name: 'theirs' }, other);
    assert.deepEqual((await list(other)).Item!.map((r) => r.Id), [theirs.Id]);

    const west = new PinpointClient({ endpoint: rg.server.endpoint, region: 'us-west-2', credentials: rg.server.credentials, maxAttempts: 1 });
    await rejectsWith(west.send(new GetRecommenderConfigurationCommand({ RecommenderId: mine.Id })), 'NotFoundException', 404);
    assert.deepEqual((await list(west)).Item, []);
    assert.deepEqual((await list()).Item!.map((r) => r.Id), [mine.Id]);
  });
});

describe('GetRecommenderConfigurations', () => {
  it('lists nothing at first, then pages through the configurations with PageSize and Token', async () => {
    assert.deepEqual(await list(), { Item: [] });
    const made = new Set<string>();
    for (let i = 0; i < 5; i++) made.add((await create({ ...basic, Name: `model-${i}` })).Id!);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = (await pp().send(new GetRecommenderConfigurationsCommand({ PageSize: '2', Token: token }))).ListRecommenderConfigurationsResponse!;
      assert.ok(r.Item!.length <= 2);
      for (const item of r.Item!) assert.equal(item.RecommendationsDisplayName, 'Top picks');
      seen.push(...r.Item!.map((a) => a.Id!));
      token = r.NextToken;
      pages++;
    } while (token);
    assert.equal(pages, 3);
    assert.equal(seen.length, 5);
    assert.deepEqual(new Set(seen), made);
    const all = await list();
    assert.equal(all.Item!.length, 5);
    assert.equal(all.NextToken, undefined);
  });

  it('refuses a PageSize that is not a positive integer', async () => {
    await rejectsWith(pp().send(new GetRecommenderConfigurationsCommand({ PageSize: 'ten' })), 'BadRequestException', 400);
    await rejectsWith(pp().send(new GetRecommenderConfigurationsCommand({ PageSize: '0' })), 'BadRequestException', 400);
  });
});

describe('UpdateRecommenderConfiguration', () => {
  it('replaces the whole configuration: same Id and CreationDate, a later LastModifiedDate, what it leaves out gone', async () => {
    const first = await create({ ...basic, Name: 'first', Description: 'the first', RecommendationProviderIdType: 'PINPOINT_USER_ID', RecommendationsPerMessage: 2 });
    await sleep(20);
    const updated = (await pp().send(new UpdateRecommenderConfigurationCommand({
      RecommenderId: first.Id,
      UpdateRecommenderConfiguration: { ...withLambda, RecommendationProviderUri: `arn:aws:personalize:us-east-1:${TEST_ACCOUNT}:recommender/top`, Name: 'second' },
    }))).RecommenderConfigurationResponse!;
    assert.equal(updated.Id, first.Id);
    assert.equal(updated.CreationDate, first.CreationDate);
    assert.ok(Date.parse(updated.LastModifiedDate!) > Date.parse(first.LastModifiedDate!));
    assert.equal(updated.Name, 'second');
    assert.equal(updated.RecommendationProviderUri, `arn:aws:personalize:us-east-1:${TEST_ACCOUNT}:recommender/top`);
    assert.equal(updated.RecommendationTransformerUri, LAMBDA);
    assert.deepEqual(updated.Attributes, withLambda.Attributes);
    assert.equal(updated.Description, undefined);
    assert.equal(updated.RecommendationsDisplayName, undefined);
    assert.equal(updated.RecommendationProviderIdType, 'PINPOINT_ENDPOINT_ID');
    assert.equal(updated.RecommendationsPerMessage, 5);
    assert.deepEqual(await get(first.Id!), updated);
    assert.deepEqual((await list()).Item, [updated]);

    await sleep(20);
    const again = (await pp().send(new UpdateRecommenderConfigurationCommand({ RecommenderId: first.Id, UpdateRecommenderConfiguration: basic }))).RecommenderConfigurationResponse!;
    assert.equal(again.CreationDate, first.CreationDate);
    assert.ok(Date.parse(again.LastModifiedDate!) > Date.parse(updated.LastModifiedDate!));
    assert.equal(again.Attributes, undefined);
    assert.equal(again.RecommendationTransformerUri, undefined);
    assert.equal(again.RecommendationsDisplayName, 'Top picks');
  });

  it('refuses what Create refuses, and leaves the configuration as it was', async () => {
    const r = await create(withLambda);
    const bad: CreateRecommenderConfigurationShape[] = [
      { ...withLambda, RecommendationsPerMessage: 9 },
      { ...withLambda, Attributes: undefined },
      { ...withLambda, RecommendationProviderRoleArn: undefined },
      { ...basic, RecommendationsDisplayName: undefined },
      { ...withLambda, Attributes: { 'Recommendations.Name': 'Name', Name: 'x' } },
    ];
    for (const c of bad) {
      await rejectsWith(pp().send(new UpdateRecommenderConfigurationCommand({ RecommenderId: r.Id, UpdateRecommenderConfiguration: c })), 'BadRequestException', 400);
    }
    assert.deepEqual(await get(r.Id!), r);
  });
});

describe('DeleteRecommenderConfiguration', () => {
  it('answers the deleted configuration, after which it is not found nor listed', async () => {
    const keep = await create({ ...basic, Name: 'keep' });
    const gone = await create({ ...withLambda, Name: 'gone' });
    const out = (await pp().send(new DeleteRecommenderConfigurationCommand({ RecommenderId: gone.Id }))).RecommenderConfigurationResponse!;
    assert.deepEqual(out, gone);
    await rejectsWith(pp().send(new GetRecommenderConfigurationCommand({ RecommenderId: gone.Id })), 'NotFoundException', 404);
    await rejectsWith(pp().send(new DeleteRecommenderConfigurationCommand({ RecommenderId: gone.Id })), 'NotFoundException', 404);
    assert.deepEqual((await list()).Item, [keep]);
  });
});

describe('authorization', () => {
  it('refuses GetRecommenderConfiguration to a user whose policy lacks it, and allows it on the recommender’s ARN', async () => {
    const r = await create(basic);
    await rg.iam.send(new CreateUserCommand({ UserName: 'lister' }));
    await rg.iam.send(new PutUserPolicyCommand({
      UserName: 'lister', PolicyName: 'list',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:GetRecommenderConfigurations', Resource: '*' }] }),
    }));
    const { AccessKey: k } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'lister' }));
    const lister = rg.server.pinpoint({ accessKeyId: k!.AccessKeyId!, secretAccessKey: k!.SecretAccessKey! });
    assert.deepEqual((await list(lister)).Item!.map((x) => x.Id), [r.Id]);
    await rejectsWith(lister.send(new GetRecommenderConfigurationCommand({ RecommenderId: r.Id })), 'AccessDeniedException', 403,
      `User: arn:aws:iam::${TEST_ACCOUNT}:user/lister is not authorized to perform: mobiletargeting:GetRecommenderConfiguration on resource: arn:aws:mobiletargeting:us-east-1:${TEST_ACCOUNT}:recommenders/${r.Id} because no identity-based policy allows the mobiletargeting:GetRecommenderConfiguration action`);
    await rejectsWith(lister.send(new CreateRecommenderConfigurationCommand({ CreateRecommenderConfiguration: basic })), 'AccessDeniedException', 403);
    await rejectsWith(lister.send(new DeleteRecommenderConfigurationCommand({ RecommenderId: r.Id })), 'AccessDeniedException', 403);
    assert.deepEqual((await list()).Item, [r]);

    await rg.iam.send(new PutUserPolicyCommand({
      UserName: 'lister', PolicyName: 'read-one',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:GetRecommenderConfiguration', Resource: `arn:aws:mobiletargeting:us-east-1:${TEST_ACCOUNT}:recommenders/${r.Id}` }],
      }),
    }));
    assert.deepEqual(await get(r.Id!, lister), r);
  });
});

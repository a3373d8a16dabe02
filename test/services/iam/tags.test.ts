// Tags with the reserved aws: prefix, through @aws-sdk/client-iam against a started rolegate: every
// operation that adds tags refuses such a key, in any letter case, and adds none of the request's tags.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateInstanceProfileCommand, CreateOpenIDConnectProviderCommand, CreatePolicyCommand, CreateRoleCommand, CreateUserCommand,
  GetInstanceProfileCommand, GetPolicyCommand, GetRoleCommand, GetUserCommand, ListInstanceProfileTagsCommand,
  ListOpenIDConnectProviderTagsCommand, ListPolicyTagsCommand, ListRoleTagsCommand, ListUserTagsCommand, TagInstanceProfileCommand,
  TagOpenIDConnectProviderCommand, TagPolicyCommand, TagRoleCommand, TagUserCommand, type Tag,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const policyDoc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
const OIDC_URL = 'https://token.example.com';
const OIDC_ARN = 'arn:aws:iam::111122223333:oidc-provider/token.example.com';
const THUMB = '0123456789abcdef0123456789abcdef01234567';
const POLICY_ARN = 'arn:aws:iam::111122223333:policy/p';

const reserved = (key: string) => `Tag keys beginning with 'aws:' are reserved for AWS internal use: ${key}`;
// A good tag before the reserved one: the whole request fails and neither is added.
const withReserved = (key: string): Tag[] => [{ Key: 'team', Value: 'growth' }, { Key: key, Value: 'x' }];

const rg = useRolegate();

describe('creating with a tag key that begins with aws: answers InvalidInput (400)', () => {
  const creations: [string, (tags: Tag[]) => Promise<unknown>, () => Promise<unknown>][] = [
    ['CreateRole', (Tags) => rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust, Tags })), () => rg.iam.send(new GetRoleCommand({ RoleName: 'r' }))],
    ['CreateUser', (Tags) => rg.iam.send(new CreateUserCommand({ UserName: 'u', Tags })), () => rg.iam.send(new GetUserCommand({ UserName: 'u' }))],
    ['CreatePolicy', (Tags) => rg.iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: policyDoc, Tags })), () => rg.iam.send(new GetPolicyCommand({ PolicyArn: POLICY_ARN }))],
    ['CreateInstanceProfile', (Tags) => rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip', Tags })), () => rg.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'ip' }))],
    ['CreateOpenIDConnectProvider', (Tags) => rg.iam.send(new CreateOpenIDConnectProviderCommand({ Url: OIDC_URL, ClientIDList: ['sts.amazonaws.com'], ThumbprintList: [THUMB], Tags })),
      () => rg.iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: OIDC_ARN }))],
  ];
  for (const [operation, create, read] of creations) {
    test(`${operation} refuses aws:, AWS: and Aws: keys and creates nothing`, async () => {
      for (const key of ['aws:team', 'AWS:Team', 'Aws:cost-center']) {
        await rejectsWith(create(withReserved(key)), 'InvalidInputException', 400, reserved(key));
      }
      await rejectsWith(read(), 'NoSuchEntityException', 404);
    });
  }

  test('a key that merely contains aws: or begins with aws without the colon is accepted', async () => {
    const tags = [{ Key: 'awsome', Value: '1' }, { Key: 'my:aws:key', Value: '2' }, { Key: 'aws', Value: 'aws:value' }];
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust, Tags: tags }));
    assert.deepEqual((await rg.iam.send(new ListRoleTagsCommand({ RoleName: 'r' }))).Tags, tags);
  });
});

describe('tagging with a key that begins with aws: answers InvalidInput (400)', () => {
  const kept = [{ Key: 'owner', Value: 'ops' }];
  const taggings: [string, () => Promise<unknown>, (tags: Tag[]) => Promise<unknown>, () => Promise<Tag[] | undefined>][] = [
    ['TagRole', () => rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust, Tags: kept })),
      (Tags) => rg.iam.send(new TagRoleCommand({ RoleName: 'r', Tags })), async () => (await rg.iam.send(new ListRoleTagsCommand({ RoleName: 'r' }))).Tags],
    ['TagUser', () => rg.iam.send(new CreateUserCommand({ UserName: 'u', Tags: kept })),
      (Tags) => rg.iam.send(new TagUserCommand({ UserName: 'u', Tags })), async () => (await rg.iam.send(new ListUserTagsCommand({ UserName: 'u' }))).Tags],
    ['TagPolicy', () => rg.iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: policyDoc, Tags: kept })),
      (Tags) => rg.iam.send(new TagPolicyCommand({ PolicyArn: POLICY_ARN, Tags })), async () => (await rg.iam.send(new ListPolicyTagsCommand({ PolicyArn: POLICY_ARN }))).Tags],
    ['TagInstanceProfile', () => rg.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip', Tags: kept })),
      (Tags) => rg.iam.send(new TagInstanceProfileCommand({ InstanceProfileName: 'ip', Tags })), async () => (await rg.iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'ip' }))).Tags],
    ['TagOpenIDConnectProvider', () => rg.iam.send(new CreateOpenIDConnectProviderCommand({ Url: OIDC_URL, ClientIDList: ['sts.amazonaws.com'], ThumbprintList: [THUMB], Tags: kept })),
      (Tags) => rg.iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: OIDC_ARN, Tags })),
      async () => (await rg.iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: OIDC_ARN }))).Tags],
  ];
  for (const [operation, create, tag, list] of taggings) {
    test(`${operation} refuses aws:, AWS: and Aws: keys and leaves the tags as they were`, async () => {
      await create();
      for (const key of ['aws:team', 'AWS:Team', 'Aws:cost-center']) {
        await rejectsWith(tag(withReserved(key)), 'InvalidInputException', 400, reserved(key));
      }
      assert.deepEqual(await list(), kept);
    });
  }
});

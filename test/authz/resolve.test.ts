// The generic resolver (src/authz/resolve.ts) beyond the catalogue: how input members of every
// type become ARN parts and condition keys, when a further action counts as asked for, and what a
// resolved resource (its account, trust policy, further actions) gives the request.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fillArn, resolveEntry, type ResolveFacts } from '../../src/authz/resolve.js';
import { serviceMaps } from '../../src/authz/map/index.js';
import { A1, A2, fixture, policy, type Fixture } from './authz-fixture.js';

const facts: ResolveFacts = { partition: 'aws', region: 'us-east-1', account: A1 };

test('numbers, booleans and timestamps fill a template as text; a timestamp that is no time, or a structure, as *', () => {
  const t = 'arn:${Partition}:test:${Region}:${Account}:thing/${A}/${B}/${C}';
  assert.equal(fillArn(t, { A: 42, B: false, C: new Date('2030-01-02T03:04:05Z') }, facts), 'arn:aws:test:us-east-1:111122223333:thing/42/false/2030-01-02T03:04:05.000Z');
  assert.equal(fillArn(t, { A: true, B: new Date('not a date'), C: { x: 1 } }, facts), 'arn:aws:test:us-east-1:111122223333:thing/true/*/*');
  assert.equal(fillArn('arn:aws:test:::${Outer.Inner}', { Outer: { Inner: 'deep' } }, facts), 'arn:aws:test:::deep');
  assert.equal(fillArn('arn:aws:test:::${Outer.Inner}', { Outer: null }, facts), 'arn:aws:test:::*', 'a path through nothing names nothing');
  assert.equal(fillArn('arn:aws:test:::${Outer.Inner}', { Outer: 'flat' }, facts), 'arn:aws:test:::*');
});

test('condition keys from members: a number or a boolean as text, a list as text each, an absent member no key', async () => {
  const [r] = await resolveEntry({
    action: 'test:Do', resource: '*',
    context: { 'test:Count': { member: 'Count' }, 'test:Flag': { member: 'Flag' }, 'test:List': { member: 'List' }, 'test:Deep': { member: 'A.B' }, 'test:Absent': { member: 'Nope' } },
  }, { Count: 7, Flag: true, List: [1, 'two'], A: { B: 'b' } }, facts);
  assert.deepEqual(r, { action: 'test:Do', resource: '*', resourceAccount: A1, context: { 'test:Count': '7', 'test:Flag': 'true', 'test:List': ['1', 'two'], 'test:Deep': 'b' } });
});

test('a resolver or family the map names but nobody registered is a fault', async () => {
  await assert.rejects(resolveEntry({ action: 'x:Y', resource: '*', context: { 'x:k': { family: 'no-family' } } }, {}, facts), /no condition-key family resolver named no-family/);
  await assert.rejects(resolveEntry({ action: 'x:Y', resource: { resolver: 'no-resource' } }, {}, facts), /no resource resolver named no-resource/);
});

test('a further action counts as asked for when its member is set: not absent, null, false, an empty list or an excepted value', async () => {
  const entry = { action: 'test:Create', resource: '*', furtherActions: [{ action: 'test:Acl', when: ['ACL', 'Grants'], except: { ACL: ['private'] } }] };
  const also = async (input: Record<string, unknown>) => (await resolveEntry(entry, input, facts))[0].also;
  assert.equal(await also({}), undefined);
  assert.equal(await also({ ACL: null }), undefined);
  assert.equal(await also({ ACL: false }), undefined);
  assert.equal(await also({ Grants: [] }), undefined);
  assert.equal(await also({ ACL: 'private' }), undefined);
  assert.deepEqual(await also({ ACL: 'public-read' }), ['test:Acl']);
  assert.deepEqual(await also({ Grants: ['g'] }), ['test:Acl']);
  assert.deepEqual(await also({ ACL: 0 }), ['test:Acl'], 'only false is unset among the scalars');
  const always = await resolveEntry({ action: 'test:Read', resource: '*', furtherActions: [{ action: 'test:ReadMore' }] }, {}, facts);
  assert.deepEqual(always[0].also, ['test:ReadMore']);
});

test('a versioned action applies when the call names its version member; without one named, the plain action', async () => {
  const entry = { action: 'test:Get', versioned: { member: 'VersionId', action: 'test:GetVersion' }, resource: '*' };
  assert.equal((await resolveEntry(entry, { VersionId: 'v1' }, facts))[0].action, 'test:GetVersion');
  assert.equal((await resolveEntry(entry, {}, facts))[0].action, 'test:Get');
  const byResource = { action: 'test:Get', versioned: { action: 'test:GetVersion' }, resource: 'arn:aws:test:::${Name}' };
  assert.equal((await resolveEntry(byResource, { Name: 'n' }, facts))[0].action, 'test:Get', 'a template names no version');
});

let f: Fixture;
before(() => {
  f = fixture();
});
after(async () => {
  await f.close();
});

test('a resolved resource in another account keeps that account beside its further actions; its trust policy is the request\'s', async () => {
  const trust = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A1}:root` }, Action: 'sts:AssumeRole' });
  const role = await f.role('cross', trust, { account: A2 });
  const caller = await f.user('resolver-user');
  const withStore: ResolveFacts = { ...facts, caller, store: f.store };
  const [r] = await resolveEntry(serviceMaps.sts.AssumeRole!, { RoleArn: role.arn, RoleSessionName: 's', Tags: [{ Key: 'k', Value: 'v' }] }, withStore);
  assert.deepEqual(r, {
    also: ['sts:TagSession'], action: 'sts:AssumeRole', resource: role.arn, resourceAccount: A2,
    context: { 'sts:RoleSessionName': 's', 'aws:RequestTag/k': 'v', 'aws:TagKeys': ['k'] },
    trust: { id: `trust:${role.arn}`, document: trust },
  });
  const [missing] = await resolveEntry(serviceMaps.sts.AssumeRole!, { RoleArn: `arn:aws:iam::${A2}:role/none`, RoleSessionName: 's' }, withStore);
  assert.deepEqual(missing, { action: 'sts:AssumeRole', resource: `arn:aws:iam::${A2}:role/none`, resourceAccount: A2, context: { 'sts:RoleSessionName': 's' }, trust: null });
});

test('a resolved resource without a policy, trust or further action gives the request none of them', async () => {
  const caller = await f.user('resolver-user2');
  const [r] = await resolveEntry(serviceMaps.iam.GetUser!, { UserName: 'resolver-user2' }, { ...facts, caller, store: f.store });
  assert.deepEqual(r, { action: 'iam:GetUser', resource: caller.arn, resourceAccount: A1, context: {} });
  assert.deepEqual(Object.keys(r).sort(), ['action', 'context', 'resource', 'resourceAccount']);
});

// IAM's resources as the engine sees them (src/authz/resolvers/iam.ts), on a real SQLite store:
// stored entities with their paths and tags (aws:ResourceTag/*, iam:ResourceTag/*), the grants IAM
// gives without an identity policy (AllowUsersToChangePassword, IAM User Guide "Permit IAM users
// to change their own passwords"; a delegation request's owner, API Reference GetDelegationRequest),
// and the authorize step deciding with them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceMaps } from '../../../src/authz/map/index.js';
import { resolveEntry, type ResolveFacts } from '../../../src/authz/resolve.js';
import type { Caller } from '../../../src/shared/caller.js';
import { A1, A2, fixture, roleSession, run, type Fixture } from '../authz-fixture.js';

const iam = (rest: string, account = A1) => `arn:aws:iam::${account}:${rest}`;
const created = '2026-01-01T00:00:00Z';
let f: Fixture;
let alice: Caller;
let facts: ResolveFacts;

before(async () => {
  f = fixture();
  alice = await f.user('alice');
  facts = { partition: 'aws', region: 'us-east-1', account: A1, caller: alice, store: f.store };
  await f.store.groups.create(A1, { name: 'admins', id: 'AGPAADMINS', path: '/ops/', arn: iam('group/ops/admins'), createDate: created });
  await f.store.instanceProfiles.create(A1, { name: 'web', id: 'AIPAWEB', path: '/svc/', arn: iam('instance-profile/svc/web'), createDate: created, tags: [{ Key: 'tier', Value: 'web' }], roles: [] });
  await f.store.mfaDevices.create(A1, { name: 'phone', id: iam('mfa/phone'), path: '/', arn: iam('mfa/phone'), createDate: created, seedSealed: 'x', tags: [{ Key: 'kind', Value: 'virtual' }] });
  await f.store.samlProviders.create(A1, {
    name: 'idp', arn: iam('saml-provider/idp'), uuid: 'u-1', createDate: created, validUntil: '2126-01-01T00:00:00Z', metadataDocument: '<x/>', issuer: 'https://idp.example.com',
    signingCertificates: [], privateKeys: [], tags: [{ Key: 'owner', Value: 'sec' }],
  });
  await f.store.serverCertificates.create(A1, {
    name: 'site', path: '/cdn/', id: 'ASCASITE', arn: iam('server-certificate/cdn/site'), uploadDate: created, expiration: '2030-01-01T00:00:00Z', body: 'pem', privateKeySealed: 'x', tags: [{ Key: 'env', Value: 'prod' }],
  });
});
after(async () => {
  await f.close();
});

const resolve = async (op: string, input: Record<string, unknown>, at = facts) => resolveEntry(serviceMaps.iam[op]!, input, at);

test('stored groups and instance profiles are named with their paths; a profile with its tags', async () => {
  assert.equal((await resolve('GetGroup', { GroupName: 'admins' }))[0].resource, iam('group/ops/admins'));
  const [profile] = await resolve('GetInstanceProfile', { InstanceProfileName: 'web' });
  assert.deepEqual([profile.resource, profile.context], [iam('instance-profile/svc/web'), { 'aws:ResourceTag/tier': 'web', 'iam:ResourceTag/tier': 'web' }]);
  assert.equal((await resolve('ListAttachedGroupPolicies', {}))[0].resource, iam('group/'), 'no name: the type\'s root');
});

test('an MFA device by its serial number has its tags only in its own account', async () => {
  const [own] = await resolve('ListMFADeviceTags', { SerialNumber: iam('mfa/phone') });
  assert.deepEqual([own.resource, own.context], [iam('mfa/phone'), { 'aws:ResourceTag/kind': 'virtual', 'iam:ResourceTag/kind': 'virtual' }]);
  const [elsewhere] = await resolve('ListMFADeviceTags', { SerialNumber: iam('mfa/phone') }, { ...facts, account: A2 });
  assert.deepEqual(elsewhere.context, {});
  assert.equal((await resolve('ListMFADeviceTags', {}))[0].resource, '*');
});

test('a SAML provider by its ARN has its tags; another account\'s ARN or an unknown one has none', async () => {
  const [own] = await resolve('GetSAMLProvider', { SAMLProviderArn: iam('saml-provider/idp') });
  assert.deepEqual(own.context, { 'aws:ResourceTag/owner': 'sec', 'iam:ResourceTag/owner': 'sec' });
  assert.deepEqual((await resolve('GetSAMLProvider', { SAMLProviderArn: iam('saml-provider/idp', A2) }))[0].context, {});
  assert.deepEqual((await resolve('GetSAMLProvider', { SAMLProviderArn: 'arn:aws:iam::111122223333:saml-provider/other' }))[0].context, {});
  assert.equal((await resolve('GetSAMLProvider', { SAMLProviderArn: 'not-an-arn' }))[0].resource, 'not-an-arn');
});

test('a server certificate is named with its stored path and tags; a rename names the new name and path, each defaulting to the stored', async () => {
  const [got] = await resolve('GetServerCertificate', { ServerCertificateName: 'site' });
  assert.deepEqual([got.resource, got.context], [iam('server-certificate/cdn/site'), { 'aws:ResourceTag/env': 'prod', 'iam:ResourceTag/env': 'prod' }]);
  const [, renamed] = await resolve('UpdateServerCertificate', { ServerCertificateName: 'site', NewServerCertificateName: 'site2' });
  assert.equal(renamed.resource, iam('server-certificate/cdn/site2'));
  const [, moved] = await resolve('UpdateServerCertificate', { ServerCertificateName: 'site', NewPath: '/new/' });
  assert.equal(moved.resource, iam('server-certificate/new/site'));
  const [, unknown] = await resolve('UpdateServerCertificate', { ServerCertificateName: 'ghost' });
  assert.equal(unknown.resource, iam('server-certificate/ghost'));
  const [upload] = await resolve('UploadServerCertificate', { ServerCertificateName: 'site', Path: '/other/' });
  assert.equal(upload.resource, iam('server-certificate/other/site'), 'an upload is named by the path it gives');
});

test('an OIDC provider being created is named by its URL without the scheme', async () => {
  assert.equal((await resolve('CreateOpenIDConnectProvider', { Url: 'https://token.example.com/path' }))[0].resource, iam('oidc-provider/token.example.com/path'));
  assert.equal((await resolve('CreateOpenIDConnectProvider', { Url: 'token.example.com' }))[0].resource, iam('oidc-provider/token.example.com'));
});

test('the calling user is the resource of its own credential operations; for another caller, its account\'s root', async () => {
  const role = await f.role('r', '{}');
  const session = roleSession(role);
  assert.equal((await resolve('ListAccessKeys', {}, { ...facts, caller: session }))[0].resource, iam('root'));
  assert.equal((await resolve('ChangePassword', {}, { ...facts, caller: session }))[0].resource, iam('root'));
});

test('with AllowUsersToChangePassword every user may change its own password and read the policy, and nobody else\'s', async () => {
  const pp = { minimumPasswordLength: 8, requireSymbols: false, requireNumbers: false, requireUppercaseCharacters: false, requireLowercaseCharacters: false };
  await f.store.accountSettings.putPasswordPolicy(A1, { ...pp, allowUsersToChangePassword: false });
  assert.equal((await run(f.store, alice, 'iam', 'ChangePassword', { OldPassword: 'a', NewPassword: 'b' })).error?.code, 'AccessDenied');
  assert.equal((await run(f.store, alice, 'iam', 'GetAccountPasswordPolicy', {})).error?.code, 'AccessDenied');
  await f.store.accountSettings.putPasswordPolicy(A1, { ...pp, allowUsersToChangePassword: true });
  const change = await run(f.store, alice, 'iam', 'ChangePassword', { OldPassword: 'a', NewPassword: 'b' });
  assert.equal(change.error, undefined);
  assert.equal(change.records[0].resource, alice.arn);
  assert.equal(change.records[0].decidedBy[0].policy, 'account-password-policy');
  assert.equal((await run(f.store, alice, 'iam', 'GetAccountPasswordPolicy', {})).error, undefined);
  assert.equal((await run(f.store, alice, 'iam', 'ChangePassword', { OldPassword: 'a', NewPassword: 'b' }, { region: 'cn-north-1' })).error, undefined, 'the grant is read in the request\'s partition');
  assert.equal((await run(f.store, alice, 'iam', 'UpdateAccountPasswordPolicy', {})).error?.code, 'AccessDenied', 'only reading and one\'s own password');
  const [r] = await resolve('GetAccountPasswordPolicy', {});
  assert.equal(r.resource, '*');
  assert.deepEqual(JSON.parse(r.policy!.document).Statement, [{ Sid: 'AllowUsersToChangePassword', Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'iam:GetAccountPasswordPolicy', Resource: '*' }]);
  const role = await f.role('pw-role', '{}');
  assert.equal((await resolve('ChangePassword', {}, { ...facts, caller: roleSession(role) }))[0].policy, undefined, 'the grant is for IAM users');
});

test('a delegation request\'s owner gets and updates it without an identity policy; iam:DelegationRequestOwner names the owner', async () => {
  const base = {
    requestorAccountId: A2, requestorArn: iam('user/partner', A2), workflowId: 'w', description: 'd', permissions: { PolicyTemplateArn: 'arn:aws:iam::aws:delegation-template/t', Parameters: [] },
    permissionPolicy: '{}', notificationChannel: 'arn:aws:sns:us-east-1:444455556666:t', sessionDuration: 3600, onlySendByOwner: false, state: 'ASSIGNED' as const,
    createDate: created, updatedTime: created, stateChangedAt: created,
  };
  await f.store.delegationRequests.create({ ...base, id: 'dr-owned', ownerAccountId: A1, ownerId: alice.arn });
  await f.store.delegationRequests.create({ ...base, id: 'dr-free' });
  const [owned] = await resolve('GetDelegationRequest', { DelegationRequestId: 'dr-owned' });
  assert.equal(owned.resource, iam('delegation-request/dr-owned'));
  assert.deepEqual(owned.context, { 'iam:DelegationRequestOwner': alice.arn });
  assert.equal(owned.policy?.id, 'delegation-request-owner');
  assert.equal((await run(f.store, alice, 'iam', 'GetDelegationRequest', { DelegationRequestId: 'dr-owned' })).error, undefined);
  assert.equal((await run(f.store, alice, 'iam', 'AcceptDelegationRequest', { DelegationRequestId: 'dr-owned' })).error?.code, 'AccessDenied', 'the owner\'s grant is to get and update only');
  const [byArn] = await resolve('GetHumanReadableSummary', { EntityArn: iam('delegation-request/dr-owned') });
  assert.equal(byArn.resource, iam('delegation-request/dr-owned'));
  assert.deepEqual(byArn.context, { 'iam:DelegationRequestOwner': alice.arn }, 'named by its ARN, the same request');
  const got = await run(f.store, alice, 'iam', 'GetDelegationRequest', { DelegationRequestId: 'dr-owned' });
  assert.deepEqual(got.records[0].decidedBy.map((d) => [d.policy, d.sid]), [['delegation-request-owner', 'DelegationRequestOwner']]);
  assert.equal((await run(f.store, alice, 'iam', 'GetDelegationRequest', { DelegationRequestId: 'dr-owned' }, { region: 'cn-north-1' })).error, undefined, 'the grant is read in the request\'s partition');
  const [free] = await resolve('GetDelegationRequest', { DelegationRequestId: 'dr-free' });
  assert.deepEqual([free.context, free.policy], [{}, undefined]);
  const [elsewhere] = await resolve('GetDelegationRequest', { DelegationRequestId: 'dr-owned' }, { ...facts, account: A2 });
  assert.deepEqual([elsewhere.resource, elsewhere.context['iam:DelegationRequestOwner'], elsewhere.policy], [iam('delegation-request/dr-owned', A2), alice.arn, undefined], 'owned in another account: no grant here');
  assert.equal((await resolve('GetHumanReadableSummary', { EntityArn: iam('role/r') }))[0].resource, iam('role/r'), 'an ARN of something else is decided as written');
  assert.equal((await resolve('GetDelegationRequest', {}))[0].resource, iam('delegation-request/*'));
});

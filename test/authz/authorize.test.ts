// The authorize step in-process (src/authz/authorize.ts), on a real SQLite store: what the identity
// policy allows, a permissions boundary, a session policy, an AssumeRoot task policy and an explicit
// deny each refuse, with AWS's AccessDenied text (IAM User Guide, "Policy evaluation logic" and
// "Troubleshoot access denied error messages"); the decision records; the enforcement modes; the
// account root; the callers STS and IAM turn away before any policy is read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { A1, A2, NOW, allow, deny, fixture, policy, roleSession, rootOf, run, userSession, type Fixture } from './authz-fixture.js';
import type { Caller } from '../../src/shared/caller.js';

const bob = `arn:aws:iam::${A1}:user/bob`;
const notAuthorized = (principal: string, action: string, resource: string) => `User: ${principal} is not authorized to perform: ${action} on resource: ${resource}`;
const noIdentity = (principal: string, action: string, resource: string) => `${notAuthorized(principal, action, resource)} because no identity-based policy allows the ${action} action`;

let f: Fixture;
before(() => {
  f = fixture();
});
after(async () => {
  await f.close();
});

describe('an IAM user', () => {
  test('is allowed what its identity policy allows, recorded with the request\'s id, time, caller and resource', async () => {
    const alice = await f.user('alice');
    await f.inline('user', 'alice', policy(allow('iam:GetUser', bob)));
    await f.user('bob');
    const { error, records } = await run(f.store, alice, 'iam', 'GetUser', { UserName: 'bob' });
    assert.equal(error, undefined);
    assert.equal(records.length, 1);
    const [r] = records;
    assert.equal(r.time, NOW.toISOString());
    assert.equal(r.requestId, 'req-1');
    assert.equal(r.accountId, A1);
    assert.equal('resourceAccountId' in r, false);
    assert.equal(r.principal, alice.arn);
    assert.equal(r.action, 'iam:GetUser');
    assert.equal(r.resource, bob);
    assert.equal(r.result, 'Allowed');
    assert.equal(r.mode, 'on');
    assert.deepEqual(r.context, {}, 'an allow is explained by its statements, not its context');
    assert.equal('message' in r, false);
    assert.equal(r.decidedBy.length, 1);
    assert.equal(r.decidedBy[0].policy, 'inline:user/alice/p');
  });

  test('is refused what no identity policy allows: AccessDenied (403) in IAM\'s words, the context keys recorded', async () => {
    const carol = await f.user('carol', { tags: [{ Key: 'team', Value: 'blue' }] });
    const { error, records } = await run(f.store, carol, 'iam', 'GetUser', { UserName: 'bob' });
    assert.equal(error?.code, 'AccessDenied');
    assert.equal(error?.status, 403);
    assert.equal(error?.message, noIdentity(carol.arn, 'iam:GetUser', bob));
    const [r] = records;
    assert.equal(r.result, 'ImplicitlyDenied');
    assert.equal(r.message, error?.message);
    assert.equal(r.context['aws:PrincipalArn'], carol.arn);
    assert.equal(r.context['aws:PrincipalAccount'], A1);
    assert.equal(r.context['aws:PrincipalType'], 'User');
    assert.equal(r.context['aws:userid'], carol.userId);
    assert.equal(r.context['aws:username'], 'carol');
    assert.equal(r.context['aws:PrincipalTag/team'], 'blue', 'the user\'s own tags are its principal tags');
    assert.equal(r.context['aws:SourceIp'], '203.0.113.7');
    assert.equal(r.context['aws:SecureTransport'], 'false', 'a request from the network without TLS');
    assert.equal(r.context['aws:RequestedRegion'], 'us-east-1');
    assert.equal(r.context['aws:CurrentTime'], NOW.toISOString());
    assert.equal(r.context['aws:EpochTime'], String(NOW.getTime() / 1000));
    assert.equal(r.context['aws:ViaAWSService'], 'false');
    assert.equal('aws:MultiFactorAuthPresent' in r.context, false, 'long-term keys carry no MFA key');
  });

  test('is refused by an explicit deny whatever else allows it, the deny named', async () => {
    const dave = await f.user('dave');
    await f.inline('user', 'dave', policy(allow('*')));
    await f.attach('user', 'dave', await f.managed('NoGetUser', policy(deny('iam:GetUser'))));
    const { error, records } = await run(f.store, dave, 'iam', 'GetUser', { UserName: 'bob' });
    assert.equal(error?.code, 'AccessDenied');
    assert.equal(error?.message, `${notAuthorized(dave.arn, 'iam:GetUser', bob)} with an explicit deny in an identity-based policy`);
    assert.equal(records[0].result, 'ExplicitlyDenied');
    assert.equal((await run(f.store, dave, 'iam', 'ListUsers', {})).error, undefined, 'the rest of what the user may do is untouched');
  });

  test('is given its groups\' policies', async () => {
    const erin = await f.user('erin');
    await f.group('readers', ['erin']);
    await f.inline('group', 'readers', policy(allow('iam:ListUsers')));
    assert.equal((await run(f.store, erin, 'iam', 'ListUsers', {})).error, undefined);
    assert.equal((await run(f.store, erin, 'iam', 'ListRoles', {})).error?.code, 'AccessDenied');
  });

  test('is refused by its permissions boundary what its identity policy allows', async () => {
    const boundary = await f.managed('OnlyListUsers', policy(allow('iam:ListUsers')));
    const frank = await f.user('frank', { boundary });
    await f.inline('user', 'frank', policy(allow('iam:*')));
    const { error, records } = await run(f.store, frank, 'iam', 'GetUser', { UserName: 'bob' });
    assert.equal(error?.message, `${notAuthorized(frank.arn, 'iam:GetUser', bob)} because no permissions boundary allows the iam:GetUser action`);
    assert.equal(records[0].result, 'ImplicitlyDenied');
    assert.equal((await run(f.store, frank, 'iam', 'ListUsers', {})).error, undefined, 'what both allow is allowed');
  });

  test('in soft mode a refusal is recorded with its message and the request goes on; off decides nothing', async () => {
    const gina = await f.user('gina');
    const soft = await run(f.store, gina, 'iam', 'GetUser', { UserName: 'bob' }, { enforce: 'soft' });
    assert.equal(soft.error, undefined);
    assert.equal(soft.records.length, 1);
    assert.equal(soft.records[0].mode, 'soft');
    assert.equal(soft.records[0].result, 'ImplicitlyDenied');
    assert.equal(soft.records[0].message, noIdentity(gina.arn, 'iam:GetUser', bob));
    const off = await run(f.store, gina, 'iam', 'GetUser', { UserName: 'bob' }, { enforce: 'off' });
    assert.equal(off.error, undefined);
    assert.deepEqual(off.records, []);
  });

  test('aws:SecureTransport is true over TLS, and for a call made in-process (no source address)', async () => {
    const hank = await f.user('hank');
    const tls = await run(f.store, hank, 'iam', 'GetUser', { UserName: 'bob' }, { tlsVersion: 'TLSv1.3' });
    assert.equal(tls.records[0].context['aws:SecureTransport'], 'true');
    assert.equal(tls.records[0].context['aws:SourceIp'], '203.0.113.7');
    const inProcess = await run(f.store, hank, 'iam', 'GetUser', { UserName: 'bob' }, { sourceIp: undefined });
    assert.equal(inProcess.records[0].context['aws:SecureTransport'], 'true');
    assert.equal('aws:SourceIp' in inProcess.records[0].context, false);
  });

  test('conditions on the global keys decide: aws:SourceIp, aws:SecureTransport, aws:RequestedRegion, aws:PrincipalTag', async () => {
    const ivan = await f.user('ivan', { tags: [{ Key: 'dept', Value: 'ops' }] });
    await f.inline('user', 'ivan', policy(allow('iam:GetUser', '*', {
      Condition: {
        IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
        Bool: { 'aws:SecureTransport': 'true' },
        StringEquals: { 'aws:RequestedRegion': 'us-east-1', 'aws:PrincipalTag/dept': 'ops' },
      },
    })));
    assert.equal((await run(f.store, ivan, 'iam', 'GetUser', { UserName: 'bob' }, { tlsVersion: 'TLSv1.2' })).error, undefined);
    assert.equal((await run(f.store, ivan, 'iam', 'GetUser', { UserName: 'bob' })).error?.code, 'AccessDenied', 'not over TLS');
    assert.equal((await run(f.store, ivan, 'iam', 'GetUser', { UserName: 'bob' }, { tlsVersion: 'TLSv1.2', sourceIp: '198.51.100.1' })).error?.code, 'AccessDenied', 'another network');
    assert.equal((await run(f.store, ivan, 'iam', 'GetUser', { UserName: 'bob' }, { tlsVersion: 'TLSv1.2', region: 'eu-west-1' })).error?.code, 'AccessDenied', 'another region');
  });

  test('a request in another partition\'s region is decided in that partition\'s ARNs', async () => {
    const judy = await f.user('judy');
    await f.inline('user', 'judy', policy(allow('iam:GetUser', `arn:aws-cn:iam::${A1}:user/bob`)));
    const cn = await run(f.store, judy, 'iam', 'GetUser', { UserName: 'bob' }, { region: 'cn-north-1' });
    assert.equal(cn.error, undefined);
    assert.equal(cn.records[0].resource, `arn:aws-cn:iam::${A1}:user/bob`);
    assert.equal(cn.records[0].principal, `arn:aws-cn:iam::${A1}:user/judy`);
    const aws = await run(f.store, judy, 'iam', 'GetUser', { UserName: 'bob' });
    assert.equal(aws.error?.message, noIdentity(judy.arn, 'iam:GetUser', bob), 'the aws partition\'s ARN matches no aws-cn statement');
    const other = await run(f.store, judy, 'iam', 'GetUser', { UserName: 'kim' }, { region: 'cn-north-1' });
    assert.equal(other.error?.message, noIdentity(`arn:aws-cn:iam::${A1}:user/judy`, 'iam:GetUser', `arn:aws-cn:iam::${A1}:user/kim`));
    assert.equal(other.records[0].context['aws:PrincipalArn'], `arn:aws-cn:iam::${A1}:user/judy`);
  });
});

describe('a role session', () => {
  const trust = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A1}:root` }, Action: 'sts:AssumeRole' });

  test('has its role\'s policies, its role\'s tags and the session\'s as principal tags, the session tag winning', async () => {
    const role = await f.role('reader', trust, { tags: [{ Key: 'team', Value: 'role-team' }, { Key: 'cost', Value: 'c1' }] });
    await f.inline('role', 'reader', policy(allow('iam:ListUsers')));
    const s = roleSession(role, { tags: [{ Key: 'Team', Value: 'session-team' }] });
    assert.equal((await run(f.store, s, 'iam', 'ListUsers', {})).error, undefined);
    const { error, records } = await run(f.store, s, 'iam', 'GetUser', { UserName: 'bob' });
    assert.equal(error?.message, noIdentity(s.arn, 'iam:GetUser', bob));
    const ctx = records[0].context;
    assert.equal(ctx['aws:PrincipalArn'], role.arn, 'a role session\'s aws:PrincipalArn is its role\'s ARN');
    assert.equal(ctx['aws:PrincipalType'], 'AssumedRole');
    assert.equal(ctx['aws:userid'], `${role.id}:s1`);
    assert.equal(ctx['aws:PrincipalTag/Team'], 'session-team');
    assert.equal('aws:PrincipalTag/team' in ctx, false);
    assert.equal(ctx['aws:PrincipalTag/cost'], 'c1');
    assert.equal(ctx['aws:MultiFactorAuthPresent'], 'false');
    assert.equal(ctx['aws:TokenIssueTime'], new Date(NOW.getTime() - 60_000).toISOString());
    assert.equal('aws:username' in ctx, false);
  });

  test('is refused by an inline session policy what its role allows', async () => {
    const role = await f.role('admin', trust);
    await f.inline('role', 'admin', policy(allow('*')));
    const s = roleSession(role, { sessionPolicy: policy(allow('iam:ListUsers')) });
    assert.equal((await run(f.store, s, 'iam', 'ListUsers', {})).error, undefined);
    const { error } = await run(f.store, s, 'iam', 'GetUser', { UserName: 'bob' });
    assert.equal(error?.message, `${notAuthorized(s.arn, 'iam:GetUser', bob)} because no session policy allows the iam:GetUser action`);
    assert.equal((await run(f.store, roleSession(role), 'iam', 'GetUser', { UserName: 'bob' })).error, undefined, 'no session policy: no limit');
  });

  test('is limited by managed session policies; one deleted since leaves the session nothing', async () => {
    const role = await f.role('admin2', trust);
    await f.inline('role', 'admin2', policy(allow('*')));
    const lists = await f.managed('SessionListUsers', policy(allow('iam:ListUsers')));
    const s = roleSession(role, { sessionPolicyArns: [lists] });
    assert.equal((await run(f.store, s, 'iam', 'ListUsers', {})).error, undefined);
    assert.match((await run(f.store, s, 'iam', 'ListRoles', {})).error!.message, /because no session policy allows the iam:ListRoles action$/);
    const gone = roleSession(role, { sessionPolicyArns: [`arn:aws:iam::${A1}:policy/Deleted`] });
    assert.match((await run(f.store, gone, 'iam', 'ListUsers', {})).error!.message, /because no session policy allows the iam:ListUsers action$/);
    const unparsable = roleSession(role, { sessionPolicy: '{"Version":' });
    assert.match((await run(f.store, unparsable, 'iam', 'ListUsers', {})).error!.message, /because no session policy allows/);
    const both = roleSession(role, { sessionPolicy: policy(allow('iam:ListRoles')), sessionPolicyArns: [lists] });
    assert.equal((await run(f.store, both, 'iam', 'ListUsers', {})).error, undefined, 'each session policy may allow');
    assert.equal((await run(f.store, both, 'iam', 'ListRoles', {})).error, undefined);
  });

  test('is refused by its role\'s permissions boundary', async () => {
    const boundary = await f.managed('RoleBoundary', policy(allow('iam:ListRoles')));
    const role = await f.role('bounded', trust, { boundary });
    await f.inline('role', 'bounded', policy(allow('iam:*')));
    const s = roleSession(role);
    assert.equal((await run(f.store, s, 'iam', 'ListRoles', {})).error, undefined);
    assert.match((await run(f.store, s, 'iam', 'ListUsers', {})).error!.message, /because no permissions boundary allows the iam:ListUsers action$/);
  });

  test('carries a source identity, and a session made with MFA says so', async () => {
    const role = await f.role('mfa-role', trust);
    const s = roleSession(role, { sourceIdentity: 'alice', mfa: true, mfaAuthenticatedAt: NOW.getTime() - 30_000 });
    const { records } = await run(f.store, s, 'iam', 'ListUsers', {});
    assert.equal(records[0].context['aws:SourceIdentity'], 'alice');
    assert.equal(records[0].context['aws:MultiFactorAuthPresent'], 'true');
    assert.equal(records[0].context['aws:MultiFactorAuthAge'], '30');
  });
});

describe('sts:AssumeRole, decided on the role\'s trust policy', () => {
  test('a wrong sts:ExternalId is refused in STS\'s words, the failed condition recorded', async () => {
    const alice = await f.user('trusting-alice');
    await f.inline('user', 'trusting-alice', policy(allow('sts:AssumeRole')));
    const role = await f.role('with-external-id', policy({
      Sid: 'Partner', Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'secret-1' } },
    }));
    const ok = await run(f.store, alice, 'sts', 'AssumeRole', { RoleArn: role.arn, RoleSessionName: 's', ExternalId: 'secret-1' });
    assert.equal(ok.error, undefined);
    const { error, records } = await run(f.store, alice, 'sts', 'AssumeRole', { RoleArn: role.arn, RoleSessionName: 's', ExternalId: 'wrong' });
    assert.equal(error?.code, 'AccessDenied');
    assert.equal(error?.message, notAuthorized(alice.arn, 'sts:AssumeRole', role.arn), 'STS adds no reason clause');
    assert.equal(records[0].context['sts:ExternalId'], 'wrong');
    assert.deepEqual(records[0].trustConditions?.map(({ statement, sid, keys }) => ({ statement, sid, keys })), [{ statement: 0, sid: 'Partner', keys: ['sts:ExternalId'] }]);
    assert.ok(records[0].trustConditions?.[0].start, 'where the statement stands');
  });

  test('an explicit deny in the caller\'s policy is still named; a trust policy naming someone else lists no conditions', async () => {
    const alice = await f.user('denied-alice');
    await f.inline('user', 'denied-alice', policy(allow('sts:AssumeRole'), deny('sts:AssumeRole', `arn:aws:iam::${A1}:role/locked`)));
    const role = await f.role('locked', policy({ Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'sts:AssumeRole' }));
    const { error, records } = await run(f.store, alice, 'sts', 'AssumeRole', { RoleArn: role.arn, RoleSessionName: 's' });
    assert.equal(error?.message, `${notAuthorized(alice.arn, 'sts:AssumeRole', role.arn)} with an explicit deny in an identity-based policy`);
    assert.equal(records[0].trustConditions, undefined);
    const other = await f.role('others', policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A2}:root` }, Action: 'sts:AssumeRole' }));
    const refused = await run(f.store, alice, 'sts', 'AssumeRole', { RoleArn: other.arn, RoleSessionName: 's' });
    assert.equal(refused.error?.message, notAuthorized(alice.arn, 'sts:AssumeRole', other.arn));
    assert.equal(refused.records[0].trustConditions, undefined, 'no statement names the caller');
  });

  test('another account\'s role is decided in that account: recorded with its account, both sides must allow', async () => {
    const role = await f.role('partner', policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A2}:root` }, Action: 'sts:AssumeRole' }));
    const outsider = await f.user('outsider', { account: A2 });
    const refused = await run(f.store, outsider, 'sts', 'AssumeRole', { RoleArn: role.arn, RoleSessionName: 's' });
    assert.equal(refused.error?.message, notAuthorized(outsider.arn, 'sts:AssumeRole', role.arn), 'STS adds no reason clause');
    assert.ok(refused.records[0].reasons.some((x) => x.code === 'IdentityPolicyDoesNotAllow'), 'the caller\'s own account must allow too');
    assert.equal(refused.records[0].resourceAccountId, A1);
    assert.equal(refused.records[0].accountId, A2);
    await f.inline('user', 'outsider', policy(allow('sts:AssumeRole', role.arn)), A2);
    assert.equal((await run(f.store, outsider, 'sts', 'AssumeRole', { RoleArn: role.arn, RoleSessionName: 's' })).error, undefined);
  });

  test('session tags need sts:TagSession too, decided with the first request\'s keys', async () => {
    const alice = await f.user('tagging-alice');
    await f.inline('user', 'tagging-alice', policy(allow('sts:AssumeRole')));
    const role = await f.role('tagged', policy({ Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'sts:AssumeRole' }));
    const { error, records } = await run(f.store, alice, 'sts', 'AssumeRole', { RoleArn: role.arn, RoleSessionName: 's', Tags: [{ Key: 'k', Value: 'v' }] });
    assert.equal(error?.message, notAuthorized(alice.arn, 'sts:TagSession', role.arn));
    assert.equal(records.length, 1, 'the first refusal decides and is the one recorded');
    assert.equal(records[0].action, 'sts:TagSession');
    assert.equal(records[0].context['aws:RequestTag/k'], 'v');
    assert.equal(records[0].context['aws:PrincipalArn'], alice.arn);
  });

  test('the root may not assume a role, in AWS\'s words; soft mode records it and goes on', async () => {
    const role = await f.role('root-target', policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A1}:root` }, Action: 'sts:AssumeRole' }));
    const on = await run(f.store, rootOf(), 'sts', 'AssumeRole', { RoleArn: role.arn, RoleSessionName: 's' });
    assert.equal(on.error?.code, 'AccessDenied');
    assert.equal(on.error?.message, 'Roles may not be assumed by root accounts.');
    assert.equal(on.records.length, 1);
    assert.equal(on.records[0].result, 'ImplicitlyDenied');
    assert.equal(on.records[0].action, 'sts:AssumeRole');
    assert.equal(on.records[0].message, 'Roles may not be assumed by root accounts.');
    const soft = await run(f.store, rootOf(), 'sts', 'AssumeRole', { RoleArn: role.arn, RoleSessionName: 's' }, { enforce: 'soft' });
    assert.equal(soft.error, undefined);
    assert.equal(soft.records[0].mode, 'soft');
    assert.equal(soft.records[0].message, 'Roles may not be assumed by root accounts.');
  });
});

describe('credentials STS and IAM turn away before any policy', () => {
  test('GetSessionToken credentials without MFA cannot call IAM (InvalidClientTokenId); with MFA they can', async () => {
    const user = await f.user('session-user');
    await f.inline('user', 'session-user', policy(allow('*')));
    const plain = await run(f.store, userSession(user), 'iam', 'ListUsers', {});
    assert.equal(plain.error?.code, 'InvalidClientTokenId');
    assert.equal(plain.error?.status, 403);
    assert.equal(plain.error?.message, 'The security token included in the request is invalid.');
    assert.deepEqual(plain.records, []);
    assert.equal((await run(f.store, userSession(user, { mfa: true }), 'iam', 'ListUsers', {})).error, undefined);
    assert.equal((await run(f.store, userSession(user), 's3', 'ListBuckets', {})).error, undefined, 'other services take them');
    const delegated = userSession(user, { delegationRequestId: 'dr-1', sessionPolicy: policy(allow('iam:ListUsers')) });
    assert.equal((await run(f.store, delegated, 'iam', 'ListUsers', {})).error, undefined, 'a delegated session may call IAM');
    assert.match((await run(f.store, delegated, 'iam', 'ListRoles', {})).error!.message, /because no session policy allows the iam:ListRoles action$/, 'within its request\'s policy');
  });

  test('a federated user cannot call IAM, nor STS but for GetCallerIdentity', async () => {
    const fed = federated('fed1', { userName: 'session-user' });
    assert.equal((await run(f.store, fed, 'iam', 'ListUsers', {})).error?.code, 'InvalidClientTokenId');
    const sts = await run(f.store, fed, 'sts', 'GetSessionToken', {});
    assert.equal(sts.error?.code, 'AccessDenied');
    assert.equal(sts.error?.status, 403);
    assert.equal(sts.error?.message, 'Cannot call GetSessionToken with federated user credentials');
    const who = await run(f.store, fed, 'sts', 'GetCallerIdentity', {});
    assert.equal(who.error, undefined);
    assert.deepEqual(who.records, [], 'GetCallerIdentity needs no permission: nothing is decided');
  });

  test('GetCallerIdentity needs no permission, even for a caller with no policy', async () => {
    const nobody = await f.user('nobody');
    const { error, records } = await run(f.store, nobody, 'sts', 'GetCallerIdentity', {});
    assert.equal(error, undefined);
    assert.deepEqual(records, []);
  });

  test('an operation without an authorization-map entry is a fault, never an allow', async () => {
    const nobody = await f.user('nobody2');
    const { error } = await run(f.store, nobody, 'iam', 'NoSuchOperation', {});
    assert.match(String(error?.message), /iam:NoSuchOperation has no authorization-map entry/);
  });
});

function federated(name: string, extra: { userName?: string; sessionPolicy?: string }): Caller {
  const arn = `arn:aws:sts::${A1}:federated-user/${name}`;
  const base = userSession({ accountId: A1, arn, type: 'federated-user', userId: `${A1}:${name}`, accessKeyId: 'ASIAFED' }, { kind: 'federated-user', sessionName: name, ...extra });
  return { ...base, userName: undefined };
}

describe('a federated user (GetFederationToken)', () => {
  test('has its user\'s policies within its session policy; without one it may do nothing', async () => {
    await f.user('federator');
    await f.inline('user', 'federator', policy(allow('s3:*')));
    const fed = federated('fed2', { userName: 'federator', sessionPolicy: policy(allow('s3:ListAllMyBuckets')) });
    assert.equal((await run(f.store, fed, 's3', 'ListBuckets', {})).error, undefined);
    const refused = await run(f.store, fed, 's3', 'GetBucketAcl', { Bucket: 'mine' });
    assert.equal(refused.error?.message, `User: ${fed.arn} is not authorized to perform: s3:GetBucketAcl on resource: "arn:aws:s3:::mine" because no session policy allows the s3:GetBucketAcl action`);
    assert.equal(refused.records[0].context['aws:PrincipalType'], 'FederatedUser');
    const bare = federated('fed3', { userName: 'federator' });
    assert.match((await run(f.store, bare, 's3', 'ListBuckets', {})).error!.message, /because no session policy allows the s3:ListAllMyBuckets action$/);
    const outside = federated('fed-s', { userName: 'federator', sessionPolicy: policy(allow('iam:ListUsers')) });
    assert.match((await run(f.store, outside, 's3', 'ListBuckets', {})).error!.message, /because no session policy allows the s3:ListAllMyBuckets action$/, 'the session policy allows only what the user may');
  });

  test('the root\'s federated user has everything within its session policy', async () => {
    const fed = federated('fed4', { sessionPolicy: policy(allow('s3:ListAllMyBuckets')) });
    assert.equal((await run(f.store, fed, 's3', 'ListBuckets', {})).error, undefined);
    assert.match((await run(f.store, fed, 's3', 'GetBucketAcl', { Bucket: 'x' })).error!.message, /because no session policy allows the s3:GetBucketAcl action$/);
  });
});

describe('the account root', () => {
  test('may do everything in its own account without a policy, and nothing is refused it there', async () => {
    const { error, records } = await run(f.store, rootOf(), 'iam', 'GetUser', { UserName: 'bob' });
    assert.equal(error, undefined);
    assert.equal(records[0].result, 'Allowed');
    assert.equal(records[0].principal, `arn:aws:iam::${A1}:root`);
    assert.deepEqual(records[0].decidedBy, []);
  });

  test('is bound by its bucket policy\'s explicit deny, but may always read, replace and delete that policy', async () => {
    const document = policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::locked', 'arn:aws:s3:::locked/*'] });
    await f.store.buckets.create({ name: 'locked', accountId: A1, region: 'us-east-1', createdAt: 1, config: { policy: document } });
    const get = await run(f.store, rootOf(), 's3', 'GetObject', { Bucket: 'locked', Key: 'k' });
    assert.equal(get.error?.message, `User: arn:aws:iam::${A1}:root is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::locked/k" with an explicit deny in a resource-based policy`);
    assert.equal(get.records[0].result, 'ExplicitlyDenied');
    for (const op of ['GetBucketPolicy', 'PutBucketPolicy', 'DeleteBucketPolicy']) {
      assert.equal((await run(f.store, rootOf(), 's3', op, { Bucket: 'locked' })).error, undefined, op);
    }
    const alice = await f.user('locked-out');
    await f.inline('user', 'locked-out', policy(allow('s3:*')));
    assert.match((await run(f.store, alice, 's3', 'GetBucketPolicy', { Bucket: 'locked' })).error!.message, /with an explicit deny in a resource-based policy$/, 'only the owner\'s root has the exception');
  });

  test('a bucket policy that allows or denies something else leaves the root its own account', async () => {
    const document = policy({ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::guarded/*' });
    await f.store.buckets.create({ name: 'guarded', accountId: A1, region: 'us-east-1', createdAt: 1, config: { policy: document } });
    assert.equal((await run(f.store, rootOf(), 's3', 'GetObject', { Bucket: 'guarded', Key: 'k' })).error, undefined);
    assert.equal((await run(f.store, rootOf(), 's3', 'DeleteObject', { Bucket: 'guarded', Key: 'k' })).error?.code, 'AccessDenied');
    await f.store.buckets.create({ name: 'broken', accountId: A1, region: 'us-east-1', createdAt: 1, config: { policy: '{"Statement":' } });
    assert.equal((await run(f.store, rootOf(), 's3', 'GetObject', { Bucket: 'broken', Key: 'k' })).error, undefined, 'an unreadable policy denies nothing');
  });

  test('of another account is refused another account\'s bucket unless its policy grants it; S3 then says only "Access Denied"', async () => {
    await f.store.buckets.create({ name: 'a1-private', accountId: A1, region: 'us-east-1', createdAt: 1, config: {} });
    const other = rootOf(A2);
    const refused = await run(f.store, other, 's3', 'GetObject', { Bucket: 'a1-private', Key: 'k' });
    assert.equal(refused.error?.message, 'Access Denied');
    assert.equal(refused.records[0].resourceAccountId, A1);
    const document = policy({ Effect: 'Allow', Principal: { AWS: A2 }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::a1-shared/*' });
    await f.store.buckets.create({ name: 'a1-shared', accountId: A1, region: 'us-east-1', createdAt: 1, config: { policy: document } });
    assert.equal((await run(f.store, other, 's3', 'GetObject', { Bucket: 'a1-shared', Key: 'k' })).error, undefined);
    assert.equal((await run(f.store, other, 's3', 'PutObject', { Bucket: 'a1-shared', Key: 'k' })).error?.message, 'Access Denied');
  });

  test('in an AssumeRoot session is the root less what its task policy denies', async () => {
    const task = await f.managed('TaskNoDeleteUser', policy(deny('iam:DeleteUser')));
    const privileged: Caller = { ...rootOf(), session: { ...roleSession({ arn: `arn:aws:iam::${A1}:role/x`, id: 'AROAX' }).session!, kind: 'root', arn: `arn:aws:iam::${A1}:root`, taskPolicyArn: task } };
    assert.equal((await run(f.store, privileged, 'iam', 'GetUser', { UserName: 'bob' })).error, undefined);
    const { error, records } = await run(f.store, privileged, 'iam', 'DeleteUser', { UserName: 'bob' });
    assert.equal(error?.message, `${notAuthorized(`arn:aws:iam::${A1}:root`, 'iam:DeleteUser', bob)} with an explicit deny in an identity-based policy`);
    assert.equal(records[0].context['aws:AssumedRoot'], 'true');
    const lost: Caller = { ...privileged, session: { ...privileged.session!, taskPolicyArn: `arn:aws:iam::${A1}:policy/NoSuchTask` } };
    assert.equal((await run(f.store, lost, 'iam', 'GetUser', { UserName: 'bob' })).error?.message, noIdentity(`arn:aws:iam::${A1}:root`, 'iam:GetUser', bob), 'a task policy that cannot be read leaves nothing');
  });

  test('in a delegated session is limited by the delegation request\'s policy', async () => {
    const delegated: Caller = { ...rootOf(), session: { ...userSession(rootOf()).session!, delegationRequestId: 'dr-2', sessionPolicy: policy(allow('iam:ListUsers')) } };
    assert.equal((await run(f.store, delegated, 'iam', 'ListUsers', {})).error, undefined);
    assert.match((await run(f.store, delegated, 'iam', 'GetUser', { UserName: 'bob' })).error!.message, /because no session policy allows the iam:GetUser action$/);
  });
});

describe('further authorizations of one call', () => {
  test('PutObject with an ACL needs s3:PutObjectAcl, decided with the upload\'s keys', async () => {
    await f.store.buckets.create({ name: 'uploads', accountId: A1, region: 'us-east-1', createdAt: 1, config: {} });
    const up = await f.user('uploader');
    await f.inline('user', 'uploader', policy(allow('s3:PutObject', 'arn:aws:s3:::uploads/*')));
    assert.equal((await run(f.store, up, 's3', 'PutObject', { Bucket: 'uploads', Key: 'k' })).error, undefined);
    const { error, records } = await run(f.store, up, 's3', 'PutObject', { Bucket: 'uploads', Key: 'k', ACL: 'public-read' });
    assert.equal(error?.message, `User: ${up.arn} is not authorized to perform: s3:PutObjectAcl on resource: "arn:aws:s3:::uploads/k" because no identity-based policy allows the s3:PutObjectAcl action`);
    assert.equal(records.length, 1);
    assert.equal(records[0].action, 's3:PutObjectAcl');
    assert.equal(records[0].context['s3:x-amz-acl'], 'public-read');
    assert.equal(records[0].context['aws:SourceIp'], '203.0.113.7');
  });

  test('CopyObject reads its source: s3:GetObject there, with the call\'s global keys beside the source\'s own', async () => {
    await f.store.buckets.create({ name: 'copy-src', accountId: A1, region: 'us-east-1', createdAt: 1, config: {} });
    const c = await f.user('copier');
    await f.inline('user', 'copier', policy(allow('s3:PutObject', 'arn:aws:s3:::uploads/*')));
    const { error, records } = await run(f.store, c, 's3', 'CopyObject', { Bucket: 'uploads', Key: 'k', CopySource: 'copy-src/a.txt' });
    assert.equal(error?.message, `User: ${c.arn} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::copy-src/a.txt" because no identity-based policy allows the s3:GetObject action`);
    assert.equal(records[0].resource, 'arn:aws:s3:::copy-src/a.txt');
    assert.equal(records[0].context['aws:PrincipalArn'], c.arn);
    assert.equal(records[0].context['s3:ResourceAccount'], A1);
    assert.equal(records[0].context['s3:x-amz-copy-source'], 'copy-src/a.txt', 'the same request\'s headers');
    await f.inline('user', 'copier', policy(allow('s3:PutObject', 'arn:aws:s3:::uploads/*'), allow('s3:GetObject', 'arn:aws:s3:::copy-src/*')));
    assert.equal((await run(f.store, c, 's3', 'CopyObject', { Bucket: 'uploads', Key: 'k', CopySource: 'copy-src/a.txt' })).error, undefined);
  });
});

describe('a service principal or an anonymous caller', () => {
  const service = (sourceAccount: string): Caller => ({
    accountId: sourceAccount, arn: 'pinpoint.amazonaws.com', type: 'service', userId: 'pinpoint.amazonaws.com', accessKeyId: '',
    actingFor: { sourceAccount, sourceArn: `arn:aws:mobiletargeting:us-east-1:${sourceAccount}:apps/app1` },
  });

  test('a service is allowed only by the resource\'s policy naming it, with the confused-deputy keys', async () => {
    const document = policy({
      Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::svc-bucket/*',
      Condition: { StringEquals: { 'aws:SourceAccount': A1 } },
    });
    await f.store.buckets.create({ name: 'svc-bucket', accountId: A1, region: 'us-east-1', createdAt: 1, config: { policy: document } });
    assert.equal((await run(f.store, service(A1), 's3', 'GetObject', { Bucket: 'svc-bucket', Key: 'k' }, { sourceIp: undefined })).error, undefined);
    const { error, records } = await run(f.store, service(A2), 's3', 'GetObject', { Bucket: 'svc-bucket', Key: 'k' }, { sourceIp: undefined });
    assert.equal(error?.code, 'AccessDenied');
    assert.equal(error?.message, 'Access Denied', 'another account\'s caller reads S3\'s bare refusal');
    assert.equal(records[0].context['aws:SourceAccount'], A2);
    assert.equal(records[0].context['aws:PrincipalServiceName'], 'pinpoint.amazonaws.com');
  });

  test('an anonymous caller is allowed by a policy granting everyone, and reads "Access Denied" otherwise', async () => {
    const anonymous: Caller = { accountId: '', arn: '', type: 'anonymous', userId: 'anonymous', accessKeyId: '' };
    const document = policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public-bucket/*' });
    await f.store.buckets.create({ name: 'public-bucket', accountId: A1, region: 'us-east-1', createdAt: 1, config: { policy: document } });
    assert.equal((await run(f.store, anonymous, 's3', 'GetObject', { Bucket: 'public-bucket', Key: 'k' })).error, undefined);
    const { error, records } = await run(f.store, anonymous, 's3', 'PutObject', { Bucket: 'public-bucket', Key: 'k' });
    assert.equal(error?.message, 'Access Denied');
    assert.equal(records[0].context['aws:PrincipalType'], 'Anonymous');
    assert.equal(records[0].context['aws:userid'], 'anonymous');
  });
});

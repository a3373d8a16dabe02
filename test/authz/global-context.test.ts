// The global condition keys of a request per kind of caller (src/authz/request-context.ts), as the
// IAM User Guide's "AWS global condition context keys" page gives their values: aws:PrincipalArn,
// aws:PrincipalType, aws:userid, aws:username, aws:SecureTransport, aws:SourceIp, aws:CurrentTime,
// aws:EpochTime, aws:RequestedRegion, aws:TokenIssueTime, aws:PrincipalTag/*, and a service
// principal's aws:PrincipalServiceName, aws:SourceAccount and aws:SourceArn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globalContext, resourceTagContext } from '../../src/authz/request-context.js';
import type { ContextValue } from '../../src/policy/index.js';
import type { Caller, SessionClaims } from '../../src/shared/caller.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const A1 = '111122223333';
const network = { sourceIp: '198.51.100.4', secure: false, region: 'eu-west-1', now: NOW };
const time = { 'aws:CurrentTime': '2026-06-01T12:00:00.000Z', 'aws:EpochTime': '1780315200' };

const session = (extra: Partial<SessionClaims>): SessionClaims => ({
  accessKeyId: 'ASIAX', secretAccessKey: 's', accountId: A1, kind: 'assumed-role', arn: `arn:aws:sts::${A1}:assumed-role/r/s1`, userId: 'AROAR:s1',
  issuedAt: Date.parse('2026-06-01T11:00:00Z'), expiresAt: NOW.getTime() + 600_000, ...extra,
});

test('aws:EpochTime is the request time in whole seconds since the epoch', () => {
  assert.equal(NOW.getTime() / 1000, 1780315200);
});

test('an IAM user: its ARN, account, User, unique id and name; the network\'s address, no TLS, the region', () => {
  const user: Caller = { accountId: A1, arn: `arn:aws:iam::${A1}:user/alice`, type: 'user', userId: 'AIDAALICE', userName: 'alice', accessKeyId: 'AKIAX' };
  assert.deepEqual(globalContext(user, network, []), {
    ...time,
    'aws:SecureTransport': 'false',
    'aws:SourceIp': '198.51.100.4',
    'aws:RequestedRegion': 'eu-west-1',
    'aws:PrincipalArn': user.arn,
    'aws:PrincipalAccount': A1,
    'aws:PrincipalType': 'User',
    'aws:userid': 'AIDAALICE',
    'aws:ViaAWSService': 'false',
    'aws:username': 'alice',
  });
  const inProcess = globalContext(user, { secure: true, region: 'us-east-1', now: NOW }, []);
  assert.equal(inProcess['aws:SecureTransport'], 'true');
  assert.equal('aws:SourceIp' in inProcess, false, 'no source address, no aws:SourceIp');
});

test('the account root: Account, its account id as aws:userid, no aws:username', () => {
  const root: Caller = { accountId: A1, arn: `arn:aws:iam::${A1}:root`, type: 'root', userId: A1, accessKeyId: 'AKIAR' };
  const ctx = globalContext(root, network, []);
  assert.equal(ctx['aws:PrincipalType'], 'Account');
  assert.equal(ctx['aws:userid'], A1);
  assert.equal(ctx['aws:PrincipalArn'], root.arn);
  assert.equal('aws:username' in ctx, false);
  assert.equal('aws:TokenIssueTime' in ctx, false, 'long-term credentials have no token');
  assert.equal('aws:AssumedRoot' in ctx, false);
});

test('a role session: the role\'s ARN as aws:PrincipalArn, AssumedRole, ROLEID:session, the token\'s issue time, no aws:username', () => {
  const caller: Caller = {
    accountId: A1, arn: `arn:aws:sts::${A1}:assumed-role/r/s1`, type: 'assumed-role', userId: 'AROAR:s1', userName: 'ignored', accessKeyId: 'ASIAX',
    session: session({ roleArn: `arn:aws:iam::${A1}:role/path/r`, roleName: 'r', sessionName: 's1' }),
  };
  assert.deepEqual(globalContext(caller, network, []), {
    ...time,
    'aws:SecureTransport': 'false',
    'aws:SourceIp': '198.51.100.4',
    'aws:RequestedRegion': 'eu-west-1',
    'aws:PrincipalArn': `arn:aws:iam::${A1}:role/path/r`,
    'aws:PrincipalAccount': A1,
    'aws:PrincipalType': 'AssumedRole',
    'aws:userid': 'AROAR:s1',
    'aws:ViaAWSService': 'false',
    'aws:TokenIssueTime': '2026-06-01T11:00:00.000Z',
    'aws:MultiFactorAuthPresent': 'false',
  });
});

test('a session with a source identity carries aws:SourceIdentity; an AssumeRoot session aws:AssumedRoot', () => {
  const caller: Caller = { accountId: A1, arn: `arn:aws:sts::${A1}:assumed-role/r/s1`, type: 'assumed-role', userId: 'AROAR:s1', accessKeyId: 'ASIAX', session: session({ roleArn: `arn:aws:iam::${A1}:role/r`, sourceIdentity: 'alice@example.com' }) };
  const ctx = globalContext(caller, network, []);
  assert.equal(ctx['aws:SourceIdentity'], 'alice@example.com');
  assert.equal('aws:AssumedRoot' in ctx, false);
  const root: Caller = { accountId: A1, arn: `arn:aws:iam::${A1}:root`, type: 'root', userId: A1, accessKeyId: 'ASIAR', session: session({ kind: 'root', arn: `arn:aws:iam::${A1}:root`, userId: A1 }) };
  const privileged = globalContext(root, network, []);
  assert.equal(privileged['aws:AssumedRoot'], 'true');
  assert.equal('aws:SourceIdentity' in privileged, false);
});

test('principal tags: the principal\'s own, then the session\'s overriding a key of any case, each under its own spelling', () => {
  const caller: Caller = {
    accountId: A1, arn: `arn:aws:sts::${A1}:assumed-role/r/s1`, type: 'assumed-role', userId: 'AROAR:s1', accessKeyId: 'ASIAX',
    session: session({ roleArn: `arn:aws:iam::${A1}:role/r`, tags: [{ Key: 'Project', Value: 'from-session' }, { Key: 'extra', Value: 'e' }] }),
  };
  const ctx = globalContext(caller, network, [{ Key: 'project', Value: 'from-role' }, { Key: 'CostCenter', Value: '42' }]);
  const tags = Object.fromEntries(Object.entries(ctx).filter(([k]) => k.startsWith('aws:PrincipalTag/')));
  assert.deepEqual(tags, { 'aws:PrincipalTag/Project': 'from-session', 'aws:PrincipalTag/CostCenter': '42', 'aws:PrincipalTag/extra': 'e' });
  const user: Caller = { accountId: A1, arn: `arn:aws:iam::${A1}:user/u`, type: 'user', userId: 'AIDAU', userName: 'u', accessKeyId: 'AKIAU' };
  const own = globalContext(user, network, [{ Key: 'Team', Value: 'a' }, { Key: 'team', Value: 'b' }]);
  assert.deepEqual(Object.keys(own).filter((k) => k.startsWith('aws:PrincipalTag/')), ['aws:PrincipalTag/team'], 'tag keys are case-insensitive: the last one given stands');
  assert.equal(own['aws:PrincipalTag/team'], 'b');
});

test('an anonymous caller: only the transport\'s keys, Anonymous and aws:userid anonymous', () => {
  const anonymous: Caller = { accountId: '', arn: '', type: 'anonymous', userId: 'anonymous', accessKeyId: '' };
  assert.deepEqual(globalContext(anonymous, { ...network, secure: true }, [{ Key: 'k', Value: 'v' }]), {
    ...time,
    'aws:SecureTransport': 'true',
    'aws:SourceIp': '198.51.100.4',
    'aws:RequestedRegion': 'eu-west-1',
    'aws:PrincipalType': 'Anonymous',
    'aws:userid': 'anonymous',
  });
});

test('a service principal: its name, the region, and the account and resource it acts for (the confused-deputy keys)', () => {
  const service: Caller = {
    accountId: A1, arn: 'pinpoint.amazonaws.com', type: 'service', userId: 'pinpoint.amazonaws.com', accessKeyId: '',
    actingFor: { sourceAccount: A1, sourceArn: `arn:aws:mobiletargeting:eu-west-1:${A1}:apps/abc` },
  };
  assert.deepEqual(globalContext(service, { secure: true, region: 'eu-west-1', now: NOW }, []), {
    ...time,
    'aws:PrincipalServiceName': 'pinpoint.amazonaws.com',
    'aws:RequestedRegion': 'eu-west-1',
    'aws:SourceAccount': A1,
    'aws:SourceArn': `arn:aws:mobiletargeting:eu-west-1:${A1}:apps/abc`,
  });
  const { actingFor: _none, ...alone } = service;
  assert.deepEqual(globalContext(alone, { secure: true, region: 'eu-west-1', now: NOW }, []), {
    ...time, 'aws:PrincipalServiceName': 'pinpoint.amazonaws.com', 'aws:RequestedRegion': 'eu-west-1',
  });
});

test('an identity provider whose token an operation verified: only the time', () => {
  const provider: Caller = { accountId: A1, arn: `arn:aws:iam::${A1}:oidc-provider/issuer.example.com`, type: 'federated', userId: 'sub', accessKeyId: '' };
  assert.deepEqual(globalContext(provider, network, []), time);
});

test('a resource\'s tags are its aws:ResourceTag/* and iam:ResourceTag/*', () => {
  const ctx: Record<string, ContextValue> = { 'aws:SourceIp': '198.51.100.4' };
  resourceTagContext(ctx, [{ Key: 'team', Value: 'blue' }, { Key: 'Env', Value: 'prod' }]);
  assert.deepEqual(ctx, {
    'aws:SourceIp': '198.51.100.4',
    'aws:ResourceTag/team': 'blue', 'iam:ResourceTag/team': 'blue',
    'aws:ResourceTag/Env': 'prod', 'iam:ResourceTag/Env': 'prod',
  });
  const none: Record<string, ContextValue> = {};
  resourceTagContext(none, undefined);
  assert.deepEqual(none, {});
});

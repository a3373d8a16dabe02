// The MFA and federated-user keys of a request's global context (IAM User Guide, "AWS global
// condition context keys"): aws:MultiFactorAuthPresent and aws:MultiFactorAuthAge, and what a
// GetFederationToken session is named by.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globalContext } from '../../src/authz/request-context.js';
import type { Caller, SessionClaims } from '../../src/shared/caller.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const facts = { secure: true, region: 'us-east-1', now: NOW };
const user: Caller = { accountId: '111122223333', arn: 'arn:aws:iam::111122223333:user/alice', type: 'user', userId: 'AIDAALICEXXXXXXXXXXXX', userName: 'alice', accessKeyId: 'AKIAX' };
const session = (extra: Partial<SessionClaims>): SessionClaims => ({
  accessKeyId: 'ASIAX', secretAccessKey: 's', accountId: '111122223333', kind: 'session', arn: user.arn, userId: user.userId, userName: 'alice',
  issuedAt: NOW.getTime() - 600_000, expiresAt: NOW.getTime() + 600_000, ...extra,
});

test('long-term keys carry no MFA keys; a request that proved a code carries MultiFactorAuthPresent and its age', () => {
  const plain = globalContext(user, facts, []);
  assert.equal(plain['aws:MultiFactorAuthPresent'], undefined);
  assert.equal(plain['aws:MultiFactorAuthAge'], undefined);
  const proved = globalContext({ ...user, mfaAuthenticatedAt: NOW.getTime() }, facts, []);
  assert.equal(proved['aws:MultiFactorAuthPresent'], 'true');
  assert.equal(proved['aws:MultiFactorAuthAge'], '0');
});

test('a session without MFA says false and has no age; one with MFA counts its age in whole seconds from the proof', () => {
  const without = globalContext({ ...user, session: session({}) }, facts, []);
  assert.equal(without['aws:MultiFactorAuthPresent'], 'false');
  assert.equal(without['aws:MultiFactorAuthAge'], undefined);
  const withMfa = globalContext({ ...user, session: session({ mfa: true, mfaAuthenticatedAt: NOW.getTime() - 125_900 }) }, facts, []);
  assert.equal(withMfa['aws:MultiFactorAuthPresent'], 'true');
  assert.equal(withMfa['aws:MultiFactorAuthAge'], '125');
});

test('a token sealed before the MFA time was kept still says MFA is present, without an age', () => {
  const old = globalContext({ ...user, session: session({ mfa: true }) }, facts, []);
  assert.equal(old['aws:MultiFactorAuthPresent'], 'true');
  assert.equal(old['aws:MultiFactorAuthAge'], undefined);
});

test('a federated user is a FederatedUser named by its federated-user ARN and ACCOUNT:NAME, its session tags its principal tags', () => {
  const arn = 'arn:aws:sts::111122223333:federated-user/bob';
  const fed: Caller = {
    accountId: '111122223333', arn, type: 'federated-user', userId: '111122223333:bob', accessKeyId: 'ASIAY',
    session: session({ kind: 'federated-user', arn, userId: '111122223333:bob', sessionName: 'bob', tags: [{ Key: 'team', Value: 'ops' }] }),
  };
  const ctx = globalContext(fed, facts, []);
  assert.equal(ctx['aws:PrincipalType'], 'FederatedUser');
  assert.equal(ctx['aws:PrincipalArn'], arn);
  assert.equal(ctx['aws:userid'], '111122223333:bob');
  assert.equal(ctx['aws:username'], undefined);
  assert.equal(ctx['aws:PrincipalTag/team'], 'ops');
  assert.equal(ctx['aws:MultiFactorAuthPresent'], 'false');
});

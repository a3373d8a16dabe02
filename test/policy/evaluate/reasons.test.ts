// What a decision says besides its result: why a request was refused (one reason per policy type
// that did not allow, in the order of AWS's "Policy evaluation logic" page), which statements
// decided, each policy type's own result, and the AccessDenied sentence AWS writes for each reason
// (IAM User Guide, "Troubleshoot access denied error messages").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessDeniedMessage, evaluate, loadPolicy, type PolicyKind, type PolicyRef, type PolicySet, type RequestContext } from '../../../src/policy/index.js';

const A = '111122223333';
const B = '444455556666';
const USER = `arn:aws:iam::${A}:user/alice`;
const OBJECT = 'arn:aws:s3:::b/k';
const request: RequestContext = { action: 's3:GetObject', resource: OBJECT, principal: USER };

function ref(id: string, kind: PolicyKind, ...statements: object[]): PolicyRef {
  const r = loadPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), kind);
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return { id, policy: r.policy };
}

const allowGet = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
const allowPut = { Effect: 'Allow', Action: 's3:PutObject', Resource: '*' };
const denyGet = { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' };
const allowGetTo = (principal: unknown) => ({ ...allowGet, Principal: principal });
const codes = (r: RequestContext, p: PolicySet) => evaluate(r, p).reasons.map((x) => x.code);

test('no policy at all: implicitly denied because no statement allows', () => {
  const d = evaluate(request, {});
  assert.equal(d.result, 'ImplicitlyDenied');
  assert.deepEqual(d.reasons, [{ code: 'NoAllowingStatement' }]);
  assert.deepEqual(d.decidedBy, []);
  assert.deepEqual(d.byPolicyType, {});
  assert.equal(accessDeniedMessage(request, d), `User: ${USER} is not authorized to perform: s3:GetObject on resource: ${OBJECT} because no identity-based policy allows the s3:GetObject action`);
});

test('an allowed request names every statement that allowed it and says Allowed for each type', () => {
  const p: PolicySet = { identity: [ref('i', 'identity', allowPut, allowGet)], boundary: ref('b', 'boundary', allowGet) };
  const d = evaluate(request, p);
  assert.equal(d.result, 'Allowed');
  assert.deepEqual(d.reasons, []);
  assert.deepEqual(d.decidedBy.map((s) => [s.policy, s.policyType, s.statement, s.effect]), [['i', 'identity', 1, 'Allow'], ['b', 'boundary', 0, 'Allow']]);
  assert.deepEqual(d.byPolicyType, { identity: 'Allowed', boundary: 'Allowed' });
  assert.equal(accessDeniedMessage(request, d), `User: ${USER} is not authorized to perform: s3:GetObject on resource: ${OBJECT}`);
});

test('explicit denies: only the Deny statements decide, one ExplicitDeny reason per policy type, the first one named in the message', () => {
  const p: PolicySet = {
    identity: [ref('i1', 'identity', allowGet, denyGet), ref('i2', 'identity', denyGet)],
    session: [ref('s', 'session', denyGet)],
  };
  const d = evaluate(request, p);
  assert.equal(d.result, 'ExplicitlyDenied');
  assert.deepEqual(d.decidedBy.map((s) => [s.policy, s.statement]), [['i1', 1], ['i2', 0], ['s', 0]]);
  assert.deepEqual(d.reasons, [{ code: 'ExplicitDeny', policyType: 'identity' }, { code: 'ExplicitDeny', policyType: 'session' }]);
  assert.deepEqual(d.byPolicyType, { identity: 'ExplicitlyDenied', session: 'ExplicitlyDenied' });
  assert.match(accessDeniedMessage(request, d), / with an explicit deny in an identity-based policy$/);
});

test('the explicit deny message names the policy type that denied', () => {
  const cases: [PolicySet, string][] = [
    [{ identity: [ref('i', 'identity', allowGet)], resource: ref('r', 'resource', { ...denyGet, Principal: '*' }) }, 'a resource-based policy'],
    [{ identity: [ref('i', 'identity', allowGet)], boundary: ref('b', 'boundary', denyGet) }, 'a permissions boundary'],
    [{ identity: [ref('i', 'identity', allowGet)], session: [ref('s', 'session', denyGet)] }, 'a session policy'],
    [{ identity: [ref('i', 'identity', allowGet)], scp: [[ref('scp', 'scp', allowGet, denyGet)]] }, 'a service control policy'],
  ];
  for (const [p, kind] of cases) {
    const d = evaluate(request, p);
    assert.equal(d.result, 'ExplicitlyDenied', kind);
    assert.equal(accessDeniedMessage(request, d), `User: ${USER} is not authorized to perform: s3:GetObject on resource: ${OBJECT} with an explicit deny in ${kind}`);
  }
});

test('an SCP Deny wins over an SCP Allow at another level, and is reported as the SCP type', () => {
  const d = evaluate(request, { identity: [ref('i', 'identity', allowGet)], scp: [[ref('root', 'scp', allowGet)], [ref('ou', 'scp', denyGet)]] });
  assert.equal(d.result, 'ExplicitlyDenied');
  assert.deepEqual(d.reasons, [{ code: 'ExplicitDeny', policyType: 'scp' }]);
  assert.deepEqual(d.decidedBy.map((s) => [s.policy, s.policyType]), [['ou', 'scp']]);
  assert.equal(d.byPolicyType.scp, 'ExplicitlyDenied');
});

test('the first SCP level that does not allow is the one reported', () => {
  const p: PolicySet = { identity: [ref('i', 'identity', allowGet)], scp: [[ref('root', 'scp', allowGet)], [ref('ou', 'scp', allowPut)], [ref('acct', 'scp', allowPut)]] };
  const d = evaluate(request, p);
  assert.equal(d.result, 'ImplicitlyDenied');
  assert.deepEqual(d.reasons, [{ code: 'ScpDoesNotAllow', level: 1 }]);
  assert.deepEqual(d.decidedBy, []);
  assert.deepEqual(d.byPolicyType, { identity: 'Allowed', scp: 'ImplicitlyDenied' });
  assert.match(accessDeniedMessage(request, d), / because no service control policy allows the s3:GetObject action$/);
  assert.deepEqual(evaluate(request, { ...p, scp: [[ref('root', 'scp', allowPut)]] }).reasons, [{ code: 'ScpDoesNotAllow', level: 0 }]);
  assert.equal(evaluate(request, { ...p, scp: [[ref('root', 'scp', allowGet)], [ref('ou', 'scp', allowGet)]] }).byPolicyType.scp, 'Allowed');
  assert.deepEqual(evaluate(request, { ...p, scp: [[ref('root', 'scp', allowPut)], [ref('ou', 'scp', allowPut)]] }).reasons, [{ code: 'ScpDoesNotAllow', level: 0 }], 'the first level, not the last');
});

test('boundary and session policy: each one that does not allow is a reason of its own', () => {
  const identity = [ref('i', 'identity', allowGet)];
  assert.deepEqual(codes(request, { identity, boundary: ref('b', 'boundary', allowPut) }), ['BoundaryDoesNotAllow']);
  assert.deepEqual(codes(request, { identity, session: [ref('s', 'session', allowPut)] }), ['SessionPolicyDoesNotAllow']);
  assert.deepEqual(codes(request, { identity, boundary: ref('b', 'boundary', allowPut), session: [ref('s', 'session', allowPut)] }), ['BoundaryDoesNotAllow', 'SessionPolicyDoesNotAllow']);
  const none = evaluate(request, { identity: [ref('i', 'identity', allowPut)], boundary: ref('b', 'boundary', allowGet), session: [ref('s', 'session', allowPut)] });
  assert.deepEqual(none.reasons, [{ code: 'NoAllowingStatement' }], 'nothing allows: the boundary and session policy are not what is missing');
  assert.match(accessDeniedMessage(request, none), / because no identity-based policy allows the s3:GetObject action$/);
  assert.deepEqual(codes(request, { identity: [ref('i', 'identity', allowGet)], resource: ref('r', 'resource', allowGetTo({ AWS: A })), boundary: ref('b', 'boundary', allowPut) }),
    ['BoundaryDoesNotAllow'], 'a resource policy naming the account does not lift the boundary');
  const d = evaluate(request, { identity, session: [ref('s', 'session', allowPut)] });
  assert.match(accessDeniedMessage(request, d), / because no session policy allows the s3:GetObject action$/);
  assert.deepEqual(d.byPolicyType, { identity: 'Allowed', session: 'ImplicitlyDenied' });
  const b = evaluate(request, { identity, boundary: ref('b', 'boundary', allowPut) });
  assert.match(accessDeniedMessage(request, b), / because no permissions boundary allows the s3:GetObject action$/);
});

test('an empty list of session policies limits nothing', () => {
  const d = evaluate(request, { identity: [ref('i', 'identity', allowGet)], session: [] });
  assert.equal(d.result, 'Allowed');
  assert.deepEqual(d.byPolicyType, { identity: 'Allowed' });
});

test('cross account: the side that does not allow is named', () => {
  const other = `arn:aws:iam::${B}:user/bob`;
  const r = { ...request, principal: other };
  const resource = ref('r', 'resource', allowGetTo({ AWS: B }));
  const identity = [ref('i', 'identity', allowGet)];
  assert.deepEqual(codes(r, { identity, crossAccount: true }), ['ResourcePolicyDoesNotAllow']);
  assert.deepEqual(codes(r, { resource, crossAccount: true }), ['IdentityPolicyDoesNotAllow']);
  assert.deepEqual(codes(r, { crossAccount: true }), ['NoAllowingStatement']);
  const d = evaluate(r, { identity, crossAccount: true });
  assert.equal(accessDeniedMessage(r, d), `User: ${other} is not authorized to perform: s3:GetObject on resource: ${OBJECT} because no resource-based policy allows the s3:GetObject action`);
  const both = evaluate(r, { identity, resource, crossAccount: true });
  assert.equal(both.result, 'Allowed');
  assert.deepEqual(both.byPolicyType, { identity: 'Allowed', resource: 'Allowed' });
  assert.equal(evaluate(r, { identity, resource: ref('r', 'resource', allowGetTo({ AWS: B }), { ...denyGet, Principal: '*' }), crossAccount: true }).byPolicyType.resource, 'ExplicitlyDenied');
});

test('a trust policy that does not name the caller: TrustPolicyDoesNotAllow, with IdentityPolicyDoesNotAllow when no identity policy allows either', () => {
  const r = { action: 'sts:AssumeRole', resource: `arn:aws:iam::${A}:role/r`, principal: USER };
  const assume = { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' };
  const trustNamingOther = ref('t', 'trust', { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: `arn:aws:iam::${A}:user/bob` } });
  assert.deepEqual(codes(r, { resource: trustNamingOther }), ['TrustPolicyDoesNotAllow', 'IdentityPolicyDoesNotAllow']);
  assert.deepEqual(codes(r, { identity: [ref('i', 'identity', assume)], resource: trustNamingOther }), ['TrustPolicyDoesNotAllow']);
  const d = evaluate(r, { identity: [ref('i', 'identity', assume)], resource: trustNamingOther });
  assert.match(accessDeniedMessage(r, d), / because no resource-based policy allows the sts:AssumeRole action$/);
  const service = { action: 'sts:AssumeRole', resource: `arn:aws:iam::${A}:role/r`, principal: 'lambda.amazonaws.com' };
  assert.deepEqual(codes(service, { resource: trustNamingOther }), ['TrustPolicyDoesNotAllow'], 'a service has no identity policies to name');
  const trustNamingAccount = ref('t', 'trust', { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: A } });
  assert.deepEqual(codes(r, { resource: trustNamingAccount }), ['IdentityPolicyDoesNotAllow'], 'the account is named: the identity side is missing');
});

test('a resource policy marked as a trust policy by the policy set, not by its kind, is held to the trust rule', () => {
  const r = { action: 'sts:AssumeRole', resource: `arn:aws:iam::${A}:role/r`, principal: USER };
  const assume = { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' };
  const resource = ref('t', 'resource', { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: `arn:aws:iam::${A}:user/bob` }, Resource: '*' });
  assert.equal(evaluate(r, { identity: [ref('i', 'identity', assume)], resource }).result, 'Allowed', 'an ordinary resource policy: identity allows in the same account');
  assert.deepEqual(codes(r, { identity: [ref('i', 'identity', assume)], resource, trustPolicy: true }), ['TrustPolicyDoesNotAllow']);
  const trust = ref('t2', 'trust', { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: `arn:aws:iam::${A}:user/bob` } });
  assert.equal(evaluate(r, { identity: [ref('i', 'identity', assume)], resource: trust, trustPolicy: false }).result, 'Allowed', 'trustPolicy: false overrides the kind');
});

test('a service principal or anonymous caller is allowed only by a resource policy naming it', () => {
  const svc = { ...request, principal: 'cloudtrail.amazonaws.com' };
  const bySvc = ref('r', 'resource', allowGetTo({ Service: 'cloudtrail.amazonaws.com' }));
  assert.equal(evaluate(svc, { resource: bySvc }).result, 'Allowed');
  assert.deepEqual(codes(svc, { identity: [ref('i', 'identity', allowGet)] }), ['NoAllowingStatement'], 'identity policies do not apply to a service');
  assert.deepEqual(codes(svc, { resource: ref('r', 'resource', allowGetTo({ Service: 'logs.amazonaws.com' })) }), ['NoAllowingStatement']);
  const anon = { ...request, principal: '*' };
  assert.equal(evaluate(anon, { resource: ref('r', 'resource', allowGetTo('*')) }).result, 'Allowed');
  assert.equal(evaluate(anon, { identity: [ref('i', 'identity', allowGet)] }).result, 'ImplicitlyDenied');
  assert.deepEqual(codes(anon, { resource: ref('r', 'resource', allowGetTo({ AWS: A })) }), ['NoAllowingStatement']);
});

test('missing keys are reported whatever the result', () => {
  const cond = { ...allowGet, Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } } };
  const denyCond = { ...denyGet, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } };
  assert.deepEqual([...evaluate(request, { identity: [ref('i', 'identity', cond)] }).missingKeys], ['aws:PrincipalTag/team']);
  const allowed = evaluate(request, { identity: [ref('i', 'identity', allowGet, denyCond)] });
  assert.equal(allowed.result, 'Allowed');
  assert.deepEqual([...allowed.missingKeys], ['aws:MultiFactorAuthPresent']);
  const denied = evaluate({ ...request, context: { 'aws:MultiFactorAuthPresent': 'false' } }, { identity: [ref('i', 'identity', cond, denyCond)] });
  assert.equal(denied.result, 'ExplicitlyDenied');
  assert.deepEqual([...denied.missingKeys], ['aws:PrincipalTag/team']);
  const scp = evaluate(request, { identity: [ref('i', 'identity', allowGet)], scp: [[ref('s', 'scp', cond)]] });
  assert.deepEqual([...scp.missingKeys], ['aws:PrincipalTag/team'], 'also when an SCP refuses');
});

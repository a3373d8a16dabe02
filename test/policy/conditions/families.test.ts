// The operator families on present keys: strings (case, wildcards, variables), numbers at their
// bounds, Bool, BinaryEquals, IP ranges and ARNs (IAM User Guide, "IAM JSON policy elements:
// Condition operators"; "IAM policy elements: Variables and tags").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedWhen } from './support.js';

const one = (op: string, policy: unknown, request: string | string[], key = 'test:Key', context: Record<string, string | string[]> = {}) =>
  allowedWhen({ [op]: { [key]: policy } }, { ...context, [key]: request });

test('StringEquals and StringNotEquals are exact and case-sensitive; * and ? are plain characters', () => {
  assert.equal(one('StringEquals', 'a*', 'a*'), true);
  assert.equal(one('StringEquals', 'a*', 'ab'), false);
  assert.equal(one('StringEquals', 'a?', 'ab'), false);
  assert.equal(one('StringNotEquals', 'Blue', 'blue'), true);
  assert.equal(one('StringNotEquals', 'a*', 'ab'), true);
});

test('StringEqualsIgnoreCase and its negation fold case on both sides', () => {
  assert.equal(one('StringEqualsIgnoreCase', 'Blue', 'bLUE'), true);
  assert.equal(one('StringEqualsIgnoreCase', 'Blue', 'blues'), false);
  assert.equal(one('StringNotEqualsIgnoreCase', 'Blue', 'BLUE'), false);
  assert.equal(one('StringNotEqualsIgnoreCase', 'Blue', 'red'), true);
});

test('StringLike: * any run, ? one character, case-sensitive; a value without wildcards must be equal', () => {
  assert.equal(one('StringLike', 'home/*', 'home/alice/x'), true);
  assert.equal(one('StringLike', 'home/*', 'HOME/alice'), false);
  assert.equal(one('StringLike', 'home/?', 'home/ab'), false);
  assert.equal(one('StringLike', 'home', 'home'), true);
  assert.equal(one('StringLike', 'home', 'Home'), false);
  assert.equal(one('StringLike', ['x', 'home/*'], 'home/a'), true);
  assert.equal(one('StringLike', ['home/*', 'x'], 'x'), true);
  assert.equal(one('StringNotLike', ['home/*', 'x'], 'x'), false);
  assert.equal(one('StringNotLike', ['home/*', 'x'], 'y'), true);
});

test('${*}, ${?} and ${$} stand for the literal characters in StringLike', () => {
  assert.equal(one('StringLike', 'a${*}', 'a*'), true);
  assert.equal(one('StringLike', 'a${*}', 'ab'), false);
  assert.equal(one('StringLike', 'a${?}', 'a?'), true);
  assert.equal(one('StringLike', 'a${?}', 'ab'), false);
  assert.equal(one('StringLike', 'a${$}*', 'a$b'), true);
  assert.equal(one('StringEquals', 'a${*}', 'a*'), true);
  assert.equal(one('StringEquals', 'a${*}', 'ab'), false);
});

test('policy variables in string values: substituted, compared by the operator, each kind of template', () => {
  const who = { 'aws:username': 'alice' };
  assert.equal(one('StringEquals', '${aws:username}', 'alice', 'test:Key', who), true);
  assert.equal(one('StringEquals', '${aws:username}', 'Alice', 'test:Key', who), false);
  assert.equal(one('StringEqualsIgnoreCase', '${aws:username}', 'ALICE', 'test:Key', who), true);
  assert.equal(one('StringEqualsIgnoreCase', '${aws:username}', 'bob', 'test:Key', who), false);
  assert.equal(one('StringLike', 'home/${aws:username}/*', 'home/alice/x', 'test:Key', who), true);
  assert.equal(one('StringLike', 'home/${aws:username}/*', 'home/bob/x', 'test:Key', who), false);
  assert.equal(one('StringLike', '${aws:username}', 'alice', 'test:Key', { 'aws:username': 'a*' }), false, 'a substituted * is literal');
  assert.equal(one('StringLike', '${aws:username}', 'a*', 'test:Key', { 'aws:username': 'a*' }), true);
  assert.equal(one('StringNotEquals', '${aws:username}', 'bob', 'test:Key', who), true);
  assert.equal(one('StringNotEquals', '${aws:username}', 'alice', 'test:Key', who), false);
});

test('an unresolvable variable matches nothing, but the other values of the condition still count', () => {
  assert.equal(one('StringEquals', '${aws:PrincipalTag/team}', 'blue'), false);
  assert.equal(one('StringEquals', ['${aws:PrincipalTag/team}', 'blue'], 'blue'), true);
  assert.equal(one('StringEquals', ['${aws:PrincipalTag/team}', '${aws:username}'], 'alice', 'test:Key', { 'aws:username': 'alice' }), true);
  assert.equal(one('StringLike', ['${aws:PrincipalTag/team}-*', 'blue-*'], 'blue-1'), true);
  assert.equal(one('StringEquals', "${aws:PrincipalTag/team, 'blue'}", 'blue'), true, 'the default stands in');
});

test('Bool compares true and false; a variable may stand for the value', () => {
  assert.equal(one('Bool', 'true', 'true', 'aws:SecureTransport'), true);
  assert.equal(one('Bool', 'true', 'false', 'aws:SecureTransport'), false);
  assert.equal(one('Bool', 'false', 'false', 'aws:SecureTransport'), true);
  assert.equal(one('Bool', '${aws:PrincipalTag/secure}', 'true', 'aws:SecureTransport', { 'aws:PrincipalTag/secure': 'true' }), true);
  assert.equal(one('Bool', '${aws:PrincipalTag/secure}', 'TRUE', 'aws:SecureTransport', { 'aws:PrincipalTag/secure': 'true' }), true);
  assert.equal(one('Bool', '${aws:PrincipalTag/secure}', 'true', 'aws:SecureTransport', { 'aws:PrincipalTag/secure': 'false' }), false);
  assert.equal(one('Bool', '${aws:PrincipalTag/secure}', 'true', 'aws:SecureTransport'), false, 'no tag, no match');
  assert.equal(one('Bool', ['false', '${aws:PrincipalTag/secure}'], 'false', 'aws:SecureTransport'), true);
});

test('BinaryEquals compares the bytes that base64 values encode', () => {
  const b64 = Buffer.from('binary value').toString('base64');
  assert.equal(one('BinaryEquals', b64, b64), true);
  assert.equal(one('BinaryEquals', b64, Buffer.from('binary valuf').toString('base64')), false);
  assert.equal(one('BinaryEquals', ['QQ==', b64], b64), true);
});

test('each Numeric operator at, below and above its bound', () => {
  const table: [string, boolean, boolean, boolean][] = [
    ['NumericEquals', false, true, false],
    ['NumericNotEquals', true, false, true],
    ['NumericLessThan', true, false, false],
    ['NumericLessThanEquals', true, true, false],
    ['NumericGreaterThan', false, false, true],
    ['NumericGreaterThanEquals', false, true, true],
  ];
  for (const [op, below, at, above] of table) {
    assert.equal(one(op, '10', '9', 's3:max-keys'), below, `${op} below`);
    assert.equal(one(op, '10', '10', 's3:max-keys'), at, `${op} at`);
    assert.equal(one(op, '10', '11', 's3:max-keys'), above, `${op} above`);
  }
  assert.equal(one('NumericLessThan', ['5', '20'], '10', 's3:max-keys'), true, 'values are ORed');
  assert.equal(one('NumericGreaterThan', '10', 'eleven', 's3:max-keys'), false, 'a request value that is no number');
  assert.equal(one('NumericEquals', ['ten', '10'], '10', 's3:max-keys'), true, 'a policy value that is no number matches nothing, the others still count');
  assert.equal(one('NumericLessThan', '10', '-11', 's3:max-keys'), true);
  assert.equal(one('NumericGreaterThan', '-10', '-9.5', 's3:max-keys'), true);
});

test('numbers compare by value: zero, signs, exponents, and digits beyond a double', () => {
  assert.equal(one('NumericEquals', '0', '-0.000', 's3:max-keys'), true);
  assert.equal(one('NumericLessThan', '0', '-0.001', 's3:max-keys'), true);
  assert.equal(one('NumericGreaterThan', '0', '0.001', 's3:max-keys'), true);
  assert.equal(one('NumericGreaterThan', '-1', '0', 's3:max-keys'), true);
  assert.equal(one('NumericLessThan', '1', '0', 's3:max-keys'), true);
  assert.equal(one('NumericEquals', '1.5e3', '1500', 's3:max-keys'), true);
  assert.equal(one('NumericLessThan', '1e3', '999.999', 's3:max-keys'), true);
  assert.equal(one('NumericGreaterThan', '1e-3', '0.0011', 's3:max-keys'), true);
  assert.equal(one('NumericLessThan', '-100', '-1000', 's3:max-keys'), true, 'a larger magnitude is smaller below zero');
  assert.equal(one('NumericLessThan', '-1000', '-100', 's3:max-keys'), false);
  assert.equal(one('NumericGreaterThan', '123', '124', 's3:max-keys'), true, 'same exponent, digits decide');
  assert.equal(one('NumericGreaterThan', '124', '123', 's3:max-keys'), false);
  assert.equal(one('NumericGreaterThan', '-124', '-123', 's3:max-keys'), true);
  assert.equal(one('NumericEquals', '12', '12.000', 's3:max-keys'), true);
  assert.equal(one('NumericGreaterThan', '12', '12.001', 's3:max-keys'), true);
  assert.equal(one('NumericLessThan', '12.001', '12', 's3:max-keys'), true);
  assert.equal(one('NumericEquals', '10', '1', 's3:max-keys'), false, 'trailing zeros are not dropped before the point');
});

test('IpAddress and NotIpAddress: ranges of any prefix length, IPv4 and IPv6, several ranges ORed', () => {
  const ip = (op: string, policy: string | string[], request: string) => one(op, policy, request, 'aws:SourceIp');
  assert.equal(ip('IpAddress', '203.0.113.0/24', '203.0.113.200'), true);
  assert.equal(ip('IpAddress', '203.0.113.0/24', '203.0.114.1'), false);
  assert.equal(ip('IpAddress', '203.0.113.0/25', '203.0.113.127'), true);
  assert.equal(ip('IpAddress', '203.0.113.0/25', '203.0.113.128'), false);
  assert.equal(ip('IpAddress', '203.0.112.0/23', '203.0.113.9'), true);
  assert.equal(ip('IpAddress', '203.0.112.0/23', '203.0.114.9'), false);
  assert.equal(ip('IpAddress', '203.0.113.7/32', '203.0.113.7'), true);
  assert.equal(ip('IpAddress', '203.0.113.7/32', '203.0.113.6'), false);
  assert.equal(ip('IpAddress', '0.0.0.0/0', '198.51.100.1'), true);
  assert.equal(ip('IpAddress', ['198.51.100.0/24', '203.0.113.0/24'], '203.0.113.1'), true);
  assert.equal(ip('IpAddress', '2001:db8::/32', '2001:DB8:0:0:0:0:0:1'), true);
  assert.equal(ip('IpAddress', '2001:db8::/32', '2001:db9::1'), false);
  assert.equal(ip('IpAddress', '2001:db8::1/128', '2001:db8::1'), true);
  assert.equal(ip('IpAddress', '2001:db8::1/128', '2001:db8::2'), false);
  assert.equal(ip('IpAddress', '203.0.113.0/24', 'not an address'), false);
  assert.equal(ip('NotIpAddress', '203.0.113.0/24', '198.51.100.1'), true);
  assert.equal(ip('NotIpAddress', '203.0.113.0/24', '203.0.113.1'), false);
});

test('ArnLike and ArnEquals match per segment with wildcards; the negations invert; variables are substituted', () => {
  const arn = (op: string, policy: string | string[], request: string, context: Record<string, string> = {}) => one(op, policy, request, 'aws:SourceArn', context);
  assert.equal(arn('ArnLike', 'arn:aws:s3:::bucket-*', 'arn:aws:s3:::bucket-1'), true);
  assert.equal(arn('ArnLike', 'arn:aws:s3:::bucket-*', 'arn:aws:s3:::Bucket-1'), false);
  assert.equal(arn('ArnEquals', 'arn:aws:sns:us-east-1:111122223333:topic', 'arn:aws:sns:us-east-1:111122223333:topic'), true);
  assert.equal(arn('ArnEquals', 'arn:aws:sns:us-east-1:111122223333:topic', 'arn:aws:sns:us-east-1:111122223333:topic2'), false);
  assert.equal(arn('ArnLike', ['arn:aws:s3:::x', 'arn:aws:sns:*:111122223333:*'], 'arn:aws:sns:eu-west-1:111122223333:t'), true);
  assert.equal(arn('ArnNotLike', 'arn:aws:sns:*:111122223333:*', 'arn:aws:sns:eu-west-1:444455556666:t'), true);
  assert.equal(arn('ArnNotEquals', 'arn:aws:sns:*:111122223333:*', 'arn:aws:sns:eu-west-1:111122223333:t'), false);
  const acct = { 'aws:PrincipalAccount': '111122223333' };
  assert.equal(arn('ArnLike', 'arn:aws:sns:*:${aws:PrincipalAccount}:*', 'arn:aws:sns:eu-west-1:111122223333:t', acct), true);
  assert.equal(arn('ArnLike', 'arn:aws:sns:*:${aws:PrincipalAccount}:*', 'arn:aws:sns:eu-west-1:444455556666:t', acct), false);
  assert.equal(arn('ArnLike', 'arn:aws:sns:*:${aws:PrincipalAccount}:*', 'arn:aws:sns:eu-west-1:111122223333:t'), false, 'unresolved');
  assert.equal(arn('ArnLike', ['arn:aws:sns:*:${aws:PrincipalAccount}:*', 'arn:aws:sns:*:*:t'], 'arn:aws:sns:eu-west-1:111122223333:t'), true);
});

test('templates beside plain values: the plain values still fold case, globs still apply, an unresolved template is skipped', () => {
  assert.equal(one('StringEqualsIgnoreCase', ['${aws:PrincipalTag/team}', 'Blue'], 'BLUE'), true);
  assert.equal(one('StringEqualsIgnoreCase', ['${aws:PrincipalTag/team}', 'Blue'], 'red'), false);
  assert.equal(one('StringEqualsIgnoreCase', ['${aws:PrincipalTag/team}', '${aws:username}'], 'ALICE', 'test:Key', { 'aws:username': 'alice' }), true);
  assert.equal(one('StringLike', ['red-*', '${aws:PrincipalTag/team}-*'], 'blue-1'), false);
  assert.equal(one('StringLike', ['red-*', '${aws:PrincipalTag/team}-*'], 'blue-1', 'test:Key', { 'aws:PrincipalTag/team': 'blue' }), true);
});

test('an empty string is a value like any other for a single-valued operator', () => {
  assert.equal(one('StringEquals', '', ''), true);
  assert.equal(one('StringNotEquals', '', ''), false);
  assert.equal(one('StringEquals', '', ['']), true);
});

test('StringLike over a multivalued key none of whose values match is false', () => {
  assert.equal(one('StringLike', 'team*', ['env', 'cost']), false);
  assert.equal(one('StringNotLike', 'team*', ['env', 'cost']), true);
});

test('a policy IP value that is no address matches nothing, the other ranges still count', () => {
  assert.equal(one('IpAddress', ['abc', '10.0.0.0/8'], '10.1.2.3', 'aws:SourceIp'), true);
  assert.equal(one('IpAddress', ['abc'], '10.1.2.3', 'aws:SourceIp'), false);
});

test('a substituted value is literal in an ARN pattern: its * is no wildcard', () => {
  const tag = { 'aws:PrincipalTag/bucket': 'arn:aws:s3:::*' };
  assert.equal(one('ArnLike', '${aws:PrincipalTag/bucket}', 'arn:aws:s3:::b', 'aws:SourceArn', tag), false);
  assert.equal(one('ArnLike', '${aws:PrincipalTag/bucket}', 'arn:aws:s3:::*', 'aws:SourceArn', tag), true);
});

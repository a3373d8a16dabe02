// Why a trust policy refused a caller it names (src/authz/trust-conditions.ts): the Allow statements
// whose principal and action match the AssumeRole request but whose conditions failed, with the
// condition keys they test and where they stand, for the decision log. Statements that do not name
// the caller, Deny statements, and statements without conditions are not such misses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trustConditionMisses } from '../../src/authz/trust-conditions.js';

const A1 = '111122223333';
const alice = `arn:aws:iam::${A1}:user/alice`;
const role = `arn:aws:iam::${A1}:role/r`;
const request = (context: Record<string, string> = {}) => ({ action: 'sts:AssumeRole', resource: role, principal: alice, context });
const trust = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });

const externalId = { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: alice }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'e1' } } };

test('an Allow naming the caller whose condition fails is a miss, with its index, Sid, position and keys', () => {
  const document = trust(
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::444455556666:root` }, Action: 'sts:AssumeRole' },
    externalId,
  );
  const misses = trustConditionMisses(document, request({ 'sts:ExternalId': 'wrong' }));
  assert.equal(misses.length, 1);
  assert.equal(misses[0].statement, 1, 'indexed from 0, as the decision log cites statements');
  assert.equal(misses[0].sid, 'Partner');
  assert.deepEqual(misses[0].keys, ['sts:ExternalId']);
  assert.ok(misses[0].start);
  assert.equal(misses[0].start.line, 1);
  assert.equal(document.slice(misses[0].start.column - 1).startsWith('{"Sid":"Partner"'), true, 'where the statement\'s { stands');
});

test('a statement whose condition holds, or that has none, is no miss', () => {
  assert.deepEqual(trustConditionMisses(trust(externalId), request({ 'sts:ExternalId': 'e1' })), []);
  assert.deepEqual(trustConditionMisses(trust({ Effect: 'Allow', Principal: { AWS: alice }, Action: 'sts:AssumeRole' }), request()), []);
});

test('a statement naming another principal or another action, or a Deny, is no miss', () => {
  const other = { ...externalId, Principal: { AWS: `arn:aws:iam::${A1}:user/bob` } };
  const tagOnly = { ...externalId, Action: 'sts:TagSession' };
  const denyStatement = { ...externalId, Effect: 'Deny' };
  assert.deepEqual(trustConditionMisses(trust(other, tagOnly, denyStatement), request({ 'sts:ExternalId': 'wrong' })), []);
});

test('the keys of every operator block, each once; no Sid, no sid', () => {
  const statement = {
    Effect: 'Allow', Principal: { AWS: alice }, Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'sts:ExternalId': 'e1', 'aws:PrincipalTag/team': 'a' }, StringLike: { 'sts:ExternalId': 'e*' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  };
  const [miss, ...rest] = trustConditionMisses(JSON.stringify({ Version: '2012-10-17', Statement: statement }), request());
  assert.deepEqual(rest, []);
  assert.equal(miss.statement, 0, 'a single statement object is statement 0');
  assert.equal('sid' in miss, false);
  assert.deepEqual(miss.keys, ['sts:ExternalId', 'aws:PrincipalTag/team', 'aws:MultiFactorAuthPresent']);
});

test('a document that is not JSON, or has no statements, explains nothing', () => {
  assert.deepEqual(trustConditionMisses('{"Statement":', request()), []);
  assert.deepEqual(trustConditionMisses('{"Version":"2012-10-17"}', request()), []);
  assert.deepEqual(trustConditionMisses(trust(null, 'text', externalId), request({ 'sts:ExternalId': 'x' })).map((m) => m.statement), [2], 'entries that are not statements are skipped, the index kept');
});

test('a Condition that is not a block of operators is no condition that failed', () => {
  const statement = { Effect: 'Allow', Principal: { AWS: alice }, Action: 'sts:AssumeRole', Condition: 'sts:ExternalId' };
  assert.deepEqual(trustConditionMisses(trust(statement), request()), []);
});

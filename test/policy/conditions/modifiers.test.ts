// How a condition treats missing, empty and multivalued keys under every modifier (IAM User Guide,
// "Condition operators": "If the key that you specify in a policy condition is not present in the
// request context, the values do not match and the condition is false. If the policy condition
// requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is
// not present, the condition is true. This logic applies to all condition operators except
// ...IfExists and Null check"; "Set operators for multivalued context keys"; "Multivalued context
// key examples").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedWhen, decideWith } from './support.js';

const TAGS = 'aws:TagKeys';

test('a missing key: positive operators are false, negated ones true, for every family', () => {
  const positive = ['StringEquals', 'StringLike', 'StringEqualsIgnoreCase', 'NumericEquals', 'NumericLessThan', 'DateEquals', 'DateLessThan', 'Bool', 'BinaryEquals', 'IpAddress', 'ArnLike', 'ArnEquals'];
  const negated = ['StringNotEquals', 'StringNotLike', 'StringNotEqualsIgnoreCase', 'NumericNotEquals', 'DateNotEquals', 'NotIpAddress', 'ArnNotLike', 'ArnNotEquals'];
  const value: Record<string, string> = { Numeric: '1', Date: '2026-01-01', Bool: 'true', Binary: 'QQ==', Ip: '10.0.0.0/8', Arn: 'arn:aws:iam::111122223333:role/r' };
  const valueFor = (op: string) => value[Object.keys(value).find((f) => op.startsWith(f) || op.includes(f)) ?? ''] ?? 'x';
  for (const op of positive) {
    const d = decideWith({ [op]: { 'test:Key': valueFor(op) } });
    assert.equal(d.result, 'ImplicitlyDenied', op);
    assert.deepEqual([...d.missingKeys], ['test:Key'], `${op} reports the missing key`);
  }
  for (const op of negated) {
    const d = decideWith({ [op]: { 'test:Key': valueFor(op) } });
    assert.equal(d.result, 'Allowed', op);
    assert.deepEqual([...d.missingKeys], ['test:Key'], `${op} reports the missing key`);
  }
});

test('…IfExists: true without the key, the operator itself with it, negated operators included', () => {
  assert.equal(allowedWhen({ StringEqualsIfExists: { 'ec2:InstanceType': 't2.micro' } }), true);
  assert.equal(allowedWhen({ StringEqualsIfExists: { 'ec2:InstanceType': 't2.micro' } }, { 'ec2:InstanceType': 't2.micro' }), true);
  assert.equal(allowedWhen({ StringEqualsIfExists: { 'ec2:InstanceType': 't2.micro' } }, { 'ec2:InstanceType': 'm5.large' }), false);
  assert.equal(allowedWhen({ StringNotEqualsIfExists: { 'ec2:InstanceType': 't2.micro' } }), true);
  assert.equal(allowedWhen({ StringNotEqualsIfExists: { 'ec2:InstanceType': 't2.micro' } }, { 'ec2:InstanceType': 't2.micro' }), false);
  assert.equal(allowedWhen({ NumericLessThanIfExists: { 's3:max-keys': '10' } }), true);
  assert.equal(allowedWhen({ NumericLessThanIfExists: { 's3:max-keys': '10' } }, { 's3:max-keys': '11' }), false);
  assert.equal(allowedWhen({ ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:s3:::b' } }, { 'aws:SourceArn': 'arn:aws:s3:::c' }), false);
});

test('ForAllValues: true when the key is missing or every value matches; false when one does not', () => {
  const op = 'ForAllValues:StringEquals';
  assert.equal(allowedWhen({ [op]: { [TAGS]: ['team', 'env'] } }), true);
  assert.equal(allowedWhen({ [op]: { [TAGS]: ['team', 'env'] } }, { [TAGS]: ['env', 'team'] }), true);
  assert.equal(allowedWhen({ [op]: { [TAGS]: ['team', 'env'] } }, { [TAGS]: ['team', 'cost'] }), false);
  assert.equal(allowedWhen({ [op]: { [TAGS]: ['team', 'env'] } }, { [TAGS]: ['cost', 'team'] }), false);
  assert.equal(allowedWhen({ [op]: { [TAGS]: ['team'] } }, { [TAGS]: 'team' }), true, 'a single value is a set of one');
  assert.equal(allowedWhen({ [op]: { [TAGS]: ['team'] } }, { [TAGS]: 'env' }), false);
});

test('ForAnyValue: false when the key is missing; true when some value matches', () => {
  const op = 'ForAnyValue:StringEquals';
  assert.equal(allowedWhen({ [op]: { [TAGS]: ['team'] } }), false);
  assert.equal(allowedWhen({ [op]: { [TAGS]: ['team'] } }, { [TAGS]: ['env', 'team'] }), true);
  assert.equal(allowedWhen({ [op]: { [TAGS]: ['team'] } }, { [TAGS]: ['team', 'env'] }), true);
  assert.equal(allowedWhen({ [op]: { [TAGS]: ['team'] } }, { [TAGS]: ['env', 'cost'] }), false);
  assert.equal(allowedWhen({ [op]: { [TAGS]: ['team'] } }, { [TAGS]: 'team' }), true);
});

test('set operators with negated operators: ForAllValues needs every value outside, ForAnyValue one', () => {
  assert.equal(allowedWhen({ 'ForAllValues:StringNotEquals': { [TAGS]: ['secret'] } }, { [TAGS]: ['team', 'env'] }), true);
  assert.equal(allowedWhen({ 'ForAllValues:StringNotEquals': { [TAGS]: ['secret'] } }, { [TAGS]: ['team', 'secret'] }), false);
  assert.equal(allowedWhen({ 'ForAllValues:StringNotEquals': { [TAGS]: ['secret'] } }, { [TAGS]: ['secret', 'team'] }), false);
  assert.equal(allowedWhen({ 'ForAnyValue:StringNotEquals': { [TAGS]: ['secret'] } }, { [TAGS]: ['secret', 'team'] }), true);
  assert.equal(allowedWhen({ 'ForAnyValue:StringNotEquals': { [TAGS]: ['secret'] } }, { [TAGS]: ['secret'] }), false);
  assert.equal(allowedWhen({ 'ForAnyValue:StringNotEquals': { [TAGS]: ['secret'] } }), false);
  assert.equal(allowedWhen({ 'ForAllValues:StringNotEquals': { [TAGS]: ['secret'] } }), true);
});

test('an empty multivalued key is absent: ForAllValues true, ForAnyValue false, Null true', () => {
  assert.equal(allowedWhen({ 'ForAllValues:StringEquals': { [TAGS]: ['team'] } }, { [TAGS]: [] }), true);
  assert.equal(allowedWhen({ 'ForAnyValue:StringEquals': { [TAGS]: ['team'] } }, { [TAGS]: [] }), false);
  assert.equal(allowedWhen({ StringEquals: { [TAGS]: 'team' } }, { [TAGS]: [] }), false);
  assert.equal(allowedWhen({ StringNotEquals: { [TAGS]: 'team' } }, { [TAGS]: [] }), true);
  assert.deepEqual([...decideWith({ StringEquals: { [TAGS]: 'team' } }, { [TAGS]: [] }).missingKeys], [TAGS]);
});

test('a key whose values are all empty strings resolves to a null data set ("Multivalued context key examples")', () => {
  assert.equal(allowedWhen({ 'ForAllValues:StringEquals': { [TAGS]: ['team'] } }, { [TAGS]: [''] }), true);
  assert.equal(allowedWhen({ 'ForAnyValue:StringEquals': { [TAGS]: ['team'] } }, { [TAGS]: ['', ''] }), false);
  assert.equal(allowedWhen({ Null: { [TAGS]: 'true' } }, { [TAGS]: [''] }), true);
  assert.equal(allowedWhen({ Null: { [TAGS]: 'false' } }, { [TAGS]: [''] }), false);
  assert.equal(allowedWhen({ 'ForAnyValue:StringEquals': { [TAGS]: ['team'] } }, { [TAGS]: ['', 'team'] }), true, 'one non-empty value keeps the set');
  assert.equal(allowedWhen({ 'ForAllValues:StringEquals': { [TAGS]: ['team'] } }, { [TAGS]: ['', 'team'] }), false);
  assert.deepEqual([...decideWith({ 'ForAllValues:StringEquals': { [TAGS]: ['team'] } }, { [TAGS]: [''] }).missingKeys], [], 'an empty value is present, not missing');
});

test('Null: true asks for absence, false for presence, either case', () => {
  assert.equal(allowedWhen({ Null: { 'aws:TokenIssueTime': 'true' } }), true);
  assert.equal(allowedWhen({ Null: { 'aws:TokenIssueTime': 'TRUE' } }), true);
  assert.equal(allowedWhen({ Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }), false);
  assert.equal(allowedWhen({ Null: { 'aws:TokenIssueTime': 'false' } }, { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }), true);
  assert.equal(allowedWhen({ Null: { 'aws:TokenIssueTime': 'False' } }), false);
  assert.equal(allowedWhen({ Null: { 'aws:TokenIssueTime': ['true', 'false'] } }), true);
  assert.equal(allowedWhen({ Null: { 'aws:TokenIssueTime': ['true', 'false'] } }, { 'aws:TokenIssueTime': 'x' }), true);
  assert.equal(allowedWhen({ Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': '' }), true, 'an empty value is null');
  assert.deepEqual([...decideWith({ Null: { 'aws:TokenIssueTime': 'false' } }).missingKeys], [], 'Null asks about the key; it does not report it missing');
});

test('a single-valued operator over a multivalued key: positive when any value matches, negated when none does', () => {
  assert.equal(allowedWhen({ StringEquals: { [TAGS]: 'team' } }, { [TAGS]: ['env', 'team'] }), true);
  assert.equal(allowedWhen({ StringEquals: { [TAGS]: 'team' } }, { [TAGS]: ['env', 'cost'] }), false);
  assert.equal(allowedWhen({ StringNotEquals: { [TAGS]: 'team' } }, { [TAGS]: ['env', 'team'] }), false);
  assert.equal(allowedWhen({ StringNotEquals: { [TAGS]: 'team' } }, { [TAGS]: ['env', 'cost'] }), true);
});

test('a negated operator with several values is a NOR of them', () => {
  assert.equal(allowedWhen({ StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } }, { 'aws:RequestedRegion': 'eu-west-1' }), false);
  assert.equal(allowedWhen({ StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } }, { 'aws:RequestedRegion': 'us-east-1' }), false);
  assert.equal(allowedWhen({ StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } }, { 'aws:RequestedRegion': 'ap-south-1' }), true);
});

test('a later condition\'s missing key is reported even when an earlier one already failed', () => {
  const d = decideWith({ StringEquals: { 'aws:RequestedRegion': 'us-east-1', 'aws:PrincipalTag/team': 'blue', 'aws:username': 'bob' }, Null: { 'aws:TokenIssueTime': 'false' } },
    { 'aws:RequestedRegion': 'eu-west-1', 'aws:username': 'alice' });
  assert.equal(d.result, 'ImplicitlyDenied');
  assert.deepEqual([...d.missingKeys], ['aws:PrincipalTag/team']);
});

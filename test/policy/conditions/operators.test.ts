// Condition operator names: a base operator with ForAllValues:/ForAnyValue: in front and IfExists
// behind, "any condition operator name except the Null condition" (IAM User Guide, "IAM JSON policy
// elements: Condition operators", "...IfExists condition operators").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePolicy } from '../../../src/policy/index.js';
import { allowedWhen } from './support.js';

const parses = (operator: string, value: unknown = 'x') =>
  parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { [operator]: { 'test:Key': value } } }] }), 'identity').ok;

test('operators with modifiers parse; unknown ones, IfExists alone and NullIfExists do not', () => {
  for (const op of ['StringLike', 'StringLikeIfExists', 'ForAnyValue:StringLike', 'ForAllValues:NumericLessThanIfExists', 'ArnNotEqualsIfExists', 'BinaryEqualsIfExists'])
    assert.equal(parses(op, op.includes('Numeric') ? '1' : op.includes('Binary') ? 'QQ==' : 'x'), true, op);
  assert.equal(parses('Null', 'true'), true);
  for (const op of ['IfExists', 'NullIfExists', 'StringEqualsX', 'stringequals', 'ForAnyValue:', 'ForSomeValues:StringLike', 'ForAnyValue:IfExists', 'toString', 'constructor'])
    assert.equal(parses(op), false, op);
});

test('ForAnyValue:…IfExists compares a present key as ForAnyValue does', () => {
  assert.equal(allowedWhen({ 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': 'team*' } }, { 'aws:TagKeys': ['env', 'team-a'] }), true);
  assert.equal(allowedWhen({ 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': 'team*' } }, { 'aws:TagKeys': ['env'] }), false);
  assert.equal(allowedWhen({ 'ForAllValues:StringLikeIfExists': { 'aws:TagKeys': 'team*' } }, { 'aws:TagKeys': ['env'] }), false);
});

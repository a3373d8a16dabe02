// Numeric values compared exactly as decimals: integers, decimals, exponents and signs, beyond 64 bits
// and beyond a double's precision; text that is not a number is no number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareDecimals, parseDecimal } from '../../../src/policy/conditions/numeric.js';

const order = (a: string, b: string) => compareDecimals(parseDecimal(a)!, parseDecimal(b)!);

test('equal numbers written differently compare equal', () => {
  for (const [a, b] of [['10', '10.0'], ['010', '10'], ['1e1', '10'], ['0.5', '.5'], ['-0', '0'], ['+3', '3'], [' 7 ', '7'], ['2.50', '25e-1']])
    assert.equal(order(a, b), 0, `${a} = ${b}`);
});

test('order follows the numbers, signs and exponents included', () => {
  for (const [a, b] of [['9', '10'], ['-10', '-9'], ['-1', '0'], ['0', '0.001'], ['0.09', '0.1'], ['99', '1e2'], ['-1e3', '-999']])
    assert.equal(order(a, b), -1, `${a} < ${b}`);
});

test('digits past a double\'s precision and beyond 64 bits still count', () => {
  assert.equal(order('9223372036854775806', '9223372036854775807'), -1);
  assert.equal(order('9007199254740993', '9007199254740992'), 1);
  assert.equal(order('99999999999999999999999', '99999999999999999999998'), 1);
  assert.equal(order('-9223372036854775809', '-9223372036854775808'), -1);
  assert.equal(order('0.10000000000000000001', '0.1'), 1);
});

test('text that is not a number is no number', () => {
  for (const bad of ['ten', '', '1,000', '0x10', '1e', '--1', 'Infinity', 'NaN']) assert.equal(parseDecimal(bad), undefined, bad);
});

test('forms of numbers: a leading point, exponents of several digits, zeros inside the digits', () => {
  assert.equal(order('.55', '0.55'), 0);
  assert.equal(order('1e10', '10000000000'), 0);
  assert.equal(order('1E+10', '10000000000'), 0);
  assert.equal(order('105', '150'), -1);
  assert.equal(order('1005', '1.5e3'), -1);
  assert.equal(order('-3', '5'), -1);
  assert.equal(order('5', '-3'), 1);
  assert.equal(order('0', '-3'), 1);
});

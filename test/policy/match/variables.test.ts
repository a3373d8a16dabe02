// Policy variables as IAM substitutes them (IAM User Guide, "IAM policy elements: Variables and
// tags"): a default is used only when the key is missing, an unclosed `${` is literal text, and a
// substituted value is literal text in a pattern, colons included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedWhen, decideWith, USER } from '../conditions/support.js';

test('a variable with a default takes the key\'s value when the key is present', () => {
  const cond = { StringEquals: { 's3:prefix': "home/${aws:username, 'nobody'}" } };
  assert.equal(allowedWhen(cond, { 's3:prefix': 'home/alice', 'aws:username': 'alice' }), true);
  assert.equal(allowedWhen(cond, { 's3:prefix': 'home/nobody', 'aws:username': 'alice' }), false);
  assert.equal(allowedWhen(cond, { 's3:prefix': 'home/nobody' }), true);
  assert.equal(allowedWhen({ StringEquals: { 's3:prefix': "${AWS:UserName, 'nobody'}" } }, { 's3:prefix': 'alice', 'aws:username': 'alice' }), true, 'the key compares case-insensitively');
});

test('text after an unclosed ${ is literal', () => {
  assert.equal(allowedWhen({ StringEquals: { 's3:prefix': 'a${aws:username' } }, { 's3:prefix': 'a${aws:username', 'aws:username': 'alice' }), true);
  assert.equal(allowedWhen({ StringEquals: { 's3:prefix': 'a${aws:username' } }, { 's3:prefix': 'aalice', 'aws:username': 'alice' }), false);
  assert.equal(allowedWhen({ StringEquals: { 's3:prefix': '${aws:username}/${x' } }, { 's3:prefix': 'alice/${x', 'aws:username': 'alice' }), true);
});

test('a variable that stands for a whole ARN matches that ARN segment by segment', () => {
  const cond = { ArnEquals: { 'aws:SourceArn': '${aws:PrincipalArn}' } };
  assert.equal(allowedWhen(cond, { 'aws:SourceArn': USER, 'aws:PrincipalArn': USER }), true);
  assert.equal(allowedWhen(cond, { 'aws:SourceArn': `${USER}2`, 'aws:PrincipalArn': USER }), false);
  assert.equal(allowedWhen({ ArnLike: { 'aws:SourceArn': '${aws:PrincipalArn}*' } }, { 'aws:SourceArn': `${USER}/x`, 'aws:PrincipalArn': USER }), true);
});

test('a variable missing from the request is reported once, in its own spelling', () => {
  const d = decideWith({ StringEquals: { 's3:prefix': ['${aws:PrincipalTag/team}', '${AWS:PrincipalTag/team}/x'] } }, { 's3:prefix': 'x' });
  assert.equal(d.result, 'ImplicitlyDenied');
  assert.deepEqual([...d.missingKeys], ['aws:PrincipalTag/team']);
});

// The authorization map's catalogue: every operation rolegate serves has an entry, so no request
// reaches a handler without a decision; and the entries name AWS's actions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildServices } from '../../src/server/services.js';
import { serviceMaps } from '../../src/authz/map/index.js';
import { fillArn, resolveEntry } from '../../src/authz/resolve.js';
import { model as iamModel } from '../../src/generated/iam/model.js';

const mapOf = (service: string): Record<string, unknown> => serviceMaps[service] ?? {};

test('every operation of every service with a handler has an authorization-map entry', () => {
  const services = buildServices();
  assert.ok(services.length >= 2);
  const missing = services.flatMap((s) => Object.keys(s.handlers).filter((op) => s.handlers[op] && !(op in mapOf(s.name))).map((op) => `${s.name}:${op}`));
  assert.deepEqual(missing, []);
});

test('every generic map entry names a modelled operation of its service', () => {
  const services = new Map(buildServices().map((s) => [s.name, s]));
  for (const [name, map] of Object.entries(serviceMaps)) {
    const service = services.get(name);
    assert.ok(service, `${name} is not a served service`);
    for (const op of Object.keys(map)) assert.ok(service.resolved.operations.has(op), `${name}:${op} is not modelled`);
  }
});

test('the generic resolver fills ARN templates from input members and the request, * where a member is absent', () => {
  const facts = { partition: 'aws', region: 'eu-west-1', account: '111122223333' };
  assert.equal(fillArn('arn:${Partition}:s3:::${Bucket}/${Key}', { Bucket: 'b', Key: 'a/b.txt' }, facts), 'arn:aws:s3:::b/a/b.txt');
  assert.equal(fillArn('arn:${Partition}:kinesis:${Region}:${Account}:stream/${StreamName}', { StreamName: 's1' }, facts), 'arn:aws:kinesis:eu-west-1:111122223333:stream/s1');
  assert.equal(fillArn('arn:aws:s3:::${Bucket}/${Key}', { Bucket: 'b' }, facts), 'arn:aws:s3:::b/*');
  assert.equal(fillArn('*', {}, facts), '*');
});

test('the generic resolver supplies condition keys from members and resolvers, and every further authorization', async () => {
  const facts = { partition: 'aws', region: 'us-east-1', account: '111122223333' };
  const requests = await resolveEntry({
    action: 's3:PutObject', resource: 'arn:aws:s3:::${Bucket}/${Key}',
    context: { 's3:x-amz-acl': { member: 'ACL' }, 's3:prefix': { member: 'Prefix' }, 'test:Count': { resolver: 'count' } },
    also: [{ action: 's3:GetObject', resource: 'arn:aws:s3:::${CopySource}' }],
  }, { Bucket: 'b', Key: 'k', ACL: 'private', CopySource: 'src/k2' }, facts, { count: (input) => String(Object.keys(input).length) });
  assert.deepEqual(requests, [
    { action: 's3:PutObject', resource: 'arn:aws:s3:::b/k', resourceAccount: '111122223333', context: { 's3:x-amz-acl': 'private', 'test:Count': '4' } },
    { action: 's3:GetObject', resource: 'arn:aws:s3:::src/k2', resourceAccount: '111122223333', context: {} },
  ]);
  await assert.rejects(resolveEntry({ action: 'x:Y', resource: '*', context: { k: { resolver: 'nope' } } }, {}, facts), /no condition-key resolver named nope/);
});

test('every IAM map entry names a modelled operation and input members that exist', () => {
  for (const [op, entry] of Object.entries(serviceMaps.iam)) {
    const operation = iamModel.operations[op];
    assert.ok(operation, `${op} is not an IAM operation`);
    assert.ok(entry, `${op} has no IAM action`);
    assert.equal(entry.action, `iam:${op}`);
    const members = Object.keys(iamModel.shapes[operation.input!]?.members ?? {});
    const named = typeof entry.resource === 'string'
      ? [...entry.resource.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]).filter((m) => !['Partition', 'Region', 'Account'].includes(m))
      : [entry.resource.name, entry.resource.path];
    for (const source of Object.values(entry.context ?? {})) if ('member' in source) named.push(source.member);
    for (const m of named) if (m) assert.ok(members.includes(m.split('.')[0]), `${op}.${m} is not an input member`);
  }
});

test('STS actions are sts:<Operation>, and only the operations AWS leaves unauthorized have none', () => {
  for (const [op, entry] of Object.entries(serviceMaps.sts)) {
    if (entry === null) assert.ok(['GetCallerIdentity', 'GetSessionToken', 'AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML'].includes(op), op);
    else assert.equal(entry.action, `sts:${op}`);
  }
});

// The AWS managed policy catalog: the required policies are there, shaped as AWS publishes them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  awsManagedPolicies, awsManagedPolicyByArn, documentText, type AwsManagedPolicy,
} from '../../../src/directory/aws-managed-policies.js';

const REQUIRED: ReadonlyArray<readonly [name: string, path: string]> = [
  ['AmazonS3ReadOnlyAccess', '/'],
  ['AmazonS3FullAccess', '/'],
  ['AmazonKinesisFullAccess', '/'],
  ['AmazonKinesisReadOnlyAccess', '/'],
  ['AmazonKinesisFirehoseFullAccess', '/'],
  ['AmazonKinesisFirehoseReadOnlyAccess', '/'],
  ['AmazonPersonalizeFullAccess', '/service-role/'],
  ['IAMFullAccess', '/'],
  ['IAMReadOnlyAccess', '/'],
  ['AdministratorAccess', '/'],
  ['PowerUserAccess', '/'],
];

const byName = (name: string): AwsManagedPolicy => {
  const p = awsManagedPolicies.find((x) => x.PolicyName === name);
  assert.ok(p, `${name} is in the catalog`);
  return p;
};

const actionsOf = (p: AwsManagedPolicy): string[] =>
  p.Document.Statement.flatMap((s) => (s.Action === undefined ? [] : typeof s.Action === 'string' ? [s.Action] : [...s.Action]));

describe('AWS managed policy catalog', () => {
  test('holds every required policy, under its AWS path', () => {
    for (const [name, path] of REQUIRED) {
      const p = byName(name);
      assert.equal(p.Path, path, `${name} path`);
      assert.equal(awsManagedPolicyByArn(`arn:aws:iam::aws:policy${path}${name}`), p);
    }
  });

  test('names, ids and ARNs are unique', () => {
    for (const key of ['PolicyName', 'PolicyId', 'Arn'] as const) {
      const values = awsManagedPolicies.map((p) => p[key]);
      assert.equal(new Set(values).size, values.length, `${key} unique`);
    }
  });

  for (const p of awsManagedPolicies) {
    describe(p.PolicyName, () => {
      test('ARN is arn:aws:iam::aws:policy<Path><Name>', () => {
        assert.match(p.Path, /^\/(?:[\w+=,.@-]+\/)*$/);
        assert.equal(p.Arn, `arn:aws:iam::aws:policy${p.Path}${p.PolicyName}`);
      });

      test('id, version, dates, attachability and description are AWS-shaped', () => {
        assert.match(p.PolicyId, /^ANPA[A-Z0-9]{17}$/);
        assert.match(p.DefaultVersionId, /^v\d+$/);
        for (const d of [p.CreateDate, p.UpdateDate]) {
          assert.match(d, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
          assert.equal(new Date(d).toISOString().replace('.000Z', 'Z'), d);
        }
        assert.ok(p.UpdateDate >= p.CreateDate, 'UpdateDate is not before CreateDate');
        if (p.DefaultVersionId === 'v1') assert.equal(p.UpdateDate, p.CreateDate);
        assert.equal(p.IsAttachable, true);
        assert.ok(p.Description.length > 0 && p.Description.length <= 1000);
      });

      test('document is Version 2012-10-17 with well-formed, non-empty statements', () => {
        assert.equal(p.Document.Version, '2012-10-17');
        assert.ok(Array.isArray(p.Document.Statement) && p.Document.Statement.length > 0);
        for (const s of p.Document.Statement) {
          assert.ok(s.Effect === 'Allow' || s.Effect === 'Deny');
          assert.ok((s.Action === undefined) !== (s.NotAction === undefined), 'exactly one of Action / NotAction');
          assert.ok((s.Resource === undefined) !== (s.NotResource === undefined), 'exactly one of Resource / NotResource');
        }
      });

      test('document fits the managed policy size limit (6,144 characters without whitespace)', () => {
        const text = documentText(p);
        assert.ok(text.replace(/\s/g, '').length <= 6144);
      });

      test('documentText is 4-space pretty JSON that parses back to the document', () => {
        const text = documentText(p);
        assert.deepEqual(JSON.parse(text), p.Document);
        assert.ok(text.startsWith('{\n    "Version": "2012-10-17",\n    "Statement": ['));
      });
    });
  }

  test('the catalog is frozen', () => {
    const p = byName('AdministratorAccess');
    assert.ok(Object.isFrozen(awsManagedPolicies));
    assert.ok(Object.isFrozen(p) && Object.isFrozen(p.Document) && Object.isFrozen(p.Document.Statement[0]));
  });

  test('unknown or differently-cased ARNs are not found', () => {
    assert.equal(awsManagedPolicyByArn('arn:aws:iam::aws:policy/NoSuchPolicy'), undefined);
    assert.equal(awsManagedPolicyByArn('arn:aws:iam::aws:policy/administratoraccess'), undefined);
    assert.equal(awsManagedPolicyByArn('arn:aws:iam::aws:policy/AmazonPersonalizeFullAccess'), undefined, 'path matters');
  });
});

describe('known facts', () => {
  test('AdministratorAccess allows * on *', () => {
    const p = byName('AdministratorAccess');
    assert.equal(p.PolicyId, 'ANPAIWMBCKSKIEE64ZLYK');
    assert.equal(p.DefaultVersionId, 'v1');
    assert.deepEqual(p.Document, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  });

  test("AmazonS3ReadOnlyAccess's actions include s3:Get* and s3:List*", () => {
    const p = byName('AmazonS3ReadOnlyAccess');
    assert.equal(p.PolicyId, 'ANPAIZTJ4DXE7G6AGAE6M');
    assert.equal(p.Arn, 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess');
    const actions = actionsOf(p);
    assert.ok(actions.includes('s3:Get*'));
    assert.ok(actions.includes('s3:List*'));
    assert.ok(p.Document.Statement.every((s) => s.Effect === 'Allow' && s.Resource === '*'));
  });

  test('PowerUserAccess allows everything but iam, organizations and account, then adds back a few of those', () => {
    const [notAll, addBack] = byName('PowerUserAccess').Document.Statement;
    assert.deepEqual(notAll!.NotAction, ['iam:*', 'organizations:*', 'account:*']);
    assert.ok(actionsOf(byName('PowerUserAccess')).includes('iam:CreateServiceLinkedRole'));
    assert.equal(addBack!.Resource, '*');
  });

  test('IAMFullAccess allows iam:*; IAMReadOnlyAccess only reads', () => {
    assert.ok(actionsOf(byName('IAMFullAccess')).includes('iam:*'));
    const ro = actionsOf(byName('IAMReadOnlyAccess'));
    assert.ok(ro.includes('iam:Get*') && ro.includes('iam:List*'));
    assert.ok(!ro.includes('iam:*'));
  });

  test('AmazonPersonalizeFullAccess is a service-role policy passing roles only to Personalize', () => {
    const p = byName('AmazonPersonalizeFullAccess');
    assert.equal(p.Arn, 'arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess');
    const passRole = p.Document.Statement.find((s) => actionsOf({ ...p, Document: { ...p.Document, Statement: [s] } }).includes('iam:PassRole'));
    assert.deepEqual(passRole?.Condition, { StringEquals: { 'iam:PassedToService': 'personalize.amazonaws.com' } });
  });

  test('the Firehose documents keep AWS key order (Action before Effect)', () => {
    for (const name of ['AmazonKinesisFirehoseFullAccess', 'AmazonKinesisFirehoseReadOnlyAccess']) {
      assert.deepEqual(Object.keys(byName(name).Document.Statement[0]!), ['Action', 'Effect', 'Resource']);
    }
  });
});

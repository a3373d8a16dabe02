// The AWS managed policy catalog: every policy AWS publishes, shaped as AWS publishes it, with the
// hand-checked ones (ids, descriptions, documents) as they were; and the committed catalog is what
// scripts/import-managed-policies.ts writes from the installed package.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  awsManagedPolicies, awsManagedPolicyByArn, documentJson, documentText, policyDocument, type AwsManagedPolicy, type AwsManagedPolicyDocument,
} from '../../../src/directory/aws-managed-policies.js';
import { buildCatalog, derivedPolicyId, differences, documentsFile, indexFile } from '../../../scripts/import-managed-policies.js';
import { chunkTable, decodeChunk, encodeDocuments, encodeIndex } from '../../../src/directory/aws-managed-policies-format.js';

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

/** The policies checked by hand against AWS (src/directory/aws-managed-policy-facts.json), with their documents as they were before the whole catalog. */
const HAND_CHECKED = [...REQUIRED.map(([n]) => n), 'AWSLambdaBasicExecutionRole'];

const byName = (name: string): AwsManagedPolicy => {
  const p = awsManagedPolicies().find((x) => x.PolicyName === name);
  assert.ok(p, `${name} is in the catalog`);
  return p;
};
const doc = (p: AwsManagedPolicy): AwsManagedPolicyDocument => policyDocument(p)!;

const actionsOf = (d: AwsManagedPolicyDocument): string[] =>
  d.Statement.flatMap((s) => (s.Action === undefined ? [] : typeof s.Action === 'string' ? [s.Action] : [...s.Action]));

describe('AWS managed policy catalog', () => {
  test('holds every required policy, under its AWS path', () => {
    for (const [name, path] of REQUIRED) {
      const p = byName(name);
      assert.equal(p.Path, path, `${name} path`);
      assert.equal(awsManagedPolicyByArn(`arn:aws:iam::aws:policy${path}${name}`), p);
    }
  });

  test('the whole catalog: about 1,600 policies under AWS\'s paths, service-linked role policies under /aws-service-role/', () => {
    const all = awsManagedPolicies();
    assert.ok(all.length > 1500, `${all.length} policies`);
    const paths = new Set(all.map((p) => p.Path));
    assert.deepEqual([...paths].sort(), ['/', '/aws-service-role/', '/job-function/', '/root-task/', '/service-role/']);
    const slr = byName('AWSServiceRoleForAmazonEKSNodegroup');
    assert.equal(slr.Arn, 'arn:aws:iam::aws:policy/aws-service-role/AWSServiceRoleForAmazonEKSNodegroup');
    assert.equal(byName('ViewOnlyAccess').Arn, 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess');
    const names = all.map((p) => p.PolicyName);
    assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'ordered by name');
  });

  test('every policy: ARN of path and name, ANPA id, versions v<n> oldest first with the default among them, AWS-shaped dates', () => {
    for (const p of awsManagedPolicies()) {
      assert.match(p.Path, /^\/(?:[\w+=,.@-]+\/)*$/, p.PolicyName);
      assert.equal(p.Arn, `arn:aws:iam::aws:policy${p.Path}${p.PolicyName}`);
      assert.match(p.PolicyId, /^ANPA[A-Z0-9]{17}$/);
      assert.match(p.DefaultVersionId, /^v\d+$/);
      assert.equal(p.IsAttachable, true);
      const numbers = p.Versions.map((v) => Number(v.VersionId.slice(1)));
      assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), p.PolicyName);
      const def = p.Versions.find((v) => v.VersionId === p.DefaultVersionId);
      assert.ok(def, `${p.PolicyName} has its default version`);
      assert.equal(def.CreateDate, p.UpdateDate, 'the default version was created at UpdateDate');
      assert.equal(p.Versions[0]!.CreateDate, p.CreateDate, 'the first version was created at CreateDate');
      for (const d of [p.CreateDate, p.UpdateDate, ...p.Versions.map((v) => v.CreateDate)]) {
        assert.match(d, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        assert.equal(new Date(d).toISOString().replace('.000Z', 'Z'), d);
      }
      assert.ok(p.UpdateDate >= p.CreateDate, `${p.PolicyName}: UpdateDate is not before CreateDate`);
    }
  });

  test('every default document has a Version and well-formed, non-empty statements, and documentText is 4-space JSON of it', () => {
    for (const p of awsManagedPolicies()) {
      const d = doc(p);
      assert.ok(d.Version === '2012-10-17' || (d.Version as string) === '2008-10-17', `${p.PolicyName}: ${d.Version}`);
      const statements = Array.isArray(d.Statement) ? d.Statement : [d.Statement as unknown as AwsManagedPolicyDocument['Statement'][number]];
      assert.ok(statements.length > 0, p.PolicyName);
      for (const s of statements) {
        assert.ok(s.Effect === 'Allow' || s.Effect === 'Deny', p.PolicyName);
        assert.ok((s.Action === undefined) !== (s.NotAction === undefined), `${p.PolicyName}: exactly one of Action / NotAction`);
      }
      const text = documentText(p)!;
      assert.deepEqual(JSON.parse(text), d);
      assert.ok(text.startsWith('{\n    "'), p.PolicyName);
      assert.deepEqual(Object.keys(JSON.parse(text)), Object.keys(JSON.parse(documentJson(p)!)), 'key order as AWS wrote it');
    }
  });

  test('ids are unique; AWS\'s own kept for the hand-checked policies, the others derived from the ARN', () => {
    for (const key of ['PolicyName', 'PolicyId', 'Arn'] as const) {
      const values = awsManagedPolicies().map((p) => p[key]);
      assert.equal(new Set(values).size, values.length, `${key} unique`);
    }
    const facts = JSON.parse(readFileSync(new URL('../../../src/directory/aws-managed-policy-facts.json', import.meta.url), 'utf8')) as Record<string, { PolicyId: string; Description: string }>;
    assert.deepEqual(Object.keys(facts).sort(), [...HAND_CHECKED].sort());
    for (const p of awsManagedPolicies()) {
      const fact = facts[p.PolicyName];
      assert.equal(p.PolicyId, fact ? fact.PolicyId : derivedPolicyId(p.Arn), p.PolicyName);
      assert.equal(p.Description, fact?.Description, p.PolicyName);
    }
    assert.equal(byName('ReadOnlyAccess').PolicyId, derivedPolicyId('arn:aws:iam::aws:policy/ReadOnlyAccess'));
    assert.notEqual(derivedPolicyId('arn:aws:iam::aws:policy/ReadOnlyAccess'), derivedPolicyId('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'));
  });

  for (const [name] of REQUIRED) {
    test(`${name}: description, and a document within the managed policy size limit`, () => {
      const p = byName(name);
      assert.ok(p.Description && p.Description.length <= 1000);
      assert.ok(documentText(p)!.replace(/\s/g, '').length <= 6144);
      assert.equal(doc(p).Version, '2012-10-17');
    });
  }

  test('old versions answer their own documents; an unknown version answers undefined', () => {
    const s3 = byName('AmazonS3ReadOnlyAccess');
    assert.deepEqual(s3.Versions.map((v) => v.VersionId), ['v1', 'v2', 'v3']);
    assert.deepEqual(policyDocument(s3, 'v1'), { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }] });
    assert.notDeepEqual(policyDocument(s3, 'v1'), doc(s3));
    assert.equal(documentJson(s3, 'v4'), undefined);
    const ro = byName('ReadOnlyAccess');
    assert.ok(ro.Versions.length > 100, `${ro.Versions.length} versions of ReadOnlyAccess`);
    const v1 = JSON.stringify(policyDocument(ro, 'v1'));
    const latest = JSON.stringify(doc(ro));
    assert.ok(v1.length < latest.length && latest.includes('dynamodb:') && v1.includes('dynamodb:'));
  });

  test('the catalog is frozen', () => {
    const p = byName('AdministratorAccess');
    assert.ok(Object.isFrozen(awsManagedPolicies()));
    assert.ok(Object.isFrozen(p) && Object.isFrozen(p.Versions) && Object.isFrozen(p.Versions[0]));
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
    assert.deepEqual(doc(p), { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  });

  test("AmazonS3ReadOnlyAccess's actions include s3:Get* and s3:List*", () => {
    const p = byName('AmazonS3ReadOnlyAccess');
    assert.equal(p.PolicyId, 'ANPAIZTJ4DXE7G6AGAE6M');
    assert.equal(p.Arn, 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess');
    const actions = actionsOf(doc(p));
    assert.ok(actions.includes('s3:Get*'));
    assert.ok(actions.includes('s3:List*'));
    assert.ok(doc(p).Statement.every((s) => s.Effect === 'Allow' && s.Resource === '*'));
  });

  test('PowerUserAccess allows everything but iam, organizations and account, then adds back a few of those', () => {
    const [notAll, addBack] = doc(byName('PowerUserAccess')).Statement;
    assert.deepEqual(notAll!.NotAction, ['iam:*', 'organizations:*', 'account:*']);
    assert.ok(actionsOf(doc(byName('PowerUserAccess'))).includes('iam:CreateServiceLinkedRole'));
    assert.equal(addBack!.Resource, '*');
  });

  test('IAMFullAccess allows iam:*; IAMReadOnlyAccess only reads', () => {
    assert.ok(actionsOf(doc(byName('IAMFullAccess'))).includes('iam:*'));
    const ro = actionsOf(doc(byName('IAMReadOnlyAccess')));
    assert.ok(ro.includes('iam:Get*') && ro.includes('iam:List*'));
    assert.ok(!ro.includes('iam:*'));
  });

  test('AmazonPersonalizeFullAccess is a service-role policy passing roles only to Personalize', () => {
    const p = byName('AmazonPersonalizeFullAccess');
    assert.equal(p.Arn, 'arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess');
    const passRole = doc(p).Statement.find((s) => actionsOf({ Version: '2012-10-17', Statement: [s] }).includes('iam:PassRole'));
    assert.deepEqual(passRole?.Condition, { StringEquals: { 'iam:PassedToService': 'personalize.amazonaws.com' } });
  });

  test('the Firehose documents keep AWS key order (Action before Effect)', () => {
    for (const name of ['AmazonKinesisFirehoseFullAccess', 'AmazonKinesisFirehoseReadOnlyAccess']) {
      assert.deepEqual(Object.keys(doc(byName(name)).Statement[0]!), ['Action', 'Effect', 'Resource']);
    }
  });
});

describe('the committed catalog', () => {
  test('the hand-checked policies keep their ids, descriptions, dates and documents', () => {
    const before = JSON.parse(readFileSync(new URL('../../fixtures/iam/aws-managed-policies-hand-checked.json', import.meta.url), 'utf8')) as Array<Record<string, unknown>>;
    assert.deepEqual(before.map((p) => p.PolicyName).sort(), [...HAND_CHECKED].sort());
    for (const b of before) {
      const p = byName(b.PolicyName as string);
      const { Versions: _, IsAttachable: __, ...now } = p;
      assert.deepEqual({ ...now, Document: doc(p) }, b);
    }
  });

  test('is what npm run managed-policies:import writes from the installed package (its --check)', () => {
    const catalog = buildCatalog();
    assert.deepEqual(differences(catalog), [], 'run npm run managed-policies:import');
    assert.equal(catalog.policies, awsManagedPolicies().length);
    assert.ok(readFileSync(indexFile, 'utf8').includes('"name":"ReadOnlyAccess"'));
    assert.ok(readFileSync(documentsFile).length < 4_000_000, 'the documents stay small');
  });
});

describe('the catalog files\' form', () => {
  test('documents: chunks round-trip, an empty history takes no bytes, each chunk decompresses alone', () => {
    const chunks = ['{"Version":"2012-10-17","Statement":[]}', '', 'a\nb', 'x'.repeat(100_000)];
    const bytes = encodeDocuments(chunks);
    assert.equal(bytes.toString('latin1', 0, 4), 'RGMP');
    const table = chunkTable((offset, length) => bytes.subarray(offset, offset + length));
    assert.equal(table.length, 4);
    assert.equal(table[1]!.length, 0);
    assert.ok(table[3]!.length < 1000, 'compressed');
    assert.deepEqual(table.map(({ offset, length }) => decodeChunk(bytes.subarray(offset, offset + length))), chunks);
    assert.throws(() => chunkTable(() => Buffer.from('GZIP0000')), /not a managed policy documents file/);
  });

  test('index: one policy a line, the description only where known', () => {
    const text = encodeIndex({ source: 's', policies: [
      { name: 'A', path: '/', id: 'ANPAAAAAAAAAAAAAAAAAA', createDate: '2015-01-01T00:00:00Z', updateDate: '2016-01-01T00:00:00Z', defaultVersionId: 'v2', versions: [['v1', '2015-01-01T00:00:00Z', 1], ['v2', '2016-01-01T00:00:00Z', 0]] },
      { name: 'B', path: '/service-role/', id: 'ANPABBBBBBBBBBBBBBBBB', description: 'd', createDate: '2015-01-01T00:00:00Z', updateDate: '2015-01-01T00:00:00Z', defaultVersionId: 'v1', versions: [['v1', '2015-01-01T00:00:00Z', 0]] },
    ] });
    assert.equal(text.split('\n').length, 8);
    assert.ok(!text.split('\n')[3]!.includes('description') && text.split('\n')[4]!.includes('"description":"d"'));
    assert.equal(JSON.parse(text).policies[0].versions[0][2], 1);
  });

  test('derived ids are ANPA and 17 base32 characters, the same for the same ARN', () => {
    const a = derivedPolicyId('arn:aws:iam::aws:policy/AmazonSQSFullAccess');
    assert.match(a, /^ANPA[A-Z2-7]{17}$/);
    assert.equal(derivedPolicyId('arn:aws:iam::aws:policy/AmazonSQSFullAccess'), a);
    assert.notEqual(derivedPolicyId('arn:aws:iam::aws:policy/service-role/AmazonSQSFullAccess'), a);
  });
});

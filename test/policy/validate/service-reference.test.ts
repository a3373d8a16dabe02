// The Service Authorization Reference data behind the action, resource and condition key checks: the
// committed files are what scripts/import-service-reference.ts writes from the installed package,
// their text forms round-trip, and findings use them for every service, with wildcards matched
// against action names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validatePolicy } from '../../../src/policy/index.js';
import { decodeActionDetails, decodeActions, encodeActionDetails, encodeActions } from '../../../src/policy/validate/service-reference-format.js';
import { actionExists, knownServicePrefixes, serviceActions } from '../../../src/policy/validate/services.js';
import { actionInfo, lookUpConditionKey } from '../../../src/policy/validate/service-details.js';
import { buildServiceDetails, buildServiceReference, dataFile, detailsFile } from '../../../scripts/import-service-reference.js';

const doc = (actions: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
/** The codes of the action-name checks (other checks, such as REDUNDANT_ACTION, have tests of their own). */
const codes = (actions: string[]) => validatePolicy(doc(actions), 'identity').map((f) => f.code).filter((c) => c === 'UNKNOWN_ACTION' || c === 'UNKNOWN_SERVICE');

test('the committed service-reference.json is what the import script writes from the installed package', async () => {
  assert.equal(readFileSync(dataFile, 'utf8'), await buildServiceReference(), 'run npm run service-reference:import');
});

test('the committed service-reference-details.json is what the import script writes, action for action with the names file', async () => {
  assert.equal(readFileSync(detailsFile, 'utf8'), await buildServiceDetails(), 'run npm run service-reference:import');
  assert.deepEqual(actionInfo('iam', 'PassRole'), { prefix: 'iam', name: 'PassRole', arnFormats: ['arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'], resourceTag: true });
  assert.deepEqual(actionInfo('s3', 'listallmybuckets')!.arnFormats, [], 'an action without resource types takes "*" only');
  assert.equal(actionInfo('kinesis', 'PutRecord')!.resourceTag, true);
  assert.deepEqual(lookUpConditionKey('aws:TagKeys'), { known: true, type: 'ArrayOfString' });
  assert.deepEqual(lookUpConditionKey('kinesis:NoSuchKey'), { known: false, reason: 'service', prefix: 'kinesis' });
});

test('the details form writes each action\'s resource types and aws:ResourceTag support in one word', () => {
  const actions = [{ resources: [0, 2], resourceTag: true }, { resources: [], resourceTag: false }, { resources: [1], resourceTag: false }];
  assert.equal(encodeActionDetails(actions), '0,2t - 1');
  assert.deepEqual(decodeActionDetails('0,2t - 1'), actions);
  assert.deepEqual(decodeActionDetails(''), []);
});

test('the data file form round-trips names with lower-case first letters, hyphens and one-word actions', () => {
  const names = ['AssociateViaAWSService-EventsAndStates', 'Get', 'GetObject', 'GetObjectAcl', 'Query', 'document', 'uploadFiles'];
  const line = encodeActions(names);
  assert.equal(line, 'Associate(ViaAWSService-EventsAndStates) Get(,Object,ObjectAcl) Query() document() upload(Files)');
  assert.deepEqual(decodeActions(line), names);
  assert.throws(() => encodeActions(['Get Object']));
});

test('services the reference lists are known, with their actions', () => {
  for (const p of ['elasticache', 'elasticbeanstalk', 'ram', 'iot', 'fsx', 'lakeformation', 'dms', 'ds', 'ebs', 's3express', 'textract', 'transfer', 'comprehend', 'rekognition', 's3', 'iam', 'sts'])
    assert.ok(knownServicePrefixes.has(p), p);
  assert.ok(!knownServicePrefixes.has('pinpoint'), 'Amazon Pinpoint acts under mobiletargeting');
  const s3 = serviceActions('S3')!;
  assert.ok(actionExists(s3, 'GetObject') && actionExists(s3, 'getobject') && actionExists(s3, 'Get*') && actionExists(s3, '*Object'));
  assert.ok(!actionExists(s3, 'GetObjekt') && !actionExists(s3, 'Frobnicate*'));
});

test('unknown actions of any service are errors; valid ones, wildcards that match and case differences are not', () => {
  assert.deepEqual(codes([
    's3:GetObject', 'S3:getobject', 's3:Get*', 's3:*Object', 's3:Get?bject', 'elasticache:CreateCacheCluster', 'ram:CreateResourceShare',
    'iot:Publish', 'fsx:CreateFileSystem', 'lakeformation:GetDataAccess', 'dms:CreateReplicationTask', 'ds:CreateDirectory',
    'ebs:StartSnapshot', 's3express:CreateSession', 'textract:AnalyzeDocument', 'transfer:CreateServer',
    'comprehend:DetectSentiment', 'rekognition:DetectLabels', 'elasticbeanstalk:CreateApplication', 'dynamodb:Query', '*', '*:Get*',
  ]), []);
  const f = validatePolicy(doc(['s3:GetObjekt', 'iam:CreateUsr', 's3:Frob*', 'pinpoint:SendMessages', 'nosuchservice:Get']), 'identity');
  assert.ok(f.every((x) => x.findingType === 'ERROR'));
  assert.deepEqual(f.map((x) => [x.severity, x.code, x.message]), [
    ['error', 'UNKNOWN_ACTION', 'The action s3:GetObjekt does not exist in service s3. Did you mean s3:GetObject?'],
    ['error', 'UNKNOWN_ACTION', 'The action iam:CreateUsr does not exist in service iam. Did you mean iam:CreateUser?'],
    ['error', 'UNKNOWN_ACTION', 'The action s3:Frob* does not exist in service s3.'],
    ['error', 'UNKNOWN_SERVICE', 'The service prefix pinpoint in action pinpoint:SendMessages is not recognized.'],
    ['error', 'UNKNOWN_SERVICE', 'The service prefix nosuchservice in action nosuchservice:Get is not recognized.'],
  ]);
});

test('NotAction is checked like Action', () => {
  const f = validatePolicy(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: ['iam:Get*', 'iam:ListUserz'], Resource: '*' }] }), 'identity');
  assert.deepEqual(f.map((x) => x.code), ['UNKNOWN_ACTION']);
});

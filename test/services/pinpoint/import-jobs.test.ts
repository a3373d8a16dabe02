// Pinpoint's import jobs through @aws-sdk/client-pinpoint against a started server: the seeds'
// import role (trust: pinpoint.amazonaws.com; AmazonS3ReadOnlyAccess) reads endpoint files from a
// bucket, the job moves to COMPLETED with its counters, the endpoints and the imported segment
// are there; rows AWS refuses are the job's Failures; a role that trusts another service, or may
// not read, fails the job with why; the caller needs iam:PassRole on the role.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAppCommand, CreateImportJobCommand, GetEndpointCommand, GetImportJobCommand, GetImportJobsCommand, GetSegmentCommand,
  GetSegmentImportJobsCommand, GetUserEndpointsCommand, type ImportJobResponse, type ImportJobRequest,
} from '@aws-sdk/client-pinpoint';
import { AttachRolePolicyCommand, CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { useRolegate, TEST_ACCOUNT } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const pp = () => rg.server.pinpoint();
const trust = (service: string) => JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'AllowUserToImportEndpointDefinitions', Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
});

async function importRole(name = 'PinpointSegmentImport', service = 'pinpoint.amazonaws.com'): Promise<string> {
  const role = await rg.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(service) }));
  await rg.iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
  return role.Role!.Arn!;
}

async function bucketWith(files: Record<string, string>, bucket = 'pinpoint-imports'): Promise<void> {
  await rg.server.s3().send(new CreateBucketCommand({ Bucket: bucket }));
  for (const [Key, Body] of Object.entries(files)) await rg.server.s3().send(new PutObjectCommand({ Bucket: bucket, Key, Body }));
}

const newApp = async () => (await pp().send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'shop' } }))).ApplicationResponse!.Id!;

async function runImport(app: string, request: ImportJobRequest, client = pp()): Promise<ImportJobResponse> {
  const created = await client.send(new CreateImportJobCommand({ ApplicationId: app, ImportJobRequest: request }));
  assert.equal(created.$metadata.httpStatusCode, 201);
  const job = created.ImportJobResponse!;
  assert.equal(job.JobStatus, 'CREATED');
  assert.equal(job.Type, 'IMPORT');
  const deadline = Date.now() + 60_000;
  for (;;) {
    const got = (await pp().send(new GetImportJobCommand({ ApplicationId: app, JobId: job.Id }))).ImportJobResponse!;
    if (got.JobStatus === 'COMPLETED' || got.JobStatus === 'FAILED') return got;
    if (Date.now() > deadline) throw new Error(`import still ${got.JobStatus}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const CSV = [
  'ChannelType,Address,Location.Country,Demographic.Platform,Demographic.Make,User.UserId,User.UserAttributes.interests,User.UserAttributes.interests,Attributes.tier,Metrics.visits',
  'SMS,+16045550182,CA,Android,LG,example-user-id-1,science,music,gold,3',
  'APNS,1a2b3c4d5e6f7g8h9i0j1a2b3c4d5e6f,US,iOS,Apple,example-user-id-2,"travel, food",,silver,1',
  'EMAIL,john.stiles@example.com,US,iOS,Apple,example-user-id-2,,,,',
].join('\n');

describe('CreateImportJob from S3 with the seeds\' role', () => {
  it('imports a CSV file: COMPLETED, its endpoints registered and an imported segment defined', async () => {
    const role = await importRole();
    await bucketWith({ 'imports/endpoints.csv': CSV });
    const app = await newApp();
    const job = await runImport(app, { S3Url: 's3://pinpoint-imports/imports/endpoints.csv', RoleArn: role, Format: 'CSV', DefineSegment: true, SegmentName: 'imported', RegisterEndpoints: true });
    assert.equal(job.JobStatus, 'COMPLETED', JSON.stringify(job.Failures));
    assert.equal(job.TotalProcessed, 3);
    assert.equal(job.TotalFailures, 0);
    assert.equal(job.TotalPieces, 1);
    assert.equal(job.CompletedPieces, 1);
    assert.equal(job.FailedPieces, 0);
    assert.ok(job.CompletionDate);
    const segmentId = job.Definition!.SegmentId!;
    assert.match(segmentId, /^[0-9a-f]{32}$/);
    const seg = (await pp().send(new GetSegmentCommand({ ApplicationId: app, SegmentId: segmentId }))).SegmentResponse!;
    assert.equal(seg.SegmentType, 'IMPORT');
    assert.equal(seg.Name, 'imported');
    assert.equal(seg.Version, 1);
    assert.equal(seg.ImportDefinition!.Size, 3);
    assert.equal(seg.ImportDefinition!.Format, 'CSV');
    assert.deepEqual(seg.ImportDefinition!.ChannelCounts, { SMS: 1, APNS: 1, EMAIL: 1 });
    assert.ok(!Object.keys(seg).some((k) => k.startsWith('_')), 'no private keys shown');
    const users = (await pp().send(new GetUserEndpointsCommand({ ApplicationId: app, UserId: 'example-user-id-2' }))).EndpointsResponse!.Item!;
    assert.equal(users.length, 2);
    const sms = (await pp().send(new GetUserEndpointsCommand({ ApplicationId: app, UserId: 'example-user-id-1' }))).EndpointsResponse!.Item![0];
    assert.equal(sms.Address, '+16045550182');
    assert.deepEqual(sms.User!.UserAttributes, { interests: ['science', 'music'] });
    assert.deepEqual(sms.Attributes, { tier: ['gold'] });
    assert.deepEqual(sms.Metrics, { visits: 3 });
    assert.deepEqual(sms.Demographic, { Platform: 'Android', Make: 'LG' });
    const apns = users.find((e) => e.ChannelType === 'APNS')!;
    assert.deepEqual(apns.User!.UserAttributes, { interests: ['travel, food'] }, 'a quoted cell keeps its comma');
    const list = (await pp().send(new GetImportJobsCommand({ ApplicationId: app }))).ImportJobsResponse!.Item!;
    assert.deepEqual(list.map((j) => j.Id), [job.Id]);
    const ofSegment = (await pp().send(new GetSegmentImportJobsCommand({ ApplicationId: app, SegmentId: segmentId }))).ImportJobsResponse!.Item!;
    assert.deepEqual(ofSegment.map((j) => j.Id), [job.Id]);
  });

  it('imports every JSON file under a prefix, and an import into the segment makes its next version', async () => {
    const role = await importRole();
    await bucketWith({
      'json/a.json': '{"Id":"e1","ChannelType":"EMAIL","Address":"a@example.com","User":{"UserId":"u1"}}\n{"Id":"e2","ChannelType":"EMAIL","Address":"b@example.com"}\n',
      'json/b.json': '\n{"Id":"e3","ChannelType":"SMS","Address":"+12065550100","Attributes":{"plan":["pro"]}}',
      'other/c.json': '{"Id":"x","ChannelType":"EMAIL","Address":"x@example.com"}',
    });
    const app = await newApp();
    const first = await runImport(app, { S3Url: 's3://pinpoint-imports/json/', RoleArn: role, Format: 'JSON', DefineSegment: true, SegmentName: 'from-json' });
    assert.equal(first.JobStatus, 'COMPLETED', JSON.stringify(first.Failures));
    assert.equal(first.TotalProcessed, 3);
    assert.equal(first.TotalPieces, 2);
    assert.equal((await pp().send(new GetEndpointCommand({ ApplicationId: app, EndpointId: 'e3' }))).EndpointResponse!.Attributes!.plan[0], 'pro');
    await rejectsWith(pp().send(new GetEndpointCommand({ ApplicationId: app, EndpointId: 'x' })), 'NotFoundException', 404);
    const segmentId = first.Definition!.SegmentId!;
    const again = await runImport(app, { S3Url: 's3://pinpoint-imports/json/a.json', RoleArn: role, Format: 'JSON', SegmentId: segmentId });
    assert.equal(again.JobStatus, 'COMPLETED');
    const seg = (await pp().send(new GetSegmentCommand({ ApplicationId: app, SegmentId: segmentId }))).SegmentResponse!;
    assert.equal(seg.Version, 2);
    assert.equal(seg.ImportDefinition!.Size, 2);
    assert.equal(seg.Name, 'from-json');
  });

  it('keeps going past the rows AWS refuses, counting them and listing why', async () => {
    const role = await importRole();
    await bucketWith({
      'bad.csv': ['ChannelType,Address,Id,Metrics.score', 'EMAIL,ok@example.com,good,1', ',no-channel@example.com,nochannel,', 'EMAIL,,noaddress,', 'EMAIL,m@example.com,badmetric,lots', 'EMAIL,z@example.com,good2,2'].join('\r\n'),
      'unknown.csv': 'ChannelType,Address,Shoe.Size\nEMAIL,a@example.com,42\n',
    });
    const app = await newApp();
    const job = await runImport(app, { S3Url: 's3://pinpoint-imports/bad.csv', RoleArn: role, Format: 'CSV' });
    assert.equal(job.JobStatus, 'COMPLETED');
    assert.equal(job.TotalProcessed, 5);
    assert.equal(job.TotalFailures, 3);
    assert.equal(job.Failures!.length, 3);
    assert.ok(job.Failures!.some((f) => /ChannelType/.test(f)), JSON.stringify(job.Failures));
    assert.ok(job.Failures!.some((f) => /Address/.test(f)));
    assert.ok(job.Failures!.some((f) => /Metrics\.score/.test(f)));
    assert.equal((await pp().send(new GetEndpointCommand({ ApplicationId: app, EndpointId: 'good2' }))).EndpointResponse!.Metrics!.score, 2);
    const unknown = await runImport(app, { S3Url: 's3://pinpoint-imports/unknown.csv', RoleArn: role, Format: 'CSV' });
    assert.equal(unknown.TotalFailures, 1);
    assert.match(unknown.Failures![0], /Unrecognized column header: Shoe\.Size/);
  });

  it('reads a file of several pieces, each committed whole', async () => {
    const role = await importRole();
    const rows = ['Id,ChannelType,Address,Attributes.note'];
    const note = 'x'.repeat(90);
    for (let i = 0; i < 60_000; i++) rows.push(`p${i},EMAIL,user${i}@example.com,${note}`);
    await bucketWith({ 'big.csv': rows.join('\n') });
    const app = await newApp();
    const job = await runImport(app, { S3Url: 's3://pinpoint-imports/big.csv', RoleArn: role, Format: 'CSV', DefineSegment: true, SegmentName: 'big' });
    assert.equal(job.JobStatus, 'COMPLETED', JSON.stringify(job.Failures));
    assert.ok(job.TotalPieces! >= 2, `pieces: ${job.TotalPieces}`);
    assert.equal(job.CompletedPieces, job.TotalPieces);
    assert.equal(job.TotalProcessed, 60_000);
    assert.equal(job.TotalFailures, 0);
    const seg = (await pp().send(new GetSegmentCommand({ ApplicationId: app, SegmentId: job.Definition!.SegmentId! }))).SegmentResponse!;
    assert.equal(seg.ImportDefinition!.Size, 60_000);
    assert.equal((await pp().send(new GetEndpointCommand({ ApplicationId: app, EndpointId: 'p59999' }))).EndpointResponse!.Address, 'user59999@example.com');
  });
});

describe('import jobs that fail, and what creating one needs', () => {
  it('fails the job when the role trusts another service, and when it may not read the bucket', async () => {
    const wrong = await importRole('TrustsLambda', 'lambda.amazonaws.com');
    await bucketWith({ 'e.csv': CSV });
    const app = await newApp();
    const job = await runImport(app, { S3Url: 's3://pinpoint-imports/e.csv', RoleArn: wrong, Format: 'CSV', DefineSegment: true, SegmentName: 's' });
    assert.equal(job.JobStatus, 'FAILED');
    assert.match(job.Failures![0], /Unable to assume role .*TrustsLambda.*AccessDenied/);
    await rejectsWith(pp().send(new GetUserEndpointsCommand({ ApplicationId: app, UserId: 'example-user-id-1' })), 'NotFoundException', 404);
    const noRead = (await rg.iam.send(new CreateRoleCommand({ RoleName: 'NoRead', AssumeRolePolicyDocument: trust('pinpoint.amazonaws.com') }))).Role!.Arn!;
    await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'NoRead', PolicyName: 'list-only', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::pinpoint-imports' }] }) }));
    const unread = await runImport(app, { S3Url: 's3://pinpoint-imports/e.csv', RoleArn: noRead, Format: 'CSV' });
    assert.equal(unread.JobStatus, 'FAILED');
    assert.equal(unread.FailedPieces, 1);
    assert.match(unread.Failures![0], /Unable to read s3:\/\/pinpoint-imports\/e\.csv: AccessDenied/);
    const missing = await runImport(app, { S3Url: 's3://pinpoint-imports/nothing-here/', RoleArn: await importRole('Other'), Format: 'CSV' });
    assert.equal(missing.JobStatus, 'FAILED');
    assert.match(missing.Failures![0], /No files found/);
  });

  it('refuses a bad request with BadRequestException and queues nothing; needs iam:PassRole on the role', async () => {
    const role = await importRole();
    const app = await newApp();
    await rejectsWith(pp().send(new CreateImportJobCommand({ ApplicationId: app, ImportJobRequest: { S3Url: 'https://x/y', RoleArn: role, Format: 'CSV' } })), 'BadRequestException', 400, /S3Url/);
    await rejectsWith(pp().send(new CreateImportJobCommand({ ApplicationId: app, ImportJobRequest: { S3Url: 's3://no-such-bucket/k', RoleArn: 'not-a-role', Format: 'CSV' } })), 'BadRequestException', 400, /RoleArn/);
    await rejectsWith(pp().send(new CreateImportJobCommand({ ApplicationId: app, ImportJobRequest: { S3Url: 's3://no-such-bucket/k', RoleArn: role, Format: 'XML' as never } })), 'BadRequestException', 400);
    await rejectsWith(pp().send(new CreateImportJobCommand({ ApplicationId: app, ImportJobRequest: { S3Url: 's3://no-such-bucket/k', RoleArn: role, Format: 'CSV', DefineSegment: true } })), 'BadRequestException', 400, /SegmentName/);
    await rejectsWith(pp().send(new CreateImportJobCommand({ ApplicationId: app, ImportJobRequest: { S3Url: 's3://no-such-bucket/k', RoleArn: role, Format: 'CSV', SegmentId: 'f'.repeat(32) } })), 'NotFoundException', 404);
    assert.deepEqual((await pp().send(new GetImportJobsCommand({ ApplicationId: app }))).ImportJobsResponse!.Item, []);
    await rg.iam.send(new CreateUserCommand({ UserName: 'importer' }));
    await rg.iam.send(new PutUserPolicyCommand({
      UserName: 'importer', PolicyName: 'p',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['mobiletargeting:CreateImportJob', 'mobiletargeting:GetImportJob'], Resource: '*' }] }),
    }));
    const { AccessKey: k } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'importer' }));
    const importer = rg.server.pinpoint({ accessKeyId: k!.AccessKeyId!, secretAccessKey: k!.SecretAccessKey! });
    const denied = await rejectsWith(importer.send(new CreateImportJobCommand({ ApplicationId: app, ImportJobRequest: { S3Url: 's3://no-such-bucket/k', RoleArn: role, Format: 'CSV' } })), 'AccessDeniedException', 403);
    assert.match(denied.message, /iam:PassRole/);
    await rg.iam.send(new PutUserPolicyCommand({
      UserName: 'importer', PolicyName: 'pass',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: role, Condition: { StringEquals: { 'iam:PassedToService': 'mobiletargeting.amazonaws.com' } } }] }),
    }));
    const ok = await importer.send(new CreateImportJobCommand({ ApplicationId: app, ImportJobRequest: { S3Url: 's3://no-such-bucket/k', RoleArn: role, Format: 'CSV' } }));
    assert.equal(ok.ImportJobResponse!.Definition!.RoleArn, `arn:aws:iam::${TEST_ACCOUNT}:role/PinpointSegmentImport`);
  });

  it('runs at most 2 imports of an account at once: a third waits in PENDING_JOB, then completes', async () => {
    const role = await importRole();
    const rows = ['Id,ChannelType,Address'];
    for (let i = 0; i < 60_000; i++) rows.push(`q${i},EMAIL,q${i}@example.com`);
    await bucketWith({ 'q.csv': rows.join('\n') });
    const apps = [await newApp(), await newApp(), await newApp()];
    const ids: string[] = [];
    for (const app of apps) ids.push((await pp().send(new CreateImportJobCommand({ ApplicationId: app, ImportJobRequest: { S3Url: 's3://pinpoint-imports/q.csv', RoleArn: role, Format: 'CSV' } }))).ImportJobResponse!.Id!);
    const seen = new Set<string>();
    let maxActive = 0;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const states = await Promise.all(apps.map(async (app, i) => (await pp().send(new GetImportJobCommand({ ApplicationId: app, JobId: ids[i] }))).ImportJobResponse!.JobStatus!));
      for (const st of states) seen.add(st);
      maxActive = Math.max(maxActive, states.filter((st) => ['INITIALIZING', 'PROCESSING', 'COMPLETING'].includes(st)).length);
      if (states.every((st) => st === 'COMPLETED' || st === 'FAILED') || Date.now() > deadline) {
        assert.deepEqual(states, ['COMPLETED', 'COMPLETED', 'COMPLETED']);
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.ok(seen.has('PENDING_JOB'), `a job waited its turn (seen: ${[...seen].join(', ')})`);
    assert.ok(maxActive <= 2, `at most 2 at once (saw ${maxActive})`);
  });
});

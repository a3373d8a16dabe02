// Pinpoint's export jobs through @aws-sdk/client-pinpoint against a started server: the export role
// of the Developer Guide's "IAM role for exporting endpoints or segments" page (ListAllMyBuckets,
// GetBucketLocation, ListBucket under s3:prefix / s3:delimiter conditions, s3:* on the prefix;
// trust with aws:SourceAccount and aws:SourceArn) writes the project's or a segment's endpoints as
// gzip'd newline-delimited JSON under the prefix; a narrower role fails the job with why.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import {
  CreateAppCommand, CreateExportJobCommand, CreateSegmentCommand, GetExportJobCommand, GetExportJobsCommand, GetSegmentExportJobsCommand,
  UpdateEndpointsBatchCommand, type ExportJobRequest, type ExportJobResponse,
} from '@aws-sdk/client-pinpoint';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { useRolegate, TEST_ACCOUNT } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const pp = () => rg.server.pinpoint();
const BUCKET = 'example-bucket';

function exportPolicy(bucket: string, folder: string) {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AllowUserToSeeBucketListInTheConsole', Action: ['s3:ListAllMyBuckets', 's3:GetBucketLocation'], Effect: 'Allow', Resource: ['arn:aws:s3:::*'] },
      { Sid: 'AllowRootAndHomeListingOfBucket', Action: ['s3:ListBucket'], Effect: 'Allow', Resource: [`arn:aws:s3:::${bucket}`], Condition: { StringEquals: { 's3:delimiter': ['/'], 's3:prefix': ['', `${folder}/`] } } },
      { Sid: 'AllowListingOfUserFolder', Action: ['s3:ListBucket'], Effect: 'Allow', Resource: [`arn:aws:s3:::${bucket}`], Condition: { StringLike: { 's3:prefix': [`${folder}/*`] } } },
      { Sid: 'AllowAllS3ActionsInUserFolder', Action: ['s3:*'], Effect: 'Allow', Resource: [`arn:aws:s3:::${bucket}/${folder}/*`] },
    ],
  });
}

async function exportRole(name: string, app: string, policy: string): Promise<string> {
  const trust = {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': TEST_ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:mobiletargeting:us-east-1:${TEST_ACCOUNT}:apps/${app}` } },
    }],
  };
  const arn = (await rg.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trust) }))).Role!.Arn!;
  await rg.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'export', PolicyDocument: policy }));
  return arn;
}

async function appWithEndpoints(n: number): Promise<string> {
  const app = (await pp().send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'shop' } }))).ApplicationResponse!.Id!;
  for (let i = 0; i < n; i += 100) {
    const Item = Array.from({ length: Math.min(100, n - i) }, (_, j) => ({
      Id: `e${String(i + j).padStart(5, '0')}`, ChannelType: 'EMAIL' as const, Address: `u${i + j}@example.com`,
      Demographic: { Platform: (i + j) % 3 === 0 ? 'iOS' : 'Android' },
    }));
    await pp().send(new UpdateEndpointsBatchCommand({ ApplicationId: app, EndpointBatchRequest: { Item } }));
  }
  return app;
}

async function runExport(app: string, ExportJobRequest: ExportJobRequest): Promise<ExportJobResponse> {
  const created = await pp().send(new CreateExportJobCommand({ ApplicationId: app, ExportJobRequest }));
  assert.equal(created.$metadata.httpStatusCode, 202);
  assert.equal(created.ExportJobResponse!.Type, 'EXPORT');
  const deadline = Date.now() + 60_000;
  for (;;) {
    const got = (await pp().send(new GetExportJobCommand({ ApplicationId: app, JobId: created.ExportJobResponse!.Id }))).ExportJobResponse!;
    if (got.JobStatus === 'COMPLETED' || got.JobStatus === 'FAILED') return got;
    if (Date.now() > deadline) throw new Error(`export still ${got.JobStatus}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function exported(prefix: string): Promise<Record<string, unknown>[]> {
  const s3 = rg.server.s3();
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  const out: Record<string, unknown>[] = [];
  for (const o of listed.Contents ?? []) {
    assert.match(o.Key!, /\.gz$/);
    const body = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: o.Key }))).Body!.transformToByteArray());
    for (const line of gunzipSync(body).toString('utf8').split('\n')) if (line) out.push(JSON.parse(line));
  }
  return out;
}

describe('CreateExportJob', () => {
  it('writes every endpoint of the project, in pieces, through the Developer Guide\'s export role', async () => {
    await rg.server.s3().send(new CreateBucketCommand({ Bucket: BUCKET }));
    const app = await appWithEndpoints(10_250);
    const role = await exportRole('PinpointSegmentExport', app, exportPolicy(BUCKET, 'Exports'));
    const job = await runExport(app, { RoleArn: role, S3UrlPrefix: `s3://${BUCKET}/Exports/` });
    assert.equal(job.JobStatus, 'COMPLETED', JSON.stringify(job.Failures));
    assert.equal(job.TotalPieces, 2);
    assert.equal(job.CompletedPieces, 2);
    assert.equal(job.TotalProcessed, 10_250);
    const rows = await exported('Exports/');
    assert.equal(rows.length, 10_250);
    assert.equal(new Set(rows.map((r) => r.Id)).size, 10_250);
    const one = rows.find((r) => r.Id === 'e00003')!;
    assert.equal(one.ApplicationId, app);
    assert.equal(one.Address, 'u3@example.com');
    assert.deepEqual(one.Demographic, { Platform: 'iOS' });
    assert.deepEqual((await pp().send(new GetExportJobsCommand({ ApplicationId: app }))).ExportJobsResponse!.Item!.map((j) => j.Id), [job.Id]);
  });

  it('writes a segment\'s endpoints only, and a role that may not write fails the job', async () => {
    await rg.server.s3().send(new CreateBucketCommand({ Bucket: BUCKET }));
    const app = await appWithEndpoints(30);
    const seg = (await pp().send(new CreateSegmentCommand({
      ApplicationId: app, WriteSegmentRequest: { Name: 'ios', Dimensions: { Demographic: { Platform: { DimensionType: 'INCLUSIVE', Values: ['iOS'] } } } },
    }))).SegmentResponse!;
    const role = await exportRole('PinpointSegmentExport', app, exportPolicy(BUCKET, 'Exports'));
    const job = await runExport(app, { RoleArn: role, S3UrlPrefix: `s3://${BUCKET}/Exports/ios`, SegmentId: seg.Id, SegmentVersion: 1 });
    assert.equal(job.JobStatus, 'COMPLETED', JSON.stringify(job.Failures));
    const rows = await exported('Exports/ios/');
    assert.equal(rows.length, 10);
    assert.ok(rows.every((r) => (r.Demographic as { Platform: string }).Platform === 'iOS'));
    assert.deepEqual((await pp().send(new GetSegmentExportJobsCommand({ ApplicationId: app, SegmentId: seg.Id }))).ExportJobsResponse!.Item!.map((j) => j.Id), [job.Id]);

    const outside = await runExport(app, { RoleArn: role, S3UrlPrefix: `s3://${BUCKET}/Elsewhere/` });
    assert.equal(outside.JobStatus, 'FAILED');
    assert.equal(outside.FailedPieces, 1);
    assert.match(outside.Failures![0], /Unable to write s3:\/\/example-bucket\/Elsewhere\/.*AccessDenied/);
    assert.deepEqual(await exported('Elsewhere/'), []);

    const other = (await pp().send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'other' } }))).ApplicationResponse!.Id!;
    const confused = await runExport(other, { RoleArn: role, S3UrlPrefix: `s3://${BUCKET}/Exports/` });
    assert.equal(confused.JobStatus, 'FAILED', 'the role\'s aws:SourceArn condition names another project');
    assert.match(confused.Failures![0], /Unable to assume role/);
  });

  it('refuses a bad request: prefix, role, a segment or version that does not exist', async () => {
    const app = await appWithEndpoints(1);
    const role = `arn:aws:iam::${TEST_ACCOUNT}:role/r`;
    await rejectsWith(pp().send(new CreateExportJobCommand({ ApplicationId: app, ExportJobRequest: { RoleArn: role, S3UrlPrefix: 'bucket/prefix' } })), 'BadRequestException', 400, /S3UrlPrefix/);
    await rejectsWith(pp().send(new CreateExportJobCommand({ ApplicationId: app, ExportJobRequest: { RoleArn: 'x', S3UrlPrefix: `s3://${BUCKET}/p/` } })), 'BadRequestException', 400, /RoleArn/);
    await rejectsWith(pp().send(new CreateExportJobCommand({ ApplicationId: app, ExportJobRequest: { RoleArn: role, S3UrlPrefix: `s3://${BUCKET}/p/`, SegmentId: 'a'.repeat(32) } })), 'NotFoundException', 404);
    assert.deepEqual((await pp().send(new GetExportJobsCommand({ ApplicationId: app }))).ExportJobsResponse!.Item, []);
  });
});

// A rolegate killed with SIGKILL in the middle of a Pinpoint export job loses nothing and writes
// nothing twice: started again on the same data folder, the job resumes at the first piece whose
// progress did not commit (a piece written again replaces the same object) and completes with
// every endpoint of the segment exported exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CreateAppCommand, CreateExportJobCommand, CreateImportJobCommand, GetExportJobCommand, GetImportJobCommand } from '@aws-sdk/client-pinpoint';
import { AttachRolePolicyCommand, CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { startRolegate, TEST_ACCOUNT, type Rolegate } from '../support/server.js';

const env = { ROLEGATE_JOB_LEASE_MS: '1000' };
const ENDPOINTS = 120_000;
const PIECE = 10_000;

async function untilDone(get: () => Promise<{ JobStatus?: string }>, seconds: number) {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const job = await get();
    if (job.JobStatus === 'COMPLETED' || job.JobStatus === 'FAILED' || Date.now() > until) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function exportedObjects(s3: S3Client, bucket: string, prefix: string) {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) keys.push(o.Key!);
    token = page.NextContinuationToken;
  } while (token);
  const ids: string[] = [];
  for (const key of keys) {
    const body = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray());
    for (const line of gunzipSync(body).toString('utf8').split('\n')) if (line) ids.push((JSON.parse(line) as { Id: string }).Id);
  }
  return { keys, ids };
}

test('kill -9 mid-export: after a restart the job completes, each endpoint exported once', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-pinpoint-export-kill-'));
  let server: Rolegate | undefined;
  try {
    server = await startRolegate({ dataDir, env });
    // The endpoints and their segment come from an import job.
    const importTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    const importRole = (await server.iam().send(new CreateRoleCommand({ RoleName: 'PinpointSegmentImport', AssumeRolePolicyDocument: JSON.stringify(importTrust) }))).Role!.Arn!;
    await server.iam().send(new AttachRolePolicyCommand({ RoleName: 'PinpointSegmentImport', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    await server.s3().send(new CreateBucketCommand({ Bucket: 'pinpoint-data' }));
    const rows = ['Id,ChannelType,Address,User.UserId'];
    for (let i = 0; i < ENDPOINTS; i++) rows.push(`k${String(i).padStart(6, '0')},EMAIL,user${i}@example.com,user-${i}`);
    await server.s3().send(new PutObjectCommand({ Bucket: 'pinpoint-data', Key: 'in/all.csv', Body: rows.join('\n') }));
    const app = (await server.pinpoint().send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'p' } }))).ApplicationResponse!.Id!;
    const importId = (await server.pinpoint().send(new CreateImportJobCommand({
      ApplicationId: app, ImportJobRequest: { S3Url: 's3://pinpoint-data/in/all.csv', RoleArn: importRole, Format: 'CSV', DefineSegment: true, SegmentName: 'all' },
    }))).ImportJobResponse!.Id!;
    const imported = await untilDone(async () => (await server!.pinpoint().send(new GetImportJobCommand({ ApplicationId: app, JobId: importId }))).ImportJobResponse!, 90);
    assert.equal(imported.JobStatus, 'COMPLETED');
    const segmentId = (imported as { Definition?: { SegmentId?: string } }).Definition!.SegmentId!;

    // The export role of the Developer Guide's export page, its trust bound to the app.
    const exportTrust = {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': TEST_ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:mobiletargeting:us-east-1:${TEST_ACCOUNT}:apps/${app}` } },
      }],
    };
    const exportPolicy = {
      Version: '2012-10-17',
      Statement: [
        { Action: ['s3:ListAllMyBuckets', 's3:GetBucketLocation'], Effect: 'Allow', Resource: ['arn:aws:s3:::*'] },
        { Action: ['s3:ListBucket'], Effect: 'Allow', Resource: ['arn:aws:s3:::pinpoint-data'], Condition: { StringLike: { 's3:prefix': ['Exports/*'] } } },
        { Action: ['s3:*'], Effect: 'Allow', Resource: ['arn:aws:s3:::pinpoint-data/Exports/*'] },
      ],
    };
    const exportRole = (await server.iam().send(new CreateRoleCommand({ RoleName: 'PinpointSegmentExport', AssumeRolePolicyDocument: JSON.stringify(exportTrust) }))).Role!.Arn!;
    await server.iam().send(new PutRolePolicyCommand({ RoleName: 'PinpointSegmentExport', PolicyName: 'export', PolicyDocument: JSON.stringify(exportPolicy) }));
    const jobId = (await server.pinpoint().send(new CreateExportJobCommand({
      ApplicationId: app, ExportJobRequest: { RoleArn: exportRole, S3UrlPrefix: 's3://pinpoint-data/Exports/', SegmentId: segmentId },
    }))).ExportJobResponse!.Id!;

    // Killed once a piece has committed and before the last has.
    let atKill: { done: number; total: number } | undefined;
    const deadline = Date.now() + 60_000;
    while (!atKill && Date.now() < deadline) {
      const j = (await server.pinpoint().send(new GetExportJobCommand({ ApplicationId: app, JobId: jobId }))).ExportJobResponse!;
      if (j.JobStatus === 'PROCESSING' && (j.CompletedPieces ?? 0) >= 1) atKill = { done: j.CompletedPieces!, total: j.TotalPieces! };
      else if (j.JobStatus === 'COMPLETED' || j.JobStatus === 'FAILED') break;
      else await new Promise((r) => setTimeout(r, 5));
    }
    await server.stop({ kill: true, keepData: true });
    server = undefined;
    assert.ok(atKill, 'the export reached its pieces before it ended');
    assert.equal(atKill.total, ENDPOINTS / PIECE);
    assert.ok(atKill.done < atKill.total, `killed with pieces left (${atKill.done} of ${atKill.total})`);

    server = await startRolegate({ dataDir, env });
    const job = await untilDone(async () => (await server!.pinpoint().send(new GetExportJobCommand({ ApplicationId: app, JobId: jobId }))).ExportJobResponse!, 90) as {
      JobStatus?: string; Failures?: string[]; TotalProcessed?: number; CompletedPieces?: number; TotalPieces?: number; FailedPieces?: number;
    };
    assert.equal(job.JobStatus, 'COMPLETED', JSON.stringify(job.Failures));
    assert.equal(job.TotalProcessed, ENDPOINTS, 'every endpoint counted once');
    assert.equal(job.CompletedPieces, job.TotalPieces);
    assert.equal(job.FailedPieces, 0);

    const { keys, ids } = await exportedObjects(server.s3(), 'pinpoint-data', `Exports/${jobId}/`);
    assert.equal(keys.length, ENDPOINTS / PIECE, 'one object per piece, none left over from the killed run');
    assert.equal(ids.length, ENDPOINTS, 'no endpoint written twice');
    assert.equal(new Set(ids).size, ENDPOINTS, 'every endpoint written');
    assert.ok(ids.includes('k000000') && ids.includes(`k${String(ENDPOINTS - 1).padStart(6, '0')}`));
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

// A rolegate killed with SIGKILL in the middle of a Pinpoint import job loses nothing and applies
// nothing twice: started again on the same data folder, the job resumes at the first piece not
// committed and completes with every row counted once and every endpoint in the imported segment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAppCommand, CreateImportJobCommand, GetEndpointCommand, GetImportJobCommand, GetSegmentCommand } from '@aws-sdk/client-pinpoint';
import { AttachRolePolicyCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startRolegate } from '../support/server.js';

const env = { ROLEGATE_JOB_LEASE_MS: '1000' };
const ROWS = 200_000;

test('kill -9 mid-import: after a restart the job completes, each row applied once', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rolegate-pinpoint-kill-'));
  try {
    let server = await startRolegate({ dataDir, env });
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    const role = (await server.iam().send(new CreateRoleCommand({ RoleName: 'PinpointSegmentImport', AssumeRolePolicyDocument: JSON.stringify(trust) }))).Role!.Arn!;
    await server.iam().send(new AttachRolePolicyCommand({ RoleName: 'PinpointSegmentImport', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    await server.s3().send(new CreateBucketCommand({ Bucket: 'imports' }));
    const rows = ['Id,ChannelType,Address,User.UserId,Attributes.plan'];
    for (let i = 0; i < ROWS; i++) rows.push(`k${i},EMAIL,user${i}@example.com,user-${i % 50_000},plan-${i % 7}`);
    await server.s3().send(new PutObjectCommand({ Bucket: 'imports', Key: 'all.csv', Body: rows.join('\n') }));
    const app = (await server.pinpoint().send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'p' } }))).ApplicationResponse!.Id!;
    const jobId = (await server.pinpoint().send(new CreateImportJobCommand({
      ApplicationId: app, ImportJobRequest: { S3Url: 's3://imports/all.csv', RoleArn: role, Format: 'CSV', DefineSegment: true, SegmentName: 'all' },
    }))).ImportJobResponse!.Id!;

    // Killed once a piece has committed and before the last has.
    let atKill: { done: number; total: number } | undefined;
    const deadline = Date.now() + 60_000;
    while (!atKill && Date.now() < deadline) {
      const j = (await server.pinpoint().send(new GetImportJobCommand({ ApplicationId: app, JobId: jobId }))).ImportJobResponse!;
      if (j.JobStatus === 'PROCESSING' && (j.CompletedPieces ?? 0) >= 1) atKill = { done: j.CompletedPieces!, total: j.TotalPieces! };
      else await new Promise((r) => setTimeout(r, 10));
    }
    await server.stop({ kill: true, keepData: true });
    assert.ok(atKill, 'the job reached its pieces');
    assert.ok(atKill.done < atKill.total, `killed with pieces left (${atKill.done} of ${atKill.total})`);

    server = await startRolegate({ dataDir, env });
    try {
      let job;
      const until = Date.now() + 90_000;
      for (;;) {
        job = (await server.pinpoint().send(new GetImportJobCommand({ ApplicationId: app, JobId: jobId }))).ImportJobResponse!;
        if (job.JobStatus === 'COMPLETED' || job.JobStatus === 'FAILED' || Date.now() > until) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(job.JobStatus, 'COMPLETED', JSON.stringify(job.Failures));
      assert.equal(job.TotalProcessed, ROWS, 'every row counted once');
      assert.equal(job.TotalFailures, 0);
      assert.equal(job.CompletedPieces, job.TotalPieces);
      const seg = (await server.pinpoint().send(new GetSegmentCommand({ ApplicationId: app, SegmentId: job.Definition!.SegmentId! }))).SegmentResponse!;
      assert.equal(seg.ImportDefinition!.Size, ROWS);
      assert.equal(seg.ImportDefinition!.ChannelCounts!.EMAIL, ROWS, 'no piece counted twice');
      for (const i of [0, 77_777, ROWS - 1]) {
        const e = (await server.pinpoint().send(new GetEndpointCommand({ ApplicationId: app, EndpointId: `k${i}` }))).EndpointResponse!;
        assert.equal(e.Address, `user${i}@example.com`);
      }
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

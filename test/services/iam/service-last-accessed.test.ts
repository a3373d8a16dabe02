// Service last-accessed reports through @aws-sdk/client-iam, from requests made with the SDK's S3 and
// Kinesis clients: every service an entity's policies (or a managed policy) grant, when it (a group's members, a role's
// sessions) last made an allowed request of it, per entity and per action. rolegate computes a report
// when it is generated, so its job is COMPLETED at once.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddUserToGroupCommand, AttachGroupPolicyCommand, AttachRolePolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateGroupCommand,
  CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand, GetServiceLastAccessedDetailsWithEntitiesCommand, PutGroupPolicyCommand, PutRolePolicyCommand, PutUserPolicyCommand,
  type GetServiceLastAccessedDetailsCommandOutput, type ServiceLastAccessed,
} from '@aws-sdk/client-iam';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const ACCOUNT = '111122223333';
const doc = (actions: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
const READS = ['s3:ListAllMyBuckets', 'kinesis:ListStreams', 'firehose:ListDeliveryStreams'];

async function userWithKey(name: string) {
  await rg.iam.send(new CreateUserCommand({ UserName: name }));
  const k = (await rg.iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! };
}

/** Generates reports until `ready` holds: decisions reach the log a moment after the requests they decide. */
async function report(arn: string, ready: (r: GetServiceLastAccessedDetailsCommandOutput) => boolean, granularity?: 'SERVICE_LEVEL' | 'ACTION_LEVEL') {
  const deadline = Date.now() + 5000;
  for (;;) {
    const { JobId } = await rg.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn, Granularity: granularity }));
    const r = await rg.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
    if (ready(r) || Date.now() > deadline) return { JobId: JobId!, r };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const service = (r: GetServiceLastAccessedDetailsCommandOutput, ns: string) => r.ServicesLastAccessed!.find((s) => s.ServiceNamespace === ns) as ServiceLastAccessed;

describe('GenerateServiceLastAccessedDetails and GetServiceLastAccessedDetails', () => {
  test("a user's report lists every granted service; those it called carry LastAuthenticated and the user, the others none", async () => {
    const keys = await userWithKey('alice');
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'reads', PolicyDocument: doc(READS) }));
    const before = new Date(Date.now() - 1000);
    await rg.server.s3(keys).send(new ListBucketsCommand({}));
    await rg.server.kinesis(keys).send(new ListStreamsCommand({}));
    const arn = `arn:aws:iam::${ACCOUNT}:user/alice`;
    const { r } = await report(arn, (x) => !!service(x, 's3')?.LastAuthenticated && !!service(x, 'kinesis')?.LastAuthenticated);
    assert.equal(r.JobStatus, 'COMPLETED');
    assert.equal(r.JobType, 'SERVICE_LEVEL');
    assert.ok(r.JobCreationDate instanceof Date && r.JobCompletionDate instanceof Date);
    assert.deepEqual(r.ServicesLastAccessed!.map((s) => s.ServiceNamespace), ['firehose', 'kinesis', 's3']);
    const s3 = service(r, 's3');
    assert.equal(s3.ServiceName, 'Amazon S3');
    assert.equal(s3.LastAuthenticatedEntity, arn);
    assert.equal(s3.TotalAuthenticatedEntities, 1);
    assert.ok(s3.LastAuthenticated! >= before && s3.LastAuthenticated! <= new Date());
    assert.equal(s3.TrackedActionsLastAccessed, undefined);
    const firehose = service(r, 'firehose');
    assert.equal(firehose.LastAuthenticated, undefined);
    assert.equal(firehose.LastAuthenticatedEntity, undefined);
    assert.equal(firehose.TotalAuthenticatedEntities, 0);
    assert.equal(r.IsTruncated, false);
  });

  test('a denied request does not count as authenticated', async () => {
    const keys = await userWithKey('alice');
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'reads', PolicyDocument: doc(['kinesis:ListStreams']) }));
    await rejectsWith(rg.server.s3(keys).send(new ListBucketsCommand({})), 'AccessDenied', 403);
    await rg.server.kinesis(keys).send(new ListStreamsCommand({}));
    const { r } = await report(`arn:aws:iam::${ACCOUNT}:user/alice`, (x) => !!service(x, 'kinesis')?.LastAuthenticated);
    assert.deepEqual(r.ServicesLastAccessed!.map((s) => s.ServiceNamespace), ['kinesis']);
  });

  test('ACTION_LEVEL adds the actions called, each with its time and entity', async () => {
    const keys = await userWithKey('alice');
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'reads', PolicyDocument: doc(READS) }));
    await rg.server.s3(keys).send(new ListBucketsCommand({}));
    const { r } = await report(`arn:aws:iam::${ACCOUNT}:user/alice`, (x) => !!service(x, 's3')?.LastAuthenticated, 'ACTION_LEVEL');
    assert.equal(r.JobType, 'ACTION_LEVEL');
    const tracked = service(r, 's3').TrackedActionsLastAccessed!;
    assert.deepEqual(tracked.map((a) => [a.ActionName, a.LastAccessedEntity]), [['ListAllMyBuckets', `arn:aws:iam::${ACCOUNT}:user/alice`]]);
    assert.ok(tracked[0].LastAccessedTime instanceof Date);
    assert.deepEqual(service(r, 'firehose').TrackedActionsLastAccessed, []);
  });

  test("a role's report counts its sessions' requests under the role's ARN", async () => {
    await rg.iam.send(new CreateRoleCommand({
      RoleName: 'reader',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }),
    }));
    await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'reader', PolicyName: 'reads', PolicyDocument: doc(READS) }));
    const carol = await userWithKey('carol');
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'carol', PolicyName: 'assume', PolicyDocument: doc(['sts:AssumeRole']) }));
    const c = (await rg.server.sts(carol).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/reader`, RoleSessionName: 'job-1' }))).Credentials!;
    await rg.server.s3({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }).send(new ListBucketsCommand({}));
    const arn = `arn:aws:iam::${ACCOUNT}:role/reader`;
    const { r } = await report(arn, (x) => !!service(x, 's3')?.LastAuthenticated);
    assert.equal(service(r, 's3').LastAuthenticatedEntity, arn);
    assert.equal(service(r, 's3').TotalAuthenticatedEntities, 1);
  });

  test('MaxItems and Marker page the services', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'reads', PolicyDocument: doc(READS) }));
    const { JobId } = await rg.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${ACCOUNT}:user/alice` }));
    const first = await rg.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId, MaxItems: 2 }));
    assert.equal(first.IsTruncated, true);
    const second = await rg.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId, MaxItems: 2, Marker: first.Marker }));
    assert.equal(second.IsTruncated, false);
    assert.deepEqual([...first.ServicesLastAccessed!, ...second.ServicesLastAccessed!].map((s) => s.ServiceNamespace), ['firehose', 'kinesis', 's3']);
  });

  test('errors: an ARN that is no user, group or role, a missing entity, an unknown job, a malformed job id or granularity', async () => {
    await rejectsWith(rg.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: 'arn:aws:s3:::some-bucket-name' })), 'InvalidInputException', 400);
    await rejectsWith(rg.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${ACCOUNT}:user/nobody` })), 'NoSuchEntityException', 404,
      'The user with name nobody cannot be found.');
    await rejectsWith(rg.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${ACCOUNT}:user/nobody`, Granularity: 'ROW_LEVEL' as 'ACTION_LEVEL' })),
      'ValidationError', 400, /granularity/);
    const unknown = '4f9e1b8c-1111-4a2b-9c3d-0123456789ab';
    await rejectsWith(rg.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: unknown })), 'NoSuchEntityException', 404, `The job with id ${unknown} cannot be found.`);
    await rejectsWith(rg.iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: unknown, ServiceNamespace: 's3' })), 'NoSuchEntityException', 404);
    await rejectsWith(rg.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: 'short' })), 'ValidationError', 400, /jobId/);
  });

  test('Generate is authorized on the entity the Arn names', async () => {
    const keys = await userWithKey('alice');
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await rg.iam.send(new PutUserPolicyCommand({
      UserName: 'alice', PolicyName: 'self',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [
        { Effect: 'Allow', Action: 'iam:GenerateServiceLastAccessedDetails', Resource: `arn:aws:iam::${ACCOUNT}:user/alice` },
        { Effect: 'Allow', Action: 'iam:GetServiceLastAccessedDetails', Resource: '*' },
      ] }),
    }));
    const alice = rg.server.iam(keys);
    const { JobId } = await alice.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${ACCOUNT}:user/alice` }));
    assert.deepEqual((await alice.send(new GetServiceLastAccessedDetailsCommand({ JobId }))).ServicesLastAccessed!.map((s) => s.ServiceNamespace), ['iam']);
    await rejectsWith(alice.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${ACCOUNT}:user/bob` })), 'AccessDenied', 403,
      /iam:GenerateServiceLastAccessedDetails on resource: arn:aws:iam::111122223333:user\/bob/);
  });
});

describe('a managed policy as the Arn', () => {
  test('reports the services the policy grants and the users, roles and group members it is attached to', async () => {
    const alice = await userWithKey('alice');
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await rg.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'bob' }));
    await rg.iam.send(new CreateRoleCommand({
      RoleName: 'r', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }));
    const arn = (await rg.iam.send(new CreatePolicyCommand({ PolicyName: 'reads', PolicyDocument: doc(READS) }))).Policy!.Arn!;
    await rg.iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: arn }));
    await rg.iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: arn }));
    await rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn }));
    await rg.server.kinesis(alice).send(new ListStreamsCommand({}));
    const { JobId, r } = await report(arn, (x) => !!service(x, 'kinesis')?.LastAuthenticated);
    assert.deepEqual(r.ServicesLastAccessed!.map((x) => x.ServiceNamespace), ['firehose', 'kinesis', 's3']);
    assert.equal(service(r, 'kinesis').LastAuthenticatedEntity, `arn:aws:iam::${ACCOUNT}:user/alice`);
    const e = await rg.iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 'kinesis' }));
    assert.deepEqual(e.EntityDetailsList!.map((d) => [d.EntityInfo!.Name, d.EntityInfo!.Type, d.LastAuthenticated instanceof Date]),
      [['alice', 'USER', true], ['bob', 'USER', false], ['r', 'ROLE', false]]);
  });

  test('an AWS managed policy attached to nobody reports its services with no entities; a missing policy answers NoSuchEntity', async () => {
    const { JobId } = await rg.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: 'arn:aws:iam::aws:policy/AmazonKinesisReadOnlyAccess' }));
    const r = await rg.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
    assert.deepEqual(r.ServicesLastAccessed!.map((x) => [x.ServiceNamespace, x.TotalAuthenticatedEntities]), [['kinesis', 0]]);
    const e = await rg.iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 'kinesis' }));
    assert.deepEqual(e.EntityDetailsList, []);
    await rejectsWith(rg.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${ACCOUNT}:policy/nothing` })), 'NoSuchEntityException', 404);
  });
});

describe('GetServiceLastAccessedDetailsWithEntities', () => {
  test("a group's report: its members, the one who called first with LastAuthenticated, the other without", async () => {
    const alice = await userWithKey('alice');
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await rg.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'bob' }));
    await rg.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
    await rg.iam.send(new PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'reads', PolicyDocument: doc(READS) }));
    await rg.server.s3(alice).send(new ListBucketsCommand({}));
    const { JobId, r } = await report(`arn:aws:iam::${ACCOUNT}:group/devs`, (x) => !!service(x, 's3')?.LastAuthenticated);
    assert.equal(service(r, 's3').LastAuthenticatedEntity, `arn:aws:iam::${ACCOUNT}:user/alice`);
    assert.equal(service(r, 's3').TotalAuthenticatedEntities, 1);
    const e = await rg.iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 's3' }));
    assert.equal(e.JobStatus, 'COMPLETED');
    assert.deepEqual(e.EntityDetailsList!.map((d) => [d.EntityInfo!.Name, d.EntityInfo!.Type, d.EntityInfo!.Path, d.LastAuthenticated instanceof Date]),
      [['alice', 'USER', '/', true], ['bob', 'USER', '/', false]]);
    assert.match(e.EntityDetailsList![0].EntityInfo!.Id!, /^AIDA/);
    assert.equal(e.EntityDetailsList![0].EntityInfo!.Arn, `arn:aws:iam::${ACCOUNT}:user/alice`);
    const page = await rg.iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 's3', MaxItems: 1 }));
    assert.equal(page.IsTruncated, true);
    const rest = await rg.iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 's3', MaxItems: 1, Marker: page.Marker }));
    assert.deepEqual(rest.EntityDetailsList!.map((d) => d.EntityInfo!.Name), ['bob']);
    const kinesis = await rg.iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 'kinesis' }));
    assert.deepEqual(kinesis.EntityDetailsList!.map((d) => [d.EntityInfo!.Name, d.LastAuthenticated]), [['alice', undefined], ['bob', undefined]]);
  });
});

// IAM's operations bound to AWS Organizations through @aws-sdk/client-iam: by default every account
// is standalone and answers AWS's OrganizationNotFound (or a FAILED organizations access report);
// with ROLEGATE_ORGANIZATION=on the default account manages an organization of the ROLEGATE_ACCOUNTS,
// whose centralized root access features persist in the store, and whose access report covers
// o-…/r-… and o-…/r-…/ACCOUNT from the decision log.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand, CreateUserCommand, DisableOrganizationsRootCredentialsManagementCommand, DisableOrganizationsRootSessionsCommand,
  EnableOrganizationsRootCredentialsManagementCommand, EnableOrganizationsRootSessionsCommand, GenerateOrganizationsAccessReportCommand,
  GetOrganizationsAccessReportCommand, ListOrganizationsFeaturesCommand, PutUserPolicyCommand, type GetOrganizationsAccessReportCommandOutput,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { printedRoot, startRolegate, TEST_ACCOUNT, useRolegate, type Credentials, type Rolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const MEMBER = '444455556666';
const MEMBER2 = '777788889999';
const FEATURE_OPS = [
  ListOrganizationsFeaturesCommand, EnableOrganizationsRootCredentialsManagementCommand, DisableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand, DisableOrganizationsRootSessionsCommand,
];

async function features(iam: IAMClient) {
  const r = await iam.send(new ListOrganizationsFeaturesCommand({}));
  return { OrganizationId: r.OrganizationId, EnabledFeatures: r.EnabledFeatures };
}

describe('a standalone account (the default)', () => {
  const rg = useRolegate({ env: { ROLEGATE_ACCOUNTS: MEMBER } });

  test('every centralized root access operation answers OrganizationNotFound (400), in the default account and an extra one', async () => {
    for (const Op of FEATURE_OPS) {
      await rejectsWith(rg.iam.send(new Op({})), 'OrganizationNotFoundException', 400, 'The request was rejected because no organization is associated with your account.');
      await rejectsWith(rg.server.iam(printedRoot(rg.server, MEMBER)).send(new Op({})), 'OrganizationNotFoundException', 400);
    }
  });

  test('GenerateOrganizationsAccessReport answers a job id whose report FAILED: the account is not in an organization', async () => {
    const { JobId } = await rg.iam.send(new GenerateOrganizationsAccessReportCommand({ EntityPath: 'o-a1b2c3d4e5/r-f6g7' }));
    assert.match(JobId!, /^[0-9a-f-]{36}$/);
    const r = await rg.iam.send(new GetOrganizationsAccessReportCommand({ JobId }));
    assert.equal(r.JobStatus, 'FAILED');
    assert.deepEqual(r.ErrorDetails, { Code: 'AWSOrganizationsNotInUseException', Message: 'Your account is not a member of an organization.' });
    assert.ok(r.JobCreationDate instanceof Date && r.JobCompletionDate instanceof Date);
    assert.equal(r.AccessDetails, undefined);
    assert.equal(r.NumberOfServicesAccessible, undefined);
  });

  test('GetOrganizationsAccessReport of a job it never made answers NoSuchEntity (404); another account cannot read the job', async () => {
    await rejectsWith(rg.iam.send(new GetOrganizationsAccessReportCommand({ JobId: '00000000-0000-4000-8000-000000000000' })), 'NoSuchEntityException', 404,
      'The job with id 00000000-0000-4000-8000-000000000000 cannot be found.');
    const { JobId } = await rg.iam.send(new GenerateOrganizationsAccessReportCommand({ EntityPath: 'o-a1b2c3d4e5/r-f6g7' }));
    await rejectsWith(rg.server.iam(printedRoot(rg.server, MEMBER)).send(new GetOrganizationsAccessReportCommand({ JobId })), 'NoSuchEntityException', 404);
  });

  test("malformed input answers the model's ValidationError: EntityPath, OrganizationsPolicyId, JobId, MaxItems, Marker, SortKey", async () => {
    await rejectsWith(rg.iam.send(new GenerateOrganizationsAccessReportCommand({ EntityPath: '111122223333' })), 'ValidationError', 400, /entityPath/);
    await rejectsWith(rg.iam.send(new GenerateOrganizationsAccessReportCommand({ EntityPath: 'o-a1b2c3d4e5/x-f6g7h8' })), 'ValidationError', 400, /entityPath/);
    await rejectsWith(rg.iam.send(new GenerateOrganizationsAccessReportCommand({ EntityPath: 'o-a1b2c3d4e5/r-f6g7', OrganizationsPolicyId: 'FullAWSAccess' })), 'ValidationError', 400, /organizationsPolicyId/);
    await rejectsWith(rg.iam.send(new GetOrganizationsAccessReportCommand({ JobId: 'short' })), 'ValidationError', 400, /jobId/);
    const { JobId } = await rg.iam.send(new GenerateOrganizationsAccessReportCommand({ EntityPath: 'o-a1b2c3d4e5/r-f6g7' }));
    await rejectsWith(rg.iam.send(new GetOrganizationsAccessReportCommand({ JobId, MaxItems: 0 })), 'ValidationError', 400, /maxItems/);
    await rejectsWith(rg.iam.send(new GetOrganizationsAccessReportCommand({ JobId, MaxItems: 1001 })), 'ValidationError', 400, /maxItems/);
    await rejectsWith(rg.iam.send(new GetOrganizationsAccessReportCommand({ JobId, Marker: '' })), 'ValidationError', 400, /marker/);
    await rejectsWith(rg.iam.send(new GetOrganizationsAccessReportCommand({ JobId, SortKey: 'NEWEST' as never })), 'ValidationError', 400, /sortKey/);
  });
});

describe('ROLEGATE_ORGANIZATION=on: the default account manages the ROLEGATE_ACCOUNTS', () => {
  let server: Rolegate;
  let iam: IAMClient;
  let member: IAMClient;
  let memberKeys: Credentials;
  let member2Keys: Credentials;
  const env = { ROLEGATE_ORGANIZATION: 'on', ROLEGATE_ACCOUNTS: `${MEMBER},${MEMBER2}` };
  before(async () => {
    server = await startRolegate({ env });
    iam = server.iam();
    memberKeys = printedRoot(server, MEMBER);
    member2Keys = printedRoot(server, MEMBER2);
    member = server.iam(memberKeys);
  });
  after(() => server.stop());
  beforeEach(() => server.reset());

  test('ListOrganizationsFeatures answers the organization id (o- and 10 characters) and no features at first', async () => {
    const f = await features(iam);
    assert.match(f.OrganizationId!, /^o-[a-z0-9]{10}$/);
    assert.deepEqual(f.EnabledFeatures, []);
  });

  test('Enable and Disable answer the features now enabled, in AWS order; doing either twice changes nothing', async () => {
    const { OrganizationId } = await features(iam);
    assert.deepEqual(await iam.send(new EnableOrganizationsRootSessionsCommand({})).then((r) => [r.OrganizationId, r.EnabledFeatures]), [OrganizationId, ['RootSessions']]);
    assert.deepEqual((await iam.send(new EnableOrganizationsRootCredentialsManagementCommand({}))).EnabledFeatures, ['RootCredentialsManagement', 'RootSessions']);
    assert.deepEqual((await iam.send(new EnableOrganizationsRootCredentialsManagementCommand({}))).EnabledFeatures, ['RootCredentialsManagement', 'RootSessions']);
    assert.deepEqual((await features(iam)).EnabledFeatures, ['RootCredentialsManagement', 'RootSessions']);
    assert.deepEqual((await iam.send(new DisableOrganizationsRootSessionsCommand({}))).EnabledFeatures, ['RootCredentialsManagement']);
    assert.deepEqual((await iam.send(new DisableOrganizationsRootSessionsCommand({}))).EnabledFeatures, ['RootCredentialsManagement']);
    const last = await iam.send(new DisableOrganizationsRootCredentialsManagementCommand({}));
    assert.deepEqual([last.OrganizationId, last.EnabledFeatures], [OrganizationId, []]);
  });

  test('a member account: Enable answers CallerIsNotManagementAccount, List and Disable AccountNotManagementOrDelegatedAdministrator (400)', async () => {
    await rejectsWith(member.send(new EnableOrganizationsRootSessionsCommand({})), 'CallerIsNotManagementAccountException', 400,
      'The request was rejected because the account making the request is not the management account for the organization.');
    await rejectsWith(member.send(new EnableOrganizationsRootCredentialsManagementCommand({})), 'CallerIsNotManagementAccountException', 400);
    for (const Op of [ListOrganizationsFeaturesCommand, DisableOrganizationsRootSessionsCommand, DisableOrganizationsRootCredentialsManagementCommand]) {
      await rejectsWith(member.send(new Op({})), 'AccountNotManagementOrDelegatedAdministratorException', 400,
        'The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access.');
    }
    assert.deepEqual((await features(iam)).EnabledFeatures, []);
  });

  test('each operation is authorized as iam:<Operation> on *: a user without the permission gets AccessDenied (403)', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'ops' }));
    const k = (await iam.send(new CreateAccessKeyCommand({ UserName: 'ops' }))).AccessKey!;
    const ops = server.iam({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! });
    await rejectsWith(ops.send(new ListOrganizationsFeaturesCommand({})), 'AccessDenied', 403, /iam:ListOrganizationsFeatures on resource: \*/);
    await rejectsWith(ops.send(new EnableOrganizationsRootSessionsCommand({})), 'AccessDenied', 403, /iam:EnableOrganizationsRootSessions/);
    await rejectsWith(ops.send(new GenerateOrganizationsAccessReportCommand({ EntityPath: 'o-a1b2c3d4e5/r-f6g7' })), 'AccessDenied', 403,
      new RegExp(`iam:GenerateOrganizationsAccessReport on resource: arn:aws:iam::${TEST_ACCOUNT}:access-report/o-a1b2c3d4e5/r-f6g7`));
    await iam.send(new PutUserPolicyCommand({
      UserName: 'ops', PolicyName: 'p',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:*Organizations*'], Resource: '*' }] }),
    }));
    assert.deepEqual((await ops.send(new EnableOrganizationsRootSessionsCommand({}))).EnabledFeatures, ['RootSessions']);
  });

  test('the features persist in the data folder, and the organization keeps its id across a restart', async () => {
    const { OrganizationId } = await features(iam);
    await iam.send(new EnableOrganizationsRootSessionsCommand({}));
    await server.stop({ keepData: true });
    server = await startRolegate({ env, dataDir: server.dataDir });
    iam = server.iam();
    member = server.iam(memberKeys);
    assert.deepEqual(await features(iam), { OrganizationId, EnabledFeatures: ['RootSessions'] });
    await rejectsWith(member.send(new ListOrganizationsFeaturesCommand({})), 'AccountNotManagementOrDelegatedAdministratorException', 400);
  });

  describe('GenerateOrganizationsAccessReport and GetOrganizationsAccessReport', () => {
    const paths = async () => (await features(iam)).OrganizationId!;
    /** Generates reports of `path` until `ready` holds: decisions reach the log a moment after the requests they decide. */
    async function report(path: string, ready: (r: GetOrganizationsAccessReportCommandOutput) => boolean, extra: { SortKey?: string; MaxItems?: number } = {}) {
      const deadline = Date.now() + 5000;
      for (;;) {
        const { JobId } = await iam.send(new GenerateOrganizationsAccessReportCommand({ EntityPath: path }));
        const r = await iam.send(new GetOrganizationsAccessReportCommand({ JobId, ...extra } as never));
        if (ready(r) || Date.now() > deadline) return { JobId: JobId!, r };
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const detail = (r: GetOrganizationsAccessReportCommandOutput, ns: string) => r.AccessDetails?.find((d) => d.ServiceNamespace === ns);
    async function failed(path: string, policyId?: string, client = iam) {
      const { JobId } = await client.send(new GenerateOrganizationsAccessReportCommand({ EntityPath: path, OrganizationsPolicyId: policyId }));
      const r = await client.send(new GetOrganizationsAccessReportCommand({ JobId }));
      assert.equal(r.JobStatus, 'FAILED');
      return r.ErrorDetails;
    }

    test("the root's report lists every service, with the newest attempt by a principal of any account, its account's path and how many accounts attempted", async () => {
      const root = await rootPath(await paths());
      const before = new Date(Date.now() - 1000);
      await server.s3(memberKeys).send(new ListBucketsCommand({}));
      await server.kinesis(member2Keys).send(new ListStreamsCommand({}));
      await server.s3(member2Keys).send(new ListBucketsCommand({}));
      const { r } = await report(root, (x) => detail(x, 's3')?.TotalAuthenticatedEntities === 2 && !!detail(x, 'kinesis')?.LastAuthenticatedTime && !!detail(x, 'iam')?.LastAuthenticatedTime);
      assert.equal(r.JobStatus, 'COMPLETED');
      assert.ok(r.JobCreationDate instanceof Date && r.JobCompletionDate instanceof Date);
      const s3 = detail(r, 's3')!;
      assert.equal(s3.ServiceName, 'Amazon S3');
      assert.equal(s3.EntityPath, `${root}/${MEMBER2}`);
      assert.ok(s3.LastAuthenticatedTime! >= before && s3.LastAuthenticatedTime! <= new Date());
      assert.deepEqual([detail(r, 'kinesis')!.EntityPath, detail(r, 'kinesis')!.TotalAuthenticatedEntities], [`${root}/${MEMBER2}`, 1]);
      // The management account's own calls (GenerateOrganizationsAccessReport itself) count under IAM.
      assert.equal(detail(r, 'iam')!.EntityPath, `${root}/${TEST_ACCOUNT}`);
      const never = detail(r, 'firehose')!;
      assert.deepEqual([never.ServiceName, never.TotalAuthenticatedEntities, never.EntityPath, never.LastAuthenticatedTime], ['Amazon Kinesis Firehose', 0, undefined, undefined]);
      const names = r.AccessDetails!.map((d) => d.ServiceNamespace!);
      assert.deepEqual(names, [...names].sort(), 'by service namespace by default');
      assert.equal(r.NumberOfServicesAccessible, names.length);
      assert.equal(r.NumberOfServicesNotAccessed, r.AccessDetails!.filter((d) => !d.LastAuthenticatedTime).length);
      assert.equal(r.IsTruncated, false);
    });

    test("an account's report counts that account's principals only", async () => {
      const root = await rootPath(await paths());
      await server.kinesis(member2Keys).send(new ListStreamsCommand({}));
      await server.s3(memberKeys).send(new ListBucketsCommand({}));
      const { r } = await report(`${root}/${MEMBER}`, (x) => !!detail(x, 's3')?.LastAuthenticatedTime);
      assert.deepEqual([detail(r, 's3')!.EntityPath, detail(r, 's3')!.TotalAuthenticatedEntities], [`${root}/${MEMBER}`, 1]);
      assert.equal(detail(r, 'kinesis')!.LastAuthenticatedTime, undefined);
      assert.equal(detail(r, 'iam')!.LastAuthenticatedTime, undefined);
    });

    test('SortKey orders by namespace or by time (services never attempted count as oldest); MaxItems and Marker page through it', async () => {
      const root = await rootPath(await paths());
      await server.s3(memberKeys).send(new ListBucketsCommand({}));
      // Until the report's own generation (an IAM request after the S3 one) has reached the log.
      const { JobId, r } = await report(root, (x) => !!detail(x, 's3')?.LastAuthenticatedTime && detail(x, 'iam')!.LastAuthenticatedTime! > detail(x, 's3')!.LastAuthenticatedTime!);
      const all = r.AccessDetails!.map((d) => d.ServiceNamespace);
      const get = (extra: object) => iam.send(new GetOrganizationsAccessReportCommand({ JobId, ...extra }));
      assert.deepEqual((await get({ SortKey: 'SERVICE_NAMESPACE_DESCENDING' })).AccessDetails!.map((d) => d.ServiceNamespace), [...all].reverse());
      const newest = (await get({ SortKey: 'LAST_AUTHENTICATED_TIME_DESCENDING' })).AccessDetails!;
      assert.equal(newest[0].ServiceNamespace, 'iam', 'the report itself was the newest attempt');
      assert.equal(newest[1].ServiceNamespace, 's3');
      assert.equal(newest.at(-1)!.LastAuthenticatedTime, undefined);
      const oldest = (await get({ SortKey: 'LAST_AUTHENTICATED_TIME_ASCENDING' })).AccessDetails!;
      assert.equal(oldest[0].LastAuthenticatedTime, undefined);
      assert.equal(oldest.at(-1)!.ServiceNamespace, 'iam');
      const paged: string[] = [];
      let marker: string | undefined;
      do {
        const page = await get({ MaxItems: 3, ...(marker ? { Marker: marker } : {}) });
        assert.ok(page.AccessDetails!.length <= 3);
        assert.equal(page.IsTruncated, page.Marker !== undefined);
        paged.push(...page.AccessDetails!.map((d) => d.ServiceNamespace!));
        marker = page.Marker;
      } while (marker);
      assert.deepEqual(paged, all);
    });

    test('a path or policy the organization does not have, or a member account asking, gives a FAILED job with Organizations\' error', async () => {
      const org = await paths();
      const root = await rootPath(org);
      const notFound = { Code: 'TargetNotFoundException', Message: "We can't find a root, OU, account, or policy with the TargetId that you specified." };
      assert.deepEqual(await failed('o-zzzzzzzzzz/r-zzzz'), notFound);
      assert.deepEqual(await failed(`${org}/r-zzzz`), notFound);
      assert.deepEqual(await failed(`${root}/999988887777`), notFound);
      assert.deepEqual(await failed(`${root}/ou-ab12-cdefgh12`), notFound);
      assert.deepEqual(await failed(`${root}/${MEMBER}/${MEMBER2}`), notFound);
      assert.deepEqual(await failed(root, 'p-examplepolicyid111'), { Code: 'PolicyNotFoundException', Message: "We can't find a policy with the PolicyId that you specified." });
      assert.deepEqual(await failed(root, undefined, member), { Code: 'AccessDeniedException', Message: "You don't have permissions to access this resource." });
      const { JobId } = await iam.send(new GenerateOrganizationsAccessReportCommand({ EntityPath: `${root}/${MEMBER}`, OrganizationsPolicyId: 'p-FullAWSAccess' }));
      assert.equal((await iam.send(new GetOrganizationsAccessReportCommand({ JobId }))).JobStatus, 'COMPLETED');
    });

    /** The organization's root path, o-…/r-…, as the server printed it at start. */
    async function rootPath(org: string): Promise<string> {
      const m = /rolegate: organization (o-[a-z0-9]{10}), root (r-[a-z0-9]{4}): management account (\d{12}), member accounts (.*)\n/.exec(server.printed)!;
      assert.deepEqual([m[1], m[3], m[4]], [org, TEST_ACCOUNT, `${MEMBER}, ${MEMBER2}`]);
      return `${m[1]}/${m[2]}`;
    }
  });
});

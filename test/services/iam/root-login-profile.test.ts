// The account root's login profile, made and removed only by a privileged session (STS AssumeRoot):
// IAMCreateRootUserPassword creates it without a password (the root then recovers one), and reads it;
// IAMAuditRootUserCredentials reads it; IAMDeleteRootUserCredentials deletes it. The root's own keys
// cannot leave UserName out, and a password given in a privileged session is refused.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand, CreateLoginProfileCommand, CreateUserCommand, DeleteLoginProfileCommand, EnableOrganizationsRootSessionsCommand,
  GetAccountSummaryCommand, GetLoginProfileCommand, PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRootCommand } from '@aws-sdk/client-sts';
import { printedRoot, startRolegate, type Credentials, type Rolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const MEMBER = '444455556666';
const TASK = (name: string) => `arn:aws:iam::aws:policy/root-task/${name}`;
let server: Rolegate;
let memberRoot: Credentials;
let admin: Credentials;

before(async () => {
  server = await startRolegate({ env: { ROLEGATE_ORGANIZATION: 'on', ROLEGATE_ACCOUNTS: MEMBER } });
  memberRoot = printedRoot(server, MEMBER);
});
after(() => server.stop());
beforeEach(async () => {
  await server.reset();
  const iam = server.iam();
  await iam.send(new EnableOrganizationsRootSessionsCommand({}));
  await iam.send(new CreateUserCommand({ UserName: 'admin' }));
  await iam.send(new PutUserPolicyCommand({
    UserName: 'admin', PolicyName: 'p',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: 'arn:aws:iam::*:root' }] }),
  }));
  const k = (await iam.send(new CreateAccessKeyCommand({ UserName: 'admin' }))).AccessKey!;
  admin = { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! };
});

async function rootSession(task: string): Promise<Credentials> {
  const c = (await server.sts(admin).send(new AssumeRootCommand({ TargetPrincipal: MEMBER, TaskPolicyArn: { arn: TASK(task) } }))).Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

const summaryOf = async (c: Credentials) => (await server.iam(c).send(new GetAccountSummaryCommand({}))).SummaryMap!;

test('IAMCreateRootUserPassword creates the root\'s login profile without a password; the audit task reads it; the delete task removes it', async () => {
  const create = server.iam(await rootSession('IAMCreateRootUserPassword'));
  await rejectsWith(create.send(new GetLoginProfileCommand({})), 'NoSuchEntityException', 404, /^Login Profile for the root user cannot be found\.$/);
  const made = (await create.send(new CreateLoginProfileCommand({}))).LoginProfile!;
  assert.equal(made.UserName, undefined, 'the root has no user name');
  assert.equal(made.PasswordResetRequired, false);
  assert.ok(made.CreateDate instanceof Date);
  await rejectsWith(create.send(new CreateLoginProfileCommand({})), 'EntityAlreadyExistsException', 409, /root user already exists/);
  assert.deepEqual((await create.send(new GetLoginProfileCommand({}))).LoginProfile!.CreateDate, made.CreateDate);
  // Nothing else: the task policy denies deleting it, or creating one for an IAM user.
  await rejectsWith(create.send(new DeleteLoginProfileCommand({})), 'AccessDenied', 403, /iam:DeleteLoginProfile/);

  const audit = server.iam(await rootSession('IAMAuditRootUserCredentials'));
  assert.deepEqual((await audit.send(new GetLoginProfileCommand({}))).LoginProfile!.CreateDate, made.CreateDate);
  assert.equal((await summaryOf(memberRoot)).AccountPasswordPresent, 1);

  const remove = server.iam(await rootSession('IAMDeleteRootUserCredentials'));
  await remove.send(new DeleteLoginProfileCommand({}));
  await rejectsWith(remove.send(new GetLoginProfileCommand({})), 'NoSuchEntityException', 404, /root user/);
  assert.equal((await summaryOf(memberRoot)).AccountPasswordPresent, 0);
});

test('a privileged session may not set the root\'s password itself, and the root\'s own keys must name a user', async () => {
  const create = server.iam(await rootSession('IAMCreateRootUserPassword'));
  await rejectsWith(create.send(new CreateLoginProfileCommand({ Password: 'Str0ng!Passw0rd-1' })), 'ValidationError', 400, /Password must be omitted/);
  await rejectsWith(create.send(new GetLoginProfileCommand({})), 'NoSuchEntityException', 404, /root user/);
  // With the root's long-term keys, leaving out UserName is an error, as on AWS.
  const own = server.iam(memberRoot);
  await rejectsWith(own.send(new CreateLoginProfileCommand({ Password: 'Str0ng!Passw0rd-1' })), 'ValidationError', 400, /Must specify userName when calling with non-User credentials/);
  await rejectsWith(own.send(new GetLoginProfileCommand({})), 'ValidationError', 400, /Must specify userName/);
  await rejectsWith(own.send(new DeleteLoginProfileCommand({})), 'ValidationError', 400, /Must specify userName/);
});

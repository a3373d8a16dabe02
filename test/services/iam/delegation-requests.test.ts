// IAM temporary delegation through @aws-sdk/client-iam and client-sts: a partner account creates a
// delegation request from its policy template; the customer account associates, forwards, accepts
// or rejects it and sends the exchange token; the partner reads the token from the messages IAM
// would publish to its SNS topic and trades it, once, for credentials of the accepting identity
// limited to the delegated policy. States, who may do what, validation, pagination and expiry.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AcceptDelegationRequestCommand, AssociateDelegationRequestCommand, AttachRolePolicyCommand, CreateAccessKeyCommand, CreateDelegationRequestCommand,
  CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, GetDelegationRequestCommand, GetHumanReadableSummaryCommand, ListDelegationRequestsCommand,
  ListUsersCommand, PutUserPolicyCommand, RejectDelegationRequestCommand, SendDelegationTokenCommand, UpdateDelegationRequestCommand,
  type CreateDelegationRequestCommandInput, type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetDelegatedAccessTokenCommand } from '@aws-sdk/client-sts';
import { CreateBucketCommand, DeleteBucketCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { basicAuth, startRolegate, TEST_ACCOUNT, TEST_ROOT, type Credentials, type Rolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const PARTNER = '444455556666';
const OTHER = '777788889999';
const TOPIC = `arn:aws:sns:us-east-1:${PARTNER}:delegation-updates`;

/** A template as the IAM User Guide's "Policy templates" shows one: a bucket to set up, and the objects in it. */
const TEMPLATE = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:CreateBucket', 's3:DeleteBucket'], Resource: 'arn:aws:s3:::@{bucketName}' },
    { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::@{bucketName}/*' },
  ],
};

function rootOf(printed: string, account: string): Credentials {
  const m = new RegExp(`account ${account} \\(shown once\\)\\n\\s+AWS_ACCESS_KEY_ID=(\\S+)\\n\\s+AWS_SECRET_ACCESS_KEY=(\\S+)`).exec(printed)!;
  return { accessKeyId: m[1], secretAccessKey: m[2] };
}

interface World { server: Rolegate; partner: Credentials; other: Credentials; partnerIam: IAMClient; customerIam: IAMClient }

function useWorld(env: Record<string, string> = {}): World {
  const w = {} as World;
  before(async () => {
    w.server = await startRolegate({ env: { ROLEGATE_ACCOUNTS: `${PARTNER},${OTHER}`, ...env } });
    w.partner = rootOf(w.server.printed, PARTNER);
    w.other = rootOf(w.server.printed, OTHER);
    w.partnerIam = w.server.iam(w.partner);
    w.customerIam = w.server.iam();
  });
  after(() => w.server.stop());
  beforeEach(() => w.server.reset());
  return w;
}

/** The partner's template: a customer managed policy of its own account (made once per test). */
async function template(w: World, document: unknown = TEMPLATE, name = 'BucketSetup'): Promise<string> {
  const arn = `arn:aws:iam::${PARTNER}:policy/${name}`;
  try {
    await w.partnerIam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: JSON.stringify(document) }));
  } catch (e) {
    if ((e as Error).name !== 'EntityAlreadyExistsException') throw e;
  }
  return arn;
}

let workflows = 0;
async function createRequest(w: World, extra: Partial<CreateDelegationRequestCommandInput> = {}, templateArn?: string): Promise<string> {
  const arn = templateArn ?? (await template(w));
  const { DelegationRequestId } = await w.partnerIam.send(new CreateDelegationRequestCommand({
    Description: 'Set up the analytics bucket',
    Permissions: { PolicyTemplateArn: arn, Parameters: [{ Name: 'bucketName', Values: ['customer-data-bucket'], Type: 'string' }] },
    RequestorWorkflowId: `workflow-${++workflows}`,
    NotificationChannel: TOPIC,
    SessionDuration: 3600,
    OwnerAccountId: TEST_ACCOUNT,
    ...extra,
  }));
  return DelegationRequestId!;
}

const get = (iam: IAMClient, id: string) => iam.send(new GetDelegationRequestCommand({ DelegationRequestId: id })).then((r) => r.DelegationRequest!);

async function userWithKey(iam: IAMClient, name: string, policy?: unknown): Promise<Credentials> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (policy) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: JSON.stringify(policy) }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

interface Notification { Seq: number; TopicArn: string; Subject: string; Message: string }
async function notifications(w: World, credentials: Credentials, query = ''): Promise<{ status: number; list: Notification[] }> {
  const r = await w.server.fetch(`/_rolegate/iam/delegation-notifications${query}`, { headers: { authorization: basicAuth(credentials) } });
  return { status: r.status, list: r.status === 200 ? (JSON.parse(r.body) as { Notifications: Notification[] }).Notifications : [] };
}

async function exchangeToken(w: World, id: string): Promise<string> {
  const { list } = await notifications(w, w.partner, `?topic=${encodeURIComponent(TOPIC)}`);
  const finalized = list.map((n) => JSON.parse(n.Message) as Record<string, string>).find((m) => m.DelegationRequestId === id && m.State === 'FINALIZED');
  assert.ok(finalized?.ExchangeToken, 'the FINALIZED message carries the exchange token');
  return finalized.ExchangeToken;
}

/** Associates, accepts and sends as `customer` (default: the customer account's root). */
async function finalize(w: World, id: string, customer: IAMClient = w.customerIam): Promise<void> {
  await customer.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }));
  await customer.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }));
  await customer.send(new SendDelegationTokenCommand({ DelegationRequestId: id }));
}

describe('IAM temporary delegation', () => {
  const w = useWorld();

  test('CreateDelegationRequest renders the template with the parameters; GetDelegationRequest shows the UNASSIGNED request to the partner', async () => {
    const before = Date.now();
    const id = await createRequest(w, { RequestMessage: 'Needed for the onboarding', RedirectUrl: 'https://partner.example/return?step=2' });
    assert.match(id, /^[\w-]{16,128}$/);
    const r = await get(w.partnerIam, id);
    assert.equal(r.State, 'UNASSIGNED');
    assert.equal(r.RequestorId, PARTNER);
    assert.equal(r.OwnerAccountId, TEST_ACCOUNT);
    assert.equal(r.OwnerId, undefined);
    assert.equal(r.SessionDuration, 3600);
    assert.equal(r.OnlySendByOwner, false);
    assert.equal(r.RequestMessage, 'Needed for the onboarding');
    assert.equal(r.RedirectUrl, 'https://partner.example/return?step=2');
    assert.deepEqual(JSON.parse(r.PermissionPolicy!).Statement, [
      { Effect: 'Allow', Action: ['s3:CreateBucket', 's3:DeleteBucket'], Resource: 'arn:aws:s3:::customer-data-bucket' },
      { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::customer-data-bucket/*' },
    ]);
    assert.deepEqual(r.Permissions!.Parameters, [{ Name: 'bucketName', Values: ['customer-data-bucket'], Type: 'string' }]);
    // An Unassigned request expires a day after it was made.
    assert.ok(Math.abs(r.ExpirationTime!.getTime() - r.CreateDate!.getTime() - 24 * 3600_000) < 1000);
    assert.ok(r.CreateDate!.getTime() >= before - 1000);
  });

  test('a stringList parameter standing for a whole value becomes its values', async () => {
    const arn = await template(w, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::@{bucketName}', Condition: { StringLike: { 's3:prefix': ['@{prefixes}', 'shared/*'] } } }],
    }, 'Prefixes');
    const id = await createRequest(w, {
      Permissions: { PolicyTemplateArn: arn, Parameters: [{ Name: 'bucketName', Values: ['logs'], Type: 'string' }, { Name: 'prefixes', Values: ['a/*', 'b/*'], Type: 'stringList' }] },
    }, arn);
    const statement = JSON.parse((await get(w.partnerIam, id)).PermissionPolicy!).Statement[0];
    assert.equal(statement.Resource, 'arn:aws:s3:::logs');
    assert.deepEqual(statement.Condition.StringLike['s3:prefix'], ['a/*', 'b/*', 'shared/*']);
    // A stringList inside a longer string has no single value to stand for.
    const inside = await template(w, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::@{buckets}' }] }, 'Inside');
    await rejectsWith(createRequest(w, { Permissions: { PolicyTemplateArn: inside, Parameters: [{ Name: 'buckets', Values: ['a', 'b'], Type: 'stringList' }] } }, inside), 'InvalidInputException', 400, /can only stand for a whole value/);
  });

  test('a template that lets the partner create roles only with a permissions boundary names it in RolePermissionRestrictionArns', async () => {
    const boundary = `arn:aws:iam::${TEST_ACCOUNT}:policy/PartnerBoundary`;
    const arn = await template(w, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:CreateRole', 'iam:PutRolePolicy'], Resource: 'arn:aws:iam::*:role/@{roleName}', Condition: { StringEquals: { 'iam:PermissionsBoundary': '@{boundaryArn}' } } }],
    }, 'Roles');
    const id = await createRequest(w, {
      Permissions: { PolicyTemplateArn: arn, Parameters: [{ Name: 'roleName', Values: ['PartnerOps'], Type: 'string' }, { Name: 'boundaryArn', Values: [boundary], Type: 'string' }] },
    }, arn);
    assert.deepEqual((await get(w.partnerIam, id)).RolePermissionRestrictionArns, [boundary]);
    const s = await w.partnerIam.send(new GetHumanReadableSummaryCommand({ EntityArn: `arn:aws:iam::${PARTNER}:delegation-request/${id}` }));
    assert.match(s.SummaryContent!, /when iam:PermissionsBoundary StringEquals arn:aws:iam::111122223333:policy\/PartnerBoundary/);
    assert.match(s.SummaryContent!, /Roles it creates must have the permissions boundary arn:aws:iam::111122223333:policy\/PartnerBoundary\./);
  });

  test('CreateDelegationRequest refuses what IAM refuses: InvalidInput, ValidationError and EntityAlreadyExists', async () => {
    const arn = await template(w);
    const param = [{ Name: 'bucketName', Values: ['b1'], Type: 'string' as const }];
    await rejectsWith(createRequest(w, { Permissions: { Parameters: param } }, arn), 'InvalidInputException', 400, /PolicyTemplateArn/);
    // A template is the partner's own: another account's policy is not registered for it.
    const { Policy } = await w.customerIam.send(new CreatePolicyCommand({ PolicyName: 'Theirs', PolicyDocument: JSON.stringify(TEMPLATE) }));
    await rejectsWith(createRequest(w, { Permissions: { PolicyTemplateArn: Policy!.Arn!, Parameters: param } }, arn), 'InvalidInputException', 400, /is not registered for account 444455556666/);
    await rejectsWith(createRequest(w, { NotificationChannel: `arn:aws:sqs:us-east-1:${PARTNER}:queue` }, arn), 'InvalidInputException', 400, /only Amazon SNS topic ARNs/);
    await rejectsWith(createRequest(w, { Permissions: { PolicyTemplateArn: arn, Parameters: [] } }, arn), 'InvalidInputException', 400, /needs a value for the parameter bucketName/);
    await rejectsWith(createRequest(w, { Permissions: { PolicyTemplateArn: arn, Parameters: [...param, { Name: 'extraName', Values: ['x'], Type: 'string' }] } }, arn), 'InvalidInputException', 400, /no parameter named extraName/);
    await rejectsWith(createRequest(w, { Permissions: { PolicyTemplateArn: arn, Parameters: [{ Name: 'bucketName', Values: ['a', 'b'], Type: 'string' }] } }, arn), 'InvalidInputException', 400, /exactly one value/);
    await rejectsWith(createRequest(w, { Permissions: { PolicyTemplateArn: arn, Parameters: [{ Name: 'bucketName', Values: ['x'.repeat(1100)], Type: 'string' }] } }, arn), 'InvalidInputException', 400, /must not exceed 2048/);
    await rejectsWith(createRequest(w, { SessionDuration: 299 }, arn), 'ValidationError', 400, /sessionDuration/);
    await rejectsWith(createRequest(w, { SessionDuration: 43201 }, arn), 'ValidationError', 400, /sessionDuration/);
    await rejectsWith(createRequest(w, { RedirectUrl: 'ftp://partner.example' }, arn), 'ValidationError', 400, /redirectUrl/);
    await rejectsWith(createRequest(w, { OwnerAccountId: '1234' }, arn), 'ValidationError', 400, /ownerAccountId/);
    await createRequest(w, { RequestorWorkflowId: 'same-workflow' }, arn);
    await rejectsWith(createRequest(w, { RequestorWorkflowId: 'same-workflow' }, arn), 'EntityAlreadyExistsException', 409, /same-workflow already exists/);
  });

  test('a request for one account is invisible to the others; an untargeted one can be associated by any account, which becomes its owner', async () => {
    const targeted = await createRequest(w);
    const otherIam = w.server.iam(w.other);
    await rejectsWith(get(otherIam, targeted), 'NoSuchEntityException', 404, `The delegation request with id ${targeted} cannot be found.`);
    await rejectsWith(otherIam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: targeted })), 'NoSuchEntityException', 404);
    const open = await createRequest(w, { OwnerAccountId: undefined });
    assert.equal((await get(otherIam, open)).State, 'UNASSIGNED');
    await otherIam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: open }));
    const r = await get(otherIam, open);
    assert.equal(r.State, 'ASSIGNED');
    assert.equal(r.OwnerAccountId, OTHER);
    assert.equal(r.OwnerId, `arn:aws:iam::${OTHER}:root`);
    // Now it is the other account's: the customer account no longer finds it.
    await rejectsWith(get(w.customerIam, open), 'NoSuchEntityException', 404);
    // An assigned request's expiry is a week from its last change.
    assert.ok(Math.abs(r.ExpirationTime!.getTime() - r.UpdatedTime!.getTime() - 7 * 24 * 3600_000) < 1000);
  });

  test('the state machine: associate, forward for approval, accept, send; and the moves AWS refuses', async () => {
    const id = await createRequest(w);
    const op = (C: any, extra: Record<string, unknown> = {}) => w.customerIam.send(new C({ DelegationRequestId: id, ...extra }));
    await rejectsWith(op(AcceptDelegationRequestCommand), 'ConcurrentModificationException', 409, /UNASSIGNED and cannot be accepted/);
    await rejectsWith(op(UpdateDelegationRequestCommand), 'InvalidInputException', 400, /state UNASSIGNED/);
    await op(AssociateDelegationRequestCommand);
    await rejectsWith(op(AssociateDelegationRequestCommand), 'InvalidInputException', 400, /state ASSIGNED; AssociateDelegationRequest cannot/);
    await rejectsWith(op(SendDelegationTokenCommand), 'InvalidInputException', 400, /state ASSIGNED; SendDelegationToken cannot/);
    await op(UpdateDelegationRequestCommand, { Notes: 'Please approve: the analytics team needs it' });
    let r = await get(w.customerIam, id);
    assert.equal(r.State, 'PENDING_APPROVAL');
    assert.equal(r.Notes, 'Please approve: the analytics team needs it');
    await op(AcceptDelegationRequestCommand);
    r = await get(w.customerIam, id);
    assert.equal(r.State, 'ACCEPTED');
    assert.equal(r.ApproverId, `arn:aws:iam::${TEST_ACCOUNT}:root`);
    await rejectsWith(op(AcceptDelegationRequestCommand), 'ConcurrentModificationException', 409, /ACCEPTED and cannot be accepted/);
    await rejectsWith(op(UpdateDelegationRequestCommand), 'InvalidInputException', 400, /state ACCEPTED/);
    await op(SendDelegationTokenCommand);
    assert.equal((await get(w.customerIam, id)).State, 'FINALIZED');
    // FINALIZED cannot be rolled back.
    await rejectsWith(op(RejectDelegationRequestCommand), 'InvalidInputException', 400, /state FINALIZED/);
    await rejectsWith(op(SendDelegationTokenCommand), 'InvalidInputException', 400, /state FINALIZED/);
  });

  test('an accepted request may be rejected before its token is sent; a rejected one cannot be accepted, updated or sent', async () => {
    const id = await createRequest(w);
    const op = (C: any, extra: Record<string, unknown> = {}) => w.customerIam.send(new C({ DelegationRequestId: id, ...extra }));
    await op(AssociateDelegationRequestCommand);
    await op(AcceptDelegationRequestCommand);
    await op(RejectDelegationRequestCommand, { Notes: 'Changed our mind' });
    const r = await get(w.customerIam, id);
    assert.equal(r.State, 'REJECTED');
    assert.equal(r.RejectionReason, 'Changed our mind');
    await rejectsWith(op(AcceptDelegationRequestCommand), 'ConcurrentModificationException', 409, /REJECTED/);
    await rejectsWith(op(UpdateDelegationRequestCommand), 'InvalidInputException', 400, /REJECTED/);
    await rejectsWith(op(SendDelegationTokenCommand), 'InvalidInputException', 400, /REJECTED/);
    await rejectsWith(op(RejectDelegationRequestCommand), 'InvalidInputException', 400, /REJECTED/);
    const assigned = await createRequest(w);
    await w.customerIam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: assigned }));
    await w.customerIam.send(new RejectDelegationRequestCommand({ DelegationRequestId: assigned }));
    assert.equal((await get(w.customerIam, assigned)).State, 'REJECTED');
  });

  test('every operation on an id that does not exist answers NoSuchEntity (404); a malformed id fails validation', async () => {
    const id = 'does-not-exist-0000000000';
    for (const C of [GetDelegationRequestCommand, AssociateDelegationRequestCommand, AcceptDelegationRequestCommand, RejectDelegationRequestCommand, UpdateDelegationRequestCommand, SendDelegationTokenCommand] as any[]) {
      await rejectsWith(w.customerIam.send(new C({ DelegationRequestId: id })), 'NoSuchEntityException', 404, `The delegation request with id ${id} cannot be found.`);
    }
    await rejectsWith(w.customerIam.send(new GetDelegationRequestCommand({ DelegationRequestId: 'short' })), 'ValidationError', 400, /delegationRequestId/);
    await rejectsWith(w.customerIam.send(new GetDelegationRequestCommand({ DelegationRequestId: 'not allowed chars!!' })), 'ValidationError', 400, /delegationRequestId/);
  });

  test('the owner may get and update its request without a policy; accepting needs iam:AcceptDelegationRequest', async () => {
    const id = await createRequest(w);
    const bob = w.server.iam(await userWithKey(w.customerIam, 'bob', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:AssociateDelegationRequest', Resource: '*' }] }));
    await rejectsWith(get(bob, id), 'AccessDenied', 403, /iam:GetDelegationRequest/);
    await bob.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }));
    const r = await get(bob, id);
    assert.equal(r.OwnerId, `arn:aws:iam::${TEST_ACCOUNT}:user/bob`);
    await bob.send(new UpdateDelegationRequestCommand({ DelegationRequestId: id, Notes: 'for the admin' }));
    await rejectsWith(bob.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id })), 'AccessDenied', 403, /iam:AcceptDelegationRequest on resource: arn:aws:iam::111122223333:delegation-request\//);
    // An administrator of the account accepts what bob forwarded.
    await w.customerIam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }));
    assert.equal((await get(bob, id)).State, 'ACCEPTED');
  });

  test('with OnlySendByOwner, only the owner may send the token', async () => {
    const id = await createRequest(w, { OnlySendByOwner: true });
    const bob = w.server.iam(await userWithKey(w.customerIam, 'bob', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:AssociateDelegationRequest', 'iam:SendDelegationToken'], Resource: '*' }] }));
    await bob.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }));
    await w.customerIam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }));
    await rejectsWith(w.customerIam.send(new SendDelegationTokenCommand({ DelegationRequestId: id })), 'AccessDenied', 403, /Only the owner/);
    await bob.send(new SendDelegationTokenCommand({ DelegationRequestId: id }));
    assert.equal((await get(bob, id)).State, 'FINALIZED');
  });

  test('the root may accept a request of 4 hours or less', async () => {
    const long = await createRequest(w, { SessionDuration: 4 * 3600 + 1 });
    await w.customerIam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: long }));
    await rejectsWith(w.customerIam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: long })), 'InvalidInputException', 400, /14400 seconds or less/);
    const short = await createRequest(w, { SessionDuration: 4 * 3600 });
    await w.customerIam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: short }));
    await w.customerIam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: short }));
  });

  test('ListDelegationRequests lists the owned requests of the account, oldest first, in pages; OwnerId filters', async () => {
    const arn = await template(w);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await createRequest(w, {}, arn);
      await w.customerIam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }));
      ids.push(id);
    }
    // Targeted at the account but not associated: not listed.
    await createRequest(w, {}, arn);
    const bob = w.server.iam(await userWithKey(w.customerIam, 'bob', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:AssociateDelegationRequest', Resource: '*' }] }));
    const bobs = await createRequest(w, {}, arn);
    await bob.send(new AssociateDelegationRequestCommand({ DelegationRequestId: bobs }));
    const seen: string[] = [];
    let marker: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await w.customerIam.send(new ListDelegationRequestsCommand({ MaxItems: 2, Marker: marker }));
      sizes.push(page.DelegationRequests!.length);
      seen.push(...page.DelegationRequests!.map((r) => r.DelegationRequestId!));
      assert.equal(page.isTruncated, page.Marker !== undefined);
      marker = page.Marker;
    } while (marker);
    assert.deepEqual(sizes, [2, 2, 2]);
    assert.deepEqual(seen, [...ids, bobs]);
    const filtered = await w.customerIam.send(new ListDelegationRequestsCommand({ OwnerId: `arn:aws:iam::${TEST_ACCOUNT}:user/bob` }));
    assert.deepEqual(filtered.DelegationRequests!.map((r) => r.DelegationRequestId), [bobs]);
    assert.equal(filtered.isTruncated, false);
    // The partner owns none of them.
    assert.deepEqual((await w.partnerIam.send(new ListDelegationRequestsCommand({}))).DelegationRequests, []);
    await rejectsWith(w.customerIam.send(new ListDelegationRequestsCommand({ MaxItems: 0 })), 'ValidationError', 400, /maxItems/);
  });

  test("the partner's topic receives each change of state, and the token on FINALIZED; only the topic account's root reads them", async () => {
    const id = await createRequest(w);
    await finalize(w, id);
    const { status, list } = await notifications(w, w.partner);
    assert.equal(status, 200);
    const messages = list.map((n) => JSON.parse(n.Message) as Record<string, string>);
    assert.deepEqual(messages.map((m) => m.State), ['ASSIGNED', 'ACCEPTED', 'FINALIZED']);
    assert.ok(list.every((n) => n.TopicArn === TOPIC));
    assert.ok(messages.every((m) => m.DelegationRequestId === id && m.RequestorWorkflowId.startsWith('workflow-')));
    assert.equal(messages[0].ExchangeToken, undefined);
    assert.match(messages[2].ExchangeToken, /^IAMDT[\w-]{40,}$/);
    // ?after= gives the newer ones only.
    assert.deepEqual((await notifications(w, w.partner, `?after=${list[1].Seq}`)).list.map((n) => n.Seq), [list[2].Seq]);
    // The customer's root does not read the partner's topic; nor does an IAM user of the partner; nor an unsigned caller.
    assert.deepEqual((await notifications(w, TEST_ROOT)).list, []);
    const partnerUser = await userWithKey(w.partnerIam, 'ops');
    assert.equal((await notifications(w, partnerUser)).status, 401);
    assert.equal((await w.server.fetch('/_rolegate/iam/delegation-notifications')).status, 401);
    // The token is in no log line of the server.
    assert.ok(!w.server.stderr().includes(messages[2].ExchangeToken));
  });

  test('GetDelegatedAccessToken trades the token once for credentials of the accepting user, limited to the delegated permissions', async () => {
    // alice may create and list buckets and list users; the request delegates bucket set-up only.
    const alice = await userWithKey(w.customerIam, 'alice', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:CreateBucket', 's3:PutObject', 's3:ListAllMyBuckets', 'iam:ListUsers', 'iam:*DelegationRequest*', 'iam:SendDelegationToken'], Resource: '*' }],
    });
    const aliceIam = w.server.iam(alice);
    const id = await createRequest(w);
    await finalize(w, id, aliceIam);
    const token = await exchangeToken(w, id);
    const finalizedAt = (await get(aliceIam, id)).UpdatedTime!.getTime();
    // Only the partner that made the request may trade it.
    await rejectsWith(w.server.sts().send(new GetDelegatedAccessTokenCommand({ TradeInToken: token })), 'ExpiredTradeInTokenException', 400);
    const out = await w.server.sts(w.partner).send(new GetDelegatedAccessTokenCommand({ TradeInToken: token }));
    assert.equal(out.AssumedPrincipal, `arn:aws:iam::${TEST_ACCOUNT}:user/alice`);
    assert.match(out.Credentials!.AccessKeyId!, /^ASIA/);
    assert.ok(Math.abs(out.Credentials!.Expiration!.getTime() - (finalizedAt + 3600_000)) < 2000);
    // Once only.
    const again = await rejectsWith(w.server.sts(w.partner).send(new GetDelegatedAccessTokenCommand({ TradeInToken: token })), 'ExpiredTradeInTokenException', 400, /expired, already used or invalid/);
    assert.ok(!again.message.includes(token));
    await rejectsWith(w.server.sts(w.partner).send(new GetDelegatedAccessTokenCommand({ TradeInToken: 'IAMDTnot-a-real-token' })), 'ExpiredTradeInTokenException', 400);
    // The token is in neither the server's log nor the decision log.
    assert.ok(!w.server.stderr().includes(token));
    const log = await w.server.fetch('/_rolegate/decisions?action=sts:GetDelegatedAccessToken', { headers: { authorization: basicAuth(w.partner) } });
    assert.equal(log.status, 200);
    assert.match(log.body, /sts:GetDelegatedAccessToken/);
    assert.ok(!log.body.includes(token));

    const delegated: Credentials = { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! };
    assert.equal((await w.server.sts(delegated).send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${TEST_ACCOUNT}:user/alice`);
    const s3 = w.server.s3(delegated);
    // Delegated and allowed to alice: allowed.
    await s3.send(new CreateBucketCommand({ Bucket: 'customer-data-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'customer-data-bucket', Key: 'setup.json', Body: '{}' }));
    // Allowed to alice but not delegated: refused.
    await rejectsWith(s3.send(new CreateBucketCommand({ Bucket: 'another-bucket' })), 'AccessDenied', 403);
    await rejectsWith(s3.send(new ListBucketsCommand({})), 'AccessDenied', 403);
    await rejectsWith(w.server.iam(delegated).send(new ListUsersCommand({})), 'AccessDenied', 403, /session policy/);
    // Delegated but not allowed to alice: refused too (the intersection).
    await rejectsWith(s3.send(new DeleteBucketCommand({ Bucket: 'customer-data-bucket' })), 'AccessDenied', 403);
    // alice herself still may list users.
    await aliceIam.send(new ListUsersCommand({}));
  });

  test('accepted by a role session, the delegated credentials are a session of that role within the delegated permissions', async () => {
    await w.customerIam.send(new CreateRoleCommand({
      RoleName: 'Approver',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }),
    }));
    await w.customerIam.send(new AttachRolePolicyCommand({ RoleName: 'Approver', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    const admin = await userWithKey(w.customerIam, 'admin', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] });
    const { Credentials: c } = await w.server.sts(admin).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/Approver`, RoleSessionName: 'review' }));
    const session = w.server.iam({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! });
    const id = await createRequest(w);
    await finalize(w, id, session);
    assert.equal((await get(session, id)).ApproverId, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/Approver/review`);
    const out = await w.server.sts(w.partner).send(new GetDelegatedAccessTokenCommand({ TradeInToken: await exchangeToken(w, id) }));
    assert.equal(out.AssumedPrincipal, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/Approver/review`);
    const delegated: Credentials = { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! };
    await w.server.s3(delegated).send(new CreateBucketCommand({ Bucket: 'customer-data-bucket' }));
    await rejectsWith(w.server.iam(delegated).send(new ListUsersCommand({})), 'AccessDenied', 403);
  });

  test('GetDelegationRequest with DelegationPermissionCheck tells whether the caller covers the delegated permissions', async () => {
    const id = await createRequest(w);
    const covering = w.server.iam(await userWithKey(w.customerIam, 'carol', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'iam:GetDelegationRequest'], Resource: '*' }] }));
    const lacking = w.server.iam(await userWithKey(w.customerIam, 'dave', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:PutObject', 'iam:GetDelegationRequest'], Resource: '*' }] }));
    const check = (iam: IAMClient) => iam.send(new GetDelegationRequestCommand({ DelegationRequestId: id, DelegationPermissionCheck: true }));
    assert.deepEqual([(await check(covering)).PermissionCheckStatus, (await check(covering)).PermissionCheckResult], ['COMPLETE', 'ALLOWED']);
    assert.equal((await check(lacking)).PermissionCheckResult, 'DENIED');
    assert.equal((await covering.send(new GetDelegationRequestCommand({ DelegationRequestId: id }))).PermissionCheckStatus, undefined);
  });

  test('GetHumanReadableSummary words the delegated permissions; other locales are NOT_SUPPORTED, other entities InvalidInput', async () => {
    const id = await createRequest(w);
    const arn = `arn:aws:iam::${TEST_ACCOUNT}:delegation-request/${id}`;
    const s = await w.customerIam.send(new GetHumanReadableSummaryCommand({ EntityArn: arn }));
    assert.equal(s.SummaryState, 'AVAILABLE');
    assert.equal(s.Locale, 'en');
    assert.match(s.SummaryContent!, /Account 444455556666 requests temporary access to account 111122223333 for 1 hour: Set up the analytics bucket/);
    assert.match(s.SummaryContent!, /- Allows s3:CreateBucket, s3:DeleteBucket on arn:aws:s3:::customer-data-bucket\./);
    assert.match(s.SummaryContent!, /- Allows s3:PutObject on arn:aws:s3:::customer-data-bucket\/\*\./);
    assert.equal((await w.customerIam.send(new GetHumanReadableSummaryCommand({ EntityArn: arn, Locale: 'fr-FR' }))).SummaryState, 'NOT_SUPPORTED');
    await rejectsWith(w.customerIam.send(new GetHumanReadableSummaryCommand({ EntityArn: `arn:aws:iam::${TEST_ACCOUNT}:role/Approver` })), 'InvalidInputException', 400, /only delegation requests/);
    await rejectsWith(w.customerIam.send(new GetHumanReadableSummaryCommand({ EntityArn: `arn:aws:iam::${TEST_ACCOUNT}:delegation-request/does-not-exist-000000` })), 'NoSuchEntityException', 404);
    await rejectsWith(w.server.iam(w.other).send(new GetHumanReadableSummaryCommand({ EntityArn: arn })), 'NoSuchEntityException', 404);
  });
});

describe('IAM temporary delegation: expiry', () => {
  // A day and a week, shortened: an Unassigned request expires after 1 s, any other after 3 s.
  const w = useWorld({ ROLEGATE_IAM_DELEGATION_UNASSIGNED_MS: '1000', ROLEGATE_IAM_DELEGATION_INACTIVE_MS: '3000', ROLEGATE_JOB_POLL_MS: '100' });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  test('an Unassigned request nobody associates expires, and cannot be associated after', async () => {
    const id = await createRequest(w);
    const created = (await get(w.partnerIam, id)).CreateDate!.getTime();
    await sleep(1200);
    const r = await get(w.partnerIam, id);
    assert.equal(r.State, 'EXPIRED');
    assert.equal(r.ExpirationTime!.getTime(), created + 1000);
    await rejectsWith(w.customerIam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id })), 'InvalidInputException', 400, /state EXPIRED/);
    // The background job stores the expiry and tells the partner's topic, once.
    let expired: Record<string, string>[] = [];
    for (let i = 0; i < 50 && expired.length === 0; i++) {
      expired = (await notifications(w, w.partner)).list.map((n) => JSON.parse(n.Message) as Record<string, string>).filter((m) => m.DelegationRequestId === id);
      if (expired.length === 0) await sleep(100);
    }
    assert.deepEqual(expired.map((m) => m.State), ['EXPIRED']);
    await sleep(300);
    assert.equal((await notifications(w, w.partner)).list.length, 1);
    assert.equal((await get(w.partnerIam, id)).ExpirationTime!.getTime(), created + 1000);
  });

  test('a finalized request expires, and its token with it: ExpiredTradeInTokenException', async () => {
    const id = await createRequest(w);
    await finalize(w, id);
    const token = await exchangeToken(w, id);
    await sleep(3200);
    assert.equal((await get(w.customerIam, id)).State, 'EXPIRED');
    await rejectsWith(w.server.sts(w.partner).send(new GetDelegatedAccessTokenCommand({ TradeInToken: token })), 'ExpiredTradeInTokenException', 400);
  });
});

// The authenticate step on a server started in-process, through the SDK: long-term keys of the root
// and of IAM users, inactive and deleted keys, temporary credentials of every kind (GetSessionToken,
// AssumeRole, GetFederationToken, a root session) ending with the identity they stand for, and S3's
// own words for the same failures (ErrorResponses: InvalidAccessKeyId, InvalidToken, ExpiredToken,
// AuthorizationHeaderMalformed).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import {
  CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, DeleteAccessKeyCommand, DeleteRoleCommand, DeleteUserCommand, DeleteUserPolicyCommand,
  GetAccessKeyLastUsedCommand, PutUserPolicyCommand, UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetFederationTokenCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { authenticate, roleSessionCaller } from '../../src/auth/authenticate.js';
import { accessKeyId as newAccessKeyId, secretAccessKey as newSecret } from '../../src/shared/ids.js';
import type { SessionClaims } from '../../src/shared/caller.js';
import { rejectsWith } from '../support/errors.js';
import { ACCOUNT, ROOT, useInProcessServer, type Credentials } from './in-process-server.js';

const rg = useInProcessServer();
const INVALID = 'The security token included in the request is invalid.';
const doc = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const allowAll = doc({ Effect: 'Allow', Action: '*', Resource: '*' });

async function createUser(name: string): Promise<{ userId: string; arn: string; keys: Credentials }> {
  const iam = rg.iam();
  const { User } = await iam.send(new CreateUserCommand({ UserName: name }));
  await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'all', PolicyDocument: allowAll }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { userId: User!.UserId!, arn: User!.Arn!, keys: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! } };
}

async function deleteUser(name: string, accessKeyId: string): Promise<void> {
  const iam = rg.iam();
  await iam.send(new DeleteAccessKeyCommand({ UserName: name, AccessKeyId: accessKeyId }));
  await iam.send(new DeleteUserPolicyCommand({ UserName: name, PolicyName: 'all' }));
  await iam.send(new DeleteUserCommand({ UserName: name }));
}

const whoAmI = (credentials: Credentials) => rg.sts(credentials).send(new GetCallerIdentityCommand({}));

function sealed(claims: Partial<SessionClaims> & Pick<SessionClaims, 'kind' | 'arn' | 'userId'>, lifetimeMs = 3_600_000): Credentials {
  const now = Date.now();
  const full = {
    accessKeyId: newAccessKeyId('ASIA', ACCOUNT), secretAccessKey: newSecret(), accountId: ACCOUNT, issuedAt: now - 1000, expiresAt: now + lifetimeMs, ...claims,
  } as SessionClaims;
  return { accessKeyId: full.accessKeyId, secretAccessKey: full.secretAccessKey, sessionToken: rg.app.tokens.seal(full) };
}

describe('long-term access keys', () => {
  test("the root's key is the account root: its ARN, and the account id as user id", async () => {
    const id = await whoAmI(ROOT);
    assert.deepEqual([id.Account, id.Arn, id.UserId], [ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`, ACCOUNT]);
  });

  test("an IAM user's key is that user: its ARN and unique id", async () => {
    const alice = await createUser('alice');
    const id = await whoAmI(alice.keys);
    assert.deepEqual([id.Account, id.Arn, id.UserId], [ACCOUNT, alice.arn, alice.userId]);
    await deleteUser('alice', alice.keys.accessKeyId);
  });

  test('an inactive key answers InvalidClientTokenId (403) until it is active again; a deleted key stays refused', async () => {
    const bob = await createUser('bob');
    await whoAmI(bob.keys);
    await rg.iam().send(new UpdateAccessKeyCommand({ UserName: 'bob', AccessKeyId: bob.keys.accessKeyId, Status: 'Inactive' }));
    await rejectsWith(whoAmI(bob.keys), 'InvalidClientTokenId', 403, INVALID);
    await rg.iam().send(new UpdateAccessKeyCommand({ UserName: 'bob', AccessKeyId: bob.keys.accessKeyId, Status: 'Active' }));
    assert.equal((await whoAmI(bob.keys)).Arn, bob.arn);
    await deleteUser('bob', bob.keys.accessKeyId);
    await rejectsWith(whoAmI(bob.keys), 'InvalidClientTokenId', 403, INVALID);
  });

  test('a key id that was never issued answers InvalidClientTokenId; a wrong secret SignatureDoesNotMatch (403)', async () => {
    await rejectsWith(whoAmI({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: ROOT.secretAccessKey }), 'InvalidClientTokenId', 403, INVALID);
    await rejectsWith(whoAmI({ accessKeyId: ROOT.accessKeyId, secretAccessKey: 'wrong-secret-0000000000000000000000000000' }), 'SignatureDoesNotMatch', 403);
  });

  test("a key's last use is recorded with the service and region it signed for", async () => {
    const carol = await createUser('carol');
    await whoAmI(carol.keys);
    let last;
    // Recorded off the request's path: wait for it (bounded by the test's timeout).
    for (;;) {
      last = (await rg.iam().send(new GetAccessKeyLastUsedCommand({ AccessKeyId: carol.keys.accessKeyId }))).AccessKeyLastUsed;
      if (last?.LastUsedDate) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(last.ServiceName, 'sts');
    assert.equal(last.Region, 'us-east-1');
    await deleteUser('carol', carol.keys.accessKeyId);
  });
});

describe('temporary credentials', () => {
  test("GetSessionToken's session is its user, and ends when the user is deleted, even if one of the same name is made again", async () => {
    const dave = await createUser('dave');
    const { Credentials: c } = await rg.sts(dave.keys).send(new GetSessionTokenCommand({}));
    const session = { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
    const id = await whoAmI(session);
    assert.deepEqual([id.Arn, id.UserId], [dave.arn, dave.userId]);
    await deleteUser('dave', dave.keys.accessKeyId);
    await rejectsWith(whoAmI(session), 'InvalidClientTokenId', 403, INVALID);
    const again = await createUser('dave');
    await rejectsWith(whoAmI(session), 'InvalidClientTokenId', 403, INVALID);
    await deleteUser('dave', again.keys.accessKeyId);
  });

  test("the root's GetSessionToken session is the account root, with the root's permissions", async () => {
    const { Credentials: c } = await rg.sts().send(new GetSessionTokenCommand({}));
    const session = { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
    const id = await whoAmI(session);
    assert.deepEqual([id.Account, id.Arn, id.UserId], [ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`, ACCOUNT]);
    // No policy grants the root anything: it may act as the root does.
    await rg.s3(session).send(new ListBucketsCommand({}));
  });

  test('a presigned URL carries its session token in X-Amz-Security-Token', async () => {
    const a = sealed({ kind: 'session', arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT });
    const url = new URL(rg.endpoint);
    const signer = new SignatureV4({ credentials: a as Required<Credentials>, region: 'us-east-1', service: 'sts', sha256: Sha256 });
    const req = (await signer.presign(new HttpRequest({
      method: 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' }, headers: { host: url.host },
    }), { expiresIn: 300 })) as HttpRequest;
    const query = Object.entries(req.query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
    assert.match(query, /X-Amz-Security-Token=/);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const r = httpRequest({ host: url.hostname, port: url.port, method: 'GET', path: `/?${query}`, headers: { host: url.host } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      r.on('error', reject);
      r.end();
    });
    assert.equal(answer.status, 200, answer.text);
    assert.match(answer.text, new RegExp(`<Arn>arn:aws:iam::${ACCOUNT}:root</Arn>`));
  });

  test('a role session is the assumed role, and ends when the role is deleted, even if one of the same name is made again', async () => {
    const iam = rg.iam();
    const trust = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' });
    const { Role } = await iam.send(new CreateRoleCommand({ RoleName: 'Reader', AssumeRolePolicyDocument: trust }));
    // Roles may not be assumed by root accounts: a user of the account assumes it.
    const frank = await createUser('frank');
    const { Credentials: c, AssumedRoleUser } = await rg.sts(frank.keys).send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 's1' }));
    const session = { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
    const id = await whoAmI(session);
    assert.deepEqual([id.Arn, id.UserId], [`arn:aws:sts::${ACCOUNT}:assumed-role/Reader/s1`, `${Role!.RoleId}:s1`]);
    assert.equal(AssumedRoleUser!.Arn, id.Arn);
    await iam.send(new DeleteRoleCommand({ RoleName: 'Reader' }));
    await rejectsWith(whoAmI(session), 'InvalidClientTokenId', 403, INVALID);
    await iam.send(new CreateRoleCommand({ RoleName: 'Reader', AssumeRolePolicyDocument: trust }));
    await rejectsWith(whoAmI(session), 'InvalidClientTokenId', 403, INVALID);
    await iam.send(new DeleteRoleCommand({ RoleName: 'Reader' }));
    await deleteUser('frank', frank.keys.accessKeyId);
  });

  test('a federated user is its federated-user ARN, and ends when its federating user is deleted', async () => {
    const erin = await createUser('erin');
    const { Credentials: c, FederatedUser } = await rg.sts(erin.keys).send(new GetFederationTokenCommand({ Name: 'fed', Policy: allowAll }));
    const session = { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
    const id = await whoAmI(session);
    assert.equal(id.Arn, `arn:aws:sts::${ACCOUNT}:federated-user/fed`);
    assert.equal(id.Arn, FederatedUser!.Arn);
    assert.equal(id.UserId, FederatedUser!.FederatedUserId);
    await deleteUser('erin', erin.keys.accessKeyId);
    await rejectsWith(whoAmI(session), 'InvalidClientTokenId', 403, INVALID);
    // A new erin is another user: the old federation session stays ended.
    const again = await createUser('erin');
    await rejectsWith(whoAmI(session), 'InvalidClientTokenId', 403, INVALID);
    await deleteUser('erin', again.keys.accessKeyId);
  });

  test("the root's federated user needs no federating user to still exist", async () => {
    const { Credentials: c, FederatedUser } = await rg.sts().send(new GetFederationTokenCommand({ Name: 'rootfed', Policy: allowAll }));
    const id = await whoAmI({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! });
    assert.equal(id.Arn, `arn:aws:sts::${ACCOUNT}:federated-user/rootfed`);
    assert.equal(id.Arn, FederatedUser!.Arn);
  });

  test('a root session (AssumeRoot) is the account root, with the account id as user id', async () => {
    const session = sealed({ kind: 'root', arn: `arn:aws:iam::${ACCOUNT}:root`, userId: 'not-the-account' });
    const id = await whoAmI(session);
    assert.deepEqual([id.Account, id.Arn, id.UserId], [ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`, ACCOUNT]);
    // Limited to its task policy: this one has none, so S3 refuses it.
    await rejectsWith(rg.s3(session).send(new ListBucketsCommand({})), 'AccessDenied', 403);
  });

  test('a session whose role no longer has that id, or whose user is gone, answers InvalidClientTokenId', async () => {
    await rejectsWith(whoAmI(sealed({
      kind: 'assumed-role', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Gone/s`, userId: 'AROAGONE:s', roleName: 'Gone', roleId: 'AROAGONEGONEGONEGONE1',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/Gone`, sessionName: 's',
    })), 'InvalidClientTokenId', 403, INVALID);
    await rejectsWith(whoAmI(sealed({ kind: 'session', arn: `arn:aws:iam::${ACCOUNT}:user/ghost`, userId: 'AIDAGHOST', userName: 'ghost' })), 'InvalidClientTokenId', 403);
    await rejectsWith(whoAmI(sealed({
      kind: 'federated-user', arn: `arn:aws:sts::${ACCOUNT}:federated-user/f`, userId: `${ACCOUNT}:f`, userName: 'ghost', federatingUserId: 'AIDAGHOST',
    })), 'InvalidClientTokenId', 403);
  });

  test("a session token sent with another key's id, or with a long-term key, answers InvalidClientTokenId", async () => {
    const a = sealed({ kind: 'session', arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT });
    const b = sealed({ kind: 'session', arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT });
    await whoAmI(a);
    await rejectsWith(whoAmI({ ...a, sessionToken: b.sessionToken }), 'InvalidClientTokenId', 403, INVALID);
    await rejectsWith(whoAmI({ ...ROOT, sessionToken: a.sessionToken }), 'InvalidClientTokenId', 403, INVALID);
    await rejectsWith(whoAmI({ ...ROOT, sessionToken: 'IQoNotAToken' }), 'InvalidClientTokenId', 403, INVALID);
  });

  test('a temporary key id sent without its token answers InvalidClientTokenId', async () => {
    const a = sealed({ kind: 'session', arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT });
    await rejectsWith(whoAmI({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey }), 'InvalidClientTokenId', 403, INVALID);
  });

  test("the query protocol's SecurityToken parameter carries the session token as the header does", async () => {
    const a = sealed({ kind: 'session', arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT });
    const body = `Action=GetCallerIdentity&Version=2011-06-15&SecurityToken=${encodeURIComponent(a.sessionToken!)}`;
    const url = new URL(rg.endpoint);
    const signer = new SignatureV4({ credentials: { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey }, region: 'us-east-1', service: 'sts', sha256: Sha256 });
    const req = (await signer.sign(new HttpRequest({
      method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/',
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' }, body,
    }))) as HttpRequest;
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const r = httpRequest({ host: url.hostname, port: url.port, method: 'POST', path: '/', headers: req.headers }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      r.on('error', reject);
      r.end(body);
    });
    assert.equal(answer.status, 200, answer.text);
    assert.match(answer.text, new RegExp(`<Arn>arn:aws:iam::${ACCOUNT}:root</Arn>`));
  });

  test('a session answers ExpiredToken from the millisecond its expiry is reached', async () => {
    const now = Date.UTC(2026, 0, 1, 12);
    const claims = {
      accessKeyId: newAccessKeyId('ASIA', ACCOUNT), secretAccessKey: newSecret(), accountId: ACCOUNT, kind: 'session' as const,
      arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT, issuedAt: now - 1000, expiresAt: now + 60_000,
    };
    const signer = new SignatureV4({
      credentials: { accessKeyId: claims.accessKeyId, secretAccessKey: claims.secretAccessKey, sessionToken: rg.app.tokens.seal(claims) },
      region: 'us-east-1', service: 'sts', sha256: Sha256,
    });
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const r = (await signer.sign(new HttpRequest({
      method: 'POST', protocol: 'http:', hostname: 'localhost', path: '/', headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' }, body,
    }), { signingDate: new Date(now + 30_000) })) as HttpRequest;
    const request = { method: 'POST', rawPath: '/', rawQuery: '', headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v])), body: Buffer.from(body) };
    const at = (ms: number) => authenticate({ request, signingName: 'sts', s3: false, serviceName: 'sts', receivedAt: new Date(ms), requestId: 'r' }, rg.app);
    const ok = await at(claims.expiresAt - 1);
    assert.equal(ok.caller.arn, claims.arn);
    assert.equal(ok.region, 'us-east-1');
    await assert.rejects(at(claims.expiresAt), { code: 'ExpiredToken', status: 403, message: 'The security token included in the request is expired' });
  });

  test("a role session's caller carries the session's account, ARN, ids and claims", () => {
    const claims = {
      accessKeyId: 'ASIAROLESESSION00001', secretAccessKey: 's', accountId: ACCOUNT, kind: 'assumed-role' as const,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/R/s`, userId: 'AROAR:s', issuedAt: 0, expiresAt: 1,
    };
    assert.deepEqual(roleSessionCaller(claims), {
      accountId: ACCOUNT, arn: claims.arn, type: 'assumed-role', userId: 'AROAR:s', accessKeyId: 'ASIAROLESESSION00001', session: claims,
    });
  });
});

describe("S3's words for the same failures", () => {
  test('an unknown long-term key id answers InvalidAccessKeyId (403) naming it', async () => {
    const e = await rejectsWith(rg.s3({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40) }).send(new ListBucketsCommand({})),
      'InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.');
    assert.equal((e as unknown as { AWSAccessKeyId?: string }).AWSAccessKeyId, 'AKIAUNKNOWNKEY000000');
  });

  test('a temporary key id whose token does not open answers InvalidToken (400)', async () => {
    const a = sealed({ kind: 'session', arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT });
    await rejectsWith(rg.s3({ ...a, sessionToken: 'not-a-token' }).send(new ListBucketsCommand({})), 'InvalidToken', 400, 'The provided token is malformed or otherwise invalid.');
    await rg.s3(a).send(new ListBucketsCommand({}));
  });

  test('an expired session answers ExpiredToken (400) "The provided token has expired."', async () => {
    const old = sealed({ kind: 'session', arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT }, -1000);
    await rejectsWith(rg.s3(old).send(new ListBucketsCommand({})), 'ExpiredToken', 400, 'The provided token has expired.');
  });

  test('a wrong secret keeps SignatureDoesNotMatch (403), in S3’s words', async () => {
    await rejectsWith(rg.s3({ ...ROOT, secretAccessKey: 'wrong-secret-0000000000000000000000000000' }).send(new ListBucketsCommand({})), 'SignatureDoesNotMatch', 403,
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
  });

  test('a malformed Authorization header answers AuthorizationHeaderMalformed (400) with the reason', async () => {
    const url = new URL(rg.endpoint);
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const authorization = `AWS4-HMAC-SHA256 Credential=${ROOT.accessKeyId}/${amzDate.slice(0, 8)}/us-east-1/s3, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const r = httpRequest({ host: url.hostname, port: url.port, method: 'GET', path: '/', headers: { authorization, 'x-amz-date': amzDate, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      r.on('error', reject);
      r.end();
    });
    assert.equal(answer.status, 400, answer.text);
    assert.match(answer.text, /<Code>AuthorizationHeaderMalformed<\/Code>/);
    assert.match(answer.text, /<Message>The authorization header is malformed; Credential must have exactly 5 slash-delimited elements, e\.g\. keyid\/date\/region\/service\/term, got &apos;|<Message>The authorization header is malformed; Credential must have exactly 5 slash-delimited elements/);
  });
});

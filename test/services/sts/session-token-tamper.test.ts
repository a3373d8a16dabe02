// Tampered AssumeRole session tokens are refused through the SDK on a real server, with AWS's
// answer: STS and IAM InvalidClientTokenId (403) "The security token included in the request is
// invalid.", S3 InvalidToken (400). Bits flipped in the ciphertext (where the claims still parse)
// and in the tag, the same claims re-sealed under another key, and claims edited (Reader → Admins,
// a later expiry, another account) both by flipping bits under the known plaintext (read with the
// server's master key from its data folder) and by re-sealing under another key. Every edit names
// a role that exists and may do more, so a token opened without its tag checked would escalate.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, GetRoleCommand, GetUserCommand, ListRolesCommand, PutRolePolicyCommand,
  PutUserPolicyCommand, type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { sessionTokenCodec } from '../../../src/auth/session-token.js';
import type { SessionClaims } from '../../../src/shared/caller.js';
import { startRolegate, TEST_ACCOUNT, type Credentials, type Rolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';
import { bitFlipEdit, decode, encode, flipped, replaced } from '../../support/session-tokens.js';

describe('tampered AssumeRole tokens through STS, IAM and S3', () => {
  const OTHER = '444455556666';
  let server: Rolegate;
  let iam: IAMClient;
  let otherIam: IAMClient;
  let session: Credentials;
  let plain: string;
  let claims: SessionClaims;
  let adminsId: string;
  let otherReaderId: string;
  const invalid = 'The security token included in the request is invalid.';

  const doc = (statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statement });
  const trust = (account: string) => doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }]);

  before(async () => {
    server = await startRolegate({ env: { ROLEGATE_ACCOUNTS: OTHER } });
    iam = server.iam();
    const m = /account 444455556666 \(shown once\)\n\s+AWS_ACCESS_KEY_ID=(\S+)\n\s+AWS_SECRET_ACCESS_KEY=(\S+)/.exec(server.printed)!;
    otherIam = server.iam({ accessKeyId: m[1]!, secretAccessKey: m[2]! });
    await iam.send(new CreateRoleCommand({ RoleName: 'Reader', AssumeRolePolicyDocument: trust(TEST_ACCOUNT) }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'Reader', PolicyName: 'list', PolicyDocument: doc([{ Effect: 'Allow', Action: ['iam:ListRoles', 's3:ListAllMyBuckets'], Resource: '*' }]) }));
    const admins = await iam.send(new CreateRoleCommand({ RoleName: 'Admins', AssumeRolePolicyDocument: trust(TEST_ACCOUNT) }));
    adminsId = admins.Role!.RoleId!;
    await iam.send(new PutRolePolicyCommand({ RoleName: 'Admins', PolicyName: 'all', PolicyDocument: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) }));
    // The other account has a role of the same name, open to everything: an account edited into
    // the token would find a role to act as.
    const otherReader = await otherIam.send(new CreateRoleCommand({ RoleName: 'Reader', AssumeRolePolicyDocument: trust(TEST_ACCOUNT) }));
    otherReaderId = otherReader.Role!.RoleId!;
    await otherIam.send(new PutRolePolicyCommand({ RoleName: 'Reader', PolicyName: 'all', PolicyDocument: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) }));
    await iam.send(new CreateUserCommand({ UserName: 'dev' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'dev', PolicyName: 'assume', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${TEST_ACCOUNT}:role/Reader` }]) }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'dev' }))).AccessKey!;
    const dev = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const r = await server.sts(dev).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/Reader`, RoleSessionName: 'reader-session' }));
    session = { accessKeyId: r.Credentials!.AccessKeyId!, secretAccessKey: r.Credentials!.SecretAccessKey!, sessionToken: r.Credentials!.SessionToken! };
    // The server's own key, read from its data folder, gives the known plaintext the edits start from.
    const masterKey = Buffer.from(readFileSync(join(server.dataDir, 'master.key'), 'utf8').trim(), 'base64');
    claims = sessionTokenCodec(masterKey).open(session.sessionToken!)!;
    assert.ok(claims, 'the server sealed the token with the key in its data folder');
    plain = JSON.stringify(claims);
    assert.equal(decode(session.sessionToken!).body.length, Buffer.byteLength(plain));
  });
  after(() => server.stop());

  const withToken = (sessionToken: string): Credentials => ({ ...session, sessionToken });

  /** STS and IAM answer InvalidClientTokenId (403), S3 InvalidToken (400), in AWS's words. */
  async function refusedEverywhere(c: Credentials) {
    await rejectsWith(server.sts(c).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403, invalid);
    await rejectsWith(server.iam(c).send(new ListRolesCommand({})), 'InvalidClientTokenId', 403, invalid);
    await rejectsWith(server.s3(c).send(new ListBucketsCommand({})), 'InvalidToken', 400, 'The provided token is malformed or otherwise invalid.');
  }

  test('the untouched token, and the same token re-encoded from its parts, work', async () => {
    const same = withToken(encode(decode(session.sessionToken!)));
    assert.equal(same.sessionToken, session.sessionToken);
    const id = await server.sts(same).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Arn, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/Reader/reader-session`);
    await server.iam(same).send(new ListRolesCommand({}));
    await server.s3(same).send(new ListBucketsCommand({}));
  });

  test('a bit flipped in the ciphertext, inside the session name so the claims still parse, is refused', async () => {
    const at = plain.indexOf('assumed-role/Reader/reader-session') + 'assumed-role/Reader/'.length;
    assert.ok(at > 20);
    const l = decode(session.sessionToken!);
    // 'r' ^ 0x01 = 's': the claims would read "seader-session", still valid JSON and a valid name.
    await refusedEverywhere(withToken(encode({ ...l, body: flipped(l.body, at) })));
    // A flip in the first and the last byte of the ciphertext too.
    await refusedEverywhere(withToken(encode({ ...l, body: flipped(l.body, 0) })));
    await refusedEverywhere(withToken(encode({ ...l, body: flipped(l.body, l.body.length - 1) })));
  });

  test('a bit flipped in the authentication tag is refused', async () => {
    const l = decode(session.sessionToken!);
    await refusedEverywhere(withToken(encode({ ...l, tag: flipped(l.tag, 0) })));
    await refusedEverywhere(withToken(encode({ ...l, tag: flipped(l.tag, 15, 0x80) })));
  });

  test('the same claims re-sealed under another 32-byte key are refused', async () => {
    const foreign = sessionTokenCodec(randomBytes(32)).seal(claims);
    assert.equal(decode(foreign).version, decode(session.sessionToken!).version);
    await refusedEverywhere(withToken(foreign));
  });

  // Each edit names a role (and its id) that exists and is allowed more than Reader: were the token
  // opened without its tag checked, the edited session would act as it.
  const edits = (): [string, [string, string][]][] => [
    ['role Reader → Admins', [[claims.roleId!, adminsId], ['role/Reader', 'role/Admins'] /* the role ARN and the session ARN */, ['"roleName":"Reader"', '"roleName":"Admins"']]],
    ['expiry a day later', [[`"expiresAt":${claims.expiresAt}`, `"expiresAt":${claims.expiresAt + 86_400_000}`]]],
    ['account → 444455556666, as its own Reader', [[TEST_ACCOUNT, OTHER], [claims.roleId!, otherReaderId]]],
  ];

  test('claims edited by flipping ciphertext bits under the known plaintext are refused', async () => {
    for (const [what, e] of edits()) {
      const forged = withToken(bitFlipEdit(session.sessionToken!, plain, replaced(plain, e)));
      await refusedEverywhere(forged).catch((err) => assert.fail(`${what}: ${err.message}`));
    }
    // The Admins edit would create users: none was created.
    const admins = withToken(bitFlipEdit(session.sessionToken!, plain, replaced(plain, edits()[0]![1])));
    await rejectsWith(server.iam(admins).send(new CreateUserCommand({ UserName: 'escalated' })), 'InvalidClientTokenId', 403, invalid);
    await rejectsWith(iam.send(new GetUserCommand({ UserName: 'escalated' })), 'NoSuchEntityException', 404);
  });

  test('claims edited and re-sealed under another key are refused', async () => {
    const foreign = sessionTokenCodec(randomBytes(32));
    for (const [what, e] of edits()) {
      const forged = withToken(foreign.seal(JSON.parse(replaced(plain, e)) as SessionClaims));
      await refusedEverywhere(forged).catch((err) => assert.fail(`${what}: ${err.message}`));
    }
  });

  test('the roles the edits name exist and do more than Reader, so the refusals are the token\'s', async () => {
    assert.equal((await iam.send(new GetRoleCommand({ RoleName: 'Admins' }))).Role!.RoleId, adminsId);
    assert.equal((await otherIam.send(new GetRoleCommand({ RoleName: 'Reader' }))).Role!.RoleId, otherReaderId);
    await rejectsWith(server.iam(session).send(new CreateUserCommand({ UserName: 'by-reader' })), 'AccessDenied', 403, /assumed-role\/Reader\/reader-session is not authorized to perform: iam:CreateUser/);
  });
});

// A session token that was altered in any way is refused. The token is 'IQo' + base64(version byte,
// 12-byte IV, 16-byte AES-GCM tag, ciphertext of the claims' JSON); GCM is a stream cipher, so a bit
// flipped in the ciphertext flips the same bit of the claims, and only the tag check stands between
// an edited claim (another role, a later expiry, another account) and a session that acts on it.
// First the codec itself, then AssumeRole's tokens through STS, IAM and S3 on a real server, which
// answer AWS's InvalidClientTokenId (S3: InvalidToken) for each.
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
import { sessionTokenCodec } from '../../src/auth/session-token.js';
import type { SessionClaims } from '../../src/shared/caller.js';
import { startRolegate, TEST_ACCOUNT, type Credentials, type Rolegate } from '../support/server.js';
import { rejectsWith } from '../support/errors.js';

interface Layout { version: number; iv: Buffer; tag: Buffer; body: Buffer }

/** Splits a token into its parts (the layout src/auth/session-token.ts seals). */
function decode(token: string): Layout {
  assert.ok(token.startsWith('IQo'), 'a session token starts with IQo');
  const raw = Buffer.from(token.slice(3), 'base64');
  return { version: raw[0]!, iv: Buffer.from(raw.subarray(1, 13)), tag: Buffer.from(raw.subarray(13, 29)), body: Buffer.from(raw.subarray(29)) };
}

function encode(l: Layout): string {
  return 'IQo' + Buffer.concat([Buffer.from([l.version]), l.iv, l.tag, l.body]).toString('base64');
}

function flipped(buf: Buffer, at: number, bit = 0x01): Buffer {
  const out = Buffer.from(buf);
  out[at]! ^= bit;
  return out;
}

/**
 * Edits the claims without the key: XORs the ciphertext with the known plaintext and the wanted one
 * (same length), keeping IV and tag. Only the tag check can tell.
 */
function bitFlipEdit(token: string, plain: string, wanted: string): string {
  assert.equal(wanted.length, plain.length, 'a bit-flip edit keeps the length');
  assert.notEqual(wanted, plain);
  const l = decode(token);
  const a = Buffer.from(plain, 'utf8');
  const b = Buffer.from(wanted, 'utf8');
  assert.equal(a.length, l.body.length, 'the ciphertext is exactly as long as the claims JSON');
  const body = Buffer.from(l.body);
  for (let i = 0; i < body.length; i++) body[i]! ^= a[i]! ^ b[i]!;
  return encode({ ...l, body });
}

/** Replaces every occurrence; the result must differ. */
function replaced(text: string, edits: [string, string][]): string {
  let out = text;
  for (const [from, to] of edits) {
    assert.ok(out.includes(from), `the claims hold ${from}`);
    out = out.split(from).join(to);
  }
  return out;
}

const NOW = Date.UTC(2026, 0, 1);
const sample: SessionClaims = {
  accessKeyId: 'ASIAROLEGATETAMPER01', secretAccessKey: 'tamper-test-secret-000000000000000000000', accountId: TEST_ACCOUNT,
  kind: 'assumed-role', arn: `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/Reader/s1`, userId: 'AROAREADERREADERREAD1:s1',
  roleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/Reader`, roleId: 'AROAREADERREADERREAD1', roleName: 'Reader', sessionName: 's1',
  issuedAt: NOW, expiresAt: NOW + 3_600_000,
};

describe('the session token codec', () => {
  const key = randomBytes(32);
  const codec = sessionTokenCodec(key);

  test('a sealed token opens to its claims, and re-encoding its parts gives the same token', () => {
    const token = codec.seal(sample);
    assert.deepEqual(codec.open(token), sample);
    assert.equal(encode(decode(token)), token);
    assert.equal(decode(token).body.length, Buffer.byteLength(JSON.stringify(sample)));
  });

  test('every single-bit flip, in any byte of the version, IV, tag or ciphertext, is refused', () => {
    const token = codec.seal(sample);
    const raw = Buffer.from(token.slice(3), 'base64');
    let tried = 0;
    for (let at = 0; at < raw.length; at++) {
      for (let bit = 1; bit < 256; bit <<= 1) {
        const t = 'IQo' + flipped(raw, at, bit).toString('base64');
        assert.equal(codec.open(t), undefined, `byte ${at} bit ${bit} flipped opened`);
        tried++;
      }
    }
    assert.equal(tried, raw.length * 8);
  });

  test('a flipped tag is refused, though the ciphertext is untouched', () => {
    const l = decode(codec.seal(sample));
    for (let at = 0; at < 16; at++) assert.equal(codec.open(encode({ ...l, tag: flipped(l.tag, at) })), undefined, `tag byte ${at}`);
  });

  test('claims edited by flipping ciphertext bits under the known plaintext are refused', () => {
    const token = codec.seal(sample);
    const plain = JSON.stringify(sample);
    const edits: [string, [string, string][]][] = [
      ['role Reader → Admins', [['Reader', 'Admins']]],
      ['expiry a day later', [[`"expiresAt":${sample.expiresAt}`, `"expiresAt":${sample.expiresAt + 86_400_000}`]]],
      ['another account', [[TEST_ACCOUNT, '444455556666']]],
    ];
    for (const [what, e] of edits) {
      const forged = bitFlipEdit(token, plain, replaced(plain, e));
      assert.equal(codec.open(forged), undefined, what);
    }
  });

  test('a well-formed token sealed under another 32-byte key is refused, edited or not', () => {
    const other = sessionTokenCodec(randomBytes(32));
    assert.equal(codec.open(other.seal(sample)), undefined);
    assert.equal(codec.open(other.seal({ ...sample, roleName: 'Admins', expiresAt: sample.expiresAt + 86_400_000 })), undefined);
    // The other key's codec opens its own token: the refusal above is the key's, not the format's.
    assert.deepEqual(other.open(other.seal(sample)), sample);
  });

  test('a token of another version, or shorter than its header, is refused', () => {
    const l = decode(codec.seal(sample));
    assert.equal(codec.open(encode({ ...l, version: 2 })), undefined);
    assert.equal(codec.open('IQo' + Buffer.concat([Buffer.from([1]), l.iv, l.tag]).subarray(0, 29).toString('base64')), undefined);
    assert.equal(codec.open(encode(l).slice(3)), undefined);
  });
});

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

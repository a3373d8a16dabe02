// SSH public keys through @aws-sdk/client-iam: OpenSSH and PEM uploads of RSA keys of 2,048 bits or
// more, APKA ids, the MD5 fingerprint as ssh-keygen prints it, both encodings, the quota of 5 per
// user, status, listing and deletion. ssh-keygen makes the keys and is the fingerprint's oracle.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand, CreateUserCommand, DeleteSSHPublicKeyCommand, DeleteUserCommand, GetSSHPublicKeyCommand, ListSSHPublicKeysCommand,
  PutUserPolicyCommand, UpdateSSHPublicKeyCommand, UpdateUserCommand, UploadSSHPublicKeyCommand,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
let dir: string;
const keygen = (args: string[]) => execFileSync('ssh-keygen', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function sshKey(name: string, type: string, bits?: number) {
  const file = join(dir, name);
  keygen(['-q', '-t', type, ...(bits ? ['-b', String(bits)] : []), '-N', '', '-C', `${name}@test`, '-f', file]);
  const pub = readFileSync(`${file}.pub`, 'utf8').trim();
  const fingerprint = /MD5:(\S+)/.exec(keygen(['-l', '-E', 'md5', '-f', `${file}.pub`]))![1];
  return { pub, fingerprint, file: `${file}.pub` };
}

let rsa: ReturnType<typeof sshKey>;
let rsa4096: ReturnType<typeof sshKey>;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'rolegate-ssh-'));
  rsa = sshKey('rsa', 'rsa', 2048);
  rsa4096 = sshKey('rsa4096', 'rsa', 4096);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const pemKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;

describe('UploadSSHPublicKey', () => {
  test('an OpenSSH ssh-rsa key answers an APKA id, Active, the body as uploaded and the fingerprint ssh-keygen prints', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const r = (await rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: rsa.pub }))).SSHPublicKey!;
    assert.match(r.SSHPublicKeyId!, /^APKA[A-Z2-7]{16}$/);
    assert.equal(r.UserName, 'alice');
    assert.equal(r.Status, 'Active');
    assert.equal(r.SSHPublicKeyBody, rsa.pub);
    assert.equal(r.Fingerprint, rsa.fingerprint);
    assert.ok(r.UploadDate instanceof Date);
  });

  test('a PEM key is accepted; GetSSHPublicKey answers it as PEM and as the same key in OpenSSH form', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const pem = keygen(['-e', '-m', 'PKCS8', '-f', rsa4096.file]).trim();
    const up = (await rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: pem }))).SSHPublicKey!;
    assert.equal(up.Fingerprint, rsa4096.fingerprint);
    const asPem = (await rg.iam.send(new GetSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: up.SSHPublicKeyId, Encoding: 'PEM' }))).SSHPublicKey!;
    assert.match(asPem.SSHPublicKeyBody!, /^-----BEGIN PUBLIC KEY-----/);
    assert.equal(createPublicKey(asPem.SSHPublicKeyBody!).export({ format: 'jwk' }).n, createPublicKey(pem).export({ format: 'jwk' }).n);
    const asSsh = (await rg.iam.send(new GetSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: up.SSHPublicKeyId, Encoding: 'SSH' }))).SSHPublicKey!;
    assert.equal(asSsh.SSHPublicKeyBody, rsa4096.pub.split(' ').slice(0, 2).join(' '));
  });

  test('an OpenSSH key read as PEM is the PEM ssh-keygen converts it to', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const id = (await rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: rsa.pub }))).SSHPublicKey!.SSHPublicKeyId;
    const asPem = (await rg.iam.send(new GetSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: id, Encoding: 'PEM' }))).SSHPublicKey!;
    assert.equal(asPem.SSHPublicKeyBody, keygen(['-e', '-m', 'PKCS8', '-f', rsa.file]).trim());
    assert.equal(asPem.Fingerprint, rsa.fingerprint);
  });

  test('an RSA key under 2,048 bits answers InvalidPublicKey (400)', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const small = sshKey('small', 'rsa', 1024);
    await rejectsWith(rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: small.pub })), 'InvalidPublicKeyException', 400,
      'The public key must be an RSA key of at least 2048 bits.');
  });

  test('an ed25519 key or text that is no key answers UnrecognizedPublicKeyEncoding; a broken ssh-rsa body InvalidPublicKey', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const ed = sshKey('ed', 'ed25519');
    await rejectsWith(rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: ed.pub })), 'UnrecognizedPublicKeyEncodingException', 400);
    await rejectsWith(rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: 'hello world' })), 'UnrecognizedPublicKeyEncodingException', 400);
    const [type, data] = rsa.pub.split(' ');
    await rejectsWith(rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: `${type} ${data.slice(0, 100)}` })), 'InvalidPublicKeyException', 400,
      'The public key is malformed or otherwise invalid.');
    await rejectsWith(rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' })), 'InvalidPublicKeyException', 400);
  });

  test('a private key in PEM is refused with UnrecognizedPublicKeyEncoding (a PKCS#1 public key is accepted)', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const privatePem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    await rejectsWith(rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: privatePem })), 'UnrecognizedPublicKeyEncodingException', 400);
    const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    await rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: pkcs1 }));
    assert.equal((await rg.iam.send(new ListSSHPublicKeysCommand({ UserName: 'alice' }))).SSHPublicKeys!.length, 1);
  });

  test('the same key twice for one user answers DuplicateSSHPublicKey (400); another user may upload it', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: rsa.pub }));
    await rejectsWith(rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: rsa.pub })), 'DuplicateSSHPublicKeyException', 400);
    await rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'bob', SSHPublicKeyBody: rsa.pub }));
  });

  test('a sixth key for a user answers LimitExceeded (409)', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    for (let i = 0; i < 5; i++) await rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: pemKey() }));
    await rejectsWith(rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: pemKey() })), 'LimitExceededException', 409,
      'Cannot exceed quota for SSHPublicKeysPerUser: 5');
  });

  test('for a user that does not exist answers NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'nobody', SSHPublicKeyBody: rsa.pub })), 'NoSuchEntityException', 404,
      'The user with name nobody cannot be found.');
  });
});

describe('GetSSHPublicKey, ListSSHPublicKeys, UpdateSSHPublicKey, DeleteSSHPublicKey', () => {
  async function aliceWithKey() {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    return (await rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: rsa.pub }))).SSHPublicKey!.SSHPublicKeyId!;
  }

  test("a key id of another user, or none, answers NoSuchEntity (404) naming the id", async () => {
    const id = await aliceWithKey();
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    for (const call of [
      rg.iam.send(new GetSSHPublicKeyCommand({ UserName: 'bob', SSHPublicKeyId: id, Encoding: 'SSH' })),
      rg.iam.send(new UpdateSSHPublicKeyCommand({ UserName: 'bob', SSHPublicKeyId: id, Status: 'Inactive' })),
      rg.iam.send(new DeleteSSHPublicKeyCommand({ UserName: 'bob', SSHPublicKeyId: id })),
    ]) await rejectsWith(call, 'NoSuchEntityException', 404, `The Public Key with id ${id} cannot be found.`);
    await rejectsWith(rg.iam.send(new GetSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: 'APKAAAAAAAAAAAAAAAAA', Encoding: 'SSH' })), 'NoSuchEntityException', 404);
  });

  test('an Encoding other than SSH or PEM, and a short key id, answer ValidationError', async () => {
    const id = await aliceWithKey();
    await rejectsWith(rg.iam.send(new GetSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: id, Encoding: 'DER' as 'PEM' })), 'ValidationError', 400, /encoding/);
    await rejectsWith(rg.iam.send(new GetSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: 'APKA1', Encoding: 'SSH' })), 'ValidationError', 400, /sSHPublicKeyId/i);
  });

  test('UpdateSSHPublicKey sets Inactive and Active; Expired answers ValidationError', async () => {
    const id = await aliceWithKey();
    await rg.iam.send(new UpdateSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: id, Status: 'Inactive' }));
    assert.equal((await rg.iam.send(new GetSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: id, Encoding: 'SSH' }))).SSHPublicKey!.Status, 'Inactive');
    await rejectsWith(rg.iam.send(new UpdateSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: id, Status: 'Expired' })), 'ValidationError', 400);
    await rg.iam.send(new UpdateSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: id, Status: 'Active' }));
    assert.equal((await rg.iam.send(new ListSSHPublicKeysCommand({ UserName: 'alice' }))).SSHPublicKeys![0].Status, 'Active');
  });

  test('ListSSHPublicKeys answers metadata, pages with MaxItems and Marker, and lists the calling user without UserName', async () => {
    const id = await aliceWithKey();
    await rg.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: rsa4096.pub }));
    const all = await rg.iam.send(new ListSSHPublicKeysCommand({ UserName: 'alice' }));
    assert.equal(all.SSHPublicKeys!.length, 2);
    assert.deepEqual(Object.keys(all.SSHPublicKeys!.find((k) => k.SSHPublicKeyId === id)!).sort(), ['SSHPublicKeyId', 'Status', 'UploadDate', 'UserName']);
    const first = await rg.iam.send(new ListSSHPublicKeysCommand({ UserName: 'alice', MaxItems: 1 }));
    assert.equal(first.IsTruncated, true);
    const second = await rg.iam.send(new ListSSHPublicKeysCommand({ UserName: 'alice', MaxItems: 1, Marker: first.Marker }));
    assert.equal(second.IsTruncated, false);
    assert.deepEqual([first.SSHPublicKeys![0].SSHPublicKeyId, second.SSHPublicKeys![0].SSHPublicKeyId].sort(), all.SSHPublicKeys!.map((k) => k.SSHPublicKeyId).sort());
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListSSHPublicKeys', Resource: 'arn:aws:iam::111122223333:user/alice' }] }) }));
    const k = (await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    const alice = rg.server.iam({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! });
    assert.equal((await alice.send(new ListSSHPublicKeysCommand({}))).SSHPublicKeys!.length, 2);
    await rejectsWith(rg.iam.send(new ListSSHPublicKeysCommand({ UserName: 'nobody' })), 'NoSuchEntityException', 404);
  });

  test('DeleteUser waits for the SSH keys; a rename keeps them; DeleteSSHPublicKey removes one', async () => {
    const id = await aliceWithKey();
    await rejectsWith(rg.iam.send(new DeleteUserCommand({ UserName: 'alice' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete SSH public keys first.');
    await rg.iam.send(new UpdateUserCommand({ UserName: 'alice', NewUserName: 'alicia' }));
    assert.equal((await rg.iam.send(new GetSSHPublicKeyCommand({ UserName: 'alicia', SSHPublicKeyId: id, Encoding: 'SSH' }))).SSHPublicKey!.UserName, 'alicia');
    await rg.iam.send(new DeleteSSHPublicKeyCommand({ UserName: 'alicia', SSHPublicKeyId: id }));
    assert.deepEqual((await rg.iam.send(new ListSSHPublicKeysCommand({ UserName: 'alicia' }))).SSHPublicKeys, []);
    await rg.iam.send(new DeleteUserCommand({ UserName: 'alicia' }));
  });
});

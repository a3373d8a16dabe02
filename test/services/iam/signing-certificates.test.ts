// Signing certificates through @aws-sdk/client-iam: uploads for a user, for the calling user and for
// the account root, 32-character ids, the quota of 2 per user, the same certificate refused twice in
// an account, bodies IAM cannot read, status changes, listing and deletion, DeleteUser refused while
// one remains, a rename carrying them, and the credential report's and account summary's columns.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand, CreateUserCommand, DeleteSigningCertificateCommand, DeleteUserCommand, GenerateCredentialReportCommand,
  GetAccountSummaryCommand, GetCredentialReportCommand, ListSigningCertificatesCommand, PutUserPolicyCommand, UpdateSigningCertificateCommand,
  UpdateUserCommand, UploadSigningCertificateCommand, type IAMClient,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';
import { selfSigned } from '../../support/certificates.js';

const rg = useRolegate();
let certs: string[];
before(() => { certs = [0, 1, 2, 3].map((i) => selfSigned(`signer-${i}.example.test`).certificate); });

const uploadFor = (UserName: string | undefined, CertificateBody: string, iam: IAMClient = rg.iam) =>
  iam.send(new UploadSigningCertificateCommand({ UserName, CertificateBody }));
const list = async (UserName?: string, iam: IAMClient = rg.iam) => (await iam.send(new ListSigningCertificatesCommand({ UserName }))).Certificates!;
const user = (UserName: string) => rg.iam.send(new CreateUserCommand({ UserName }));

async function userClient(name: string): Promise<IAMClient> {
  await user(name);
  await rg.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'own-certificates', PolicyDocument: JSON.stringify({
    Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:*SigningCertificate*'], Resource: `arn:aws:iam::111122223333:user/${name}` }],
  }) }));
  const { AccessKey } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return rg.server.iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
}

describe('UploadSigningCertificate and ListSigningCertificates', () => {
  test('answer the certificate with a 32-character id, Active, the body as uploaded and the upload date', async () => {
    await user('alice');
    const c = (await uploadFor('alice', certs[0])).Certificate!;
    assert.equal(c.UserName, 'alice');
    assert.match(c.CertificateId!, /^[A-Z2-7]{32}$/);
    assert.equal(c.Status, 'Active');
    assert.equal(c.CertificateBody, certs[0]);
    assert.ok(Math.abs(c.UploadDate!.getTime() - Date.now()) < 60_000);
    assert.deepEqual(await list('alice'), [c]);
    const second = (await uploadFor('alice', certs[1])).Certificate!;
    assert.notEqual(second.CertificateId, c.CertificateId);
    assert.deepEqual((await list('alice')).map((x) => x.CertificateId), [c.CertificateId, second.CertificateId]);
    const page = await rg.iam.send(new ListSigningCertificatesCommand({ UserName: 'alice', MaxItems: 1 }));
    assert.equal(page.IsTruncated, true);
    const rest = await rg.iam.send(new ListSigningCertificatesCommand({ UserName: 'alice', Marker: page.Marker }));
    assert.deepEqual(rest.Certificates!.map((x) => x.CertificateId), [second.CertificateId]);
    assert.equal(rest.IsTruncated, false);
  });

  test('without UserName, a user uploads and lists its own; the root its own, without a UserName', async () => {
    const bob = await userClient('bob');
    const own = (await uploadFor(undefined, certs[0], bob)).Certificate!;
    assert.equal(own.UserName, 'bob');
    assert.deepEqual((await list(undefined, bob)).map((x) => x.CertificateId), [own.CertificateId]);
    const summary = async () => (await rg.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;
    assert.equal((await summary()).AccountSigningCertificatesPresent, 0);
    assert.equal((await summary()).SigningCertificatesPerUserQuota, 2);
    const root = (await uploadFor(undefined, certs[1])).Certificate!;
    assert.equal(root.UserName, undefined);
    assert.deepEqual((await list()).map((x) => x.CertificateId), [root.CertificateId]);
    assert.equal((await summary()).AccountSigningCertificatesPresent, 1);
    await rg.iam.send(new DeleteSigningCertificateCommand({ CertificateId: root.CertificateId }));
    assert.equal((await summary()).AccountSigningCertificatesPresent, 0);
  });

  test('two per user: the third answers LimitExceeded (409); another user still has room', async () => {
    await user('alice');
    await user('carol');
    await uploadFor('alice', certs[0]);
    await uploadFor('alice', certs[1]);
    await rejectsWith(uploadFor('alice', certs[2]), 'LimitExceededException', 409, 'Cannot exceed quota for CertificatesPerUser: 2');
    assert.equal((await list('alice')).length, 2);
    await uploadFor('carol', certs[2]);
  });

  test('the same certificate again, for the same user or another one, answers DuplicateCertificate (409)', async () => {
    await user('alice');
    await user('carol');
    await uploadFor('alice', certs[0]);
    await rejectsWith(uploadFor('alice', certs[0]), 'DuplicateCertificateException', 409, 'The same certificate is already associated with an IAM user in the account.');
    // The same certificate with other line endings is still the same certificate.
    await rejectsWith(uploadFor('carol', certs[0].replace(/\n/g, '\r\n')), 'DuplicateCertificateException', 409);
    assert.deepEqual(await list('carol'), []);
  });

  test('a body that is not one PEM certificate answers MalformedCertificate quoting it', async () => {
    await user('alice');
    await rejectsWith(uploadFor('alice', 'invalid-certificate-body'), 'MalformedCertificateException', 400, 'Certificate invalid-certificate-body is malformed.');
    const key = selfSigned().privateKey;
    await rejectsWith(uploadFor('alice', key), 'MalformedCertificateException', 400);
    await rejectsWith(uploadFor('alice', certs[0] + certs[1]), 'MalformedCertificateException', 400);
    assert.deepEqual(await list('alice'), []);
  });

  test('an unknown user answers NoSuchEntity for each operation', async () => {
    const missing = 'The user with name nonexistent-user cannot be found.';
    await rejectsWith(uploadFor('nonexistent-user', certs[0]), 'NoSuchEntityException', 404, missing);
    await rejectsWith(list('nonexistent-user'), 'NoSuchEntityException', 404, missing);
    await rejectsWith(rg.iam.send(new UpdateSigningCertificateCommand({ UserName: 'nonexistent-user', CertificateId: 'NONEXISTENTCERTID12345678901', Status: 'Inactive' })),
      'NoSuchEntityException', 404, missing);
    await rejectsWith(rg.iam.send(new DeleteSigningCertificateCommand({ UserName: 'nonexistent-user', CertificateId: 'NONEXISTENTCERTID12345678901' })),
      'NoSuchEntityException', 404, missing);
  });
});

describe('UpdateSigningCertificate and DeleteSigningCertificate', () => {
  test('Inactive and Active again; an unknown id or another user\'s certificate answers NoSuchEntity; Expired is not a status a caller sets', async () => {
    await user('alice');
    await user('carol');
    const id = (await uploadFor('alice', certs[0])).Certificate!.CertificateId!;
    await rg.iam.send(new UpdateSigningCertificateCommand({ UserName: 'alice', CertificateId: id, Status: 'Inactive' }));
    assert.equal((await list('alice'))[0].Status, 'Inactive');
    await rg.iam.send(new UpdateSigningCertificateCommand({ UserName: 'alice', CertificateId: id, Status: 'Active' }));
    assert.equal((await list('alice'))[0].Status, 'Active');
    const unknown = 'The Certificate with id NONEXISTENTCERTID12345678901 cannot be found.';
    await rejectsWith(rg.iam.send(new UpdateSigningCertificateCommand({ UserName: 'alice', CertificateId: 'NONEXISTENTCERTID12345678901', Status: 'Inactive' })),
      'NoSuchEntityException', 404, unknown);
    await rejectsWith(rg.iam.send(new DeleteSigningCertificateCommand({ UserName: 'alice', CertificateId: 'NONEXISTENTCERTID12345678901' })),
      'NoSuchEntityException', 404, unknown);
    await rejectsWith(rg.iam.send(new DeleteSigningCertificateCommand({ UserName: 'carol', CertificateId: id })), 'NoSuchEntityException', 404,
      `The Certificate with id ${id} cannot be found.`);
    await rejectsWith(rg.iam.send(new UpdateSigningCertificateCommand({ UserName: 'alice', CertificateId: id, Status: 'Expired' })), 'ValidationError', 400, /status/);
    await rg.iam.send(new DeleteSigningCertificateCommand({ UserName: 'alice', CertificateId: id }));
    assert.deepEqual(await list('alice'), []);
  });

  test('a user with a signing certificate cannot be deleted until the certificate is', async () => {
    await user('alice');
    const id = (await uploadFor('alice', certs[0])).Certificate!.CertificateId!;
    await rejectsWith(rg.iam.send(new DeleteUserCommand({ UserName: 'alice' })), 'DeleteConflictException', 409,
      'Cannot delete entity, must delete signing certificates first.');
    await rg.iam.send(new DeleteSigningCertificateCommand({ UserName: 'alice', CertificateId: id }));
    await rg.iam.send(new DeleteUserCommand({ UserName: 'alice' }));
  });

  test('a renamed user keeps its certificates under the new name', async () => {
    await user('alice');
    const id = (await uploadFor('alice', certs[0])).Certificate!.CertificateId!;
    await rg.iam.send(new UpdateUserCommand({ UserName: 'alice', NewUserName: 'alicia' }));
    const after = await list('alicia');
    assert.deepEqual(after.map((c) => [c.CertificateId, c.UserName]), [[id, 'alicia']]);
  });
});

describe('the credential report', () => {
  test('cert_1 is the older certificate, cert_2 the newer, each active or not with its upload time; the root row too', async () => {
    await user('alice');
    await user('bob');
    const older = (await uploadFor('alice', certs[0])).Certificate!;
    const newer = (await uploadFor('alice', certs[1])).Certificate!;
    await rg.iam.send(new UpdateSigningCertificateCommand({ UserName: 'alice', CertificateId: older.CertificateId, Status: 'Inactive' }));
    await uploadFor(undefined, certs[2]);
    await rg.iam.send(new GenerateCredentialReportCommand({}));
    const content = Buffer.from((await rg.iam.send(new GetCredentialReportCommand({}))).Content!).toString('utf8').split('\n');
    const header = content[0].split(',');
    const row = (name: string) => {
      const cells = content.find((l) => l.startsWith(`${name},`))!.split(',');
      return Object.fromEntries(['cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated'].map((h) => [h, cells[header.indexOf(h)]]));
    };
    const time = (d: Date) => `${d.toISOString().slice(0, 19)}+00:00`;
    assert.deepEqual(row('alice'), { cert_1_active: 'false', cert_1_last_rotated: time(older.UploadDate!), cert_2_active: 'true', cert_2_last_rotated: time(newer.UploadDate!) });
    assert.deepEqual(row('bob'), { cert_1_active: 'false', cert_1_last_rotated: 'N/A', cert_2_active: 'false', cert_2_last_rotated: 'N/A' });
    const root = row('<root_account>');
    assert.equal(root.cert_1_active, 'true');
    assert.match(root.cert_1_last_rotated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    assert.equal(root.cert_2_active, 'false');
  });
});

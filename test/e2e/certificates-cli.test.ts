// IAM certificates with the real AWS CLI: `aws iam upload-server-certificate` with file:// arguments
// (body, key and chain made by openssl), list-server-certificates and get-server-certificate, a key
// mismatch as the CLI prints it, and a user's signing certificate from a file; both kept across a
// restart of the server, and the private key nowhere in what the CLI printed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRolegate, type Rolegate } from '../support/server.js';
import { awsCli, cliDiagnostic, runCli } from '../support/cli.js';
import { chain, pemBody, selfSigned } from '../support/certificates.js';

const cli = awsCli();
const ACCOUNT = '111122223333';
let server: Rolegate;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rolegate-certs-cli-'));
  server = await startRolegate({ dataDir: join(dir, 'data') });
});
after(async () => {
  if (server) await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => runCli(cli, server.endpoint, server.credentials, ['iam', ...args], dir);
const ok = (...args: string[]) => {
  const r = run(...args);
  assert.equal(r.status, 0, r.stderr);
  return r;
};

test('aws iam upload-server-certificate from files, list-server-certificates, get-server-certificate; upload-signing-certificate; both survive a restart', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  const ca = chain();
  const file = (name: string, text: string) => { writeFileSync(join(dir, name), text); return `file://${join(dir, name)}`; };
  const body = file('cert.pem', ca.leaf.certificate);
  const key = file('key.pem', ca.leaf.privateKey);
  const chainFile = file('chain.pem', ca.intermediate.certificate + ca.root.certificate);

  const up = ok('upload-server-certificate', '--server-certificate-name', 'www', '--path', '/cloudfront/',
    '--certificate-body', body, '--private-key', key, '--certificate-chain', chainFile).json.ServerCertificateMetadata;
  assert.equal(up.Arn, `arn:aws:iam::${ACCOUNT}:server-certificate/cloudfront/www`);
  assert.match(up.ServerCertificateId, /^ASCA[A-Z2-7]{17}$/);
  assert.ok(up.Expiration && up.UploadDate);

  const other = selfSigned('other.example.test');
  const mismatch = run('upload-server-certificate', '--server-certificate-name', 'bad', '--certificate-body', body,
    '--private-key', file('other-key.pem', other.privateKey));
  assert.notEqual(mismatch.status, 0);
  assert.match(mismatch.stderr, /An error occurred \(KeyPairMismatch\) when calling the UploadServerCertificate operation( \(reached max retries: 0\))?: The private key did not match the public key of the certificate\./);

  const listed = ok('list-server-certificates', '--path-prefix', '/cloudfront/').json.ServerCertificateMetadataList;
  assert.deepEqual(listed.map((m: { ServerCertificateName: string }) => m.ServerCertificateName), ['www']);
  const got = ok('get-server-certificate', '--server-certificate-name', 'www');
  assert.equal(got.json.ServerCertificate.CertificateBody, ca.leaf.certificate);
  assert.equal(got.json.ServerCertificate.CertificateChain, ca.intermediate.certificate + ca.root.certificate);

  ok('create-user', '--user-name', 'signer');
  const signing = selfSigned('signer.example.test');
  const uploaded = ok('upload-signing-certificate', '--user-name', 'signer', '--certificate-body', file('signing.pem', signing.certificate)).json.Certificate;
  assert.equal(uploaded.Status, 'Active');
  assert.match(uploaded.CertificateId, /^[A-Z2-7]{32}$/);

  const secret = pemBody(ca.leaf.privateKey).slice(0, 48);
  for (const r of [up, mismatch, listed, got]) assert.equal(JSON.stringify(r).includes(secret), false);

  await server.stop({ keepData: true });
  server = await startRolegate({ dataDir: join(dir, 'data') });
  assert.deepEqual(ok('list-server-certificates').json.ServerCertificateMetadataList, [up]);
  const certs = ok('list-signing-certificates', '--user-name', 'signer').json.Certificates;
  assert.deepEqual(certs.map((c: { CertificateId: string }) => c.CertificateId), [uploaded.CertificateId]);
  const refused = run('delete-user', '--user-name', 'signer');
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /\(DeleteConflict\).*Cannot delete entity, must delete signing certificates first\./);
});

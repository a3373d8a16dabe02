// IAM server certificates through @aws-sdk/client-iam: uploads read as IAM reads them (a PEM
// certificate valid now, the private key of its public key, a chain in order), the ASCA id and the
// ARN from path and name, listing by path prefix with paging, renames, tags, the quota of 20, the
// account summary's count, authorization on the certificate's ARN, and the private key answered
// nowhere and kept in the data folder only sealed. openssl makes the keys and certificates.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import {
  CreateAccessKeyCommand, CreateUserCommand, DeleteServerCertificateCommand, GetAccountSummaryCommand, GetServerCertificateCommand,
  IAMClient, ListServerCertificatesCommand, ListServerCertificateTagsCommand, PutUserPolicyCommand, TagServerCertificateCommand,
  UntagServerCertificateCommand, UpdateServerCertificateCommand, UploadServerCertificateCommand, type UploadServerCertificateCommandInput,
} from '@aws-sdk/client-iam';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpRequest } from '@smithy/protocol-http';
import { TEST_ROOT, useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';
import { chain, pemBody, selfSigned, selfSignedBetween, type Chain, type KeyAndCertificate } from '../../support/certificates.js';

const rg = useRolegate();
const ACCOUNT = '111122223333';
let web: KeyAndCertificate;
let other: KeyAndCertificate;
let ec: KeyAndCertificate;
let ca: Chain;
before(() => {
  web = selfSigned('www.example.test');
  other = selfSigned('other.example.test');
  ec = selfSigned('ec.example.test', 'ec');
  ca = chain();
});

const upload = (extra: Partial<UploadServerCertificateCommandInput> = {}, pair = web) => rg.iam.send(new UploadServerCertificateCommand({
  ServerCertificateName: 'web', CertificateBody: pair.certificate, PrivateKey: pair.privateKey, ...extra,
}));
const get = (name = 'web') => rg.iam.send(new GetServerCertificateCommand({ ServerCertificateName: name }));
const names = async (input: { PathPrefix?: string } = {}) =>
  (await rg.iam.send(new ListServerCertificatesCommand(input))).ServerCertificateMetadataList!.map((m) => m.ServerCertificateName);

describe('UploadServerCertificate and GetServerCertificate', () => {
  test("answer an ASCA id, the ARN from path and name, the upload date and the certificate's notAfter as Expiration", async () => {
    const up = await upload({ Path: '/cloudfront/', Tags: [{ Key: 'team', Value: 'edge' }] });
    const m = up.ServerCertificateMetadata!;
    assert.match(m.ServerCertificateId!, /^ASCA[A-Z2-7]{17}$/);
    assert.equal(m.ServerCertificateName, 'web');
    assert.equal(m.Path, '/cloudfront/');
    assert.equal(m.Arn, `arn:aws:iam::${ACCOUNT}:server-certificate/cloudfront/web`);
    assert.ok(Math.abs(m.UploadDate!.getTime() - Date.now()) < 60_000);
    assert.equal(m.Expiration!.toISOString(), new Date(new X509Certificate(web.certificate).validTo).toISOString());
    assert.deepEqual(up.Tags, [{ Key: 'team', Value: 'edge' }]);
    const g = (await get()).ServerCertificate!;
    assert.deepEqual(g.ServerCertificateMetadata, m);
    assert.equal(g.CertificateBody, web.certificate);
    assert.equal(g.CertificateChain, undefined);
    assert.deepEqual(g.Tags, [{ Key: 'team', Value: 'edge' }]);
  });

  test('without a path the certificate is under "/", and Get answers Tags as an empty list', async () => {
    const m = (await upload()).ServerCertificateMetadata!;
    assert.equal(m.Path, '/');
    assert.equal(m.Arn, `arn:aws:iam::${ACCOUNT}:server-certificate/web`);
    assert.deepEqual((await get()).ServerCertificate!.Tags, []);
  });

  test('an EC key and its certificate are accepted, in PKCS#8 or as openssl ecparam -genkey writes it (EC PARAMETERS, then the SEC 1 key)', async () => {
    await upload({ ServerCertificateName: 'ec' }, ec);
    assert.equal((await get('ec')).ServerCertificate!.CertificateBody, ec.certificate);
    const sec1 = createPrivateKey(ec.privateKey).export({ type: 'sec1', format: 'pem' }) as string;
    const params = '-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n';
    await upload({ ServerCertificateName: 'ec-sec1', CertificateBody: ec.certificate, PrivateKey: params + sec1 });
    // An RSA key in PKCS#1 ("BEGIN RSA PRIVATE KEY") too.
    const pkcs1 = createPrivateKey(web.privateKey).export({ type: 'pkcs1', format: 'pem' }) as string;
    await upload({ ServerCertificateName: 'rsa-pkcs1', PrivateKey: pkcs1 });
    assert.deepEqual(await names(), ['ec', 'ec-sec1', 'rsa-pkcs1']);
  });

  test('a chain in order (intermediate, then root) is kept and answered; a chain out of order names the first certificate that did not sign the one before it', async () => {
    const leaf = { ServerCertificateName: 'leaf', CertificateBody: ca.leaf.certificate, PrivateKey: ca.leaf.privateKey };
    await rejectsWith(upload({ ...leaf, CertificateChain: ca.root.certificate + ca.intermediate.certificate }), 'MalformedCertificateException', 400,
      'Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, followed by any intermediaries in order. The index within the chain of the invalid certificate is: 0');
    await rejectsWith(upload({ ...leaf, CertificateChain: ca.intermediate.certificate + web.certificate }), 'MalformedCertificateException', 400,
      /The index within the chain of the invalid certificate is: 1$/);
    await rejectsWith(upload({ ...leaf, CertificateChain: 'not a chain' }), 'MalformedCertificateException', 400,
      'Unable to parse certificate chain. Please ensure the certificate chain is in PEM format.');
    const chainPem = ca.intermediate.certificate + ca.root.certificate;
    await upload({ ...leaf, CertificateChain: chainPem });
    assert.equal((await get('leaf')).ServerCertificate!.CertificateChain, chainPem);
    // The intermediate alone is a chain in order too.
    await upload({ ...leaf, ServerCertificateName: 'leaf2', CertificateChain: ca.intermediate.certificate });
  });

  test("another certificate's private key answers KeyPairMismatch, and nothing is written", async () => {
    await rejectsWith(upload({ PrivateKey: other.privateKey }), 'KeyPairMismatchException', 400, 'The private key did not match the public key of the certificate.');
    await rejectsWith(get(), 'NoSuchEntityException', 404);
  });

  test('a body or key that is not PEM, an encrypted key, a public key or two certificates as the body answer MalformedCertificate', async () => {
    const parse = 'Unable to parse certificate. Please ensure the certificate is in PEM format.';
    await rejectsWith(upload({ CertificateBody: 'invalid-certificate-body' }), 'MalformedCertificateException', 400, parse);
    // A line missing from the base 64: the DER no longer parses.
    await rejectsWith(upload({ CertificateBody: web.certificate.split('\n').filter((_, i) => i !== 3).join('\n') }), 'MalformedCertificateException', 400, parse);
    await rejectsWith(upload({ CertificateBody: web.certificate + other.certificate }), 'MalformedCertificateException', 400, parse);
    await rejectsWith(upload({ CertificateBody: web.privateKey }), 'MalformedCertificateException', 400, parse);
    const badKey = /^Unable to parse private key\./;
    await rejectsWith(upload({ PrivateKey: 'not a key' }), 'MalformedCertificateException', 400, badKey);
    await rejectsWith(upload({ PrivateKey: web.certificate }), 'MalformedCertificateException', 400, badKey);
    const encrypted = createPrivateKey(web.privateKey).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }) as string;
    await rejectsWith(upload({ PrivateKey: encrypted }), 'MalformedCertificateException', 400, badKey);
    // The error never quotes the key it could not read.
    const e = await rejectsWith(upload({ PrivateKey: web.privateKey.replace('MII', 'XII') }), 'MalformedCertificateException', 400, badKey);
    assert.equal(e.message.includes(pemBody(web.privateKey).slice(10, 40)), false);
    assert.deepEqual(await names(), []);
  });

  test('a certificate whose validity has ended, or not begun, answers MalformedCertificate', async () => {
    const expired = selfSignedBetween('20200101000000Z', '20200102000000Z');
    await rejectsWith(upload({ CertificateBody: expired.certificate, PrivateKey: expired.privateKey }), 'MalformedCertificateException', 400,
      'The certificate expired on 2020-01-02T00:00:00.000Z.');
    const future = selfSignedBetween('20990101000000Z', '20990201000000Z');
    await rejectsWith(upload({ CertificateBody: future.certificate, PrivateKey: future.privateKey }), 'MalformedCertificateException', 400,
      'The certificate is not valid before 2099-01-01T00:00:00.000Z.');
  });

  test('a name already taken, in any letter case, answers EntityAlreadyExists (409)', async () => {
    await upload();
    await rejectsWith(upload({ ServerCertificateName: 'WEB' }), 'EntityAlreadyExistsException', 409, 'The Server Certificate with name WEB already exists.');
  });

  test('a name outside [\\w+=,.@-]+ or a path without slashes answers ValidationError', async () => {
    await rejectsWith(upload({ ServerCertificateName: 'bad name' }), 'ValidationError', 400, /serverCertificateName/);
    await rejectsWith(upload({ Path: 'nopath' }), 'ValidationError', 400, /path/);
  });

  test('Get for an unknown name answers NoSuchEntity as IAM words it', async () => {
    await rejectsWith(get('nonexistent-certificate'), 'NoSuchEntityException', 404, 'The Server Certificate with name nonexistent-certificate cannot be found.');
  });
});

describe('the quota and the account summary', () => {
  test('20 server certificates per account; the 21st answers LimitExceeded; ServerCertificates counts them', async () => {
    const summary = async () => (await rg.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;
    assert.equal((await summary()).ServerCertificates, 0);
    assert.equal((await summary()).ServerCertificatesQuota, 20);
    for (let i = 0; i < 20; i++) await upload({ ServerCertificateName: `cert-${i}` });
    await rejectsWith(upload({ ServerCertificateName: 'cert-20' }), 'LimitExceededException', 409, 'Cannot exceed quota for ServerCertificatesPerAccount: 20');
    assert.equal((await summary()).ServerCertificates, 20);
    await rg.iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'cert-0' }));
    await upload({ ServerCertificateName: 'cert-20' });
    assert.equal((await summary()).ServerCertificates, 20);
  });
});

describe('ListServerCertificates', () => {
  test('lists by name; PathPrefix narrows the list; MaxItems and Marker page it', async () => {
    await upload({ ServerCertificateName: 'b', Path: '/cloudfront/prod/' });
    await upload({ ServerCertificateName: 'a', Path: '/elb/' });
    await upload({ ServerCertificateName: 'c', Path: '/cloudfront/' });
    assert.deepEqual(await names(), ['a', 'b', 'c']);
    assert.deepEqual(await names({ PathPrefix: '/cloudfront/' }), ['b', 'c']);
    assert.deepEqual(await names({ PathPrefix: '/cloudfront/prod' }), ['b']);
    assert.deepEqual(await names({ PathPrefix: '/none/' }), []);
    const first = await rg.iam.send(new ListServerCertificatesCommand({ MaxItems: 2 }));
    assert.equal(first.IsTruncated, true);
    assert.deepEqual(first.ServerCertificateMetadataList!.map((m) => m.ServerCertificateName), ['a', 'b']);
    const second = await rg.iam.send(new ListServerCertificatesCommand({ MaxItems: 2, Marker: first.Marker }));
    assert.equal(second.IsTruncated, false);
    assert.equal(second.Marker, undefined);
    assert.deepEqual(second.ServerCertificateMetadataList!.map((m) => m.ServerCertificateName), ['c']);
    assert.equal(second.ServerCertificateMetadataList![0].Arn, `arn:aws:iam::${ACCOUNT}:server-certificate/cloudfront/c`);
  });
});

describe('UpdateServerCertificate and DeleteServerCertificate', () => {
  test('a new name and path change the ARN and keep the id, body, upload date and tags; the old name is gone', async () => {
    const before = (await upload({ Tags: [{ Key: 'k', Value: 'v' }] })).ServerCertificateMetadata!;
    await rg.iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'web', NewServerCertificateName: 'web-2026', NewPath: '/elb/' }));
    await rejectsWith(get(), 'NoSuchEntityException', 404, 'The Server Certificate with name web cannot be found.');
    const after = (await get('web-2026')).ServerCertificate!;
    assert.equal(after.ServerCertificateMetadata!.Arn, `arn:aws:iam::${ACCOUNT}:server-certificate/elb/web-2026`);
    assert.equal(after.ServerCertificateMetadata!.Path, '/elb/');
    assert.equal(after.ServerCertificateMetadata!.ServerCertificateId, before.ServerCertificateId);
    assert.deepEqual(after.ServerCertificateMetadata!.UploadDate, before.UploadDate);
    assert.equal(after.CertificateBody, web.certificate);
    assert.deepEqual(after.Tags, [{ Key: 'k', Value: 'v' }]);
    // Only the path.
    await rg.iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'web-2026', NewPath: '/' }));
    assert.equal((await get('web-2026')).ServerCertificate!.ServerCertificateMetadata!.Arn, `arn:aws:iam::${ACCOUNT}:server-certificate/web-2026`);
    // Only the letter case of the name.
    await rg.iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'web-2026', NewServerCertificateName: 'WEB-2026' }));
    assert.deepEqual(await names(), ['WEB-2026']);
  });

  test('renaming onto a taken name answers EntityAlreadyExists; an unknown certificate answers NoSuchEntity', async () => {
    await upload();
    await upload({ ServerCertificateName: 'other' });
    await rejectsWith(rg.iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'web', NewServerCertificateName: 'OTHER' })),
      'EntityAlreadyExistsException', 409, 'The Server Certificate with name OTHER already exists.');
    await rejectsWith(rg.iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'nope', NewPath: '/x/' })), 'NoSuchEntityException', 404,
      'The Server Certificate with name nope cannot be found.');
    assert.deepEqual(await names(), ['other', 'web']);
  });

  test('Delete removes the certificate; deleting it again answers NoSuchEntity', async () => {
    await upload();
    await rg.iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'WEB' }));
    assert.deepEqual(await names(), []);
    await rejectsWith(rg.iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'web' })), 'NoSuchEntityException', 404,
      'The Server Certificate with name web cannot be found.');
  });
});

describe('server certificate tags', () => {
  test('Tag adds and replaces, Untag removes, ListServerCertificateTags pages them; aws: keys are refused', async () => {
    await upload({ Tags: [{ Key: 'a', Value: '1' }] });
    await rg.iam.send(new TagServerCertificateCommand({ ServerCertificateName: 'web', Tags: [{ Key: 'A', Value: '2' }, { Key: 'b', Value: '3' }] }));
    const tags = async (MaxItems?: number, Marker?: string) => rg.iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'web', MaxItems, Marker }));
    assert.deepEqual((await tags()).Tags, [{ Key: 'A', Value: '2' }, { Key: 'b', Value: '3' }]);
    const page = await tags(1);
    assert.equal(page.IsTruncated, true);
    assert.deepEqual((await tags(1, page.Marker)).Tags, [{ Key: 'b', Value: '3' }]);
    await rg.iam.send(new UntagServerCertificateCommand({ ServerCertificateName: 'web', TagKeys: ['a'] }));
    assert.deepEqual((await get()).ServerCertificate!.Tags, [{ Key: 'b', Value: '3' }]);
    await rejectsWith(rg.iam.send(new TagServerCertificateCommand({ ServerCertificateName: 'web', Tags: [{ Key: 'aws:x', Value: '1' }] })), 'InvalidInputException', 400);
    await rejectsWith(rg.iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'none' })), 'NoSuchEntityException', 404,
      'The Server Certificate with name none cannot be found.');
  });
});

describe('authorization', () => {
  test("decided on the certificate's ARN with its path and tags; a rename needs the permission on the new ARN too", async () => {
    await upload({ Path: '/web/' });
    await upload({ ServerCertificateName: 'payments', Path: '/pci/', Tags: [{ Key: 'team', Value: 'web' }] });
    await rg.iam.send(new CreateUserCommand({ UserName: 'ops' }));
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'ops', PolicyName: 'web-certs', PolicyDocument: JSON.stringify({
      Version: '2012-10-17', Statement: [
        { Effect: 'Allow', Action: ['iam:GetServerCertificate', 'iam:UpdateServerCertificate'], Resource: `arn:aws:iam::${ACCOUNT}:server-certificate/web/*` },
        { Effect: 'Allow', Action: 'iam:ListServerCertificateTags', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'web' } } },
      ],
    }) }));
    const { AccessKey } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'ops' }));
    const ops = rg.server.iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    assert.equal((await ops.send(new GetServerCertificateCommand({ ServerCertificateName: 'web' }))).ServerCertificate!.CertificateBody, web.certificate);
    await rejectsWith(ops.send(new GetServerCertificateCommand({ ServerCertificateName: 'payments' })), 'AccessDenied', 403,
      `User: arn:aws:iam::${ACCOUNT}:user/ops is not authorized to perform: iam:GetServerCertificate on resource: arn:aws:iam::${ACCOUNT}:server-certificate/pci/payments because no identity-based policy allows the iam:GetServerCertificate action`);
    assert.deepEqual((await ops.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'payments' }))).Tags, [{ Key: 'team', Value: 'web' }]);
    await rejectsWith(ops.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'web' })), 'AccessDenied', 403);
    // Moving it out of /web/ is refused on the new ARN; a rename within /web/ is allowed.
    await rejectsWith(ops.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'web', NewPath: '/pci/' })), 'AccessDenied', 403,
      new RegExp(`iam:UpdateServerCertificate on resource: arn:aws:iam::${ACCOUNT}:server-certificate/pci/web `));
    await ops.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'web', NewServerCertificateName: 'www' }));
    assert.equal((await get('www')).ServerCertificate!.ServerCertificateMetadata!.Arn, `arn:aws:iam::${ACCOUNT}:server-certificate/web/www`);
    await rejectsWith(ops.send(new ListServerCertificatesCommand({})), 'AccessDenied', 403,
      new RegExp(`iam:ListServerCertificates on resource: arn:aws:iam::${ACCOUNT}:server-certificate/ `));
  });
});

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('the private key is a secret', () => {
  test('no answer carries it, and no file of the data folder holds it in clear', async () => {
    const bodies: string[] = [];
    const inner = new NodeHttpHandler();
    const recording = new IAMClient({
      endpoint: rg.server.endpoint, region: 'us-east-1', credentials: TEST_ROOT, maxAttempts: 1,
      requestHandler: {
        async handle(request: HttpRequest) {
          const { response } = await inner.handle(request);
          const chunks: Buffer[] = [];
          for await (const c of response.body as Readable) chunks.push(Buffer.from(c));
          const raw = Buffer.concat(chunks);
          bodies.push(raw.toString('utf8'));
          response.body = Readable.from([raw]);
          return { response };
        },
      } as NodeHttpHandler,
    });
    await recording.send(new UploadServerCertificateCommand({ ServerCertificateName: 'web', CertificateBody: web.certificate, PrivateKey: web.privateKey, Path: '/p/' }));
    await recording.send(new GetServerCertificateCommand({ ServerCertificateName: 'web' }));
    await recording.send(new ListServerCertificatesCommand({}));
    await recording.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'web', NewPath: '/q/' }));
    await rejectsWith(recording.send(new UploadServerCertificateCommand({ ServerCertificateName: 'web2', CertificateBody: other.certificate, PrivateKey: web.privateKey })),
      'KeyPairMismatchException', 400);
    await rejectsWith(recording.send(new UploadServerCertificateCommand({ ServerCertificateName: 'web', CertificateBody: web.certificate, PrivateKey: web.privateKey })),
      'EntityAlreadyExistsException', 409);
    assert.equal(bodies.length, 6);
    const key = pemBody(web.privateKey);
    // Pieces from within single 64-character lines of the PEM text.
    const pieces = [key.slice(0, 48), key.slice(200, 248), key.slice(640, 688)];
    const certPiece = pemBody(web.certificate).slice(0, 48);
    assert.ok(bodies[1].includes(certPiece), 'Get answers the body');
    for (const b of bodies) for (const p of pieces) assert.equal(b.includes(p), false, 'an answer holds a piece of the private key');
    // The data folder: the database, its write-ahead log, the master key and everything else.
    const files = filesUnder(rg.server.dataDir);
    let clear = 0;
    for (const f of files) {
      const text = readFileSync(f).toString('latin1');
      for (const p of pieces) assert.equal(text.includes(p), false, `${f} holds a piece of the private key in clear`);
      if (text.includes(certPiece)) clear++;
    }
    // The scan does see what is kept in clear: the certificate body.
    assert.ok(clear > 0, 'the certificate body is found in the data folder');
    for (const p of pieces) assert.equal(rg.server.stderr().includes(p), false);
  });
});

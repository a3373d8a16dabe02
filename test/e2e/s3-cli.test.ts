// S3 through the real AWS CLI v2 (`aws s3`, `aws s3api`, `aws s3 presign`) and plain HTTP (fetch, as
// curl would) against a started rolegate, cross-checked through @aws-sdk/client-s3. The CLI is given
// --endpoint-url (2.9 ignores endpoint_url in a profile); with an IP endpoint it addresses buckets
// path-style. Each test starts from an empty server (useRolegate resets it) in its own folder.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateBucketCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListBucketsCommand, ListObjectsV2Command,
  PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { AttachRolePolicyCommand, CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { TEST_ACCOUNT, TEST_ROOT, useRolegate, type Credentials } from '../support/server.js';
import { awsCli, runCli, type CliResult, cliDiagnostic } from '../support/cli.js';

const cli = awsCli();
const rg = useRolegate();

/** 20 MiB: the CLI sends it as a multipart upload of three parts (8 MiB, 8 MiB, 4 MiB). */
const BIG = randomBytes(20 * 1024 * 1024);

let dir: string;
const dirs: string[] = [];
before(() => {
  assert.match(cli.version, /^aws-cli\/2\./, `these tests expect AWS CLI v2, found ${cli.version}`);
});
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh working folder for one test; the CLI runs in it, so paths in arguments are relative. */
function workdir(): string {
  dir = mkdtempSync(join(tmpdir(), 'rolegate-s3-cli-'));
  dirs.push(dir);
  return dir;
}

const aws = (args: string[], credentials: Credentials = TEST_ROOT): CliResult => runCli(cli, rg.server.endpoint, credentials, args, dir);

// Ids go as --upload-id=ID (--version-id=, --starting-token=): an id may begin with '-', which the
// CLI's argument parser would otherwise take for an option.

/** Runs the CLI and requires exit code 0. */
function ok(args: string[], credentials?: Credentials): CliResult {
  const r = aws(args, credentials);
  assert.equal(r.status, 0, `aws ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r;
}

/** Output lines of `aws s3` commands, progress lines dropped (--no-progress is passed too). */
const lines = (r: CliResult) => r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const md5 = (b: Buffer | string) => createHash('md5').update(b).digest('hex');
const s3 = (c?: Credentials): S3Client => rg.server.s3(c);

async function bucket(name: string): Promise<void> {
  await s3().send(new CreateBucketCommand({ Bucket: name }));
}
async function put(b: string, key: string, body: string | Buffer, extra: Partial<ConstructorParameters<typeof PutObjectCommand>[0]> = {}): Promise<void> {
  await s3().send(new PutObjectCommand({ Bucket: b, Key: key, Body: body, ...extra }));
}
async function bytes(b: string, key: string): Promise<Buffer> {
  const r = await s3().send(new GetObjectCommand({ Bucket: b, Key: key }));
  return Buffer.from(await r.Body!.transformToByteArray());
}
async function keys(b: string, Prefix?: string): Promise<string[]> {
  const r = await s3().send(new ListObjectsV2Command({ Bucket: b, Prefix }));
  return (r.Contents ?? []).map((o) => o.Key!);
}
async function status(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
    return 200;
  } catch (e) {
    return (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  }
}

/** CLI v2 exits 254 when the service answered an error (`aws help return-codes`). */
function serviceError(r: CliResult, code: RegExp | string, message?: RegExp | string): void {
  assert.equal(r.status, 254, `exit ${r.status}: ${r.stderr}`);
  assert.match(r.stderr, typeof code === 'string' ? new RegExp(`An error occurred \\(${code}\\)`) : code);
  if (message) assert.match(r.stderr, typeof message === 'string' ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : message);
}

// ---------------------------------------------------------------------------------------------
// aws s3: the high-level commands

test('aws s3 mb makes a bucket, and aws s3 ls lists it', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  t.diagnostic(`using ${cli.version}`);
  workdir();
  const made = ok(['s3', 'mb', 's3://cli-made']);
  assert.equal(made.stdout.trim(), 'make_bucket: cli-made');
  const listed = ok(['s3', 'ls']);
  assert.match(listed.stdout, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d cli-made$/m);
  const buckets = await s3().send(new ListBucketsCommand({}));
  assert.deepEqual(buckets.Buckets!.map((b) => b.Name), ['cli-made']);
});

test('aws s3 ls of a bucket shows PRE lines for prefixes and the objects at the top; --recursive shows every key', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('listing');
  await put('listing', 'top.txt', 'hello');
  await put('listing', 'photos/2024/a.jpg', 'aaaa');
  await put('listing', 'photos/b.jpg', 'bb');
  await put('listing', 'docs/readme.md', '123456');
  const top = lines(ok(['s3', 'ls', 's3://listing/']));
  assert.deepEqual(top.map((l) => l.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+/, '')), ['PRE docs/', 'PRE photos/', '5 top.txt']);
  assert.match(top[2], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+5 top\.txt$/);
  const photos = lines(ok(['s3', 'ls', 's3://listing/photos/']));
  assert.deepEqual(photos.map((l) => l.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+/, '')), ['PRE 2024/', '2 b.jpg']);
  const all = lines(ok(['s3', 'ls', 's3://listing', '--recursive']));
  assert.deepEqual(all.map((l) => l.split(/\s+/).slice(2)), [['6', 'docs/readme.md'], ['4', 'photos/2024/a.jpg'], ['2', 'photos/b.jpg'], ['5', 'top.txt']]);
});

test('aws s3 cp uploads a small file with the Content-Type guessed from its name', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('uploads');
  writeFileSync(join(dir, 'hello.txt'), 'hello from the CLI\n');
  const r = ok(['s3', 'cp', 'hello.txt', 's3://uploads/greetings/hello.txt', '--no-progress']);
  assert.equal(r.stdout.trim(), 'upload: ./hello.txt to s3://uploads/greetings/hello.txt');
  assert.equal((await bytes('uploads', 'greetings/hello.txt')).toString(), 'hello from the CLI\n');
  const head = await s3().send(new HeadObjectCommand({ Bucket: 'uploads', Key: 'greetings/hello.txt' }));
  assert.equal(head.ContentType, 'text/plain');
  assert.equal(head.ETag, `"${md5('hello from the CLI\n')}"`);
});

test('aws s3 cp of a 20 MiB file uploads it in three parts: head-object shows an ETag ending in -3', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('big');
  writeFileSync(join(dir, 'big.bin'), BIG);
  ok(['s3', 'cp', 'big.bin', 's3://big/big.bin', '--no-progress']);
  const head = ok(['s3api', 'head-object', '--bucket', 'big', '--key', 'big.bin']).json;
  assert.equal(head.ContentLength, BIG.length);
  // The multipart ETag: MD5 of the parts' binary MD5s, then "-" and the part count.
  const MiB8 = 8 * 1024 * 1024;
  const parts = [BIG.subarray(0, MiB8), BIG.subarray(MiB8, 2 * MiB8), BIG.subarray(2 * MiB8)];
  const etag = createHash('md5').update(Buffer.concat(parts.map((p) => createHash('md5').update(p).digest()))).digest('hex');
  assert.equal(head.ETag, `"${etag}-3"`);
  assert.equal(sha256(await bytes('big', 'big.bin')), sha256(BIG));
});

test('aws s3 cp downloads a 20 MiB object byte for byte (sha256 equal)', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('down');
  await put('down', 'data/big.bin', BIG);
  const r = ok(['s3', 'cp', 's3://down/data/big.bin', 'copy.bin', '--no-progress']);
  assert.equal(r.stdout.trim(), 'download: s3://down/data/big.bin to ./copy.bin');
  assert.equal(sha256(readFileSync(join(dir, 'copy.bin'))), sha256(BIG));
});

test('aws s3 cp from one bucket to another copies on the server, keeping the bytes and Content-Type', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('source');
  await bucket('target');
  await put('source', 'report.csv', 'a,b\n1,2\n', { ContentType: 'text/csv', Metadata: { owner: 'ana' } });
  const r = ok(['s3', 'cp', 's3://source/report.csv', 's3://target/copies/report.csv', '--no-progress']);
  assert.equal(r.stdout.trim(), 'copy: s3://source/report.csv to s3://target/copies/report.csv');
  assert.equal((await bytes('target', 'copies/report.csv')).toString(), 'a,b\n1,2\n');
  const head = await s3().send(new HeadObjectCommand({ Bucket: 'target', Key: 'copies/report.csv' }));
  assert.equal(head.ContentType, 'text/csv');
  assert.deepEqual(head.Metadata, { owner: 'ana' });
  assert.deepEqual(await keys('source'), ['report.csv']);
});

test('aws s3 sync uploads a folder, then nothing when nothing changed, then only the file that changed', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('site');
  mkdirSync(join(dir, 'www', 'css'), { recursive: true });
  writeFileSync(join(dir, 'www', 'index.html'), '<h1>hi</h1>');
  writeFileSync(join(dir, 'www', 'about.html'), '<p>about</p>');
  writeFileSync(join(dir, 'www', 'css', 'site.css'), 'body{}');
  const first = lines(ok(['s3', 'sync', 'www', 's3://site/www', '--no-progress'])).sort();
  assert.deepEqual(first, [
    'upload: www/about.html to s3://site/www/about.html',
    'upload: www/css/site.css to s3://site/www/css/site.css',
    'upload: www/index.html to s3://site/www/index.html',
  ]);
  assert.deepEqual(await keys('site'), ['www/about.html', 'www/css/site.css', 'www/index.html']);
  // Sizes equal and S3's LastModified newer than the files: nothing to send.
  assert.deepEqual(lines(ok(['s3', 'sync', 'www', 's3://site/www', '--no-progress'])), []);
  writeFileSync(join(dir, 'www', 'css', 'site.css'), 'body{color:red}');
  assert.deepEqual(lines(ok(['s3', 'sync', 'www', 's3://site/www', '--no-progress'])), ['upload: www/css/site.css to s3://site/www/css/site.css']);
  assert.equal((await bytes('site', 'www/css/site.css')).toString(), 'body{color:red}');
});

test('aws s3 sync --delete removes the keys whose files are gone', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('mirror');
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'keep.txt'), 'keep');
  writeFileSync(join(dir, 'src', 'drop.txt'), 'drop');
  ok(['s3', 'sync', 'src', 's3://mirror/', '--no-progress']);
  await put('mirror', 'stray.txt', 'not in the folder');
  rmSync(join(dir, 'src', 'drop.txt'));
  const r = lines(ok(['s3', 'sync', 'src', 's3://mirror/', '--delete', '--no-progress'])).sort();
  assert.deepEqual(r, ['delete: s3://mirror/drop.txt', 'delete: s3://mirror/stray.txt']);
  assert.deepEqual(await keys('mirror'), ['keep.txt']);
});

test('aws s3 rm removes one object, and with --recursive every key under a prefix', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('trash');
  for (const k of ['one.txt', 'logs/a.log', 'logs/b.log', 'logs/2024/c.log', 'logsbook.txt']) await put('trash', k, k);
  assert.deepEqual(lines(ok(['s3', 'rm', 's3://trash/one.txt'])), ['delete: s3://trash/one.txt']);
  const r = lines(ok(['s3', 'rm', 's3://trash/logs/', '--recursive'])).sort();
  assert.deepEqual(r, ['delete: s3://trash/logs/2024/c.log', 'delete: s3://trash/logs/a.log', 'delete: s3://trash/logs/b.log']);
  assert.deepEqual(await keys('trash'), ['logsbook.txt']);
});

test('aws s3 rb refuses a bucket that is not empty (BucketNotEmpty); with --force it empties and removes it', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('full');
  await put('full', 'a.txt', 'a');
  await put('full', 'b/c.txt', 'c');
  const refused = aws(['s3', 'rb', 's3://full']);
  assert.equal(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, /remove_bucket failed: s3:\/\/full An error occurred \(BucketNotEmpty\) when calling the DeleteBucket operation.*: The bucket you tried to delete is not empty/);
  assert.deepEqual(await keys('full'), ['a.txt', 'b/c.txt']);
  const forced = lines(ok(['s3', 'rb', 's3://full', '--force']));
  assert.deepEqual([...forced].sort(), ['delete: s3://full/a.txt', 'delete: s3://full/b/c.txt', 'remove_bucket: full']);
  assert.equal(await status(s3().send(new HeadBucketCommand({ Bucket: 'full' }))), 404);
});

test('aws s3 mv moves a file up (the file is gone) and an object to another key (the source key is gone)', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('moves');
  writeFileSync(join(dir, 'note.txt'), 'moving');
  assert.equal(ok(['s3', 'mv', 'note.txt', 's3://moves/inbox/note.txt', '--no-progress']).stdout.trim(), 'move: ./note.txt to s3://moves/inbox/note.txt');
  assert.equal(existsSync(join(dir, 'note.txt')), false);
  assert.equal(ok(['s3', 'mv', 's3://moves/inbox/note.txt', 's3://moves/done/note.txt', '--no-progress']).stdout.trim(),
    'move: s3://moves/inbox/note.txt to s3://moves/done/note.txt');
  assert.deepEqual(await keys('moves'), ['done/note.txt']);
  assert.equal((await bytes('moves', 'done/note.txt')).toString(), 'moving');
});

// ---------------------------------------------------------------------------------------------
// aws s3api: one operation at a time

test('aws s3api create-bucket prints the bucket\'s Location, and head-bucket then succeeds', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  assert.deepEqual(ok(['s3api', 'create-bucket', '--bucket', 'api-made']).json, { Location: '/api-made' });
  const head = ok(['s3api', 'head-bucket', '--bucket', 'api-made']);
  assert.equal(head.stdout.trim(), '');
  assert.equal(await status(s3().send(new HeadBucketCommand({ Bucket: 'api-made' }))), 200);
});

test('aws s3api put-object stores --body with --metadata, --content-type and --tagging; head-object shows them', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('objects');
  writeFileSync(join(dir, 'doc.json'), '{"hello":"world"}');
  const put = ok(['s3api', 'put-object', '--bucket', 'objects', '--key', 'docs/doc.json', '--body', 'doc.json',
    '--metadata', 'owner=ana,stage=draft', '--content-type', 'application/json', '--tagging', 'team=growth&tier=1']).json;
  assert.equal(put.ETag, `"${md5('{"hello":"world"}')}"`);
  const head = ok(['s3api', 'head-object', '--bucket', 'objects', '--key', 'docs/doc.json']).json;
  assert.equal(head.ContentLength, 17);
  assert.equal(head.ETag, put.ETag);
  assert.equal(head.ContentType, 'application/json');
  assert.deepEqual(head.Metadata, { owner: 'ana', stage: 'draft' });
  assert.match(head.LastModified, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
  assert.ok(Math.abs(Date.parse(head.LastModified) - Date.now()) < 60_000, head.LastModified);
  assert.equal(head.AcceptRanges, 'bytes');
  const tags = ok(['s3api', 'get-object-tagging', '--bucket', 'objects', '--key', 'docs/doc.json']).json;
  assert.deepEqual(tags.TagSet, [{ Key: 'team', Value: 'growth' }, { Key: 'tier', Value: '1' }]);
});

test('aws s3api get-object writes the object to a file, and with --range only those bytes (206, ContentRange)', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('reads');
  await put('reads', 'alphabet.txt', 'abcdefghijklmnopqrstuvwxyz', { ContentType: 'text/plain', Metadata: { k: 'v' } });
  const whole = ok(['s3api', 'get-object', '--bucket', 'reads', '--key', 'alphabet.txt', 'whole.txt']).json;
  assert.equal(readFileSync(join(dir, 'whole.txt'), 'utf8'), 'abcdefghijklmnopqrstuvwxyz');
  assert.equal(whole.ContentLength, 26);
  assert.equal(whole.ContentType, 'text/plain');
  assert.deepEqual(whole.Metadata, { k: 'v' });
  assert.equal(whole.ETag, `"${md5('abcdefghijklmnopqrstuvwxyz')}"`);
  const part = ok(['s3api', 'get-object', '--bucket', 'reads', '--key', 'alphabet.txt', '--range', 'bytes=2-5', 'part.txt']).json;
  assert.equal(readFileSync(join(dir, 'part.txt'), 'utf8'), 'cdef');
  assert.equal(part.ContentLength, 4);
  assert.equal(part.ContentRange, 'bytes 2-5/26');
  const tail = ok(['s3api', 'get-object', '--bucket', 'reads', '--key', 'alphabet.txt', '--range', 'bytes=-3', 'tail.txt']).json;
  assert.equal(readFileSync(join(dir, 'tail.txt'), 'utf8'), 'xyz');
  assert.equal(tail.ContentRange, 'bytes 23-25/26');
});

test('aws s3api list-objects-v2 with --prefix and --delimiter rolls keys up into CommonPrefixes', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('tree');
  for (const k of ['a/1.txt', 'a/2.txt', 'a/sub/3.txt', 'a/sub/4.txt', 'a/other/5.txt', 'b/6.txt']) await put('tree', k, 'x');
  const r = ok(['s3api', 'list-objects-v2', '--bucket', 'tree', '--prefix', 'a/', '--delimiter', '/']).json;
  assert.deepEqual(r.Contents.map((o: { Key: string }) => o.Key), ['a/1.txt', 'a/2.txt']);
  assert.deepEqual(r.CommonPrefixes, [{ Prefix: 'a/other/' }, { Prefix: 'a/sub/' }]);
  const first = r.Contents[0];
  for (const k of ['ETag', 'Key', 'LastModified', 'Size', 'StorageClass']) assert.ok(k in first, `${k} in ${JSON.stringify(first)}`);
  assert.equal(first.Size, 1);
  assert.equal(first.StorageClass, 'STANDARD');
  assert.equal(first.ETag, `"${md5('x')}"`);
  // The CLI merges pages and drops the per-page members; --no-paginate prints S3's one answer whole.
  const page = ok(['s3api', 'list-objects-v2', '--bucket', 'tree', '--prefix', 'a/', '--delimiter', '/', '--no-paginate']).json;
  assert.equal(page.Name, 'tree');
  assert.equal(page.Prefix, 'a/');
  assert.equal(page.Delimiter, '/');
  assert.equal(page.KeyCount, 4);
  assert.equal(page.MaxKeys, 1000);
  assert.equal(page.IsTruncated, false);
});

test('aws s3api list-objects-v2 pages through continuation tokens: --page-size fetches in pages, --max-items hands back a NextToken', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('pages');
  const all = ['k1', 'k2', 'k3', 'k4', 'k5'];
  for (const k of all) await put('pages', k, k);
  // Every key, fetched two at a time: three ListObjectsV2 requests, the later two with a continuation token.
  const paged = aws(['s3api', 'list-objects-v2', '--bucket', 'pages', '--page-size', '2', '--debug']);
  assert.equal(paged.status, 0, paged.stderr.slice(-2000));
  assert.deepEqual(JSON.parse(paged.stdout).Contents.map((o: { Key: string }) => o.Key), all);
  const requests = [...paged.stderr.matchAll(/Sending http request: <AWSPreparedRequest stream_output=False, method=GET, url=(\S+),/g)].map((m) => m[1]);
  assert.equal(requests.length, 3, requests.join('\n'));
  assert.doesNotMatch(requests[0], /continuation-token/);
  assert.match(requests[1], /continuation-token=/);
  assert.match(requests[2], /continuation-token=/);
  // --max-items stops after three and prints the CLI's NextToken; --starting-token resumes there.
  const first = ok(['s3api', 'list-objects-v2', '--bucket', 'pages', '--page-size', '2', '--max-items', '3']).json;
  assert.deepEqual(first.Contents.map((o: { Key: string }) => o.Key), ['k1', 'k2', 'k3']);
  assert.equal(typeof first.NextToken, 'string');
  const rest = ok(['s3api', 'list-objects-v2', '--bucket', 'pages', '--page-size', '2', '--max-items', '3', `--starting-token=${first.NextToken}`]).json;
  assert.deepEqual(rest.Contents.map((o: { Key: string }) => o.Key), ['k4', 'k5']);
  assert.equal(rest.NextToken, undefined);
});

test('after put-bucket-versioning, list-object-versions shows each version and the delete marker; delete-object --version-id removes one version', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('history');
  ok(['s3api', 'put-bucket-versioning', '--bucket', 'history', '--versioning-configuration', 'Status=Enabled']);
  assert.deepEqual(ok(['s3api', 'get-bucket-versioning', '--bucket', 'history']).json, { Status: 'Enabled' });
  writeFileSync(join(dir, 'v1.txt'), 'one');
  writeFileSync(join(dir, 'v2.txt'), 'two!');
  const v1 = ok(['s3api', 'put-object', '--bucket', 'history', '--key', 'doc.txt', '--body', 'v1.txt']).json.VersionId;
  const v2 = ok(['s3api', 'put-object', '--bucket', 'history', '--key', 'doc.txt', '--body', 'v2.txt']).json.VersionId;
  assert.ok(v1 && v2 && v1 !== v2, `${v1} ${v2}`);
  const marker = ok(['s3api', 'delete-object', '--bucket', 'history', '--key', 'doc.txt']).json;
  assert.equal(marker.DeleteMarker, true);
  assert.ok(marker.VersionId);
  const listed = ok(['s3api', 'list-object-versions', '--bucket', 'history']).json;
  assert.deepEqual(listed.Versions.map((v: { VersionId: string; IsLatest: boolean; Size: number }) => [v.VersionId, v.IsLatest, v.Size]), [[v2, false, 4], [v1, false, 3]]);
  assert.deepEqual(listed.DeleteMarkers.map((m: { Key: string; VersionId: string; IsLatest: boolean }) => [m.Key, m.VersionId, m.IsLatest]), [['doc.txt', marker.VersionId, true]]);
  // An old version stays readable by its id while the key itself answers NoSuchKey.
  ok(['s3api', 'get-object', '--bucket', 'history', '--key', 'doc.txt', `--version-id=${v1}`, 'old.txt']);
  assert.equal(readFileSync(join(dir, 'old.txt'), 'utf8'), 'one');
  const removed = ok(['s3api', 'delete-object', '--bucket', 'history', '--key', 'doc.txt', `--version-id=${v1}`]).json;
  assert.deepEqual(removed, { VersionId: v1 });
  const after = ok(['s3api', 'list-object-versions', '--bucket', 'history']).json;
  assert.deepEqual(after.Versions.map((v: { VersionId: string }) => v.VersionId), [v2]);
  assert.equal(after.DeleteMarkers.length, 1);
});

test('aws s3api delete-objects with a JSON delete document reports every key as Deleted', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('batch');
  for (const k of ['a.txt', 'b.txt', 'c.txt']) await put('batch', k, k);
  writeFileSync(join(dir, 'delete.json'), JSON.stringify({ Objects: [{ Key: 'a.txt' }, { Key: 'b.txt' }, { Key: 'never-there.txt' }], Quiet: false }));
  const r = ok(['s3api', 'delete-objects', '--bucket', 'batch', '--delete', 'file://delete.json']).json;
  // S3 reports a key that did not exist as deleted too.
  assert.deepEqual(r.Deleted.map((d: { Key: string }) => d.Key).sort(), ['a.txt', 'b.txt', 'never-there.txt']);
  assert.equal(r.Errors, undefined);
  assert.deepEqual(await keys('batch'), ['c.txt']);
});

test('aws s3api copy-object prints the CopyObjectResult with the source ETag; --metadata-directive REPLACE replaces metadata', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('copies');
  await put('copies', 'src.txt', 'original', { Metadata: { a: '1' }, ContentType: 'text/plain' });
  const same = ok(['s3api', 'copy-object', '--bucket', 'copies', '--key', 'dst.txt', '--copy-source', 'copies/src.txt']).json;
  assert.equal(same.CopyObjectResult.ETag, `"${md5('original')}"`);
  assert.match(same.CopyObjectResult.LastModified, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
  const head = ok(['s3api', 'head-object', '--bucket', 'copies', '--key', 'dst.txt']).json;
  assert.deepEqual(head.Metadata, { a: '1' });
  assert.equal(head.ContentType, 'text/plain');
  ok(['s3api', 'copy-object', '--bucket', 'copies', '--key', 'replaced.txt', '--copy-source', 'copies/src.txt',
    '--metadata-directive', 'REPLACE', '--metadata', 'b=2', '--content-type', 'text/markdown']);
  const replaced = ok(['s3api', 'head-object', '--bucket', 'copies', '--key', 'replaced.txt']).json;
  assert.deepEqual(replaced.Metadata, { b: '2' });
  assert.equal(replaced.ContentType, 'text/markdown');
  assert.equal((await bytes('copies', 'replaced.txt')).toString(), 'original');
});

test('aws s3api put-bucket-policy then get-bucket-policy round-trips the policy document', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('guarded');
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadReports', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` }, Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::guarded/reports/*' },
      { Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::guarded', 'arn:aws:s3:::guarded/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:PrincipalAccount': '999999999999' } } },
    ],
  };
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy, null, 2));
  const put = ok(['s3api', 'put-bucket-policy', '--bucket', 'guarded', '--policy', 'file://policy.json']);
  assert.equal(put.stdout.trim(), '');
  const got = ok(['s3api', 'get-bucket-policy', '--bucket', 'guarded']).json;
  assert.deepEqual(Object.keys(got), ['Policy']);
  assert.deepEqual(JSON.parse(got.Policy), policy);
});

test('aws s3api put-bucket-tagging then get-bucket-tagging answers the TagSet', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('tagged');
  ok(['s3api', 'put-bucket-tagging', '--bucket', 'tagged', '--tagging', 'TagSet=[{Key=env,Value=test},{Key=team,Value=growth}]']);
  const got = ok(['s3api', 'get-bucket-tagging', '--bucket', 'tagged']).json;
  assert.deepEqual(got, { TagSet: [{ Key: 'env', Value: 'test' }, { Key: 'team', Value: 'growth' }] });
});

test('aws s3api get-bucket-location answers null for a bucket in us-east-1', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('virginia');
  assert.deepEqual(ok(['s3api', 'get-bucket-location', '--bucket', 'virginia']).json, { LocationConstraint: null });
});

test('aws s3api get-bucket-location answers the Region a bucket was created in with a LocationConstraint', (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  const made = ok(['s3api', 'create-bucket', '--bucket', 'dublin', '--region', 'eu-west-1', '--create-bucket-configuration', 'LocationConstraint=eu-west-1']).json;
  assert.equal(made.Location, 'http://dublin.s3.amazonaws.com/');
  // S3 answers <LocationConstraint xmlns="…">eu-west-1</LocationConstraint>: the Region is the root's text.
  assert.deepEqual(ok(['s3api', 'get-bucket-location', '--bucket', 'dublin', '--region', 'eu-west-1']).json, { LocationConstraint: 'eu-west-1' });
});

test('a multipart upload through create-multipart-upload, upload-part, list-parts and complete-multipart-upload', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('parts');
  const p1 = BIG.subarray(0, 5 * 1024 * 1024);
  const p2 = BIG.subarray(5 * 1024 * 1024, 5 * 1024 * 1024 + 1000);
  writeFileSync(join(dir, 'p1.bin'), p1);
  writeFileSync(join(dir, 'p2.bin'), p2);
  const created = ok(['s3api', 'create-multipart-upload', '--bucket', 'parts', '--key', 'joined.bin', '--content-type', 'application/x-joined']).json;
  assert.equal(created.Bucket, 'parts');
  assert.equal(created.Key, 'joined.bin');
  assert.equal(typeof created.UploadId, 'string');
  const upload = ['--bucket', 'parts', '--key', 'joined.bin', `--upload-id=${created.UploadId}`];
  const e1 = ok(['s3api', 'upload-part', ...upload, '--part-number', '1', '--body', 'p1.bin']).json.ETag;
  const e2 = ok(['s3api', 'upload-part', ...upload, '--part-number', '2', '--body', 'p2.bin']).json.ETag;
  assert.equal(e1, `"${md5(p1)}"`);
  assert.equal(e2, `"${md5(p2)}"`);
  const listed = ok(['s3api', 'list-parts', ...upload]).json;
  assert.deepEqual(listed.Parts.map((p: { PartNumber: number; Size: number; ETag: string }) => [p.PartNumber, p.Size, p.ETag]), [[1, p1.length, e1], [2, p2.length, e2]]);
  assert.equal(listed.StorageClass, 'STANDARD');
  writeFileSync(join(dir, 'mpu.json'), JSON.stringify({ Parts: [{ ETag: e1, PartNumber: 1 }, { ETag: e2, PartNumber: 2 }] }));
  const done = ok(['s3api', 'complete-multipart-upload', ...upload, '--multipart-upload', 'file://mpu.json']).json;
  const etag = createHash('md5').update(Buffer.concat([createHash('md5').update(p1).digest(), createHash('md5').update(p2).digest()])).digest('hex');
  assert.equal(done.ETag, `"${etag}-2"`);
  assert.equal(done.Bucket, 'parts');
  assert.equal(done.Key, 'joined.bin');
  assert.equal(typeof done.Location, 'string');
  const head = ok(['s3api', 'head-object', '--bucket', 'parts', '--key', 'joined.bin']).json;
  assert.equal(head.ContentLength, p1.length + p2.length);
  assert.equal(head.ContentType, 'application/x-joined');
  assert.equal(sha256(await bytes('parts', 'joined.bin')), sha256(Buffer.concat([p1, p2])));
  assert.equal(ok(['s3api', 'list-multipart-uploads', '--bucket', 'parts']).json?.Uploads, undefined);
  // Started by the account root, the Initiator is the account: the same as the Owner (S3 API Reference, ListParts).
  assert.deepEqual(listed.Initiator, listed.Owner);
});

test('aws s3api abort-multipart-upload discards the upload: list-multipart-uploads no longer shows it and list-parts answers NoSuchUpload', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('aborts');
  writeFileSync(join(dir, 'part.bin'), 'a small last part');
  const { UploadId } = ok(['s3api', 'create-multipart-upload', '--bucket', 'aborts', '--key', 'never.bin']).json;
  const upload = ['--bucket', 'aborts', '--key', 'never.bin', `--upload-id=${UploadId}`];
  ok(['s3api', 'upload-part', ...upload, '--part-number', '1', '--body', 'part.bin']);
  const pending = ok(['s3api', 'list-multipart-uploads', '--bucket', 'aborts']).json;
  assert.deepEqual(pending.Uploads.map((u: { Key: string; UploadId: string }) => [u.Key, u.UploadId]), [['never.bin', UploadId]]);
  const aborted = ok(['s3api', 'abort-multipart-upload', ...upload]);
  assert.equal(aborted.stdout.trim(), '');
  assert.equal(ok(['s3api', 'list-multipart-uploads', '--bucket', 'aborts']).json?.Uploads, undefined);
  serviceError(aws(['s3api', 'list-parts', ...upload]), 'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');
  assert.deepEqual(await keys('aborts'), []);
});

test('aws s3api put-object-tagging replaces an object\'s tags, and get-object-tagging answers them', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('otags');
  await put('otags', 'k.txt', 'x', { Tagging: 'old=1' });
  ok(['s3api', 'put-object-tagging', '--bucket', 'otags', '--key', 'k.txt', '--tagging', 'TagSet=[{Key=project,Value=rolegate},{Key=stage,Value=e2e}]']);
  const got = ok(['s3api', 'get-object-tagging', '--bucket', 'otags', '--key', 'k.txt']).json;
  assert.deepEqual(got.TagSet, [{ Key: 'project', Value: 'rolegate' }, { Key: 'stage', Value: 'e2e' }]);
});

// ---------------------------------------------------------------------------------------------
// Errors as the CLI prints them

test('get-object of a missing key exits 254 and prints NoSuchKey', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('errs');
  const r = aws(['s3api', 'get-object', '--bucket', 'errs', '--key', 'missing.txt', 'out.txt']);
  serviceError(r, 'NoSuchKey', 'when calling the GetObject operation');
  assert.match(r.stderr, /The specified key does not exist\./);
});

test('create-bucket with an invalid name exits 254 and prints InvalidBucketName', (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  serviceError(aws(['s3api', 'create-bucket', '--bucket', 'Not_A_Valid_Name']), 'InvalidBucketName', 'The specified bucket is not valid.');
});

test('head-object of a missing key exits 254 with 404 Not Found (HEAD answers carry no error body)', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('errs');
  serviceError(aws(['s3api', 'head-object', '--bucket', 'errs', '--key', 'missing.txt']), /An error occurred \(404\) when calling the HeadObject operation.*: Not Found/);
});

test('a wrong secret key is refused with SignatureDoesNotMatch', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('errs');
  const r = aws(['s3api', 'list-objects-v2', '--bucket', 'errs'], { accessKeyId: TEST_ROOT.accessKeyId, secretAccessKey: 'not-the-secret-key-000000000000000000000' });
  serviceError(r, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
});

test('an access key that does not exist is refused with InvalidAccessKeyId', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('errs');
  const r = aws(['s3api', 'list-objects-v2', '--bucket', 'errs'], { accessKeyId: 'AKIAEXAMPLENOTAKEY00', secretAccessKey: TEST_ROOT.secretAccessKey });
  serviceError(r, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
});

// ---------------------------------------------------------------------------------------------
// Presigned URLs

/** The CLI's presigned GET URL for s3://bucket/key. */
function presign(target: string, expiresIn: number): string {
  const url = ok(['s3', 'presign', target, '--expires-in', String(expiresIn)]).stdout.trim();
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/.*X-Amz-Signature=[0-9a-f]{64}/);
  return url;
}

test('aws s3 presign makes a URL that anyone can GET with plain HTTP (200 and the bytes)', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('shared');
  const body = randomBytes(64 * 1024);
  await put('shared', 'files/blob.bin', body);
  const url = presign('s3://shared/files/blob.bin', 60);
  assert.match(url, /X-Amz-Expires=60/);
  const r = await fetch(url);
  assert.equal(r.status, 200);
  assert.equal(sha256(Buffer.from(await r.arrayBuffer())), sha256(body));
});

test('a presigned URL whose signature was altered answers 403 SignatureDoesNotMatch', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('shared');
  await put('shared', 'k.txt', 'secret');
  const url = presign('s3://shared/k.txt', 60);
  const tampered = url.replace(/(X-Amz-Signature=[0-9a-f]{63})([0-9a-f])/, (_, head: string, last: string) => head + (last === '0' ? '1' : '0'));
  assert.notEqual(tampered, url);
  const r = await fetch(tampered);
  assert.equal(r.status, 403);
  const xml = await r.text();
  assert.match(xml, /<Error><Code>SignatureDoesNotMatch<\/Code><Message>The request signature we calculated does not match the signature you provided\. Check your key and signing method\.<\/Message>/);
});

test('an expired presigned URL answers 403 AccessDenied "Request has expired"', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('shared');
  await put('shared', 'k.txt', 'secret');
  const url = presign('s3://shared/k.txt', 1);
  await sleep(2100);
  const r = await fetch(url);
  assert.equal(r.status, 403);
  const xml = await r.text();
  assert.match(xml, /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
});

test('a presigned PUT URL (from @aws-sdk/s3-request-presigner) uploads with plain HTTP, and the CLI reads the object back', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('dropbox');
  // WHEN_REQUIRED: no x-amz-checksum-crc32 of an empty body signed into the URL.
  const signer = new S3Client({ endpoint: rg.server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: TEST_ROOT, requestChecksumCalculation: 'WHEN_REQUIRED' });
  const url = await getSignedUrl(signer, new PutObjectCommand({ Bucket: 'dropbox', Key: 'inbox/upload.txt', ContentType: 'text/plain' }), { expiresIn: 60 });
  assert.doesNotMatch(url, /checksum/i);
  const r = await fetch(url, { method: 'PUT', body: 'sent with a presigned URL', headers: { 'content-type': 'text/plain' } });
  assert.equal(r.status, 200, await r.text());
  assert.equal(r.headers.get('etag'), `"${md5('sent with a presigned URL')}"`);
  assert.equal(ok(['s3', 'cp', 's3://dropbox/inbox/upload.txt', '-']).stdout, 'sent with a presigned URL');
  const head = await s3().send(new HeadObjectCommand({ Bucket: 'dropbox', Key: 'inbox/upload.txt' }));
  assert.equal(head.ContentType, 'text/plain');
});

// ---------------------------------------------------------------------------------------------
// A role session with AmazonS3ReadOnlyAccess

/** A user allowed sts:AssumeRole on a role that trusts it and has AmazonS3ReadOnlyAccess; `aws sts assume-role` as that user. */
async function readOnlySession(): Promise<Credentials> {
  const iam = rg.iam;
  const roleArn = `arn:aws:iam::${TEST_ACCOUNT}:role/S3Reader`;
  const user = await iam.send(new CreateUserCommand({ UserName: 'operator' }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'operator', PolicyName: 'assume-s3-reader', PolicyDocument: JSON.stringify({
    Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn }],
  }) }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'operator' }))).AccessKey!;
  await iam.send(new CreateRoleCommand({ RoleName: 'S3Reader', AssumeRolePolicyDocument: JSON.stringify({
    Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: user.User!.Arn }, Action: 'sts:AssumeRole' }],
  }) }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'S3Reader', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
  const assumed = ok(['sts', 'assume-role', '--role-arn', roleArn, '--role-session-name', 'cli-reader'],
    { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }).json;
  assert.equal(assumed.AssumedRoleUser.Arn, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/S3Reader/cli-reader`);
  const c = assumed.Credentials;
  assert.match(c.AccessKeyId, /^ASIA/);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

test('a session of a role with AmazonS3ReadOnlyAccess lists and reads objects with aws s3 ls and aws s3 cp … -', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('reports');
  await put('reports', 'daily/2024-06-01.csv', 'day,count\n1,42\n');
  const session = await readOnlySession();
  const listed = lines(ok(['s3', 'ls', 's3://reports/', '--recursive'], session));
  assert.equal(listed.length, 1);
  assert.match(listed[0], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+15 daily\/2024-06-01\.csv$/);
  assert.match(ok(['s3', 'ls', 's3://reports/'], session).stdout, /PRE daily\//);
  assert.equal(ok(['s3', 'cp', 's3://reports/daily/2024-06-01.csv', '-'], session).stdout, 'day,count\n1,42\n');
});

test('a session of a role with AmazonS3ReadOnlyAccess cannot upload: aws s3 cp to S3 fails with AccessDenied', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  workdir();
  await bucket('reports');
  const session = await readOnlySession();
  writeFileSync(join(dir, 'x.txt'), 'not allowed');
  const r = aws(['s3', 'cp', 'x.txt', 's3://reports/x.txt', '--no-progress'], session);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /upload failed: \.\/x\.txt to s3:\/\/reports\/x\.txt An error occurred \(AccessDenied\) when calling the PutObject operation/);
  assert.match(r.stderr, /assumed-role\/S3Reader\/cli-reader is not authorized to perform: s3:PutObject/);
  assert.deepEqual(await keys('reports'), []);
});

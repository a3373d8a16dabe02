// Routing: every operation of every service rolegate serves is found from a request built the way
// the SDKs build it: X-Amz-Target for json, the Action for query, the requestUri (labels, greedy
// labels, required query keys and members, required headers) for the REST services, and S3's
// virtual hosts as the path style they stand for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { routableServices } from '../../src/server/services.js';
import { createRouter, RoutingError } from '../../src/protocol/routing.js';
import type { Operation } from '../../src/protocol/resolved.js';
import type { RoutableService } from '../../src/protocol/service.js';

const services = routableServices();
const router = createRouter(services);

test('every modelled service is routed, each under its signing name', () => {
  assert.deepEqual(services.map((s) => `${s.name}:${s.signingName}:${s.resolved.model.metadata.protocol}`), [
    'iam:iam:query', 'sts:sts:query', 's3:s3:rest-xml', 'kinesis:kinesis:json', 'firehose:firehose:json',
    'pinpoint:mobiletargeting:rest-json', 'personalize:personalize:json', 'personalize-runtime:personalize:rest-json',
  ]);
});

const auth = (signingName: string) => `AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261202/us-east-1/${signingName}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`;

/** Label values with the characters that need care: slashes in greedy labels, spaces, unicode. */
const labelValue = (name: string, greedy: boolean) => (greedy ? `dir/sub dir/${name}-ü.txt` : `${name.toLowerCase()}-1`);

function restRequest(op: Operation, signingName: string | undefined): { method: string; rawPath: string; rawQuery: string; headers: IncomingHttpHeaders; labels: Record<string, string> } {
  const [pathPart, templateQuery] = op.requestUri.split('?');
  const labels: Record<string, string> = {};
  const rawPath = pathPart.replace(/\{([^}+]+)(\+)?\}/g, (_, name: string, plus: string | undefined) => {
    const v = labelValue(name, plus === '+');
    labels[name] = v;
    return plus ? v.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(v);
  });
  const query = new URLSearchParams(templateQuery ?? '');
  const headers: IncomingHttpHeaders = { host: '127.0.0.1:4577' };
  if (signingName) headers.authorization = auth(signingName);
  for (const m of op.input?.members ?? []) {
    if (!m.required) continue;
    if (m.location === 'querystring') query.set(m.wireName, '1');
    if (m.location === 'header') headers[m.wireName.toLowerCase()] = 'bucket/key';
  }
  return { method: op.method, rawPath, rawQuery: query.toString(), headers, labels };
}

/**
 * Operations whose requests are the same on the wire as another's, and which AWS answers as that
 * other: S3's deprecated bucket lifecycle and notification operations share their successors' URIs,
 * and ListDirectoryBuckets is `GET /` on the S3 Express control endpoint, which is ListBuckets here.
 */
const twins: Record<string, string> = {
  's3.GetBucketLifecycle': 's3.GetBucketLifecycleConfiguration',
  's3.PutBucketLifecycle': 's3.PutBucketLifecycleConfiguration',
  's3.GetBucketNotification': 's3.GetBucketNotificationConfiguration',
  's3.PutBucketNotification': 's3.PutBucketNotificationConfiguration',
  's3.ListDirectoryBuckets': 's3.ListBuckets',
};

function routeAll(service: RoutableService, signed: boolean): string[] {
  const wrong: string[] = [];
  for (const op of service.resolved.operations.values()) {
    let found: string | undefined;
    try {
      if (service.resolved.model.metadata.protocol === 'json') {
        const r = router.route({ method: 'POST', rawPath: '/', rawQuery: '', headers: { 'x-amz-target': `${service.resolved.model.metadata.targetPrefix}.${op.name}`, 'content-type': 'application/x-amz-json-1.1', ...(signed ? { authorization: auth(service.signingName) } : {}) } });
        found = `${r.service.name}.${r.operation?.name}`;
      } else if (service.resolved.model.metadata.protocol === 'query') {
        const r = router.route({ method: 'POST', rawPath: '/', rawQuery: '', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signed ? { authorization: auth(service.signingName) } : {}) } });
        const o = router.queryOperation(r, new URLSearchParams({ Action: op.name, Version: service.resolved.model.metadata.apiVersion }));
        found = `${r.service.name}.${o.name}`;
      } else {
        const req = restRequest(op, signed ? service.signingName : undefined);
        const r = router.route(req);
        found = `${r.service.name}.${r.operation?.name}`;
        assert.deepEqual(r.labels, req.labels, `${op.name} labels`);
      }
    } catch (e) {
      found = e instanceof RoutingError ? `error ${e.code}` : String(e);
    }
    const expected = twins[`${service.name}.${op.name}`] ?? `${service.name}.${op.name}`;
    if (found !== expected) wrong.push(`${op.name} → ${found}`);
  }
  return wrong;
}

for (const service of services) {
  test(`every ${service.name} operation is routed to itself (${service.resolved.operations.size} operations, signed)`, () => {
    assert.deepEqual(routeAll(service, true), []);
  });
}

test('unsigned REST requests find their operation too (S3 anonymous access, Pinpoint before S3)', () => {
  for (const name of ['s3', 'pinpoint']) {
    const service = services.find((s) => s.name === name)!;
    assert.deepEqual(routeAll(service, false), [], name);
  }
});

test('S3 virtual-hosted style: the bucket in the host is the path style it stands for', () => {
  const cases: [string, string, string, string, string][] = [
    // host, method, path, query, expected operation
    ['my-bucket.localhost:4577', 'GET', '/', 'list-type=2', 'ListObjectsV2'],
    ['my-bucket.localhost:4577', 'GET', '/', '', 'ListObjects'],
    ['my-bucket.s3.localhost:4577', 'PUT', '/', '', 'CreateBucket'],
    ['my-bucket.localhost:4577', 'PUT', '/a/b.txt', '', 'PutObject'],
    ['my-bucket.localhost:4577', 'POST', '/a/b.txt', 'uploads', 'CreateMultipartUpload'],
    ['my-bucket.localhost:4577', 'PUT', '/a/b.txt', 'partNumber=1&uploadId=u', 'UploadPart'],
    ['my-bucket.localhost:4577', 'GET', '/a/b.txt', 'uploadId=u', 'ListParts'],
    ['my-bucket.localhost:4577', 'GET', '/a/b.txt', 'tagging', 'GetObjectTagging'],
    ['my-bucket.localhost:4577', 'GET', '/', 'tagging', 'GetBucketTagging'],
    ['my-bucket.s3.us-east-1.amazonaws.com', 'DELETE', '/k', '', 'DeleteObject'],
    ['my-bucket.localhost:4577', 'POST', '/', 'delete', 'DeleteObjects'],
    ['localhost:4577', 'GET', '/', '', 'ListBuckets'],
    ['127.0.0.1:4577', 'HEAD', '/my-bucket', '', 'HeadBucket'],
    ['127.0.0.1:4577', 'HEAD', '/my-bucket/', '', 'HeadBucket'],
    ['127.0.0.1:4577', 'GET', '/my-bucket/a%2Fb/c%20d', '', 'GetObject'],
  ];
  for (const [host, method, rawPath, rawQuery, expected] of cases) {
    const r = router.route({ method, rawPath, rawQuery, headers: { host, authorization: auth('s3') } });
    assert.equal(r.operation?.name, expected, `${method} ${host}${rawPath}?${rawQuery}`);
    if (expected !== 'ListBuckets') assert.equal(r.labels.Bucket, 'my-bucket', `${method} ${host}${rawPath}`);
  }
  const copy = router.route({ method: 'PUT', rawPath: '/b/k', rawQuery: '', headers: { host: 'localhost', authorization: auth('s3'), 'x-amz-copy-source': '/a/k' } });
  assert.equal(copy.operation?.name, 'CopyObject');
  const get = router.route({ method: 'GET', rawPath: '/my-bucket/a%2Fb/c%20d', rawQuery: '', headers: { host: 'localhost', authorization: auth('s3') } });
  assert.equal(get.labels.Key, 'a/b/c d');
});

test('a credential scope for a service rolegate does not serve is refused in the protocol the client speaks', () => {
  const cases: [IncomingHttpHeaders, string][] = [
    [{ 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': 'application/x-amz-json-1.0' }, 'json'],
    [{ 'content-type': 'application/json' }, 'rest-json'],
    [{ 'content-type': 'application/x-www-form-urlencoded' }, 'query'],
    [{ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, 'rest-xml'],
  ];
  for (const [headers, protocol] of cases) {
    assert.throws(() => router.route({ method: 'POST', rawPath: '/', rawQuery: '', headers: { ...headers, authorization: auth('dynamodb') } }), (e: unknown) => {
      assert.ok(e instanceof RoutingError);
      assert.equal(e.code, 'InvalidClientTokenId');
      assert.equal(e.status, 403);
      assert.equal(e.envelope.resolved.model.metadata.protocol, protocol);
      assert.equal(e.message, "Credential should be scoped to a valid service: 'dynamodb'.");
      return true;
    });
  }
});

test('an X-Amz-Target naming no operation of the service is UnknownOperationException', () => {
  assert.throws(() => router.route({ method: 'POST', rawPath: '/', rawQuery: '', headers: { 'x-amz-target': 'Kinesis_20131202.FlyToTheMoon', authorization: auth('kinesis') } }), (e: unknown) => {
    assert.ok(e instanceof RoutingError);
    assert.equal(e.code, 'UnknownOperationException');
    assert.equal(e.envelope.name, 'kinesis');
    return true;
  });
});

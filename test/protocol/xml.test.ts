// rest-xml bodies with the real S3 client as the oracle, in-process: the SDK's serializer checks
// readXmlBody, its parser checks writeXmlBody and the error documents, over every S3 operation the model has.
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import * as s3 from '@aws-sdk/client-s3';
import { model } from '../../src/generated/s3/model.js';
import { resolveService, type Member, type Operation, type Shape } from '../../src/protocol/resolved.js';
import type { ServiceModel } from '../../src/protocol/model.js';
import { AwsError } from '../../src/protocol/errors.js';
import { readXmlBody } from '../../src/protocol/xml/read.js';
import { writeXmlBody } from '../../src/protocol/xml/write.js';
import { restXmlCodec } from '../../src/protocol/rest-xml/codec.js';
import { writeRestXmlError, writeS3Error } from '../../src/protocol/xml/error-documents.js';
import { rejectsWith } from '../support/errors.js';

const service = resolveService(model);
const S3_NS = { uri: 'http://s3.amazonaws.com/doc/2006-03-01/' };
type Reply = { status: number; headers?: Record<string, string>; body: string };
type Command = new (input: Record<string, unknown>) => Parameters<s3.S3Client['send']>[0];

/** An S3 client whose transport hands each serialized request to `respond`. */
function client(respond: (request: HttpRequest) => Reply) {
  return new s3.S3Client({
    endpoint: 'http://127.0.0.1:1', forcePathStyle: true, region: 'us-east-1', maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
    requestHandler: {
      async handle(request: HttpRequest) {
        const r = respond(request);
        const headers = { 'x-amz-request-id': 'req-1', 'x-amz-id-2': 'host-1', ...r.headers };
        return { response: new HttpResponse({ statusCode: r.status, headers, body: Buffer.from(r.body) }) };
      },
    },
  });
}

const sdkCommand = (op: string) => (s3 as unknown as Record<string, Command | undefined>)[`${op}Command`];

function command(op: string): Command {
  const c = sdkCommand(op);
  assert.ok(c, `the SDK has ${op}Command`);
  return c;
}

// The SDK v3 does not ship the operations S3 deprecated in favour of their *Configuration successors,
// so no client can check them; the model still has them.
const NOT_IN_SDK = ['GetBucketLifecycle', 'GetBucketNotification', 'PutBucketLifecycle', 'PutBucketNotification'];
const inSdk = (op: Operation) => sdkCommand(op.name) !== undefined;

test('the only S3 operations without an SDK command are the deprecated four', () => {
  assert.deepEqual([...service.operations.values()].filter((op) => !inSdk(op)).map((op) => op.name), NOT_IN_SDK);
});

/** A value for `shape` with every member filled: lists and maps of 2, enums respected, whole-second timestamps, one union member. */
function sample(shape: Shape, depth = 0, seed = { n: 0 }): unknown {
  const n = ++seed.n;
  switch (shape.type) {
    case 'structure': {
      if (depth > 6 || shape.streaming || shape.eventstream) return undefined;
      const out: Record<string, unknown> = {};
      for (const m of shape.members) {
        if (m.location !== undefined || m.shape.streaming || m.shape.eventstream) continue;
        const v = sample(m.shape, depth + 1, seed);
        if (v === undefined) continue;
        out[m.name] = v;
        if (shape.union) break;
      }
      return out;
    }
    case 'list': {
      const a = sample(shape.member!.shape, depth + 1, seed);
      return a === undefined ? undefined : [a, sample(shape.member!.shape, depth + 1, seed)];
    }
    case 'map':
      return { k1: sample(shape.value!.shape, depth + 1, seed), k2: sample(shape.value!.shape, depth + 1, seed) };
    case 'string':
      return shape.enum ? shape.enum[n % shape.enum.length] : `v${n} &<>"' é`;
    case 'integer':
    case 'long':
      return n;
    case 'float':
    case 'double':
      return n + 0.5;
    case 'boolean':
      return n % 2 === 0;
    case 'timestamp':
      return new Date(Date.UTC(2024, 0, 2, 3, 4, n % 60));
    case 'blob':
      return new Uint8Array([n, 0, 255]);
  }
}

/** The required members of an input, filled so the SDK will send it (labels first: Bucket, Key). */
function requiredInput(op: Operation): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const m of op.input?.members ?? []) {
    if (!m.required) continue;
    if (m.location === 'uri') input[m.name] = m.name === 'Bucket' ? 'amzn-s3-demo-bucket' : 'photos/2024/a.jpg';
    else if (m.shape.type === 'string' && !m.shape.enum) input[m.name] = `${m.name}-1`;
    else if (m.shape.type === 'blob') input[m.name] = 'body';
    else input[m.name] = sample(m.shape);
  }
  return input;
}

// The SDK's Smithy model targets strings for S3's part-number markers where the JSON model (ours)
// has integers: the wire text is the same digits, only the JavaScript type differs. Compare as the SDK types them.
const SDK_STRING_SHAPES = new Set(['PartNumberMarker', 'NextPartNumberMarker']);
function asSdkTypes(shape: Shape, v: unknown): unknown {
  if (SDK_STRING_SHAPES.has(shape.name)) return String(v);
  if (shape.type === 'list') return (v as unknown[]).map((x) => asSdkTypes(shape.member!.shape, x));
  if (shape.type !== 'structure') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = asSdkTypes(shape.memberByName.get(k)!.shape, x);
  return out;
}

const bodyMembers = (shape: Shape): Member[] => shape.members.filter((m) => m.location === undefined);
const xmlShape = (s: Shape | undefined) => s !== undefined && s.type === 'structure' && !s.streaming && !s.eventstream;

test('every S3 request payload the SDK serializes reads back as exactly the value sent', async () => {
  let body = '';
  let reply = '';
  const c = client((request) => {
    body = String(request.body);
    return { status: 200, body: reply };
  });
  const checked: string[] = [];
  for (const op of service.operations.values()) {
    const payload = op.input?.payload;
    if (!payload || !xmlShape(payload.shape) || !inSdk(op)) continue; // PutBucketPolicy's string, PutObject's stream: not XML
    // The SDK takes a 200 with an empty body as an aborted CompleteMultipartUpload: answer a document.
    reply = op.output ? writeXmlBody(op.output, {}, 'Result', S3_NS) : '';
    const value = sample(payload.shape) as Record<string, unknown>;
    await c.send(new (command(op.name))({ ...requiredInput(op), [payload.name]: value }));
    assert.deepEqual(readXmlBody(payload.shape, body, payload.wireName), value, op.name);
    checked.push(op.name);
  }
  assert.ok(checked.length >= 30, `checked ${checked.length} operations`);
});

test('SelectObjectContent sends its body members under the root and they read back', async () => {
  let body = '';
  const c = client((request) => {
    body = String(request.body);
    return { status: 400, body: writeS3Error(new AwsError('InvalidRequest', 'stop here'), 'r', 'h') };
  });
  const op = service.operations.get('SelectObjectContent')!;
  const members = sample(op.input!) as Record<string, unknown>;
  await rejectsWith(c.send(new (command(op.name))({ ...requiredInput(op), ...members })), 'InvalidRequest', 400);
  assert.deepEqual(readXmlBody(op.input!, body, 'SelectObjectContentRequest'), members);
});

test('every XML-bodied S3 output we write is parsed by the SDK into the same members', async () => {
  let reply = '';
  const c = client(() => ({ status: 200, headers: { 'content-type': 'application/xml' }, body: reply }));
  const checked: string[] = [];
  const failures: string[] = [];
  for (const op of service.operations.values()) {
    const out = op.output;
    if (!out) continue;
    const payload = out.payload;
    if (!inSdk(op) || (payload ? !xmlShape(payload.shape) : bodyMembers(out).length === 0)) continue; // GetObject's stream, SelectObjectContent's events
    const shape = payload ? payload.shape : out;
    const value = sample(shape) as Record<string, unknown>;
    const root = shape.locationName ?? payload?.wireName ?? out.name;
    reply = writeXmlBody(shape, value, root, S3_NS);
    const got = (await c.send(new (command(op.name))(requiredInput(op)))) as unknown as Record<string, unknown>;
    const sdkValue = asSdkTypes(shape, value) as Record<string, unknown>;
    const pairs: [string, unknown, unknown][] = payload ? [[op.name, got[payload.name], sdkValue]] : bodyMembers(out).map((m) => [`${op.name}.${m.name}`, got[m.name], sdkValue[m.name]]);
    for (const [where, actual, expected] of pairs) {
      try { assert.deepEqual(actual, expected); } catch (e) { failures.push(`${where}: ${(e as Error).message.slice(0, 600)}`); }
    }
    checked.push(op.name);
  }
  assert.deepEqual(failures, []);
  assert.ok(checked.length >= 45, `checked ${checked.length} operations`);
});

test("GetBucketLocation's real document, the value as the root's text, reaches the SDK", async () => {
  const op = service.operations.get('GetBucketLocation')!;
  const member = op.output!.memberByName.get('LocationConstraint')!;
  const reply = writeXmlBody(member.shape, 'eu-west-1', 'LocationConstraint', S3_NS);
  assert.equal(reply, '<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>');
  const c = client(() => ({ status: 200, body: reply }));
  const out = await c.send(new s3.GetBucketLocationCommand({ Bucket: 'amzn-s3-demo-bucket' }));
  assert.equal(out.LocationConstraint, 'eu-west-1');
});

test('GetBucketLocation serializes as the Region in the root\'s text, and an empty root for us-east-1', async () => {
  const codec = restXmlCodec(service, 's3');
  const op = service.operations.get('GetBucketLocation')!;
  const elsewhere = codec.serializeOutput(op, { LocationConstraint: 'eu-west-1' }, 'req-1');
  assert.equal(elsewhere.headers['content-type'], 'application/xml');
  assert.equal(elsewhere.body, '<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>');
  const virginia = codec.serializeOutput(op, {}, 'req-2');
  assert.equal(virginia.body, '<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></LocationConstraint>');
  let reply = '';
  const c = client(() => ({ status: 200, body: reply }));
  reply = String(elsewhere.body);
  assert.equal((await c.send(new s3.GetBucketLocationCommand({ Bucket: 'amzn-s3-demo-bucket' }))).LocationConstraint, 'eu-west-1');
  reply = String(virginia.body);
  assert.equal((await c.send(new s3.GetBucketLocationCommand({ Bucket: 'amzn-s3-demo-bucket' }))).LocationConstraint, undefined);
});

test('an output whose one scalar member is named otherwise stays nested under the root (GetBucketAccelerateConfiguration)', () => {
  const codec = restXmlCodec(service, 's3');
  const op = service.operations.get('GetBucketAccelerateConfiguration')!;
  const r = codec.serializeOutput(op, { Status: 'Enabled' }, 'req-3');
  assert.equal(r.body, '<?xml version="1.0" encoding="UTF-8"?>\n<AccelerateConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></AccelerateConfiguration>');
});

test('every modelled S3 error and the common ones reach the SDK with their code, message and status', async () => {
  const cases: [string, number][] = [['AccessDenied', 403], ['SignatureDoesNotMatch', 403], ['InternalError', 500], ['MalformedXML', 400]];
  for (const [code, shape] of service.errorsByCode) cases.push([code, shape.error!.status]);
  let reply: Reply = { status: 0, body: '' };
  const c = client(() => reply);
  for (const [code, status] of cases) {
    const op = [...service.operations.values()].find((o) => o.errors.some((e) => e.error!.code === code)) ?? service.operations.get('GetObject')!;
    const message = `${code}: the message <&> "quoted"`;
    reply = { status, body: writeS3Error(new AwsError(code, message, status), 'req-1', 'host-1') };
    const err = await rejectsWith(c.send(new (command(op.name))(requiredInput(op))), code, status, message);
    const modelled = (s3 as unknown as Record<string, unknown>)[code];
    if (typeof modelled === 'function') assert.ok(err instanceof (modelled as new () => Error), `${code} is the SDK's class`);
  }
});

test("S3's error document lists the fields in order, then RequestId and HostId, and the SDK reads them", async () => {
  const err = new AwsError('InvalidObjectState', 'The operation is not valid for the object\'s storage class', 403, 'Sender', { StorageClass: 'GLACIER', AccessTier: 'ARCHIVE_ACCESS' });
  const doc = writeS3Error(err, '4442587FB7D0A2F9', 'host/id=');
  assert.equal(doc, '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidObjectState</Code><Message>The operation is not valid for the object&apos;s storage class</Message>' +
    '<StorageClass>GLACIER</StorageClass><AccessTier>ARCHIVE_ACCESS</AccessTier><RequestId>4442587FB7D0A2F9</RequestId><HostId>host/id=</HostId></Error>');
  const c = client(() => ({ status: 403, body: doc }));
  const e = (await rejectsWith(c.send(new s3.GetObjectCommand({ Bucket: 'b', Key: 'k' })), 'InvalidObjectState', 403)) as s3.InvalidObjectState;
  assert.equal(e.StorageClass, 'GLACIER');
  assert.equal(e.AccessTier, 'ARCHIVE_ACCESS');
  const key = writeS3Error(new AwsError('NoSuchKey', 'The specified key does not exist.', 404, 'Sender', { Key: 'a&b' }), 'r', 'h');
  assert.match(key, /<Message>The specified key does not exist\.<\/Message><Key>a&amp;b<\/Key><RequestId>r<\/RequestId><HostId>h<\/HostId><\/Error>$/);
});

test('the generic rest-xml <ErrorResponse> envelope carries Type, Code and Message to the SDK', async () => {
  const doc = writeRestXmlError(new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404), 'req-9', 'https://example.amazonaws.com/doc/');
  assert.equal(doc, '<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="https://example.amazonaws.com/doc/"><Error><Type>Sender</Type><Code>NoSuchBucket</Code>' +
    '<Message>The specified bucket does not exist</Message></Error><RequestId>req-9</RequestId></ErrorResponse>');
  const c = client(() => ({ status: 404, body: doc }));
  await rejectsWith(c.send(new s3.ListObjectsV2Command({ Bucket: 'b' })), 'NoSuchBucket', 404, 'The specified bucket does not exist');
});

test('a Grantee keeps its xsi:type attribute and xmlns:xsi prefix both ways', async () => {
  let body = '';
  const c = client((request) => {
    body = String(request.body);
    return { status: 200, body: '' };
  });
  const policy = { Owner: { ID: 'o1' }, Grants: [{ Grantee: { Type: 'Group' as const, URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' as const }] };
  await c.send(new s3.PutBucketAclCommand({ Bucket: 'b', AccessControlPolicy: policy }));
  const acl = service.operations.get('PutBucketAcl')!.input!.payload!;
  assert.deepEqual(readXmlBody(acl.shape, body, 'AccessControlPolicy'), policy);

  const out = service.operations.get('GetBucketAcl')!.output!;
  const reply = writeXmlBody(out, policy, 'AccessControlPolicy', S3_NS);
  assert.ok(reply.includes('<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>'), reply);
  const got = await client(() => ({ status: 200, body: reply })).send(new s3.GetBucketAclCommand({ Bucket: 'b' }));
  assert.deepEqual(got.Grants, policy.Grants);
});

test('a prefixed document (<s3:Tagging xmlns:s3=…>) reads by local names', () => {
  const tagging = service.operations.get('PutBucketTagging')!.input!.payload!.shape;
  const xml = '<?xml version="1.0"?>\n<s3:Tagging xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/">\n  <s3:TagSet>\n    <s3:Tag><s3:Key>k</s3:Key><s3:Value> v </s3:Value></s3:Tag>\n  </s3:TagSet>\n  <Unknown>ignored</Unknown>\n</s3:Tagging>';
  assert.deepEqual(readXmlBody(tagging, xml, 'Tagging'), { TagSet: [{ Key: 'k', Value: ' v ' }] });
});

test('flattened lists of one element and empty lists survive both directions', async () => {
  let body = '';
  const c = client((request) => {
    body = String(request.body);
    return { status: 200, body: '' };
  });
  await c.send(new s3.DeleteObjectsCommand({ Bucket: 'b', Delete: { Objects: [{ Key: 'only' }] } }));
  const del = service.operations.get('DeleteObjects')!.input!.payload!;
  assert.deepEqual(readXmlBody(del.shape, body, 'Delete'), { Objects: [{ Key: 'only' }] });
  await c.send(new s3.PutBucketTaggingCommand({ Bucket: 'b', Tagging: { TagSet: [] } }));
  const tagging = service.operations.get('PutBucketTagging')!.input!.payload!;
  assert.deepEqual(readXmlBody(tagging.shape, body, 'Tagging'), { TagSet: [] });

  const list = service.operations.get('ListObjectsV2')!.output!;
  const one = writeXmlBody(list, { Name: 'b', Contents: [{ Key: 'a' }], CommonPrefixes: [] }, 'ListBucketResult', S3_NS);
  assert.ok(one.includes('<Contents><Key>a</Key></Contents><Name>b</Name></ListBucketResult>'), one); // an empty flattened list writes nothing
  const got = await client(() => ({ status: 200, body: one })).send(new s3.ListObjectsV2Command({ Bucket: 'b' }));
  assert.deepEqual(got.Contents, [{ Key: 'a' }]);
  const tags = writeXmlBody(service.operations.get('GetBucketTagging')!.output!, { TagSet: [] }, 'Tagging', S3_NS);
  assert.ok(tags.endsWith('<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet></TagSet></Tagging>'), tags);
  const empty = await client(() => ({ status: 200, body: tags })).send(new s3.GetBucketTaggingCommand({ Bucket: 'b' }));
  assert.deepEqual(empty.TagSet, []);
});

test('keys with &<>"\' and control characters are escaped and come back exactly', async () => {
  const key = 'a&b<c>d"e\'f\u0001g\u001fh\ri\nj\tk\u0085l\u2028m';
  const list = service.operations.get('ListObjectsV2')!.output!;
  const doc = writeXmlBody(list, { Contents: [{ Key: key }] }, 'ListBucketResult', S3_NS);
  assert.ok(doc.includes('<Key>a&amp;b&lt;c&gt;d&quot;e&apos;f&#x1;g&#x1F;h&#xD;i&#xA;j&#x9;k&#x85;l&#x2028;m</Key>'), doc);
  const got = await client(() => ({ status: 200, body: doc })).send(new s3.ListObjectsV2Command({ Bucket: 'b' }));
  assert.equal(got.Contents![0].Key, key);
  assert.deepEqual(readXmlBody(list, doc), { Contents: [{ Key: key }] });

  let body = '';
  const c = client((request) => {
    body = String(request.body);
    return { status: 200, body: '' };
  });
  await c.send(new s3.DeleteObjectsCommand({ Bucket: 'b', Delete: { Objects: [{ Key: key }] } }));
  assert.deepEqual(readXmlBody(service.operations.get('DeleteObjects')!.input!.payload!.shape, body), { Objects: [{ Key: key }] });
});

test('malformed or invalid documents are MalformedXML (400) in S3 words', () => {
  const del = service.operations.get('DeleteObjects')!.input!.payload!.shape;
  const bad = ['', '   ', 'not xml', '<Delete><Object></Delete>', '<Delete/><Delete/>', '<Delete><Quiet>yes</Quiet></Delete>',
    '<Delete><Object><Key>k</Key><Size>12x</Size></Object></Delete>', '<Other/>'];
  for (const xml of bad) {
    assert.throws(() => readXmlBody(del, xml, 'Delete'), (e: unknown) => {
      assert.ok(e instanceof AwsError, xml);
      assert.equal(e.code, 'MalformedXML');
      assert.equal(e.status, 400);
      assert.equal(e.message, 'The XML you provided was not well-formed or did not validate against our published schema');
      return true;
    }, xml);
  }
});

test('entities a DOCTYPE declares are never expanded', () => {
  const del = service.operations.get('DeleteObjects')!.input!.payload!.shape;
  const xml = '<?xml version="1.0"?><!DOCTYPE Delete [<!ENTITY x "expanded">]><Delete><Object><Key>&x;&amp;</Key></Object></Delete>';
  assert.deepEqual(readXmlBody(del, Buffer.from(xml)), { Objects: [{ Key: '&x;&' }] });
});

// S3's bodies have no maps, doubles, blobs or other timestamp formats: a small model covers them.
const mini = resolveService(JSON.parse(readFileSync(new URL('../fixtures/protocol/rest-xml/mini-model.json', import.meta.url), 'utf8')) as ServiceModel);

test('maps, flattened maps, unions, doubles, blobs and the three timestamp formats round trip', () => {
  const doc = mini.shapes.get('Doc')!;
  const at = new Date('2009-10-12T17:50:30.000Z');
  const value = {
    Attrs: { a: 'x&y' } as Record<string, string>, Flat: { b: '1', c: '2' }, Ratio: -0.25, Data: Buffer.from([0, 1, 254]),
    Choice: { B: Infinity }, Http: at, Epoch: new Date('2009-10-12T17:50:30.500Z'), Iso: at, Nums: [1.5, Number.NaN], Id: 'i"d',
  };
  Object.defineProperty(value.Attrs, '__proto__', { value: 'p', enumerable: true, writable: true, configurable: true });
  const xml = writeXmlBody(doc, value, 'Doc', { uri: 'urn:x' });
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Doc xmlns="urn:x" id="i&quot;d"><Attrs><entry><Name>a</Name><Value>x&amp;y</Value></entry>'), xml);
  assert.ok(xml.includes('<Attr><Name>b</Name><Value>1</Value></Attr><Attr><Name>c</Name><Value>2</Value></Attr>'), xml);
  assert.ok(xml.includes('<Http>Mon, 12 Oct 2009 17:50:30 GMT</Http><Epoch>1255369830.5</Epoch><Iso>2009-10-12T17:50:30.000Z</Iso>'), xml);
  assert.ok(xml.includes('<Data>AAH+</Data><Choice><B>Infinity</B></Choice>'), xml);
  assert.deepEqual(readXmlBody(doc, xml, 'Doc'), value);
});

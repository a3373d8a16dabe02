// Each part of the canonical request on its own: URI, query, headers, signed headers, payload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalUri,
  canonicalQuery,
  canonicalQueryComponent,
  canonicalHeaders,
  canonicalHeaderValue,
  signedHeadersString,
  hashedPayload,
  canonicalRequest,
  EMPTY_SHA256,
  type SignedRequest,
} from '../../../src/auth/sigv4/index.js';

test('a non-S3 path is normalised and encoded a second time', () => {
  assert.equal(canonicalUri('/', false), '/');
  assert.equal(canonicalUri('', false), '/');
  assert.equal(canonicalUri('//example//', false), '/example/');
  assert.equal(canonicalUri('/example/..', false), '/');
  assert.equal(canonicalUri('/a/./b/../c', false), '/a/c');
  assert.equal(canonicalUri('/my%20file', false), '/my%2520file');
  assert.equal(canonicalUri('/example space/', false), '/example%20space/');
  assert.equal(canonicalUri('/ሴ', false), '/%E1%88%B4');
  assert.equal(canonicalUri("/a!'()*$", false), '/a%21%27%28%29%2A%24');
  assert.equal(canonicalUri('/-._~AZaz09', false), '/-._~AZaz09');
});

test('an S3 path is signed as sent: no normalisation, escapes kept, raw characters encoded once', () => {
  assert.equal(canonicalUri('//example//', true), '//example//');
  assert.equal(canonicalUri('/bucket/a/../b', true), '/bucket/a/../b');
  assert.equal(canonicalUri('/bucket/my%20file', true), '/bucket/my%20file');
  assert.equal(canonicalUri('/bucket/my file', true), '/bucket/my%20file');
  assert.equal(canonicalUri('/bucket/é', true), '/bucket/%C3%A9');
});

test('query names and values are decoded and re-encoded with AWS’s unreserved set', () => {
  assert.equal(canonicalQueryComponent('-._~AZaz09'), '-._~AZaz09');
  assert.equal(canonicalQueryComponent('a+b'), 'a%20b');
  assert.equal(canonicalQueryComponent('a%20b'), 'a%20b');
  assert.equal(canonicalQueryComponent('%7e%2d'), '~-');
  assert.equal(canonicalQueryComponent('%c3%a9'), '%C3%A9');
  assert.equal(canonicalQueryComponent('é'), '%C3%A9');
  assert.equal(canonicalQueryComponent("!'()*/:"), '%21%27%28%29%2A%2F%3A');
  assert.equal(canonicalQueryComponent('100%'), '100%25');
  assert.equal(canonicalQueryComponent('%zz'), '%25zz');
  assert.equal(canonicalQueryComponent('%ff'), '%FF');
});

test('the canonical query sorts by name, then value, and gives bare names an empty value', () => {
  assert.equal(canonicalQuery('', false), '');
  assert.equal(canonicalQuery('Param2=value2&Param1=value1', false), 'Param1=value1&Param2=value2');
  assert.equal(canonicalQuery('a=2&a=1&a=&b', false), 'a=&a=1&a=2&b=');
  assert.equal(canonicalQuery('a-b=1&a=1', false), 'a=1&a-b=1');
  assert.equal(canonicalQuery('&&x=1&', false), 'x=1');
  // Sorted by the encoded name, so '%' (0x25) comes before letters.
  assert.equal(canonicalQuery('Z=1&a=1&%E1%88%B4=1', false), '%E1%88%B4=1&Z=1&a=1');
});

test('a presigned query leaves out its X-Amz-Signature, a header-signed one keeps it', () => {
  assert.equal(canonicalQuery('X-Amz-Signature=abc&X-Amz-Date=1', true), 'X-Amz-Date=1');
  assert.equal(canonicalQuery('X-Amz-Signature=abc&X-Amz-Date=1', false), 'X-Amz-Date=1&X-Amz-Signature=abc');
});

test('header values are trimmed and runs of spaces become one space', () => {
  assert.equal(canonicalHeaderValue('value1'), 'value1');
  assert.equal(canonicalHeaderValue('  "a   b   c"  '), '"a b c"');
  assert.equal(canonicalHeaderValue('a\t \tb'), 'a b');
  assert.equal(canonicalHeaderValue(''), '');
});

test('canonical headers follow the signed order, join repeated values with "," and leave absent ones empty', () => {
  const headers = { host: 'example.amazonaws.com', 'my-header1': 'value2, value1', 'x-amz-date': '20150830T123600Z' };
  const signed = ['host', 'my-header1', 'x-amz-date', 'x-absent'];
  assert.equal(canonicalHeaders(headers, signed), 'host:example.amazonaws.com\nmy-header1:value2, value1\nx-amz-date:20150830T123600Z\nx-absent:\n');
  const raw = ['Host', 'example.amazonaws.com', 'My-Header1', 'value2', 'My-Header1', ' value1 ', 'X-Amz-Date', '20150830T123600Z'];
  assert.equal(canonicalHeaders(headers, signed, raw), 'host:example.amazonaws.com\nmy-header1:value2,value1\nx-amz-date:20150830T123600Z\nx-absent:\n');
  assert.equal(canonicalHeaders({ 'set-cookie': ['a', ' b '] }, ['set-cookie']), 'set-cookie:a,b\n');
  assert.equal(signedHeadersString(['host', 'x-amz-date']), 'host;x-amz-date');
});

function body(b: string, headers: Record<string, string> = {}, rawQuery = ''): SignedRequest {
  return { method: 'PUT', rawPath: '/', rawQuery, headers, body: Buffer.from(b) };
}

test('the payload hash of a non-S3 request is the SHA-256 of its body, whatever it declares', () => {
  assert.equal(hashedPayload(body(''), false, false), EMPTY_SHA256);
  assert.equal(hashedPayload(body('Param1=value1', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }), false, false), '9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e');
});

test('the payload hash of an S3 request is what it declares, UNSIGNED-PAYLOAD by default when presigned', () => {
  assert.equal(hashedPayload(body('x', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }), true, false), 'UNSIGNED-PAYLOAD');
  assert.equal(hashedPayload(body('x', { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' }), true, false), 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
  assert.equal(hashedPayload(body(''), true, true), 'UNSIGNED-PAYLOAD');
  assert.equal(hashedPayload(body('', {}, 'a=1&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD&b=2'), true, true), 'UNSIGNED-PAYLOAD');
  assert.equal(hashedPayload(body('', {}, `X-Amz-Content-Sha256=${EMPTY_SHA256}`), true, true), EMPTY_SHA256);
  assert.throws(() => hashedPayload(body(''), true, false), { code: 'InvalidRequest', status: 400 });
});

test('the canonical request joins its six parts with newlines', () => {
  assert.equal(canonicalRequest('GET', '/', 'a=1', 'host:h\n', 'host', EMPTY_SHA256), `GET\n/\na=1\nhost:h\n\nhost\n${EMPTY_SHA256}`);
});

test('the AWS suite’s canonical request for get-vanilla-query-order-key-case presigned is rebuilt exactly', async () => {
  // From awslabs/aws-c-auth tests/aws-signing-test-suite/v4/get-vanilla-query-order-key-case/query-canonical-request.txt
  const { buildCanonicalRequest, parseSignature } = await import('../../../src/auth/sigv4/index.js');
  const req: SignedRequest = {
    method: 'GET',
    rawPath: '/',
    rawQuery: 'Param2=value2&Param1=value1&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Signature=x',
    headers: { host: 'example.amazonaws.com' },
    body: Buffer.alloc(0),
  };
  const { canonical } = buildCanonicalRequest(req, parseSignature(req), false);
  assert.equal(
    canonical,
    'GET\n/\nParam1=value1&Param2=value2&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host\nhost:example.amazonaws.com\n\nhost\n' + EMPTY_SHA256,
  );
});

test('a signed header named after an object property reads as absent, not as the property', () => {
  const headers = { host: 'h' };
  assert.equal(canonicalHeaders(headers, ['constructor', 'host', '__proto__', 'tostring']), 'constructor:\nhost:h\n__proto__:\ntostring:\n');
});

test('a header value with spaces only before, only after, or a tab inside is cleaned; one without is kept as it is', () => {
  assert.equal(canonicalHeaderValue('  a'), 'a');
  assert.equal(canonicalHeaderValue('a  '), 'a');
  assert.equal(canonicalHeaderValue('\ta'), 'a');
  assert.equal(canonicalHeaderValue('a\t'), 'a');
  assert.equal(canonicalHeaderValue('a\tb'), 'a b');
  assert.equal(canonicalHeaderValue('a  b'), 'a b');
  assert.equal(canonicalHeaderValue('!a b!'), '!a b!');
  assert.equal(canonicalHeaderValue('   '), '');
  assert.equal(canonicalHeaderValue('x'), 'x');
});

test('dot segments and empty segments are removed from non-S3 paths, a trailing slash kept', () => {
  assert.equal(canonicalUri('/a/b/', false), '/a/b/');
  assert.equal(canonicalUri('/a/.', false), '/a');
  assert.equal(canonicalUri('/..', false), '/');
  assert.equal(canonicalUri('/a//b', false), '/a/b');
  assert.equal(canonicalUri('/./', false), '/');
  assert.equal(canonicalUri('/.well-known/x', false), '/.well-known/x');
  assert.equal(canonicalUri('/a/../../b/', false), '/b/');
  assert.equal(canonicalUri('/a/b/..', false), '/a');
});

test('paths are encoded from the first character that needs it, runs of non-ASCII included', () => {
  assert.equal(canonicalUri('/ab c/d e', false), '/ab%20c/d%20e');
  assert.equal(canonicalUri('/éé/x', false), '/%C3%A9%C3%A9/x');
  assert.equal(canonicalUri('/aé b', true), '/a%C3%A9%20b');
  assert.equal(canonicalUri('/a%2Fb c', true), '/a%2Fb%20c');
  assert.equal(canonicalUri('/a%2Fb c', false), '/a%252Fb%20c');
  assert.equal(canonicalUri('/~a-b_c.d', true), '/~a-b_c.d');
});

test('a percent escape decodes only with two hex digits of either case, unreserved bytes to themselves', () => {
  for (const [raw, canonical] of [
    ['%41', 'A'], ['%61', 'a'], ['%30%39', '09'], ['%7E', '~'], ['%2D%2E%5F', '-._'],
    ['%3a', '%3A'], ['%2f', '%2F'], ['%80', '%80'], ['%C3%A9', '%C3%A9'],
    ['%G0', '%25G0'], ['%g0', '%25g0'], ['%:0', '%25%3A0'], ['%/0', '%25%2F0'], ['%@0', '%25%400'], ['%`0', '%25%600'],
    ['%0G', '%250G'], ['%0g', '%250g'], ['%0:', '%250%3A'],
    ['x%41', 'xA'], ['a%4', 'a%254'], ['a%', 'a%25'], ['%', '%25'],
  ] as const) {
    assert.equal(canonicalQueryComponent(raw), canonical, raw);
  }
});

test('the canonical query keeps equal pairs twice and leaves out only a presigned X-Amz-Signature', () => {
  assert.equal(canonicalQuery('a=1&a=1', false), 'a=1&a=1');
  assert.equal(canonicalQuery('b=2&X-Amz-Signature=s&a=1', true), 'a=1&b=2');
  assert.equal(canonicalQuery('X-Amz-Signature=s', true), '');
  assert.equal(canonicalQuery('only', false), 'only=');
  assert.equal(canonicalQuery('k=v%20w', false), 'k=v%20w');
  assert.equal(canonicalQuery('b=1&a=2&a=10', false), 'a=10&a=2&b=1');
  assert.equal(canonicalQuery('a=b=c', false), 'a=b%3Dc');
  assert.equal(canonicalQuery('=v&a=1', false), '=v&a=1');
});

test('raw headers: names are matched in any case, unsigned ones and a dangling name ignored', () => {
  const raw = ['HOST', 'h', 'X-Other', 'o', 'X-Amz-Date', ' d ', 'X-Dangling'];
  assert.equal(canonicalHeaders({ host: 'h', 'x-amz-date': 'd' }, ['host', 'x-amz-date'], raw), 'host:h\nx-amz-date:d\n');
  // A signed header missing from the raw headers falls back to the parsed ones.
  assert.equal(canonicalHeaders({ host: 'h', 'x-amz-date': 'parsed' }, ['host', 'x-amz-date'], ['Host', 'h']), 'host:h\nx-amz-date:parsed\n');
});

test('a presigned S3 request takes X-Amz-Content-Sha256 from the header before the query, decoding the query value', () => {
  const h = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const req = (headers: Record<string, string>, rawQuery: string): SignedRequest => ({ method: 'GET', rawPath: '/', rawQuery, headers, body: Buffer.alloc(0) });
  assert.equal(hashedPayload(req({ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, `X-Amz-Content-Sha256=${h}`), true, true), 'UNSIGNED-PAYLOAD');
  assert.equal(hashedPayload(req({}, `a=1&X-Amz-Content-Sha256=${h}`), true, true), h);
  assert.equal(hashedPayload(req({}, 'X-Amz-Content-Sha256=STREAMING%2DUNSIGNED%2DPAYLOAD%2DTRAILER&b=2'), true, true), 'STREAMING-UNSIGNED-PAYLOAD-TRAILER');
  assert.equal(hashedPayload(req({}, 'aX-Amz-Content-Sha256=x'), true, true), 'UNSIGNED-PAYLOAD');
  // Header-signed requests never read the query for it.
  assert.throws(() => hashedPayload(req({}, `X-Amz-Content-Sha256=${h}`), true, false), { code: 'InvalidRequest' });
});

test('U+0080, the first character past ASCII, is encoded as its UTF-8 bytes in paths and queries', () => {
  assert.equal(canonicalUri('/a b\u0080', false), '/a%20b%C2%80');
  assert.equal(canonicalQueryComponent('a b\u0080'), 'a%20b%C2%80');
});

test('an S3 path keeps its escapes wherever they come, after an encoded character too', () => {
  assert.equal(canonicalUri('/a b%2Fc', true), '/a%20b%2Fc');
  assert.equal(canonicalUri('/a b%2Fc', false), '/a%20b%252Fc');
});

test('an escape whose first hex digit is 0 decodes like any other', () => {
  assert.equal(canonicalQueryComponent('%0a'), '%0A');
  assert.equal(canonicalQueryComponent('x y%0A'), 'x%20y%0A');
});

test('a bare name followed by a pair with a value is two parameters; equal names keep their values in byte order', () => {
  assert.equal(canonicalQuery('a&b=1', false), 'a=&b=1');
  assert.equal(canonicalQuery('a=1&a=2&a=3', false), 'a=1&a=2&a=3');
  assert.equal(canonicalQuery('a=3&a=1&a=2', false), 'a=1&a=2&a=3');
});

test('a header value with one space before or after is trimmed', () => {
  assert.equal(canonicalHeaderValue(' a'), 'a');
  assert.equal(canonicalHeaderValue('a '), 'a');
  assert.equal(canonicalHeaderValue(' a b '), 'a b');
});

test("a header-signed S3 request without x-amz-content-sha256 is refused in S3's words", () => {
  assert.throws(() => hashedPayload({ method: 'GET', rawPath: '/', rawQuery: '', headers: {}, body: Buffer.alloc(0) }, true, false), {
    code: 'InvalidRequest', status: 400, message: 'Missing required header for this request: x-amz-content-sha256',
  });
});

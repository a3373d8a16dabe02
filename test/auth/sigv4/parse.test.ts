// Reading the signature from the Authorization header or a presigned query, and AWS's answers
// when it is missing or malformed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSignature, type SignedRequest } from '../../../src/auth/sigv4/index.js';

const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7';

function req(headers: Record<string, string>, rawQuery = ''): SignedRequest {
  return { method: 'POST', rawPath: '/', rawQuery, headers: { host: 'iam.amazonaws.com', ...headers }, body: Buffer.alloc(0) };
}

test('an Authorization header parses into key, scope, date, signed headers and signature', () => {
  const parsed = parseSignature(req({ authorization: AUTH, 'x-amz-date': '20150830T123600Z', 'x-amz-security-token': 'tok' }));
  assert.deepEqual(parsed, {
    kind: 'header',
    accessKeyId: 'AKIDEXAMPLE',
    scope: { date: '20150830', region: 'us-east-1', service: 'iam' },
    amzDate: '20150830T123600Z',
    signedHeaders: ['content-type', 'host', 'x-amz-date'],
    signature: '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    sessionToken: 'tok',
  });
});

test('parameters separated by commas without spaces parse the same', () => {
  const parsed = parseSignature(req({ authorization: AUTH.replace(/, /g, ','), 'x-amz-date': '20150830T123600Z' }));
  assert.equal(parsed.signedHeaders.length, 3);
});

test('a Date header stands in for X-Amz-Date', () => {
  const parsed = parseSignature(req({ authorization: AUTH, date: 'Sun, 30 Aug 2015 12:36:00 GMT' }));
  assert.equal(parsed.amzDate, '20150830T123600Z');
});

test('a request without any signature answers MissingAuthenticationToken (403)', () => {
  assert.throws(() => parseSignature(req({})), { code: 'MissingAuthenticationToken', status: 403, message: 'Request is missing Authentication Token' });
  assert.throws(() => parseSignature(req({}, 'Action=ListRoles&X-Amz-Date=20150830T123600Z')), { code: 'MissingAuthenticationToken' });
});

test('an Authorization header of another scheme answers IncompleteSignature listing every missing part', () => {
  assert.throws(() => parseSignature(req({ authorization: 'Bearer eyJhbGciOi.J9' })), {
    code: 'IncompleteSignature',
    status: 403,
    message:
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=Bearer eyJhbGciOi.J9",
  });
});

test('a SigV4 header missing Signature and SignedHeaders names both and echoes the header', () => {
  const authorization = 'AWS4-HMAC-SHA256 Credential=ABCDEF';
  assert.throws(() => parseSignature(req({ authorization, 'x-amz-date': '20150830T123600Z' })), {
    message: "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=" + authorization,
  });
});

test('a signed request without X-Amz-Date or Date answers IncompleteSignature', () => {
  assert.throws(() => parseSignature(req({ authorization: AUTH })), {
    code: 'IncompleteSignature',
    message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=" + AUTH,
  });
});

test('a parameter without an equal sign answers IncompleteSignature naming it', () => {
  // The classic cause: a space pasted into the access key id.
  const authorization = AUTH.replace('AKIDEXAMPLE/', 'AKIDEXAMPLE /');
  assert.throws(() => parseSignature(req({ authorization, 'x-amz-date': '20150830T123600Z' })), {
    code: 'IncompleteSignature',
    message: `'/20150830/us-east-1/iam/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`,
  });
});

test('an X-Amz-Date that is not ISO-8601 basic format answers IncompleteSignature', () => {
  assert.throws(() => parseSignature(req({ authorization: AUTH, 'x-amz-date': '2015-08-30T12:36:00Z' })), {
    code: 'IncompleteSignature',
    message: "Date must be in ISO-8601 'basic format'. Got '2015-08-30T12:36:00Z'. See http://en.wikipedia.org/wiki/ISO_8601",
  });
  assert.throws(() => parseSignature(req({ authorization: AUTH, 'x-amz-date': '20150230T123600Z' })), { code: 'IncompleteSignature' });
});

test('an unsupported algorithm answers IncompleteSignature', () => {
  const authorization = AUTH.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512');
  assert.throws(() => parseSignature(req({ authorization, 'x-amz-date': '20150830T123600Z' })), {
    code: 'IncompleteSignature',
    message: "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'.",
  });
});

test('a credential without five parts answers IncompleteSignature', () => {
  const authorization = AUTH.replace('AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request', 'AKIDEXAMPLE/20150830/us-east-1/aws4_request');
  assert.throws(() => parseSignature(req({ authorization, 'x-amz-date': '20150830T123600Z' })), {
    code: 'IncompleteSignature',
    message: "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIDEXAMPLE/20150830/us-east-1/aws4_request'",
  });
});

test('a credential scope dated another day than X-Amz-Date answers SignatureDoesNotMatch', () => {
  assert.throws(() => parseSignature(req({ authorization: AUTH, 'x-amz-date': '20150831T000100Z' })), {
    code: 'SignatureDoesNotMatch',
    status: 403,
    message: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150830' != '20150831', from '20150831T000100Z'.",
  });
});

test('a credential scope with another terminator answers SignatureDoesNotMatch', () => {
  const authorization = AUTH.replace('aws4_request', 'aws5_request');
  assert.throws(() => parseSignature(req({ authorization, 'x-amz-date': '20150830T123600Z' })), {
    code: 'SignatureDoesNotMatch',
    message: "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.",
  });
});

test('a signature that does not sign host answers SignatureDoesNotMatch', () => {
  const authorization = AUTH.replace('content-type;host;x-amz-date', 'content-type;x-amz-date');
  assert.throws(() => parseSignature(req({ authorization, 'x-amz-date': '20150830T123600Z' })), {
    code: 'SignatureDoesNotMatch',
    message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
  });
});

const PRESIGNED =
  'Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAEXAMPLE%2F20150830%2Fus-east-1%2Fsts%2Faws4_request' +
  '&X-Amz-Date=20150830T123600Z&X-Amz-Expires=900&X-Amz-Security-Token=Fwo%2Babc%2Fdef%3D&X-Amz-SignedHeaders=host%3Bx-amz-meta-a&X-Amz-Signature=abc123';

test('a presigned query parses, decoding its values', () => {
  assert.deepEqual(parseSignature(req({}, PRESIGNED)), {
    kind: 'query',
    accessKeyId: 'ASIAEXAMPLE',
    scope: { date: '20150830', region: 'us-east-1', service: 'sts' },
    amzDate: '20150830T123600Z',
    signedHeaders: ['host', 'x-amz-meta-a'],
    signature: 'abc123',
    sessionToken: 'Fwo+abc/def=',
    expiresSeconds: 900,
  });
});

test('a presigned query missing parameters answers IncompleteSignature listing them', () => {
  assert.throws(() => parseSignature(req({}, 'X-Amz-Algorithm')), {
    code: 'IncompleteSignature',
    status: 403,
    message:
      "AWS query-string parameters must include 'X-Amz-Algorithm'. AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters.",
  });
  assert.throws(() => parseSignature(req({}, PRESIGNED.replace(/&X-Amz-Signature=abc123/, ''))), {
    message: "AWS query-string parameters must include 'X-Amz-Signature'. Re-examine the query-string parameters.",
  });
});

test('an unsigned + in a presigned session token reads as a space, as AWS reads it', () => {
  const parsed = parseSignature(req({}, PRESIGNED.replace('Fwo%2Babc', 'Fwo+abc')));
  assert.equal(parsed.sessionToken, 'Fwo abc/def=');
});

test('the Authorization header wins over presigned parameters', () => {
  const parsed = parseSignature(req({ authorization: AUTH, 'x-amz-date': '20150830T123600Z' }, PRESIGNED));
  assert.equal(parsed.kind, 'header');
  assert.equal(parsed.expiresSeconds, undefined);
});

test('a credential scope with an empty region answers SignatureDoesNotMatch, every scope fault named in one message', () => {
  const authorization = AUTH.replace('AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request', 'AKIDEXAMPLE/20150829//iam/aws5_request');
  assert.throws(() => parseSignature(req({ authorization, 'x-amz-date': '20150830T123600Z' })), {
    code: 'SignatureDoesNotMatch',
    status: 403,
    message: "Credential should be scoped to a valid region, not ''. Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. " +
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150829' != '20150830', from '20150830T123600Z'.",
  });
  const onlyRegion = AUTH.replace('/us-east-1/', '//');
  assert.throws(() => parseSignature(req({ authorization: onlyRegion, 'x-amz-date': '20150830T123600Z' })), {
    message: "Credential should be scoped to a valid region, not ''.",
  });
});

test('a credential with an empty access key id answers IncompleteSignature', () => {
  const authorization = AUTH.replace('AKIDEXAMPLE/', '/');
  assert.throws(() => parseSignature(req({ authorization, 'x-amz-date': '20150830T123600Z' })), {
    code: 'IncompleteSignature',
    message: "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '/20150830/us-east-1/iam/aws4_request'",
  });
});

test('a Date header that is not a date answers IncompleteSignature', () => {
  assert.throws(() => parseSignature(req({ authorization: AUTH, date: 'yesterday' })), {
    code: 'IncompleteSignature',
    message: "Date must be in ISO-8601 'basic format'. Got 'yesterday'. See http://en.wikipedia.org/wiki/ISO_8601",
  });
  // X-Amz-Date wins over Date.
  assert.equal(parseSignature(req({ authorization: AUTH, 'x-amz-date': '20150830T123600Z', date: 'yesterday' })).amzDate, '20150830T123600Z');
});

test('extra spaces, unknown parameters and upper-case signed header names are read as AWS reads them', () => {
  const authorization = AUTH.replace('AWS4-HMAC-SHA256 ', 'AWS4-HMAC-SHA256   ').replace(', Signature', ', Foo=bar, Signature').replace('content-type;host;x-amz-date', 'Content-Type;Host;X-Amz-Date');
  const parsed = parseSignature(req({ authorization, 'x-amz-date': '20150830T123600Z' }));
  assert.deepEqual(parsed.signedHeaders, ['content-type', 'host', 'x-amz-date']);
  assert.equal(parsed.signature, '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
  assert.equal(parsed.accessKeyId, 'AKIDEXAMPLE');
  assert.equal(parsed.sessionToken, undefined);
  // HTTP/2 clients sign :authority in place of host.
  const h2 = AUTH.replace('content-type;host;x-amz-date', ':authority;x-amz-date');
  assert.deepEqual(parseSignature(req({ authorization: h2, 'x-amz-date': '20150830T123600Z' })).signedHeaders, [':authority', 'x-amz-date']);
});

test('the algorithm alone, without a space or parameters, answers IncompleteSignature listing every part', () => {
  assert.throws(() => parseSignature(req({ authorization: 'AWS4-HMAC-SHA256', 'x-amz-date': '20150830T123600Z' })), {
    code: 'IncompleteSignature',
    message: "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256",
  });
  // Parameters after another scheme are not read either.
  assert.throws(() => parseSignature(req({ authorization: AUTH.replace('AWS4-HMAC-SHA256', 'AWS'), 'x-amz-date': '20150830T123600Z' })), {
    message: /^Authorization header requires 'Credential' parameter\. /,
  });
});

test('a presigned query: the first of a repeated parameter counts, a bad escape is kept as sent, and X-Amz-Expires must be a whole number', () => {
  const twice = parseSignature(req({}, PRESIGNED + '&X-Amz-Signature=second&X-Amz-Expires=60'));
  assert.equal(twice.signature, 'abc123');
  assert.equal(twice.expiresSeconds, 900);
  assert.equal(parseSignature(req({}, PRESIGNED.replace('Fwo%2Babc', 'Fwo%zzabc'))).sessionToken, 'Fwo%zzabc%2Fdef%3D', 'not decoded, not a failure');
  for (const [value, expected] of [['-1', -1], ['1.5', NaN], ['soon', NaN], ['', NaN], ['60', 60]] as const) {
    assert.deepEqual(parseSignature(req({}, PRESIGNED.replace('X-Amz-Expires=900', `X-Amz-Expires=${value}`))).expiresSeconds, expected, value);
  }
  assert.equal(parseSignature(req({}, PRESIGNED.replace('&X-Amz-Expires=900', ''))).expiresSeconds, undefined);
  assert.equal(parseSignature(req({}, PRESIGNED.replace('&X-Amz-Security-Token=Fwo%2Babc%2Fdef%3D', ''))).sessionToken, undefined);
  // A parameter named without a value is present and empty.
  assert.throws(() => parseSignature(req({}, PRESIGNED.replace('X-Amz-Signature=abc123', 'X-Amz-Signature'))), {
    message: "AWS query-string parameters must include 'X-Amz-Signature'. Re-examine the query-string parameters.",
  });
});

test('presigned parameters are checked in AWS order: date format, host signed, algorithm, credential', () => {
  assert.throws(() => parseSignature(req({}, PRESIGNED.replace('X-Amz-Date=20150830T123600Z', 'X-Amz-Date=2015-08-30'))), { code: 'IncompleteSignature', message: /^Date must be in ISO-8601 'basic format'\. Got '2015-08-30'/ });
  assert.throws(() => parseSignature(req({}, PRESIGNED.replace('host%3Bx-amz-meta-a', 'x-amz-meta-a'))), { code: 'SignatureDoesNotMatch', message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization." });
  assert.throws(() => parseSignature(req({}, PRESIGNED.replace('X-Amz-Algorithm=AWS4-HMAC-SHA256', 'X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256'))), { code: 'IncompleteSignature', message: "Unsupported AWS 'algorithm': 'AWS4-ECDSA-P256-SHA256'." });
  assert.throws(() => parseSignature(req({}, PRESIGNED.replace('%2Fsts%2F', '%2F'))), { code: 'IncompleteSignature', message: /^Credential must have exactly 5 slash-delimited elements/ });
  // A query whose X-Amz- parameters are none of the signature's is not a presigned request.
  assert.throws(() => parseSignature(req({}, 'X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-Security-Token=t')), { code: 'MissingAuthenticationToken' });
  for (const only of ['X-Amz-Credential=a', 'X-Amz-Signature=a', 'X-Amz-SignedHeaders=host']) {
    assert.throws(() => parseSignature(req({}, only)), { code: 'IncompleteSignature', message: /Re-examine the query-string parameters\.$/ }, only);
  }
});

test('an unknown parameter after the signature does not replace it', () => {
  const parsed = parseSignature(req({ authorization: AUTH + ', Foo=bar, Other=baz', 'x-amz-date': '20150830T123600Z' }));
  assert.equal(parsed.signature, '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
  assert.deepEqual(parsed.signedHeaders, ['content-type', 'host', 'x-amz-date']);
});

// Verifies a parsed SigV4 signature: clock and expiry first, then the rebuilt signature, compared
// in constant time. Errors carry AWS's codes and words and never the secret or the expected signature.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AwsError, IncompleteSignature, RequestExpired, SignatureDoesNotMatch } from '../../protocol/errors.js';
import {
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  hashedPayload,
  sha256Hex,
  signedHeadersString,
} from './canonical.js';
import { ChunkSeed, s3SignatureMismatch } from './chunked.js';
import { ALGORITHM } from './parse.js';
import { contentSha256Mismatch, decodedContentLength, isChunked, payloadModeOf } from './payload.js';
import { KEY_TYPE_IDENTIFIER, signingKeyCache, type SigningKeySource } from './signing-key.js';
import { formatAmzDate, parseAmzDate } from './time.js';
import type { ParsedSignature, PayloadDescription, PayloadMode, SignedRequest, VerifiedSignature, VerifyOptions } from './types.js';

/** AWS accepts a request time up to 15 minutes either side of its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
/** X-Amz-Expires may be at most seven days, the life of a signing key. */
export const MAX_PRESIGNED_EXPIRES_SECONDS = 604800;

/**
 * The checks AWS makes before it looks at the access key: the request time against the server
 * clock (or a presigned URL's expiry) and the service of the credential scope. A server may call
 * this before the key lookup to answer in AWS's order; `verifySignature` calls it again.
 */
export function prevalidate(parsed: ParsedSignature, nowMs: number, options: VerifyOptions): void {
  const requestMs = parseAmzDate(parsed.amzDate);
  if (parsed.kind === 'query') checkPresignedTime(parsed, requestMs, nowMs, options.s3);
  else checkClock(parsed.amzDate, requestMs, nowMs, options.s3);
  if (parsed.scope.service !== options.service) {
    throw SignatureDoesNotMatch(`Credential should be scoped to correct service: '${options.service}'.`);
  }
}

/**
 * Non-S3 services: "Signature expired: <request> is now earlier than <now - 15 min> (<now> - 15 min.)"
 * and "Signature not yet current: … is still later than … (<now> + 15 min.)", SignatureDoesNotMatch
 * (seen from IAM/STS in aws/aws-cli#6676 and SNS in aws/aws-sdk-js#265). S3 answers
 * RequestTimeTooSkewed (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
 */
function checkClock(amzDate: string, requestMs: number, nowMs: number, s3: boolean): void {
  const earliest = nowMs - MAX_CLOCK_SKEW_MS;
  const latest = nowMs + MAX_CLOCK_SKEW_MS;
  if (requestMs >= earliest && requestMs <= latest) return;
  if (s3) {
    throw new AwsError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', 403, 'Sender', {
      RequestTime: amzDate, ServerTime: new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z'), MaxAllowedSkewMilliseconds: MAX_CLOCK_SKEW_MS,
    });
  }
  if (requestMs < earliest) {
    throw SignatureDoesNotMatch(`Signature expired: ${amzDate} is now earlier than ${formatAmzDate(earliest)} (${formatAmzDate(nowMs)} - 15 min.)`);
  }
  throw SignatureDoesNotMatch(`Signature not yet current: ${amzDate} is still later than ${formatAmzDate(latest)} (${formatAmzDate(nowMs)} + 15 min.)`);
}

/**
 * Presigned URLs. S3 requires X-Amz-Expires (1 s to 7 days) and answers an expired URL with
 * AccessDenied "Request has expired" (AuthorizationQueryParametersError for a bad value). Other
 * services keep the 15-minute clock window (STS ignores a longer X-Amz-Expires: aws/aws-sdk-go#2167)
 * and refuse an elapsed X-Amz-Expires with RequestExpired "Request has expired.".
 */
function checkPresignedTime(parsed: ParsedSignature, requestMs: number, nowMs: number, s3: boolean): void {
  const expires = parsed.expiresSeconds;
  if (s3 && expires === undefined) {
    throw new AwsError(
      'AuthorizationQueryParametersError',
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
      400,
    );
  }
  if (expires !== undefined) {
    let problem = '';
    if (Number.isNaN(expires)) problem = 'X-Amz-Expires should be a number';
    else if (expires < 0) problem = 'X-Amz-Expires must be non-negative';
    else if (expires > MAX_PRESIGNED_EXPIRES_SECONDS) {
      problem = `X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than ${MAX_PRESIGNED_EXPIRES_SECONDS} seconds`;
    }
    if (problem) throw s3 ? new AwsError('AuthorizationQueryParametersError', problem, 400) : IncompleteSignature(problem);
  }
  if (s3) {
    if (requestMs > nowMs + MAX_CLOCK_SKEW_MS) throw new AwsError('AccessDenied', 'Request is not valid yet', 403);
    if (isExpired(requestMs, expires!, nowMs)) throw new AwsError('AccessDenied', 'Request has expired', 403);
    return;
  }
  checkClock(parsed.amzDate, requestMs, nowMs, false);
  if (expires !== undefined && isExpired(requestMs, expires, nowMs)) throw RequestExpired();
}

/** X-Amz-Expires=0 passes the range check and expires at once, so the usable range is 1..604800. */
function isExpired(requestMs: number, expires: number, nowMs: number): boolean {
  return expires === 0 || nowMs > requestMs + expires * 1000;
}

export function credentialScope(parsed: ParsedSignature): string {
  return parsed.scope.date + '/' + parsed.scope.region + '/' + parsed.scope.service + '/' + KEY_TYPE_IDENTIFIER;
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + sha256Hex(canonical);
}

/** The canonical request the client should have signed, rebuilt from the request as received. */
export function buildCanonicalRequest(req: SignedRequest, parsed: ParsedSignature, s3: boolean): { canonical: string; payloadHash: string } {
  const isPresigned = parsed.kind === 'query';
  const payloadHash = hashedPayload(req, s3, isPresigned);
  const canonical = canonicalRequest(
    req.method,
    canonicalUri(req.rawPath, s3),
    canonicalQuery(req.rawQuery, isPresigned),
    canonicalHeaders(req.headers, parsed.signedHeaders, req.rawHeaders),
    signedHeadersString(parsed.signedHeaders),
    payloadHash,
  );
  return { canonical, payloadHash };
}

function signaturesEqual(expectedHex: string, given: string): boolean {
  if (given.length !== expectedHex.length) return false;
  return timingSafeEqual(Buffer.from(expectedHex, 'latin1'), Buffer.from(given, 'latin1'));
}

/**
 * What the body needs once the signature holds. A buffered S3 body is checked against its declared
 * hash here (ErrorResponses: XAmzContentSHA256Mismatch); a streamed one is left to `decodePayload`.
 */
function describePayload(req: SignedRequest, parsed: ParsedSignature, payloadHash: string, mode: PayloadMode, key: Buffer, s3: boolean): PayloadDescription {
  if (mode === 'unsigned') return { mode };
  if (mode === 'sha256') {
    const expectedSha256 = payloadHash.toLowerCase();
    if (s3 && !req.streamed) {
      const computed = sha256Hex(req.body);
      if (computed !== expectedSha256) throw contentSha256Mismatch(expectedSha256, computed);
    }
    return { mode, expectedSha256 };
  }
  // Without x-amz-decoded-content-length S3 has no specific error: it answers that the signature
  // does not match (versity/versitygw#1088).
  const length = decodedContentLength(req.headers);
  if (length === undefined) throw s3SignatureMismatch();
  if (mode === 'chunked-unsigned-trailer') return { mode, decodedLength: length };
  return { mode, decodedLength: length, seed: new ChunkSeed(parsed.signature, parsed.amzDate, credentialScope(parsed), key) };
}

const spacedHex = (s: string) => Buffer.from(s, 'utf8').toString('hex').replace(/(..)(?!$)/g, '$1 ');

/**
 * S3's SignatureDoesNotMatch document names what it signed, so a client can find its mistake:
 * the access key id, the string to sign and the canonical request (text and bytes), and the
 * signature given. The string to sign holds only a hash of the canonical request; neither holds a
 * secret or the signature S3 expected (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html).
 */
function s3Mismatch(parsed: ParsedSignature, toSign: string, canonical: string): AwsError {
  const base = s3SignatureMismatch();
  return new AwsError(base.code, base.message, base.status, base.fault, {
    AWSAccessKeyId: parsed.accessKeyId, StringToSign: toSign, SignatureProvided: parsed.signature,
    StringToSignBytes: spacedHex(toSign), CanonicalRequest: canonical, CanonicalRequestBytes: spacedHex(canonical),
  });
}

/**
 * Accepts the request or throws AWS's error. Call after `parseSignature` and the access-key
 * lookup. For S3, x-amz-content-sha256 names the payload mode; the result's `payload` says what a
 * streamed body still needs (`decodePayload`): its hash, or its chunk signatures from the seed.
 */
export function verifySignature(
  req: SignedRequest,
  parsed: ParsedSignature,
  secretAccessKey: string,
  nowMs: number,
  options: VerifyOptions,
  cache: SigningKeySource = signingKeyCache,
): VerifiedSignature {
  prevalidate(parsed, nowMs, options);
  const { canonical, payloadHash } = buildCanonicalRequest(req, parsed, options.s3);
  // Other services sign the body's own hash; S3 signs what the client declares, checked for form first.
  const mode: PayloadMode = options.s3 ? payloadModeOf(payloadHash) : 'sha256';
  const { date, region, service } = parsed.scope;
  const key = cache.get(secretAccessKey, date, region, service);
  const toSign = stringToSign(parsed.amzDate, credentialScope(parsed), canonical);
  const expected = createHmac('sha256', key).update(toSign).digest('hex');
  if (!signaturesEqual(expected, parsed.signature)) throw options.s3 ? s3Mismatch(parsed, toSign, canonical) : SignatureDoesNotMatch();
  const payload = describePayload(req, parsed, payloadHash, mode, key, options.s3);
  return { payloadHash, isStreaming: isChunked(mode), payload };
}

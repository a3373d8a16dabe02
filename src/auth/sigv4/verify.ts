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
  UNSIGNED_PAYLOAD,
} from './canonical.js';
import { ALGORITHM } from './parse.js';
import { KEY_TYPE_IDENTIFIER, signingKeyCache, type SigningKeySource } from './signing-key.js';
import { formatAmzDate, parseAmzDate } from './time.js';
import type { ParsedSignature, SignedRequest, VerifiedSignature, VerifyOptions } from './types.js';

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
  if (s3) throw new AwsError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', 403);
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

function isSha256Hex(s: string): boolean {
  if (s.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/**
 * Accepts the request or throws AWS's error. Call after `parseSignature` and the access-key
 * lookup. S3 bodies sent as STREAMING-* (aws-chunked) are accepted on the seed signature only:
 * `isStreaming` tells the caller that chunk signatures still need verifying (a later issue).
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
  const { date, region, service } = parsed.scope;
  const key = cache.get(secretAccessKey, date, region, service);
  const expected = createHmac('sha256', key).update(stringToSign(parsed.amzDate, credentialScope(parsed), canonical)).digest('hex');
  if (!signaturesEqual(expected, parsed.signature)) throw SignatureDoesNotMatch();

  const isStreaming = options.s3 && payloadHash.startsWith('STREAMING-');
  if (options.s3 && !isStreaming && payloadHash !== UNSIGNED_PAYLOAD) {
    // S3 signs the declared hash; the body must then match it (ErrorResponses: XAmzContentSHA256Mismatch).
    if (!isSha256Hex(payloadHash) || sha256Hex(req.body) !== payloadHash) {
      throw new AwsError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
    }
  }
  return { payloadHash, isStreaming };
}

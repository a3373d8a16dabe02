// The payload side of S3's SigV4: which mode x-amz-content-sha256 names, and the stream that checks
// a body the server did not buffer (a plain SHA-256, or aws-chunked with its chunk signatures).
// Nothing here sees the secret; signed chunks are checked with the seed's key.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { AwsError } from '../../protocol/errors.js';
import { AwsChunkedDecoder, TRAILER_NAMES, UnsupportedTrailer } from './chunked.js';
import { UNSIGNED_PAYLOAD } from './canonical.js';
import type { PayloadDescription, PayloadMode } from './types.js';

export const STREAMING_SIGNED = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
export const STREAMING_SIGNED_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
export const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
const STREAMING_ECDSA = 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD';
const STREAMING_ECDSA_TRAILER = 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER';

function isSha256Hex(s: string): boolean {
  if (s.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46))) return false;
  }
  return true;
}

/**
 * The mode an S3 x-amz-content-sha256 value names. S3 answers a value it does not know with
 * InvalidArgument "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD,
 * or a valid sha256 value." (irods/irods_resource_plugin_s3#1833, arnemolland/sigv4#8, seen from S3).
 * SigV4a's ECDSA payloads are S3's but not rolegate's: NotImplemented, as S3 answers a header that
 * implies functionality it lacks (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
 */
export function payloadModeOf(value: string): PayloadMode {
  switch (value) {
    case UNSIGNED_PAYLOAD: return 'unsigned';
    case STREAMING_SIGNED: return 'chunked-signed';
    case STREAMING_SIGNED_TRAILER: return 'chunked-signed-trailer';
    case STREAMING_UNSIGNED_TRAILER: return 'chunked-unsigned-trailer';
    case STREAMING_ECDSA:
    case STREAMING_ECDSA_TRAILER:
      throw new AwsError('NotImplemented', 'A header you provided implies functionality that is not implemented', 501, 'Sender', { Header: 'x-amz-content-sha256' });
  }
  if (isSha256Hex(value)) return 'sha256';
  throw new AwsError('InvalidArgument', 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, or a valid sha256 value.', 400, 'Sender', {
    ArgumentName: 'x-amz-content-sha256',
    ArgumentValue: value,
  });
}

export function isChunked(mode: PayloadMode): boolean {
  return mode === 'chunked-signed' || mode === 'chunked-signed-trailer' || mode === 'chunked-unsigned-trailer';
}

/** XAmzContentSHA256Mismatch with the two hashes, as S3 sends them (grosskur/lua-resty-aws#2). */
export function contentSha256Mismatch(declared: string, computed: string): AwsError {
  return new AwsError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400, 'Sender', {
    ClientComputedContentSHA256: declared,
    S3ComputedContentSHA256: computed,
  });
}

/**
 * Passes bytes through while hashing them; at the end, errors with XAmzContentSHA256Mismatch
 * instead of ending when the body's SHA-256 is not `expectedHex`. A consumer that writes to a
 * temporary file sees the error before it would commit.
 */
export function verifyPayloadHash(expectedHex: string): Transform {
  const hash = createHash('sha256');
  const expected = expectedHex.toLowerCase();
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      const computed = hash.digest('hex');
      callback(computed === expected ? null : contentSha256Mismatch(expected, computed));
    },
  });
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? v[0] : undefined;
}

const DECIMAL = /^[0-9]{1,16}$/;

/** x-amz-decoded-content-length as a byte count, or undefined when absent or not a whole number. */
export function decodedContentLength(headers: IncomingHttpHeaders): number | undefined {
  const text = header(headers, 'x-amz-decoded-content-length');
  if (text === undefined || !DECIMAL.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * The payload of an anonymous S3 request (no signature, so no seed): UNSIGNED-PAYLOAD when
 * x-amz-content-sha256 is absent, a declared hash, or STREAMING-UNSIGNED-PAYLOAD-TRAILER. Signed
 * chunks cannot be checked without a signature: AccessDenied (S3's answer here is not documented).
 */
export function anonymousPayload(headers: IncomingHttpHeaders): PayloadDescription {
  const declared = header(headers, 'x-amz-content-sha256');
  if (declared === undefined) return { mode: 'unsigned' };
  const mode = payloadModeOf(declared);
  if (mode === 'unsigned') return { mode };
  if (mode === 'sha256') return { mode, expectedSha256: declared.toLowerCase() };
  if (mode !== 'chunked-unsigned-trailer') throw new AwsError('AccessDenied', 'Access Denied', 403);
  const decodedLength = decodedContentLength(headers);
  if (decodedLength === undefined) throw new AwsError('MissingContentLength', 'You must provide the Content-Length HTTP header.', 411);
  return { mode, decodedLength };
}

/**
 * x-amz-trailer: the one checksum trailer the body ends with, lower-case. Anything else is
 * InvalidRequest "The value specified in the x-amz-trailer header is not supported".
 */
export function declaredTrailer(headers: IncomingHttpHeaders): string | undefined {
  const v = header(headers, 'x-amz-trailer');
  if (v === undefined) return undefined;
  const name = v.trim().toLowerCase();
  if (!TRAILER_NAMES.has(name)) throw UnsupportedTrailer();
  return name;
}

/**
 * Feeds `source` into `through`, passing the source's errors on. When `through` fails first, the
 * source is only unpiped, not destroyed: the request's socket must survive to carry the error.
 */
function feed(source: Readable, through: Transform): Transform {
  source.once('error', (e) => through.destroy(e));
  source.pipe(through);
  through.once('error', () => source.unpipe(through));
  return through;
}

const NO_TRAILERS: Promise<Record<string, string>> = Promise.resolve({});

/**
 * The decoded body of a streamed request and the trailers it ends with (resolved when the body
 * ends, rejected with the body's error). `payload` is what `authenticate` returned; `headers` are
 * the request's (x-amz-trailer). Throws at once for an x-amz-trailer S3 does not take.
 * The body errors with S3's error (SignatureDoesNotMatch, IncompleteBody, InvalidChunkSizeError,
 * MalformedTrailerError, XAmzContentSHA256Mismatch) before it would end: read to 'end' before committing.
 */
export function decodePayload(
  stream: Readable,
  payload: PayloadDescription,
  headers: IncomingHttpHeaders,
): { body: Readable; trailers: Promise<Record<string, string>> } {
  switch (payload.mode) {
    case 'unsigned':
      return { body: stream, trailers: NO_TRAILERS };
    case 'sha256':
      return { body: feed(stream, verifyPayloadHash(payload.expectedSha256!)), trailers: NO_TRAILERS };
  }
  const trailer = payload.mode !== 'chunked-signed';
  const decoder = new AwsChunkedDecoder({
    signed: payload.mode !== 'chunked-unsigned-trailer',
    trailer,
    seed: payload.seed,
    decodedLength: payload.decodedLength!,
    expectedTrailer: trailer ? declaredTrailer(headers) : undefined,
  });
  return { body: feed(stream, decoder), trailers: decoder.trailers };
}

/**
 * The Content-Encoding to store: S3 drops aws-chunked, which only framed the upload
 * (sigv4-streaming.html: "Content-Encoding … aws-chunked"); undefined when nothing else is left.
 */
export function storedContentEncoding(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const rest = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s.toLowerCase() !== 'aws-chunked');
  return rest.length === 0 ? undefined : rest.join(',');
}

// The SigV4 verifier's public API: parse the signature, look up the key, verify.
// Named exports only, so a change to this list is a visible diff.
export { parseSignature, ALGORITHM } from './parse.js';
export { verifySignature, prevalidate, buildCanonicalRequest, stringToSign, credentialScope, MAX_CLOCK_SKEW_MS, MAX_PRESIGNED_EXPIRES_SECONDS } from './verify.js';
export {
  canonicalUri,
  canonicalQuery,
  canonicalQueryComponent,
  canonicalHeaders,
  canonicalHeaderValue,
  signedHeadersString,
  hashedPayload,
  canonicalRequest,
  sha256Hex,
  EMPTY_SHA256,
  UNSIGNED_PAYLOAD,
} from './canonical.js';
export { deriveSigningKey, SigningKeyCache, CredentialSigningKeys, signingKeyCache, KEY_TYPE_IDENTIFIER } from './signing-key.js';
export type { SigningKeySource } from './signing-key.js';
export { parseAmzDate, formatAmzDate } from './time.js';
export {
  decodePayload,
  anonymousPayload,
  verifyPayloadHash,
  payloadModeOf,
  declaredTrailer,
  storedContentEncoding,
  STREAMING_SIGNED,
  STREAMING_SIGNED_TRAILER,
  STREAMING_UNSIGNED_TRAILER,
} from './payload.js';
export { AwsChunkedDecoder, ChunkSeed, MIN_CHUNK_SIZE, MAX_CHUNK_SIZE, TRAILER_NAMES, S3_SIGNATURE_MISMATCH } from './chunked.js';
export type { ChunkedOptions } from './chunked.js';
export type { SignedRequest, ParsedSignature, CredentialScope, VerifyOptions, VerifiedSignature, PayloadMode, PayloadDescription, ChunkSigner } from './types.js';

// The shapes SigV4 verification works on: the request as it came off the wire and the parsed signature.
// Plain data only; nothing here reads a clock, a store or a secret.
import type { IncomingHttpHeaders } from 'node:http';

export interface SignedRequest {
  method: string;
  /** The path as on the wire, before percent-decoding, without the query. */
  rawPath: string;
  /** The query as on the wire, without the '?'. */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /**
   * Node's `req.rawHeaders`, when available. Node joins repeated headers with ', ' but AWS joins
   * their values with ',', so a signed header sent twice only verifies when these are given.
   */
  rawHeaders?: string[];
  /**
   * True when the body is not buffered (S3 PutObject, UploadPart: `body` is empty and the payload
   * is still on the wire). The verifier then leaves the payload's checks to `decodePayload`.
   */
  streamed?: boolean;
}

export interface CredentialScope {
  /** YYYYMMDD */
  date: string;
  region: string;
  service: string;
}

export interface ParsedSignature {
  kind: 'header' | 'query';
  accessKeyId: string;
  scope: CredentialScope;
  /** The request time in ISO-8601 basic format (YYYYMMDDTHHMMSSZ), from X-Amz-Date or Date. */
  amzDate: string;
  /** Lower-case header names, in the order the client listed them. */
  signedHeaders: string[];
  signature: string;
  sessionToken?: string;
  /** X-Amz-Expires of a presigned request; NaN when present but not a whole number. */
  expiresSeconds?: number;
}

export interface VerifyOptions {
  /** The signing name the request must be scoped to (`iam`, `sts`, `s3` …). */
  service: string;
  /** S3 rules: single-encoded, unnormalised path; declared payload hash; S3's error codes. */
  s3: boolean;
}

export interface VerifiedSignature {
  /** The payload hash the signature covers: a hex SHA-256, UNSIGNED-PAYLOAD or a STREAMING-* literal. */
  payloadHash: string;
  /** True when the body is aws-chunked (STREAMING-*): its chunk signatures are checked by `decodePayload`. */
  isStreaming: boolean;
  /** What the body still needs: nothing, a SHA-256 check, or aws-chunked decoding. */
  payload: PayloadDescription;
}

/**
 * How the body is signed, from x-amz-content-sha256 (S3) or the body itself (other services):
 * UNSIGNED-PAYLOAD, a hex SHA-256, STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER) or
 * STREAMING-UNSIGNED-PAYLOAD-TRAILER.
 */
export type PayloadMode = 'unsigned' | 'sha256' | 'chunked-signed' | 'chunked-signed-trailer' | 'chunked-unsigned-trailer';

export interface PayloadDescription {
  mode: PayloadMode;
  /**
   * `sha256`: the lower-case hex hash the body must have. A buffered body has been checked already;
   * a streamed one is checked by `decodePayload` as it passes.
   */
  expectedSha256?: string;
  /** Chunked modes: x-amz-decoded-content-length, the size of the decoded body. */
  decodedLength?: number;
  /** Signed chunked modes: the seed signature and the key that chains the chunk signatures. */
  seed?: ChunkSigner;
}

/**
 * The start of a chunk-signature chain (`ChunkSeed`): the request's signature, time and scope, and
 * the signing key behind two methods, never as a property.
 */
export interface ChunkSigner {
  readonly signature: string;
  readonly amzDate: string;
  readonly scope: string;
  chunkSignature(previous: string, dataSha256Hex: string): string;
  trailerSignature(previous: string, trailersSha256Hex: string): string;
}

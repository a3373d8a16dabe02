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
  /** True when the body is aws-chunked (STREAMING-*): its chunk signatures are not verified here. */
  isStreaming: boolean;
}

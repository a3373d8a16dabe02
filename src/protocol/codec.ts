// What a protocol codec sees and answers: the HTTP request as the router matched it, and the HTTP
// response to write. One codec per AWS protocol (query, json, rest-json, rest-xml); handlers never see these.
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { AwsError } from './errors.js';
import type { Operation } from './resolved.js';

export type Protocol = 'query' | 'json' | 'rest-json' | 'rest-xml';

export interface WireRequest {
  method: string;
  /** The path as the router matched it: path style, still percent-encoded, without the query. */
  path: string;
  /** The query string's parameters, decoded (the query protocol: the form body's too). */
  query: URLSearchParams;
  /** The request's headers, names in lower case. */
  headers: IncomingHttpHeaders;
  /** The body, buffered; empty when the operation's payload is a stream. */
  body: Buffer;
  /** The body of an operation whose payload is a streaming blob (S3 PutObject, UploadPart). */
  stream?: Readable;
  /** The URI labels the router matched, percent-decoded; a greedy label (`{Key+}`) keeps its slashes. */
  labels: Record<string, string>;
}

export interface WireResponse {
  status: number;
  /** Header names in lower case; `content-length` is added when the body is not a stream. */
  headers: Record<string, string>;
  body: string | Buffer | Readable;
}

export interface Codec {
  readonly protocol: Protocol;
  parseInput(op: Operation, req: WireRequest): Record<string, unknown>;
  /** `onStreamError` hears of a failure that is no AWS error while an event-stream output runs (for the log: the client is told nothing of it). */
  serializeOutput(op: Operation, output: unknown, requestId: string, onStreamError?: (e: unknown, requestId: string) => void): WireResponse;
  serializeError(err: AwsError, requestId: string): WireResponse;
}


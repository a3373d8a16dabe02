// The objects a request fills as it passes the pipeline's steps: a call (what every step after
// authentication reads, the same for an outside request and a service's in-process call) and the
// HTTP request around it.
import type { RequestAuthFacts } from '../shared/authz-request.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { AwsError } from '../protocol/errors.js';
import type { Operation } from '../protocol/resolved.js';
import type { Route } from '../protocol/routing.js';
import type { Caller } from '../shared/caller.js';
import type { ServiceEntry } from './services.js';

export interface CallContext {
  requestId: string;
  receivedAt: Date;
  service?: ServiceEntry;
  operation?: Operation;
  input?: Record<string, unknown>;
  caller?: Caller;
  /** The region of the request's credential scope. */
  region?: string;
  /**
   * For an outside request from another partition's region (aws-cn …): the partition its input's
   * ARNs are written in, read into rolegate's own form after validation. Absent in-process.
   */
  inputPartition?: string;
  /** The input's ARNs as read (rolegate's form → as the caller wrote them), for the error the call may answer. */
  inputArns?: Map<string, string>;
  /** The client's address; absent for an in-process call. */
  sourceIp?: string;
  /** How an outside request was authenticated (S3's s3:authType … keys); absent in-process. */
  auth?: RequestAuthFacts;
  /** The TLS version of an outside request's connection (`TLSv1.3`); absent on plain HTTP and in-process. */
  tlsVersion?: string;
  /** The scheme and Host an outside request was addressed to (`http://127.0.0.1:4577`); absent in-process or for an unusable Host. */
  origin?: string;
  output?: unknown;
  /** The commits of this call's decisions on changes: the call is answered once they are made. */
  decisionsWritten?: Promise<void>[];
}

export interface RequestContext extends CallContext {
  req: IncomingMessage;
  res: ServerResponse;
  rawPath: string;
  rawQuery: string;
  /** The client's address, as the connection tells it. */
  remoteAddress?: string;
  /** The buffered body; empty when the operation's payload streams (`stream`). */
  body: Buffer;
  stream?: Readable;
  /** The query string's parameters; for the query protocol, the form body's too. */
  params?: URLSearchParams;
  route?: Route;
  error?: AwsError;
  /** The response body's length as sent (Content-Length), for the access log. */
  bytesOut?: number;
}

// The one object a request fills as it passes the pipeline's steps.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AwsError } from '../protocol/errors.js';
import type { Operation } from '../protocol/resolved.js';
import type { Caller } from '../services/types.js';
import type { ServiceEntry } from '../services/registry.js';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  receivedAt: Date;
  rawPath: string;
  rawQuery: string;
  body: Buffer;
  /** The query protocol's parameters (form body or query string). */
  params?: URLSearchParams;
  service?: ServiceEntry;
  operation?: Operation;
  input?: Record<string, unknown>;
  caller?: Caller;
  /** The region of the request's credential scope. */
  region?: string;
  output?: unknown;
  error?: AwsError;
}

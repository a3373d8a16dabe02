// The query protocol as one codec: input from the request's parameters, output and errors as XML.
import type { AwsError } from '../errors.js';
import type { Operation, ResolvedService } from '../resolved.js';
import { paramTree, parseQueryInput } from './parse.js';
import { serializeQueryError, serializeQueryOutput } from './serialize.js';

export interface WireResponse { status: number; contentType: string; body: string }

export interface Codec {
  parseInput(op: Operation, params: URLSearchParams | undefined, body: Buffer): Record<string, unknown>;
  serializeOutput(op: Operation, output: unknown, requestId: string): WireResponse;
  serializeError(err: AwsError, requestId: string): WireResponse;
}

export function queryCodec(service: ResolvedService): Codec {
  const xmlns = service.model.metadata.xmlNamespace ?? '';
  return {
    parseInput(op, params) {
      return parseQueryInput(op.input, paramTree(params ?? new URLSearchParams()));
    },
    serializeOutput(op, output, requestId) {
      return { status: 200, contentType: 'text/xml', body: serializeQueryOutput(op, output, xmlns, requestId) };
    },
    serializeError(err, requestId) {
      return { status: err.status, contentType: 'text/xml', body: serializeQueryError(err, xmlns, requestId) };
    },
  };
}

// The query protocol as one codec: input from the request's parameters, output and errors as XML.
import type { Codec } from '../codec.js';
import type { ResolvedService } from '../resolved.js';
import { paramTree, parseQueryInput } from './parse.js';
import { serializeQueryError, serializeQueryOutput } from './serialize.js';

export function queryCodec(service: ResolvedService): Codec {
  const xmlns = service.model.metadata.xmlNamespace ?? '';
  return {
    protocol: 'query',
    parseInput(op, req) {
      return parseQueryInput(op.input, paramTree(req.query));
    },
    serializeOutput(op, output, requestId) {
      return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: serializeQueryOutput(op, output, xmlns, requestId) };
    },
    serializeError(err, requestId) {
      return { status: err.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: serializeQueryError(err, xmlns, requestId) };
    },
  };
}

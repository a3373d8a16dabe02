// AWS's json protocol (1.0 and 1.1, X-Amz-Target): the input is the body read by the operation's
// input shape; the output a JSON document; errors `{"__type": code, …}` with the error shape's members.
import type { Codec } from '../codec.js';
import type { ResolvedService } from '../resolved.js';
import { parseJsonBody, readJsonDocument, writeJsonDocument } from './body.js';
import { errorPlans, errorValue, unmodelledErrorBody } from './error-body.js';
import { jsonErrorCode, jsonErrorStatus } from './common-errors.js';

export function jsonCodec(service: ResolvedService): Codec {
  const contentType = `application/x-amz-json-${service.model.metadata.jsonVersion ?? '1.0'}`;
  const errors = errorPlans(service);
  return {
    protocol: 'json',
    parseInput(op, req) {
      // The body must be a JSON object even for an operation without input (an empty body reads as `{}`).
      const doc = parseJsonBody(req.body);
      return op.input ? readJsonDocument(op.input, op.input.members, doc) : {};
    },
    serializeOutput(op, output, requestId) {
      const body = op.output ? writeJsonDocument(op.output, op.output.members, (output ?? {}) as Record<string, unknown>) : '{}';
      return { status: 200, headers: { 'content-type': contentType, 'x-amzn-requestid': requestId }, body };
    },
    serializeError(err, requestId) {
      const code = jsonErrorCode(err.code);
      const plan = errors.get(code);
      const doc = plan ? writeJsonDocument(plan.shape, plan.shape.members, errorValue(plan, err, requestId)) : unmodelledErrorBody(err);
      const type = `"__type":${JSON.stringify(code)}`;
      const body = doc === '{}' ? `{${type}}` : `{${type},${doc.slice(1)}`;
      return { status: jsonErrorStatus(err.code, err.status), headers: { 'content-type': contentType, 'x-amzn-requestid': requestId }, body };
    },
  };
}

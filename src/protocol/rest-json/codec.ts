// AWS's rest-json protocol: the REST bindings with a JSON body. Errors carry their code in
// `x-amzn-errortype` and the error shape's members (Pinpoint's Message and RequestID) in the body.
import type { Codec } from '../codec.js';
import type { ResolvedService } from '../resolved.js';
import { jsonBody } from '../json/body.js';
import { errorPlans, errorValue, unmodelledErrorBody } from '../json/error-body.js';
import { restBindings } from '../rest/bindings.js';
import { jsonErrorCode } from '../json/common-errors.js';

export function restJsonCodec(service: ResolvedService): Codec {
  const bindings = restBindings(service, jsonBody);
  const errors = errorPlans(service);
  return {
    protocol: 'rest-json',
    parseInput(op, req) {
      return bindings.readInput(op, req);
    },
    serializeOutput(op, output, requestId) {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': requestId };
      const { status, body } = bindings.writeOutput(op, output, headers);
      return { status, headers, body };
    },
    serializeError(err, requestId) {
      const code = jsonErrorCode(err.code);
      const headers: Record<string, string> = {
        'content-type': 'application/json', 'x-amzn-errortype': code, 'x-amzn-requestid': requestId,
      };
      const plan = errors.get(code);
      if (!plan) return { status: err.status, headers, body: unmodelledErrorBody(err) };
      const { body } = bindings.writeMessage(plan.shape, errorValue(plan, err, requestId), headers);
      return { status: err.status, headers, body: body === '' ? '{}' : body };
    },
  };
}

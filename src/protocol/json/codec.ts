// AWS's json protocol (1.0 and 1.1, X-Amz-Target): the input is the body read by the operation's
// input shape; the output a JSON document, or an event stream for an output with an event-stream
// member (src/protocol/json/event-stream.ts); errors `{"__type": code, …}` with the error shape's members.
import type { Codec } from '../codec.js';
import type { ResolvedService } from '../resolved.js';
import { parseJsonBody, readJsonDocument, writeJsonDocument } from './body.js';
import { errorPlans, errorValue, unmodelledErrorBody } from './error-body.js';
import { jsonErrorCode, jsonErrorStatus } from './common-errors.js';
import { eventStreamMember, jsonEventStream } from './event-stream.js';
import { EVENT_STREAM_CONTENT_TYPE } from '../event-stream.js';
import type { Member } from '../resolved.js';

export function jsonCodec(service: ResolvedService): Codec {
  const contentType = `application/x-amz-json-${service.model.metadata.jsonVersion ?? '1.0'}`;
  const errors = errorPlans(service);
  /** Each operation's event-stream output member and the output's other members, found once. */
  const streams = new Map<string, { stream: Member; rest: Member[] }>();
  for (const op of service.operations.values()) {
    const stream = eventStreamMember(op.output);
    if (stream) streams.set(op.name, { stream, rest: op.output!.members.filter((m) => m !== stream) });
  }
  return {
    protocol: 'json',
    parseInput(op, req) {
      // The body must be a JSON object even for an operation without input (an empty body reads as `{}`).
      const doc = parseJsonBody(req.body);
      return op.input ? readJsonDocument(op.input, op.input.members, doc) : {};
    },
    serializeOutput(op, output, requestId, onStreamError) {
      const streamed = streams.get(op.name);
      if (streamed) {
        const value = output as Record<string, unknown>;
        const initial = writeJsonDocument(op.output!, streamed.rest, value);
        const events = value[streamed.stream.name] as AsyncIterable<Record<string, unknown>>;
        return {
          status: 200,
          headers: { 'content-type': EVENT_STREAM_CONTENT_TYPE, 'x-amzn-requestid': requestId },
          body: jsonEventStream(streamed.stream, initial, events, errors, requestId, onStreamError),
        };
      }
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

// An operation's event-stream output in the json protocol (Kinesis SubscribeToShard): an
// `initial-response` event carrying the output's other members, then one message per event the
// handler's iterable yields, each the event's JSON; an error it throws that the stream models
// (ResourceInUseException …) ends the stream as an `exception` message, any other AWS error as an
// `error` message; a failure that is no AWS error as the stream's modelled server fault (Kinesis
// InternalFailureException) with a generic message, its detail only for the log. Messages are made
// as the client reads them: a slow reader holds one event, not the stream.
import { Readable } from 'node:stream';
import { AwsError, InternalFailure } from '../errors.js';
import { encodeEventMessage } from '../event-stream.js';
import type { Member, Shape } from '../resolved.js';
import { writeJsonDocument } from './body.js';
import { errorValue, type ErrorPlan } from './error-body.js';
import { jsonErrorCode } from './common-errors.js';

const PAYLOAD_TYPE = 'application/json';
const EMPTY = Buffer.alloc(0);

/** The output member that is an event stream, if the output has one. */
export function eventStreamMember(output: Shape | undefined): Member | undefined {
  return output?.members.find((m) => m.shape.eventstream);
}

/** An event's payload: its event-payload member as given (a blob's bytes, a string's UTF-8, a structure's JSON), else the event as JSON. */
function eventPayload(shape: Shape, value: Record<string, unknown>): Buffer {
  const bound = shape.members.find((m) => m.eventpayload);
  if (!bound) return Buffer.from(writeJsonDocument(shape, shape.members, value), 'utf8');
  const v = value[bound.name];
  if (v === undefined) return EMPTY;
  if (bound.shape.type === 'blob') return Buffer.from(v as Uint8Array);
  if (bound.shape.type === 'string') return Buffer.from(v as string, 'utf8');
  return Buffer.from(writeJsonDocument(bound.shape, bound.shape.members, v as Record<string, unknown>), 'utf8');
}

function eventMessage(stream: Shape, event: Record<string, unknown>): Buffer {
  for (const name in event) {
    const m = stream.memberByName.get(name);
    if (!m || m.shape.error) throw new TypeError(`${name} is not an event of ${stream.name}`);
    return encodeEventMessage([[':event-type', name], [':content-type', PAYLOAD_TYPE], [':message-type', 'event']], eventPayload(m.shape, event[name] as Record<string, unknown>));
  }
  throw new TypeError(`an event of ${stream.name} without a member`);
}

/** How an error ends the stream: as the stream's modelled exception of its code, else as an error message with a code and a message. */
function errorMessage(stream: Shape, e: unknown, errors: ReadonlyMap<string, ErrorPlan>, requestId: string, onStreamError?: (e: unknown, requestId: string) => void): Buffer {
  let err: AwsError;
  let m: Member | undefined;
  if (e instanceof AwsError) {
    err = e;
    const code = jsonErrorCode(err.code);
    m = stream.members.find((x) => x.shape.error?.code === code);
  } else {
    onStreamError?.(e, requestId);
    err = InternalFailure();
    m = stream.members.find((x) => x.shape.error?.fault === 'Receiver');
    if (m) err = new AwsError(m.shape.error!.code, err.message, m.shape.error!.status, 'Receiver');
  }
  const code = jsonErrorCode(err.code);
  const plan = m && errors.get(code);
  if (plan) {
    const body = writeJsonDocument(plan.shape, plan.shape.members, errorValue(plan, err, requestId));
    return encodeEventMessage([[':exception-type', m!.name], [':content-type', PAYLOAD_TYPE], [':message-type', 'exception']], Buffer.from(body, 'utf8'));
  }
  return encodeEventMessage([[':error-code', code], [':error-message', err.message], [':message-type', 'error']], EMPTY);
}

/** The response body of an event-stream output: the initial response (`initial`, a JSON document), then the events of `events`. */
export function jsonEventStream(
  stream: Member, initial: string, events: AsyncIterable<Record<string, unknown>>, errors: ReadonlyMap<string, ErrorPlan>, requestId: string,
  onStreamError?: (e: unknown, requestId: string) => void,
): Readable {
  async function* messages(): AsyncGenerator<Buffer> {
    yield encodeEventMessage([[':event-type', 'initial-response'], [':content-type', PAYLOAD_TYPE], [':message-type', 'event']], Buffer.from(initial, 'utf8'));
    let message: Buffer | undefined;
    try {
      for await (const event of events) yield eventMessage(stream.shape, event);
    } catch (e) {
      message = errorMessage(stream.shape, e, errors, requestId, onStreamError);
    }
    if (message) yield message;
  }
  return Readable.from(messages(), { objectMode: false });
}

// The error document both JSON protocols answer: the message under the error shape's own member
// name (Kinesis `message`, Pinpoint `Message`) and the shape's other members from AwsError.fields.
import type { AwsError } from '../errors.js';
import type { Member, ResolvedService, Shape } from '../resolved.js';

export interface ErrorPlan {
  shape: Shape;
  message?: Member;
  /** A member named RequestID (Pinpoint's errors): the request id unless the fields give one. */
  requestId?: Member;
}

/** Each modelled error of `service` by its code, with its message and request-id members found once. */
export function errorPlans(service: ResolvedService): Map<string, ErrorPlan> {
  const plans = new Map<string, ErrorPlan>();
  for (const [code, shape] of service.errorsByCode) {
    const plan: ErrorPlan = { shape };
    for (const m of shape.members) {
      const lower = m.name.toLowerCase();
      if (lower === 'message') plan.message = m;
      else if (lower === 'requestid') plan.requestId = m;
    }
    plans.set(code, plan);
  }
  return plans;
}

/** The members of `plan`'s error shape for `err`: its fields, its message, the request id. */
export function errorValue(plan: ErrorPlan, err: AwsError, requestId: string): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  const fields = err.fields;
  if (fields) {
    for (const m of plan.shape.members) {
      const f = fields[m.name];
      if (f !== undefined) value[m.name] = f;
    }
  }
  if (plan.message && err.message) value[plan.message.name] = err.message;
  if (plan.requestId && value[plan.requestId.name] === undefined) value[plan.requestId.name] = requestId;
  return value;
}

/**
 * The message key of an error no shape of the service models. AWS's common errors spell it
 * `message`; SerializationException spells it `Message` (kinesalite, recorded against Kinesis).
 */
const UNMODELLED_MESSAGE_KEY = new Map([['SerializationException', 'Message']]);

/** `{"<key>":"<message>"}` for an error without a modelled shape; `{}` when it has no message (AWS's SerializationException). */
export function unmodelledErrorBody(err: AwsError): string {
  if (!err.message) return '{}';
  return `{${JSON.stringify(UNMODELLED_MESSAGE_KEY.get(err.code) ?? 'message')}:${JSON.stringify(err.message)}}`;
}

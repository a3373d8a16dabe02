// A request from another partition's region (aws-cn, aws-us-gov …) reads and writes ARNs in its
// partition, while rolegate keeps them in its own `aws` form: the ARN members of the input are
// read into that form, and those of the output shown in the request's partition. A member is an
// ARN member by its name, as AWS's models name them (`Arn`, `RoleArn`, `PolicyArns`, `StreamARN`,
// an MFA device's `SerialNumber`, Pinpoint's `LastUpdatedBy`, S3's `Initiator.ID` …). Requests in
// `aws` pass untouched.
import type { AwsError } from '../protocol/errors.js';
import { arnFromPartition, arnInPartition } from '../shared/partitions.js';

const ARN_MEMBER = /arns?$/i;
const OTHER_ARN_MEMBERS = new Set(['SerialNumber', 'PermissionsBoundary', 'ResourceOwner', 'EvalResourceName', 'LastUpdatedBy']);
const isArnMember = (key: string) => ARN_MEMBER.test(key) || OTHER_ARN_MEMBERS.has(key);
/** Members that hold an ARN only inside one structure: S3's Initiator.ID (an IAM identity's ARN, or a canonical id). */
const isArnWithin = (parent: string | undefined, key: string) => parent === 'Initiator' && key === 'ID';

const isPlain = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * The input with its ARN members in rolegate's form, changed in place (the parser made it for
 * this request). An ARN of another partition is refused, as IAM refuses one ("Invalid ARN partition").
 */
export function readInputArns(input: Record<string, unknown>, partition: string, invalid: (message: string) => Error, read?: Map<string, string>): void {
  for (const key in input) {
    const v = input[key];
    if (typeof v === 'string') {
      if (isArnMember(key)) input[key] = readArn(v, partition, invalid, read);
    } else if (Array.isArray(v)) {
      const arns = isArnMember(key);
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (typeof item === 'string') {
          if (arns) v[i] = readArn(item, partition, invalid, read);
        } else if (item !== null && typeof item === 'object' && isPlain(item)) readInputArns(item as Record<string, unknown>, partition, invalid, read);
      }
    } else if (v !== null && typeof v === 'object' && isPlain(v)) readInputArns(v as Record<string, unknown>, partition, invalid, read);
  }
}

/** `read`, when given, keeps each ARN read (rolegate's form → as the caller wrote it), for the error an operation answers. */
function readArn(v: string, partition: string, invalid: (message: string) => Error, read?: Map<string, string>): string {
  const own = arnFromPartition(v, partition);
  if (own === undefined) throw invalid('Invalid ARN partition');
  if (read && own !== v) read.set(own, v);
  return own;
}

/** The output as the request's partition shows it: a copy where an ARN member changes, the handler's objects left as they are. */
export function showOutputArns<T>(output: T, partition: string): T {
  if (output === null || typeof output !== 'object' || !isPlain(output)) return output;
  return showObject(output as Record<string, unknown>, partition) as T;
}

function showObject(o: Record<string, unknown>, partition: string, parent?: string): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key in o) {
    const v = o[key];
    let shown: unknown = v;
    if (typeof v === 'string') {
      if (isArnMember(key) || isArnWithin(parent, key)) shown = arnInPartition(v, partition);
    } else if (Array.isArray(v)) shown = showArray(v, isArnMember(key), partition);
    else if (v !== null && typeof v === 'object' && isPlain(v)) shown = showObject(v as Record<string, unknown>, partition, key);
    if (shown !== v) (copy ??= { ...o })[key] = shown;
  }
  return copy ?? o;
}

function showArray(a: unknown[], arns: boolean, partition: string): unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    let shown: unknown = v;
    if (typeof v === 'string') {
      if (arns) shown = arnInPartition(v, partition);
    } else if (v !== null && typeof v === 'object' && isPlain(v)) shown = showObject(v as Record<string, unknown>, partition);
    if (shown !== v) (copy ??= a.slice())[i] = shown;
  }
  return copy ?? a;
}

/**
 * An error as the caller reads it: where its message quotes an ARN of the input ("Policy
 * arn:aws:iam::…:policy/p does not exist"), the ARN as the caller wrote it. Nothing else in the
 * message is changed: it may quote a document as its author wrote it.
 */
export function showErrorArns(err: AwsError, read: ReadonlyMap<string, string>): AwsError {
  let message = err.message;
  for (const [own, written] of read) if (message.includes(own)) message = message.replaceAll(own, written);
  if (message === err.message) return err;
  const shown = Object.create(Object.getPrototypeOf(err) as object) as AwsError;
  Object.assign(shown, err);
  Object.defineProperty(shown, 'message', { value: message, writable: true, configurable: true, enumerable: false });
  return shown;
}

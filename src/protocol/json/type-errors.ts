// A JSON body AWS cannot read: not JSON at all, or a member of the wrong JSON type. AWS's Java
// front ends (Coral) answer SerializationException in their words, as kinesalite's `test/helpers.js` records them against Kinesis.
import { AwsError } from '../errors.js';
import type { ShapeType } from '../model.js';

export function serializationError(message = ''): AwsError {
  return new AwsError('SerializationException', message, 400);
}

/** Java's name for what a shape's members hold: "can not be converted to an Integer". */
const JAVA_TYPE: Partial<Record<ShapeType, string>> = {
  string: 'String', integer: 'Integer', long: 'Long', double: 'Double', float: 'Float', boolean: 'Boolean',
};

/** The class AWS's JSON reader names for a JSON scalar: numbers are Coral's own. */
function javaClass(v: unknown): string {
  return typeof v === 'string' ? 'java.lang.String' : typeof v === 'boolean' ? 'java.lang.Boolean' : 'com.amazon.coral.value.json.numbers.TruncatingBigNumber';
}

/** The error for JSON value `v` where `shape` is modelled (`v` is not null). */
export function wrongType(shape: { type: ShapeType }, v: unknown): AwsError {
  if (Array.isArray(v)) return serializationError('Start of list found where not expected');
  if (typeof v === 'object') return serializationError('Start of structure or map found where not expected.');
  switch (shape.type) {
    case 'structure':
      return serializationError('Expected null');
    case 'list':
      return serializationError('Expected list or null');
    case 'map':
      return serializationError('Expected map or null');
    case 'boolean':
      // AWS upper-cases the string it quotes here ('HELLO' can not be converted to an Boolean).
      if (typeof v === 'string') return serializationError(`'${v.toUpperCase()}' can not be converted to an Boolean`);
      return serializationError(`class ${javaClass(v)} can not be converted to an Boolean`);
    case 'blob':
      return serializationError(`class ${javaClass(v)} can not be converted to a Blob`);
    case 'timestamp':
      // An epoch-seconds member given a string or a boolean.
      return serializationError(`class ${javaClass(v)} can not be converted to milliseconds since epoch`);
    default:
      return serializationError(`class ${javaClass(v)} can not be converted to an ${JAVA_TYPE[shape.type] ?? shape.type}`);
  }
}

const BASE64_VALUES = new Int8Array(128).fill(-1);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
for (let i = 0; i < ALPHABET.length; i++) BASE64_VALUES[ALPHABET.charCodeAt(i)] = i;
const NOT_BASE64 = /[^a-zA-Z0-9+/=]|=[^=]/;

/** Decodes a blob member's base64 as strictly as AWS does; the messages are AWS's (its typo included). */
export function decodeBase64Strict(s: string): Buffer {
  if (s.length % 4 !== 0) {
    throw serializationError(`'${s}' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: ${s.length}`);
  }
  const bad = NOT_BASE64.exec(s);
  if (bad) throw serializationError(`'${s}' can not be converted to a Blob: Invalid Base64 character: '${bad[0][0]}'`);
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  if (pad > 0) {
    // The bits of the last data character beyond the data must be zero, else the text is not canonical.
    const last = BASE64_VALUES[s.charCodeAt(s.length - pad - 1)];
    if ((last & (pad === 2 ? 0x0f : 0x03)) !== 0) {
      throw serializationError(`'${s}' can not be converted to a Blob: Invalid last non-pad Base64 character dectected`);
    }
  }
  return Buffer.from(s, 'base64');
}

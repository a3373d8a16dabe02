// JSON documents by shape for the json and rest-json protocols: wire names, timestamps (epoch seconds
// unless the model says otherwise), base64 blobs, documents, unions, jsonvalue strings. Reading drops
// nulls and members the model does not know, as AWS does; a value of the wrong JSON type is a SerializationException.
import type { Member, Shape } from '../resolved.js';
import type { BodyCodec } from '../rest/bindings.js';
import { formatTimestamp, formatTimestampFor, parseTimestamp } from '../timestamps.js';
import { decodeBase64Strict, serializationError, wrongType } from './type-errors.js';

type JsonObject = Record<string, unknown>;

const INT_MAX = 2147483647;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sets `out[k]`, even for a key such as `__proto__` that plain assignment would not store. */
function setKey(out: JsonObject, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}

/** Parses a request body that must hold a JSON object; empty is `{}`. Anything else: SerializationException, without a message, as AWS answers it. */
export function parseJsonBody(body: Buffer | string): JsonObject {
  if (body.length === 0) return {};
  let doc: unknown;
  try {
    doc = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    throw serializationError();
  }
  if (Array.isArray(doc)) throw serializationError('Start of list found where not expected');
  if (!isObject(doc)) throw serializationError();
  return doc;
}

function readStructure(shape: Shape, members: readonly Member[], record: JsonObject): JsonObject {
  const out: JsonObject = {};
  let set = 0;
  for (const m of members) {
    const v = record[m.wireName];
    if (v === undefined || v === null || !Object.hasOwn(record, m.wireName)) continue;
    out[m.name] = readValue(m, v);
    set++;
  }
  if (shape.union && set > 1) throw serializationError(`Union ${shape.name} must have exactly one member set, found ${set}`);
  return out;
}

function readValue(m: Member, v: unknown): unknown {
  const shape = m.shape;
  if (shape.document) return v;
  switch (shape.type) {
    case 'structure':
      if (!isObject(v)) throw wrongType(shape, v);
      return readStructure(shape, shape.members, v);
    case 'list': {
      if (!Array.isArray(v)) throw wrongType(shape, v);
      const out: unknown[] = [];
      for (const item of v) if (item !== null) out.push(readValue(shape.member!, item));
      return out;
    }
    case 'map': {
      if (!isObject(v)) throw wrongType(shape, v);
      const out: JsonObject = {};
      for (const k in v) {
        const item = v[k];
        if (item !== null) setKey(out, k, readValue(shape.value!, item));
      }
      return out;
    }
    case 'string':
      if (typeof v !== 'string') throw wrongType(shape, v);
      if (!m.jsonvalue) return v;
      try {
        return JSON.parse(v);
      } catch {
        throw serializationError(`'${v}' can not be converted to a JSON value`);
      }
    case 'boolean':
      if (typeof v !== 'boolean') throw wrongType(shape, v);
      return v;
    case 'integer': case 'long':
      // AWS drops a fraction and caps an Integer at its Java maximum rather than refusing (kinesalite `validations/index.js`).
      if (typeof v !== 'number') throw wrongType(shape, v);
      return shape.type === 'integer' ? Math.min(Math.floor(v), INT_MAX) : Math.floor(v);
    case 'double': case 'float':
      if (typeof v === 'number') return v;
      if (v === 'NaN') return NaN;
      if (v === 'Infinity') return Infinity;
      if (v === '-Infinity') return -Infinity;
      throw wrongType(shape, v);
    case 'timestamp': {
      // Epoch seconds must be a JSON number (AWS refuses a string); the other formats travel as strings.
      const epoch = formatTimestampFor(m.timestampFormat, 'unixTimestamp') === 'unixTimestamp';
      if (typeof v !== 'number' && (epoch || typeof v !== 'string')) throw wrongType(shape, v);
      const d = parseTimestamp(v as number | string);
      if (!d) throw serializationError(`'${v}' can not be converted to a Timestamp`);
      return d;
    }
    case 'blob':
      if (typeof v !== 'string') throw wrongType(shape, v);
      return decodeBase64Strict(v);
    default:
      return v;
  }
}

/** Reads `members` of `shape` from a parsed JSON object (a document shape: the value itself). */
export function readJsonDocument(shape: Shape, members: readonly Member[], doc: JsonObject): JsonObject {
  return shape.document ? doc : readStructure(shape, members, doc);
}

function writeStructure(shape: Shape, members: readonly Member[], obj: JsonObject): string {
  let out = '{';
  let set = 0;
  for (const m of members) {
    const v = obj[m.name];
    if (v === undefined || v === null) continue;
    // Wire names are AWS member names: letters, digits and `_`, never anything JSON must escape.
    out += set === 0 ? `"${m.wireName}":` : `,"${m.wireName}":`;
    out += writeValue(m, v);
    set++;
  }
  if (shape.union && set > 1) throw new TypeError(`union ${shape.name} has ${set} members set; exactly one may be`);
  return `${out}}`;
}

function base64(v: unknown): string {
  if (typeof v === 'string') return Buffer.from(v, 'utf8').toString('base64');
  const bytes = v as Uint8Array;
  return (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('base64');
}

function toDate(v: unknown): Date {
  return v instanceof Date ? v : new Date(v as string | number);
}

function writeValue(m: Member, v: unknown): string {
  const shape = m.shape;
  if (shape.document) return JSON.stringify(v) ?? 'null';
  switch (shape.type) {
    case 'structure':
      return writeStructure(shape, shape.members, v as JsonObject);
    case 'list': {
      let out = '[';
      let first = true;
      for (const item of v as unknown[]) {
        if (item === undefined || item === null) continue;
        out += first ? writeValue(shape.member!, item) : `,${writeValue(shape.member!, item)}`;
        first = false;
      }
      return `${out}]`;
    }
    case 'map': {
      const map = v as JsonObject;
      let out = '{';
      let first = true;
      for (const k in map) {
        const item = map[k];
        if (item === undefined || item === null) continue;
        out += `${first ? '' : ','}${JSON.stringify(k)}:${writeValue(shape.value!, item)}`;
        first = false;
      }
      return `${out}}`;
    }
    case 'string':
      // A jsonvalue member travels as a string of JSON text; a string given for it is that text already.
      if (m.jsonvalue) return JSON.stringify(typeof v === 'string' ? v : JSON.stringify(v));
      return JSON.stringify(typeof v === 'string' ? v : String(v));
    case 'boolean':
      return v ? 'true' : 'false';
    case 'double': case 'float': {
      const n = Number(v);
      return Number.isFinite(n) ? String(n) : `"${n}"`;
    }
    case 'timestamp': {
      const f = formatTimestamp(toDate(v), formatTimestampFor(m.timestampFormat, 'unixTimestamp'));
      return typeof f === 'number' ? String(f) : JSON.stringify(f);
    }
    case 'blob':
      return `"${base64(v)}"`;
    default:
      return String(v);
  }
}

/** Writes `members` of `shape` from `value` as a JSON document. */
export function writeJsonDocument(shape: Shape, members: readonly Member[], value: JsonObject): string {
  return shape.document ? (JSON.stringify(value) ?? 'null') : writeStructure(shape, members, value);
}

/** The JSON body codec the REST bindings use for rest-json. */
export const jsonBody: BodyCodec = {
  contentType: 'application/json',
  read: (shape, members, body) => readJsonDocument(shape, members, parseJsonBody(body)),
  write: (shape, members, value) => writeJsonDocument(shape, members, value),
};

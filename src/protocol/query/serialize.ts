// The query protocol's response side: typed outputs and AwsErrors become AWS's XML documents
// (`<OpResponse><OpResult>…</OpResult><ResponseMetadata>…`, `<ErrorResponse>`), walking the output shape.
import type { AwsError } from '../errors.js';
import type { Operation, Shape } from '../resolved.js';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#xD;', '\n': '&#xA;' };
const XML_SPECIAL = /[&<>"'\r\n]/g;
const HAS_XML_SPECIAL = /[&<>"'\r\n]/;

export function escapeXml(s: string): string {
  return HAS_XML_SPECIAL.test(s) ? s.replace(XML_SPECIAL, (c) => XML_ESCAPES[c]) : s;
}

/** AWS's query services write timestamps as ISO 8601 in UTC, to the second. */
export function isoSeconds(d: Date): string {
  const s = d.toISOString();
  return `${s.slice(0, 19)}Z`;
}

function scalar(shape: Shape, v: unknown): string {
  switch (shape.type) {
    case 'timestamp':
      return isoSeconds(v instanceof Date ? v : new Date(v as string));
    case 'blob':
      return Buffer.from(v as Uint8Array).toString('base64');
    case 'string':
      return escapeXml(v as string);
    default:
      return String(v);
  }
}

function write(shape: Shape, v: unknown, name: string, flattened: boolean): string {
  switch (shape.type) {
    case 'structure': {
      return `<${name}>${members(shape, v as Record<string, unknown>)}</${name}>`;
    }
    case 'list': {
      const list = v as unknown[];
      const m = shape.member!;
      if (flattened) {
        let out = '';
        for (const item of list) out += write(m.shape, item, name, false);
        return out;
      }
      let out = `<${name}>`;
      for (const item of list) out += write(m.shape, item, m.wireName, false);
      return `${out}</${name}>`;
    }
    case 'map': {
      const map = v as Record<string, unknown>;
      let out = flattened ? '' : `<${name}>`;
      for (const k in map) {
        const entry = `<${shape.key!.wireName}>${escapeXml(k)}</${shape.key!.wireName}>${write(shape.value!.shape, map[k], shape.value!.wireName, false)}`;
        out += flattened ? `<${name}>${entry}</${name}>` : `<entry>${entry}</entry>`;
      }
      return flattened ? out : `${out}</${name}>`;
    }
    default:
      return `<${name}>${scalar(shape, v)}</${name}>`;
  }
}

function members(shape: Shape, obj: Record<string, unknown>): string {
  let out = '';
  for (const m of shape.members) {
    const v = obj[m.name];
    if (v === undefined || v === null) continue;
    out += write(m.shape, v, m.wireName, m.flattened);
  }
  return out;
}

export function serializeQueryOutput(op: Operation, output: unknown, xmlns: string, requestId: string): string {
  let body = `<${op.name}Response xmlns="${xmlns}">`;
  if (op.output && op.resultWrapper) {
    body += `<${op.resultWrapper}>${output ? members(op.output, output as Record<string, unknown>) : ''}</${op.resultWrapper}>`;
  }
  body += `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${op.name}Response>`;
  return body;
}

export function serializeQueryError(err: AwsError, xmlns: string, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${xmlns}"><Error><Type>${err.fault}</Type><Code>${escapeXml(err.code)}</Code>` +
    `<Message>${escapeXml(err.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

// rest-xml response bodies: a typed value becomes an XML document by walking a resolved Shape.
// Pure: no HTTP, no headers; members bound to a location (header, statusCode …) are not the body's and are skipped.
import type { XmlNamespace } from '../model.js';
import type { Member, Shape } from '../resolved.js';
import { formatTimestamp, formatTimestampFor, iso8601 } from '../timestamps.js';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// Line ends and control characters travel as character references so that no parser normalises
// them away (S3 keys may hold any of them); U+0085 and U+2028 too, as the AWS SDKs write them.
const XML_SPECIAL = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\r\n\t\u0085\u2028]/g;
const HAS_XML_SPECIAL = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\r\n\t\u0085\u2028]/;

const escapeChar = (c: string) => XML_ESCAPES[c] ?? `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`;

/** Escapes text for an element's content or an attribute's value. */
export function escapeXmlText(s: string): string {
  return HAS_XML_SPECIAL.test(s) ? s.replace(XML_SPECIAL, escapeChar) : s;
}

function namespaceAttribute(ns: XmlNamespace | undefined): string {
  if (!ns) return '';
  return ns.prefix ? ` xmlns:${ns.prefix}="${escapeXmlText(ns.uri)}"` : ` xmlns="${escapeXmlText(ns.uri)}"`;
}

/** S3 writes body timestamps with milliseconds (`2009-10-12T17:50:30.000Z`) unless the model names another format. */
function timestamp(v: unknown, format: string | undefined): string {
  const d = v instanceof Date ? v : new Date(v as string | number);
  const f = formatTimestampFor(format, 'iso8601');
  return f === 'iso8601' ? iso8601(d, true) : String(formatTimestamp(d, f));
}

function scalar(shape: Shape, v: unknown, timestampFormat: string | undefined): string {
  switch (shape.type) {
    case 'timestamp':
      return timestamp(v, timestampFormat);
    case 'blob':
      return typeof v === 'string' ? Buffer.from(v).toString('base64') : Buffer.from(v as Uint8Array).toString('base64');
    case 'string':
      return escapeXmlText(String(v));
    default:
      return String(v);
  }
}

/** A flattened list repeats its items under the list member's own name when it has one, else under the member's. */
const flatItemName = (m: Member) => (m.shape.member!.wireName !== 'member' ? m.shape.member!.wireName : m.wireName);

function attributes(shape: Shape, obj: Record<string, unknown>): string {
  let out = '';
  for (const m of shape.members) {
    if (!m.xmlAttribute || m.location !== undefined) continue;
    const v = obj[m.name];
    if (v !== undefined && v !== null) out += ` ${m.wireName}="${scalar(m.shape, v, m.timestampFormat)}"`;
  }
  return out;
}

function mapEntries(shape: Shape, map: Record<string, unknown>, entryName: string): string {
  const key = shape.key!;
  const value = shape.value!;
  let out = '';
  for (const k in map) {
    const v = map[k];
    if (v === undefined || v === null) continue;
    out += `<${entryName}><${key.wireName}>${escapeXmlText(k)}</${key.wireName}>`;
    out += `${element(value.shape, v, value.wireName, undefined, value.timestampFormat)}</${entryName}>`;
  }
  return out;
}

/** One element named `name` holding `v`; `ns` is the member's namespace, else the shape's own applies. */
function element(shape: Shape, v: unknown, name: string, ns: XmlNamespace | undefined, timestampFormat: string | undefined): string {
  const open = `<${name}${namespaceAttribute(ns ?? shape.xmlNamespace)}`;
  switch (shape.type) {
    case 'structure': {
      const obj = v as Record<string, unknown>;
      return `${open}${attributes(shape, obj)}>${members(shape, obj)}</${name}>`;
    }
    case 'list': {
      const m = shape.member!;
      let out = `${open}>`;
      for (const item of v as unknown[]) out += element(m.shape, item, m.wireName, m.xmlNamespace, m.timestampFormat);
      return `${out}</${name}>`;
    }
    case 'map':
      return `${open}>${mapEntries(shape, v as Record<string, unknown>, 'entry')}</${name}>`;
    default:
      return `${open}>${scalar(shape, v, timestampFormat)}</${name}>`;
  }
}

function members(shape: Shape, obj: Record<string, unknown>): string {
  let out = '';
  for (const m of shape.members) {
    if (m.location !== undefined || m.xmlAttribute) continue;
    const v = obj[m.name];
    if (v === undefined || v === null) continue;
    if (m.flattened && m.shape.type === 'list') {
      const item = m.shape.member!;
      const name = flatItemName(m);
      for (const x of v as unknown[]) out += element(item.shape, x, name, item.xmlNamespace ?? m.xmlNamespace, item.timestampFormat);
    } else if (m.flattened && m.shape.type === 'map') {
      out += mapEntries(m.shape, v as Record<string, unknown>, m.wireName);
    } else {
      out += element(m.shape, v, m.wireName, m.xmlNamespace, m.timestampFormat);
    }
  }
  return out;
}

/**
 * Writes `value` as a whole document under a root element named `rootName`. For a structure the
 * root holds its body members (a payload's shape, or an output whose members sit under the root);
 * for a scalar the root holds the value itself (S3's `<LocationConstraint>eu-west-1</LocationConstraint>`).
 * `namespace` (S3's `http://s3.amazonaws.com/doc/2006-03-01/`) goes on the root, else the shape's own.
 */
export function writeXmlBody(shape: Shape, value: unknown, rootName: string, namespace?: XmlNamespace): string {
  return XML_DECLARATION + element(shape, value, rootName, namespace, shape.timestampFormat);
}

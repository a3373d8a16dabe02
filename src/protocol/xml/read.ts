// rest-xml request bodies: an XML document becomes a typed value by walking a resolved Shape.
// Pure: no HTTP, no headers; members bound to a location (uri, header …) are not the body's and are skipped.
import { XMLParser } from 'fast-xml-parser';
import { AwsError } from '../errors.js';
import type { Member, Shape } from '../resolved.js';
import { parseTimestamp } from '../timestamps.js';

/** An element as the parser leaves it: children by local name (always arrays), text, attributes. */
interface XmlElement {
  '#text'?: string;
  '@'?: Record<string, string>;
  [child: string]: XmlElement[] | string | Record<string, string> | undefined;
}

/** S3's answer to a body that does not parse or does not fit the shape. */
export const MalformedXML = () =>
  new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const INTEGER = /^[+-]?[0-9]+$/;
const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));/g;

function decodeEntity(raw: string, hex: string | undefined, dec: string | undefined, named: string | undefined): string {
  if (named !== undefined) return XML_ENTITIES[named] ?? raw;
  const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10);
  return cp <= 0x10ffff ? String.fromCodePoint(cp) : raw;
}

/**
 * The five XML entities and character references, control characters included (S3 keys may hold
 * them, written as `&#x1;`). Entities a DOCTYPE declares are never expanded: no entity bombs, no XXE.
 */
const entityDecoder = {
  decode: (text: string) => (text.includes('&') ? text.replace(ENTITY, decodeEntity) : text),
  setExternalEntities() {},
  addInputEntities() {},
  reset() {},
  setXmlVersion() {},
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  entityDecoder,
  alwaysCreateTextNode: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

const localName = (wireName: string) => {
  const colon = wireName.indexOf(':');
  return colon === -1 ? wireName : wireName.slice(colon + 1);
};

const text = (el: XmlElement) => el['#text'] ?? '';

const children = (el: XmlElement, name: string): XmlElement[] | undefined => {
  const c = Object.prototype.hasOwnProperty.call(el, name) ? el[name] : undefined;
  return Array.isArray(c) ? c : undefined;
};

/** A flattened list repeats its items under the list member's own name when it has one (botocore does the same). */
const flatItemName = (m: Member) => (m.shape.member!.wireName !== 'member' ? m.shape.member!.wireName : m.wireName);

function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

function scalar(shape: Shape, raw: string): unknown {
  switch (shape.type) {
    case 'string':
      return raw;
    case 'integer':
    case 'long': {
      const s = raw.trim();
      if (!INTEGER.test(s)) throw MalformedXML();
      return Number(s);
    }
    case 'float':
    case 'double': {
      const s = raw.trim();
      if (s === 'NaN') return Number.NaN;
      const n = Number(s);
      if (s === '' || Number.isNaN(n)) throw MalformedXML();
      return n;
    }
    case 'boolean': {
      const s = raw.trim();
      if (s === 'true') return true;
      if (s === 'false') return false;
      throw MalformedXML();
    }
    case 'timestamp': {
      const d = parseTimestamp(raw.trim());
      if (!d) throw MalformedXML();
      return d;
    }
    case 'blob':
      return Buffer.from(raw, 'base64');
    default:
      throw MalformedXML();
  }
}

function readList(shape: Shape, items: XmlElement[]): unknown[] {
  const out: unknown[] = [];
  for (const item of items) out.push(readValue(shape.member!.shape, item));
  return out;
}

/** Map entries: `<entry><key>…</key><value>…</value></entry>` inside the map element, or the entries themselves when flattened. */
function readMap(shape: Shape, entries: XmlElement[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keyName = localName(shape.key!.wireName);
  const valueName = localName(shape.value!.wireName);
  for (const entry of entries) {
    const k = children(entry, keyName)?.[0];
    const v = children(entry, valueName)?.[0];
    if (k === undefined || v === undefined) throw MalformedXML();
    setKey(out, text(k), readValue(shape.value!.shape, v));
  }
  return out;
}

function readStructure(shape: Shape, el: XmlElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of shape.members) {
    if (m.location !== undefined) continue;
    if (m.xmlAttribute) {
      const attr = el['@']?.[localName(m.wireName)];
      if (attr !== undefined) out[m.name] = scalar(m.shape, attr);
      continue;
    }
    const type = m.shape.type;
    if (m.flattened && type === 'list') {
      const items = children(el, localName(flatItemName(m)));
      if (items) out[m.name] = readList(m.shape, items);
    } else if (m.flattened && type === 'map') {
      const entries = children(el, localName(m.wireName));
      if (entries) out[m.name] = readMap(m.shape, entries);
    } else {
      const child = children(el, localName(m.wireName))?.[0];
      if (child) out[m.name] = readValue(m.shape, child);
    }
  }
  return out;
}

function readValue(shape: Shape, el: XmlElement): unknown {
  switch (shape.type) {
    case 'structure':
      return readStructure(shape, el);
    case 'list':
      return readList(shape, children(el, localName(shape.member!.wireName)) ?? []);
    case 'map':
      return readMap(shape, children(el, 'entry') ?? []);
    default:
      return scalar(shape, text(el));
  }
}

/** Parses a document and returns its one root element with that element's local name. */
function rootElement(xml: string | Buffer): { name: string; el: XmlElement } {
  let s = typeof xml === 'string' ? xml : xml.toString('utf8');
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  let doc: Record<string, XmlElement[]>;
  try {
    doc = parser.parse(s, true) as Record<string, XmlElement[]>;
  } catch {
    throw MalformedXML();
  }
  let root: { name: string; el: XmlElement } | undefined;
  for (const name in doc) {
    const els = doc[name];
    if (root || !Array.isArray(els) || els.length !== 1) throw MalformedXML();
    root = { name, el: els[0] };
  }
  if (!root) throw MalformedXML();
  return root;
}

/**
 * Reads an XML document whose root element holds `shape`'s members (a structure): a payload
 * member's shape (`<Tagging>` for PutBucketTagging's `Tagging`), or an input whose body members sit
 * under the root (SelectObjectContent); members with a location are skipped either way. With
 * `rootName`, a root of another local name is MalformedXML, as S3 answers. Unknown elements are ignored.
 * An empty body is MalformedXML too: whether the payload was optional is the caller's to decide.
 */
export function readXmlBody(shape: Shape, xml: string | Buffer, rootName?: string): Record<string, unknown> {
  const root = rootElement(xml);
  if (rootName !== undefined && root.name !== localName(rootName)) throw MalformedXML();
  return readStructure(shape, root.el);
}

// Checks a query-protocol response document against AWS's model (models/aws/<service>.json, botocore
// form), independently of rolegate's own resolved models: the envelope (<OpResponse xmlns>, the
// result wrapper the model names, ResponseMetadata/RequestId), then the output shape recursively —
// no element that is not a member, every required member, lists as <member> items, maps as
// <entry><key><value>, scalars well formed for their type. Answers the problems found, as paths.
import { readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';

interface ModelShape {
  type: string;
  members?: Record<string, { shape: string; locationName?: string; flattened?: boolean }>;
  required?: string[];
  member?: { shape: string; locationName?: string };
  key?: { shape: string; locationName?: string };
  value?: { shape: string; locationName?: string };
  flattened?: boolean;
  enum?: string[];
  min?: number;
  max?: number;
}
export interface Model {
  metadata: { xmlNamespace: string };
  operations: Record<string, { name: string; output?: { shape: string; resultWrapper?: string } }>;
  shapes: Record<string, ModelShape>;
}

export function loadModel(file: string): Model {
  return JSON.parse(readFileSync(file, 'utf8')) as Model;
}

const ISO_8601 = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?Z$/;
const INTEGER = /^-?\d+$/;
const DOUBLE = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const children = (el: Element): Element[] => {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
};
const strayText = (el: Element): string => {
  let t = '';
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 || n.nodeType === 4) t += n.nodeValue ?? '';
  return t.trim();
};
const textOf = (el: Element): string => el.textContent ?? '';

/** The problems of one value element against `shapeName`, at `path`. */
function check(model: Model, shapeName: string, el: Element, path: string, problems: string[]): void {
  const shape = model.shapes[shapeName];
  if (!shape) {
    problems.push(`${path}: the model has no shape ${shapeName}`);
    return;
  }
  switch (shape.type) {
    case 'structure': {
      if (strayText(el)) problems.push(`${path}: text ${JSON.stringify(strayText(el))} in a structure`);
      const byWire = new Map<string, [string, { shape: string; flattened?: boolean }]>();
      for (const [name, m] of Object.entries(shape.members ?? {})) byWire.set(m.locationName ?? name, [name, m]);
      const seen = new Set<string>();
      for (const child of children(el)) {
        const found = byWire.get(child.tagName);
        if (!found) {
          problems.push(`${path}/${child.tagName}: not a member of ${shapeName}`);
          continue;
        }
        const [name, m] = found;
        const flattened = m.flattened || model.shapes[m.shape]?.flattened;
        if (seen.has(name) && !flattened) problems.push(`${path}/${child.tagName}: appears more than once`);
        seen.add(name);
        if (flattened) {
          const target = model.shapes[m.shape];
          check(model, target.type === 'list' ? target.member!.shape : m.shape, child, `${path}/${child.tagName}`, problems);
        } else {
          check(model, m.shape, child, `${path}/${child.tagName}`, problems);
        }
      }
      for (const name of shape.required ?? []) {
        if (!seen.has(name)) problems.push(`${path}/${shape.members![name].locationName ?? name}: required member of ${shapeName} missing`);
      }
      return;
    }
    case 'list': {
      if (strayText(el)) problems.push(`${path}: text ${JSON.stringify(strayText(el))} in a list`);
      const item = shape.member!.locationName ?? 'member';
      children(el).forEach((child, i) => {
        if (child.tagName !== item) problems.push(`${path}/${child.tagName}: a list item must be <${item}>`);
        else check(model, shape.member!.shape, child, `${path}/${item}[${i + 1}]`, problems);
      });
      return;
    }
    case 'map': {
      if (strayText(el)) problems.push(`${path}: text ${JSON.stringify(strayText(el))} in a map`);
      const keyName = shape.key!.locationName ?? 'key';
      const valueName = shape.value!.locationName ?? 'value';
      children(el).forEach((entry, i) => {
        const at = `${path}/entry[${i + 1}]`;
        if (entry.tagName !== 'entry') {
          problems.push(`${path}/${entry.tagName}: a map item must be <entry>`);
          return;
        }
        const parts = children(entry);
        const names = parts.map((p) => p.tagName);
        if (names.length !== 2 || names[0] !== keyName || names[1] !== valueName) {
          problems.push(`${at}: must hold <${keyName}> then <${valueName}>, holds ${names.map((n) => `<${n}>`).join('') || 'nothing'}`);
          return;
        }
        check(model, shape.key!.shape, parts[0], `${at}/${keyName}`, problems);
        check(model, shape.value!.shape, parts[1], `${at}/${valueName}`, problems);
      });
      return;
    }
    default: {
      if (children(el).length) {
        problems.push(`${path}: a ${shape.type} holds elements (${children(el).map((c) => `<${c.tagName}>`).join('')})`);
        return;
      }
      const v = textOf(el);
      const bad = (why: string) => problems.push(`${path}: ${JSON.stringify(v)} ${why}`);
      switch (shape.type) {
        case 'timestamp':
          if (!ISO_8601.test(v) || Number.isNaN(Date.parse(v))) bad('is not an ISO 8601 UTC timestamp');
          return;
        case 'boolean':
          if (v !== 'true' && v !== 'false') bad('is not true or false');
          return;
        case 'integer':
        case 'long':
          if (!INTEGER.test(v)) bad(`is not an ${shape.type}`);
          else if ((shape.min !== undefined && Number(v) < shape.min) || (shape.max !== undefined && Number(v) > shape.max)) bad(`is outside ${shape.min ?? ''}..${shape.max ?? ''}`);
          return;
        case 'double':
        case 'float':
          if (!DOUBLE.test(v)) bad(`is not a ${shape.type}`);
          return;
        case 'blob':
          if (!BASE64.test(v)) bad('is not base64');
          return;
        case 'string':
          if (shape.enum && !shape.enum.includes(v)) bad(`is not one of ${shapeName}'s values`);
          return;
        default:
          problems.push(`${path}: unknown shape type ${shape.type}`);
      }
    }
  }
}

/** The problems of a whole response body of `operation`: envelope, result, metadata. Empty when it conforms. */
export function responseProblems(model: Model, operation: string, body: string): string[] {
  const problems: string[] = [];
  const op = model.operations[operation];
  if (!op) return [`the model has no operation ${operation}`];
  const errors: string[] = [];
  const fail = (msg: string) => { errors.push(msg); };
  const doc = new DOMParser({ errorHandler: { warning: () => {}, error: fail, fatalError: fail } }).parseFromString(body, 'text/xml') as unknown as Document;
  if (errors.length || !doc.documentElement) return [`not well-formed XML: ${errors.join('; ')}`];
  const root = doc.documentElement;
  if (root.tagName !== `${operation}Response`) problems.push(`root is <${root.tagName}>, not <${operation}Response>`);
  if (root.getAttribute('xmlns') !== model.metadata.xmlNamespace) problems.push(`root's xmlns is ${JSON.stringify(root.getAttribute('xmlns'))}, not ${model.metadata.xmlNamespace}`);
  if (strayText(root)) problems.push(`text ${JSON.stringify(strayText(root))} in <${root.tagName}>`);
  const expected = [...(op.output ? [op.output.resultWrapper ?? `${operation}Result`] : []), 'ResponseMetadata'];
  const got = children(root).map((c) => c.tagName);
  if (got.join() !== expected.join()) problems.push(`<${root.tagName}> holds ${got.map((n) => `<${n}>`).join('')}, not ${expected.map((n) => `<${n}>`).join('')}`);
  for (const child of children(root)) {
    if (op.output && child.tagName === expected[0]) check(model, op.output.shape, child, `/${root.tagName}/${child.tagName}`, problems);
    if (child.tagName === 'ResponseMetadata') {
      const meta = children(child);
      if (meta.length !== 1 || meta[0].tagName !== 'RequestId') problems.push(`ResponseMetadata holds ${meta.map((m) => `<${m.tagName}>`).join('')}, not <RequestId>`);
      else if (!REQUEST_ID.test(textOf(meta[0]))) problems.push(`RequestId ${JSON.stringify(textOf(meta[0]))} is not a request id`);
    }
  }
  return problems;
}

/** The text of the first element named `name` in an XML body (for chaining one call's answer into the next). */
export function firstText(body: string, name: string): string | undefined {
  const doc = new DOMParser().parseFromString(body, 'text/xml') as unknown as Document;
  const el = doc.getElementsByTagName(name)[0];
  return el ? textOf(el) : undefined;
}

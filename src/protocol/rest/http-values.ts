// Scalars in URI labels, query strings and headers: text to typed values by shape and back, with
// each location's timestamp default, headers' comma-separated lists and base64 JSON (`jsonvalue`) headers.
import { AwsError } from '../errors.js';
import type { MemberLocation } from '../model.js';
import type { Member } from '../resolved.js';
import { defaultTimestampFormat, formatTimestamp, formatTimestampFor, parseTimestamp } from '../timestamps.js';

const INTEGER = /^[-+]?\d+$/;
const NEEDS_QUOTES = /[",]/;
const QUOTE = /"/g;

/** A value on the HTTP line that its shape cannot read (`?Count=ten`): AWS answers SerializationException. */
export function invalidHttpValue(raw: string, path: string, type: string): AwsError {
  return new AwsError('SerializationException', `Value '${raw}' at '${path}' could not be converted to ${type}`, 400);
}

/** Reads one scalar of `member`'s shape bound to `location`; `path` names it in errors (a list's element: the list). */
export function readHttpScalar(raw: string, member: Member, location: MemberLocation, path = member.path): unknown {
  switch (member.shape.type) {
    case 'string':
      if (member.jsonvalue && location === 'header') {
        try {
          return JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
        } catch {
          throw invalidHttpValue(raw, path, 'a base64-encoded JSON value');
        }
      }
      return raw;
    case 'integer': case 'long':
      if (!INTEGER.test(raw)) throw invalidHttpValue(raw, path, 'an integer');
      return Number(raw);
    case 'double': case 'float': {
      const n = raw === 'NaN' ? NaN : Number(raw);
      if (raw.trim() === '' || (Number.isNaN(n) && raw !== 'NaN')) throw invalidHttpValue(raw, path, 'a number');
      return n;
    }
    case 'boolean':
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      throw invalidHttpValue(raw, path, 'a boolean');
    case 'timestamp': {
      const d = parseTimestamp(raw);
      if (!d) throw invalidHttpValue(raw, path, 'a timestamp');
      return d;
    }
    case 'blob':
      return Buffer.from(raw, 'base64');
    default:
      return raw;
  }
}

/** Writes one scalar of `member`'s shape for `location` (labels and query: the caller encodes). */
export function formatHttpScalar(v: unknown, member: Member, location: MemberLocation): string {
  switch (member.shape.type) {
    case 'string':
      if (member.jsonvalue && location === 'header') {
        return Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8').toString('base64');
      }
      return String(v);
    case 'timestamp': {
      const d = v instanceof Date ? v : new Date(v as string | number);
      const format = formatTimestampFor(member.timestampFormat, defaultTimestampFormat('rest-json', location));
      return String(formatTimestamp(d, format));
    }
    case 'blob':
      return typeof v === 'string' ? Buffer.from(v, 'utf8').toString('base64') : Buffer.from(v as Uint8Array).toString('base64');
    default:
      return String(v);
  }
}

/** Splits a list header of `element`s: comma-separated, an item holding a comma or quote quoted (RFC 7230). */
export function splitHeaderList(value: string, element: Member): string[] {
  // HTTP dates hold a comma of their own ("Tue, 02 Jan 2026 …"): every second comma separates.
  const dates = element.shape.type === 'timestamp' && formatTimestampFor(element.timestampFormat, 'rfc822') === 'rfc822';
  const out: string[] = [];
  let i = 0;
  while (i < value.length) {
    while (value[i] === ' ' || value[i] === '\t') i++;
    if (value[i] === '"') {
      let item = '';
      let j = i + 1;
      for (; j < value.length && value[j] !== '"'; j++) item += value[j] === '\\' && j + 1 < value.length ? value[++j] : value[j];
      out.push(item);
      const comma = value.indexOf(',', j);
      i = comma === -1 ? value.length : comma + 1;
      continue;
    }
    let comma = value.indexOf(',', i);
    if (dates && comma !== -1) comma = value.indexOf(',', comma + 1);
    const end = comma === -1 ? value.length : comma;
    out.push(value.slice(i, end).trim());
    i = end + 1;
  }
  return out;
}

/** Joins a list header of `element`s, quoting the items that hold a comma or a quote. */
export function joinHeaderList(items: readonly unknown[], element: Member): string {
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const s = formatHttpScalar(items[i], element, 'header');
    const item = element.shape.type !== 'timestamp' && NEEDS_QUOTES.test(s) ? `"${s.replace(QUOTE, '\\"')}"` : s;
    out += i === 0 ? item : `, ${item}`;
  }
  return out;
}

// The canonical request of SigV4, one function per part, rebuilt from the request as received.
// Pure string work: no clock, no secrets, no errors except S3's missing payload-hash header.
import * as crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError } from '../../protocol/errors.js';
import type { SignedRequest } from './types.js';

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

const HEX = '0123456789ABCDEF';
/** A-Z a-z 0-9 - . _ ~ : the characters SigV4 never encodes. */
const UNRESERVED = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9\-._~]/.test(ch)) UNRESERVED[c] = 1;
}
const SLASH = 0x2f;
const PERCENT = 0x25;
const PLUS = 0x2b;

function pct(byte: number): string {
  return '%' + HEX[byte >> 4] + HEX[byte & 15];
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Encodes the UTF-8 bytes of the non-ASCII run starting at `i`; returns [encoded, next index]. */
function encodeNonAscii(s: string, i: number): [string, number] {
  let j = i;
  while (j < s.length && s.charCodeAt(j) >= 0x80) j++;
  let out = '';
  for (const byte of Buffer.from(s.slice(i, j), 'utf8')) out += pct(byte);
  return [out, j];
}

/**
 * Percent-encodes every character that is not unreserved. `keep` decides what else passes through:
 * '/' for paths, and '%' too for S3 paths, which the client has already encoded once.
 */
function encodePath(s: string, keepPercent: boolean): string {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || !(UNRESERVED[c] || c === SLASH || (keepPercent && c === PERCENT))) break;
  }
  if (i === s.length) return s;
  let out = s.slice(0, i);
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c >= 128) {
      const [enc, next] = encodeNonAscii(s, i);
      out += enc;
      i = next;
      continue;
    }
    out += UNRESERVED[c] || c === SLASH || (keepPercent && c === PERCENT) ? s[i] : pct(c);
    i++;
  }
  return out;
}

/** RFC 3986 dot-segment removal plus the collapse of empty segments that AWS services apply. */
function normalizePath(path: string): string {
  if (path.indexOf('//') === -1 && path.indexOf('/.') === -1) return path;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const tail = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return (path.startsWith('/') ? '/' : '') + segments.join('/') + tail;
}

/**
 * The canonical URI. Services other than S3 normalise the path and encode it again (a `%` on the
 * wire becomes `%25`): the SDKs sign the once-encoded path with a second encoding. S3 signs the
 * path as sent: no normalisation, only characters the client left unencoded are encoded.
 */
export function canonicalUri(rawPath: string, s3: boolean): string {
  if (rawPath === '') return '/';
  return s3 ? encodePath(rawPath, true) : encodePath(normalizePath(rawPath), false) || '/';
}

/**
 * One query name or value in canonical form: decoded (with '+' as a space, as AWS reads query
 * strings) and encoded again with SigV4's rules. Works byte by byte, so invalid UTF-8 survives.
 */
export function canonicalQueryComponent(s: string): string {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || !UNRESERVED[c]) break;
  }
  if (i === s.length) return s;
  let out = s.slice(0, i);
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c >= 128) {
      const [enc, next] = encodeNonAscii(s, i);
      out += enc;
      i = next;
      continue;
    }
    if (c === PERCENT && i + 2 < s.length) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hexValue(s.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        const byte = (hi << 4) | lo;
        out += byte < 128 && UNRESERVED[byte] ? String.fromCharCode(byte) : pct(byte);
        i += 3;
        continue;
      }
    }
    out += c === PLUS ? '%20' : UNRESERVED[c] ? s[i] : pct(c);
    i++;
  }
  return out;
}

/**
 * The canonical query string: every name=value pair in canonical form, sorted by name then value
 * (byte order). A presigned request leaves its own X-Amz-Signature out.
 */
export function canonicalQuery(rawQuery: string, isPresigned: boolean): string {
  if (rawQuery === '') return '';
  const names: string[] = [];
  const values: string[] = [];
  let start = 0;
  while (start <= rawQuery.length) {
    let end = rawQuery.indexOf('&', start);
    if (end === -1) end = rawQuery.length;
    if (end > start) {
      const eq = rawQuery.indexOf('=', start);
      const hasValue = eq !== -1 && eq < end;
      const name = canonicalQueryComponent(rawQuery.slice(start, hasValue ? eq : end));
      if (!(isPresigned && name === 'X-Amz-Signature')) {
        names.push(name);
        values.push(hasValue ? canonicalQueryComponent(rawQuery.slice(eq + 1, end)) : '');
      }
    }
    start = end + 1;
  }
  if (names.length === 1) return names[0] + '=' + values[0];
  const order = names.map((_, i) => i);
  order.sort((a, b) => {
    const na = names[a]!;
    const nb = names[b]!;
    if (na !== nb) return na < nb ? -1 : 1;
    const va = values[a]!;
    const vb = values[b]!;
    return va === vb ? 0 : va < vb ? -1 : 1;
  });
  let out = '';
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    out += (k === 0 ? '' : '&') + names[i] + '=' + values[i];
  }
  return out;
}

/** Trims a header value and collapses runs of spaces and tabs to one space. */
export function canonicalHeaderValue(value: string): string {
  // The common case (long session tokens included) is found clean by native searches, not a loop.
  const last = value.length - 1;
  const clean = (last < 0 || (value.charCodeAt(0) > 0x20 && value.charCodeAt(last) > 0x20)) && value.indexOf('\t') === -1 && value.indexOf('  ') === -1;
  if (clean) return value;
  const n = value.length;
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x20 || c === 0x09) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += value[i];
  }
  return out;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  if (typeof v === 'string') return canonicalHeaderValue(v);
  // Names come from the client: anything but an own string or array (e.g. `constructor`) is absent.
  if (!Array.isArray(v)) return '';
  let out = '';
  for (let i = 0; i < v.length; i++) out += (i === 0 ? '' : ',') + canonicalHeaderValue(v[i]!);
  return out;
}

/**
 * The canonical headers block: `name:value\n` for each signed header, in the order signed.
 * With `rawHeaders`, a header sent several times has its values joined by ',' in wire order, as
 * AWS does; without, Node's joined value is used.
 */
export function canonicalHeaders(headers: IncomingHttpHeaders, signedHeaders: readonly string[], rawHeaders?: readonly string[]): string {
  let values: (string | undefined)[] | undefined;
  if (rawHeaders) {
    values = new Array<string | undefined>(signedHeaders.length);
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const k = signedHeaders.indexOf(rawHeaders[i]!.toLowerCase());
      if (k === -1) continue;
      const v = canonicalHeaderValue(rawHeaders[i + 1]!);
      values[k] = values[k] === undefined ? v : values[k] + ',' + v;
    }
  }
  let out = '';
  for (let k = 0; k < signedHeaders.length; k++) {
    const name = signedHeaders[k]!;
    out += name + ':' + (values?.[k] ?? headerValue(headers, name)) + '\n';
  }
  return out;
}

export function signedHeadersString(signedHeaders: readonly string[]): string {
  return signedHeaders.join(';');
}

/** crypto.hash (Node ≥ 20.12) hashes in one call, about twice as fast as a Hash object for request-sized input. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Buffer, encoding: 'hex') => string }).hash;

export function sha256Hex(data: string | Buffer): string {
  return oneShot ? oneShot('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex');
}

function firstHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return typeof v === 'string' ? v : v?.[0];
}

/** X-Amz-Content-Sha256 from a presigned query (the SDK v3 S3 presigner hoists it there). */
function queryContentSha256(rawQuery: string): string | undefined {
  const key = 'X-Amz-Content-Sha256=';
  let from = 0;
  if (!rawQuery.startsWith(key)) {
    const at = rawQuery.indexOf('&' + key);
    if (at === -1) return undefined;
    from = at + 1;
  }
  from += key.length;
  const end = rawQuery.indexOf('&', from);
  return canonicalQueryComponent(rawQuery.slice(from, end === -1 ? undefined : end));
}

/**
 * The hashed payload line. Services other than S3 always hash the body. S3 signs the value the
 * client declares in x-amz-content-sha256 (a hex hash, UNSIGNED-PAYLOAD or a STREAMING-* literal),
 * which header-signed requests must send; presigned URLs default to UNSIGNED-PAYLOAD. Whether a
 * declared hash matches the body is the verifier's check, made after the signature.
 */
export function hashedPayload(req: SignedRequest, s3: boolean, isPresigned: boolean): string {
  if (!s3) return req.body.length === 0 ? EMPTY_SHA256 : sha256Hex(req.body);
  const declared = firstHeader(req.headers, 'x-amz-content-sha256') ?? (isPresigned ? queryContentSha256(req.rawQuery) : undefined);
  if (declared !== undefined) return declared;
  if (isPresigned) return UNSIGNED_PAYLOAD;
  throw new AwsError('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256', 400);
}

export function canonicalRequest(method: string, uri: string, query: string, headersBlock: string, signedHeaders: string, payloadHash: string): string {
  return method + '\n' + uri + '\n' + query + '\n' + headersBlock + '\n' + signedHeaders + '\n' + payloadHash;
}

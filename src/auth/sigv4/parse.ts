// Reads a SigV4 signature from the Authorization header or a presigned query, with AWS's errors
// for what is missing or malformed. It checks form only: no clock, no key lookup, no crypto.
import type { IncomingHttpHeaders } from 'node:http';
import { IncompleteSignature, MissingAuthenticationToken, SignatureDoesNotMatch } from '../../protocol/errors.js';
import { KEY_TYPE_IDENTIFIER } from './signing-key.js';
import { formatAmzDate, parseAmzDate } from './time.js';
import type { ParsedSignature, SignedRequest } from './types.js';

export const ALGORITHM = 'AWS4-HMAC-SHA256';

/** AWS splits the Authorization parameters on commas and whitespace alike. */
const PARAM_SEPARATOR = /[\s,]+/;
const WHOLE_NUMBER = /^-?\d+$/;

function firstHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return typeof v === 'string' ? v : v?.[0];
}

/**
 * The signature of a request, from its Authorization header or else its presigned query.
 * Messages and codes follow AWS's answers in the order AWS checks (dynalite's recorded comments
 * in `index.js`; scratchstack-aws-signature): required parameters, date format, host signed,
 * algorithm, credential form, credential scope.
 */
export function parseSignature(req: SignedRequest): ParsedSignature {
  const authorization = firstHeader(req.headers, 'authorization');
  if (authorization !== undefined) return parseAuthorizationHeader(req.headers, authorization);
  if (req.rawQuery.indexOf('X-Amz-') !== -1) {
    const parsed = parsePresignedQuery(req.rawQuery);
    if (parsed) return parsed;
  }
  throw MissingAuthenticationToken();
}

function parseAuthorizationHeader(headers: IncomingHttpHeaders, authorization: string): ParsedSignature {
  const space = authorization.indexOf(' ');
  const algorithm = space === -1 ? authorization : authorization.slice(0, space);
  let credential = '';
  let signedHeaders = '';
  let signature = '';
  // Other schemes (Basic, Bearer, SigV2's "AWS key:sig") are answered as if no parameter was given.
  if (algorithm.startsWith('AWS4-') && space !== -1) {
    for (const token of authorization.slice(space + 1).split(PARAM_SEPARATOR)) {
      if (token === '') continue;
      const eq = token.indexOf('=');
      if (eq === -1) {
        throw IncompleteSignature(`'${token}' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`);
      }
      const key = token.slice(0, eq);
      if (key === 'Credential') credential = token.slice(eq + 1);
      else if (key === 'SignedHeaders') signedHeaders = token.slice(eq + 1);
      else if (key === 'Signature') signature = token.slice(eq + 1);
    }
  }
  const xAmzDate = firstHeader(headers, 'x-amz-date');
  const date = xAmzDate ?? firstHeader(headers, 'date');
  let missing = '';
  if (!credential) missing += "Authorization header requires 'Credential' parameter. ";
  if (!signature) missing += "Authorization header requires 'Signature' parameter. ";
  if (!signedHeaders) missing += "Authorization header requires 'SignedHeaders' parameter. ";
  if (!date) missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  if (missing) throw IncompleteSignature(missing + 'Authorization=' + authorization);

  const amzDate = xAmzDate !== undefined ? checkAmzDate(xAmzDate) : httpDateToAmzDate(date!);
  const names = signedHeaderNames(signedHeaders);
  if (algorithm !== ALGORITHM) throw IncompleteSignature(`Unsupported AWS 'algorithm': '${algorithm}'.`);
  const parsed = withCredential('header', credential, amzDate, names, signature);
  const token = firstHeader(headers, 'x-amz-security-token');
  if (token !== undefined) parsed.sessionToken = token;
  return parsed;
}

const QUERY_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'] as const;

/** Query values as AWS reads them: '+' is a space, then percent-decoding. */
function decodeQueryValue(s: string): string {
  const plain = s.indexOf('+') === -1 ? s : s.replaceAll('+', ' ');
  if (plain.indexOf('%') === -1) return plain;
  try {
    return decodeURIComponent(plain);
  } catch {
    return plain;
  }
}

/** The presigned-URL parameters, or undefined when the query carries no SigV4 parameter at all. */
function parsePresignedQuery(rawQuery: string): ParsedSignature | undefined {
  const found = new Map<string, string>();
  for (const pair of rawQuery.split('&')) {
    if (!pair.startsWith('X-Amz-')) continue;
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    if (!found.has(name)) found.set(name, eq === -1 ? '' : decodeQueryValue(pair.slice(eq + 1)));
  }
  if (!found.has('X-Amz-Algorithm') && !found.has('X-Amz-Credential') && !found.has('X-Amz-Signature') && !found.has('X-Amz-SignedHeaders')) {
    return undefined;
  }
  let missing = '';
  for (const name of QUERY_PARAMS) {
    if (!found.get(name)) missing += `AWS query-string parameters must include '${name}'. `;
  }
  if (missing) throw IncompleteSignature(missing + 'Re-examine the query-string parameters.');

  const amzDate = checkAmzDate(found.get('X-Amz-Date')!);
  const names = signedHeaderNames(found.get('X-Amz-SignedHeaders')!);
  const algorithm = found.get('X-Amz-Algorithm')!;
  if (algorithm !== ALGORITHM) throw IncompleteSignature(`Unsupported AWS 'algorithm': '${algorithm}'.`);
  const parsed = withCredential('query', found.get('X-Amz-Credential')!, amzDate, names, found.get('X-Amz-Signature')!);
  const token = found.get('X-Amz-Security-Token');
  if (token !== undefined) parsed.sessionToken = token;
  const expires = found.get('X-Amz-Expires');
  if (expires !== undefined) parsed.expiresSeconds = WHOLE_NUMBER.test(expires) ? Number(expires) : NaN;
  return parsed;
}

function checkAmzDate(value: string): string {
  if (Number.isNaN(parseAmzDate(value))) {
    throw IncompleteSignature(`Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  }
  return value;
}

/** A `Date` header (RFC 7231, e.g. `Sun, 30 Aug 2015 12:36:00 GMT`) signs as its basic-format form. */
function httpDateToAmzDate(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw IncompleteSignature(`Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  }
  return formatAmzDate(ms);
}

function signedHeaderNames(signedHeaders: string): string[] {
  const names = signedHeaders.split(';');
  for (let i = 0; i < names.length; i++) names[i] = names[i]!.toLowerCase();
  // HTTP/2 clients (the SDK's Kinesis client) sign the :authority pseudo-header in place of Host.
  if (!names.includes('host') && !names.includes(':authority')) throw SignatureDoesNotMatch("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  return names;
}

function withCredential(kind: 'header' | 'query', credential: string, amzDate: string, signedHeaders: string[], signature: string): ParsedSignature {
  const parts = credential.split('/');
  if (parts.length !== 5 || !parts[0]) {
    throw IncompleteSignature(`Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`);
  }
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  let scopeErrors = '';
  if (region === '') scopeErrors += "Credential should be scoped to a valid region, not ''. ";
  if (terminator !== KEY_TYPE_IDENTIFIER) {
    scopeErrors += `Credential should be scoped with a valid terminator: '${KEY_TYPE_IDENTIFIER}', not '${terminator}'. `;
  }
  const requestDay = amzDate.slice(0, 8);
  if (date !== requestDay) {
    scopeErrors += `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${requestDay}', from '${amzDate}'. `;
  }
  if (scopeErrors) throw SignatureDoesNotMatch(scopeErrors.slice(0, -1));
  return { kind, accessKeyId, scope: { date, region, service }, amzDate, signedHeaders, signature };
}

// Test helpers: requests signed by @smithy/signature-v4 turned into what a Node server receives,
// and one-byte tampering of any field.
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import type { SignedRequest } from '../../../src/auth/sigv4/index.js';

export const CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
export const SESSION = { ...CREDENTIALS, accessKeyId: 'ASIAIOSFODNN7EXAMPLE', sessionToken: 'FwoGZXIvYXdzEBYaDE+token/with+slash=and==' };
export const NOW = Date.UTC(2024, 4, 24, 10, 0, 0);
export const HOST = 'localhost:4577';

export function signer(service: string, opts: { s3?: boolean; sessionToken?: boolean } = {}): SignatureV4 {
  return new SignatureV4({
    credentials: opts.sessionToken ? SESSION : CREDENTIALS,
    region: 'us-east-1',
    service,
    sha256: Sha256,
    uriEscapePath: !opts.s3,
  });
}

/** What the SDKs put on the wire for a query value: encodeURIComponent plus !'()*. */
export function escapeUri(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export function wireQuery(query: Record<string, string | string[] | null | undefined>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    if (v === null) parts.push(escapeUri(k));
    else for (const one of Array.isArray(v) ? v : [v]) parts.push(escapeUri(k) + '=' + escapeUri(one));
  }
  return parts.join('&');
}

/** Headers as Node's http parser hands them over: lower-case names, repeats joined with ', '. */
export function nodeHeaders(pairs: [string, string][]): { headers: Record<string, string>; rawHeaders: string[] } {
  const headers: Record<string, string> = {};
  const rawHeaders: string[] = [];
  for (const [name, value] of pairs) {
    const lower = name.toLowerCase();
    const v = value.trim();
    headers[lower] = lower in headers ? headers[lower] + ', ' + v : v;
    rawHeaders.push(name, v);
  }
  return { headers, rawHeaders };
}

export function toSignedRequest(r: HttpRequest): SignedRequest {
  const { headers, rawHeaders } = nodeHeaders(Object.entries(r.headers));
  const body = r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body as string | Uint8Array);
  return { method: r.method, rawPath: r.path, rawQuery: wireQuery(r.query as Record<string, string | string[] | null>), headers, rawHeaders, body };
}

export function request(init: {
  method?: string;
  path?: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): HttpRequest {
  return new HttpRequest({
    method: init.method ?? 'GET',
    protocol: 'http:',
    hostname: 'localhost',
    port: 4577,
    path: init.path ?? '/',
    query: init.query ?? {},
    headers: { host: HOST, ...init.headers },
    body: init.body,
  });
}

export async function signed(service: string, init: Parameters<typeof request>[0], opts: { s3?: boolean; sessionToken?: boolean } = {}): Promise<SignedRequest> {
  return toSignedRequest((await signer(service, opts).sign(request(init), { signingDate: new Date(NOW) })) as HttpRequest);
}

export async function presigned(
  service: string,
  init: Parameters<typeof request>[0],
  opts: { s3?: boolean; sessionToken?: boolean; expiresIn?: number; signingDate?: number } = {},
): Promise<SignedRequest> {
  const out = await signer(service, opts).presign(request(init), {
    signingDate: new Date(opts.signingDate ?? NOW),
    expiresIn: opts.expiresIn ?? 900,
  });
  return toSignedRequest(out as HttpRequest);
}

const NEXT: Record<string, string> = { z: 'a', Z: 'A', '9': '0' };

/** Replaces the character at `i` with the next letter or digit of its kind. */
export function flipAt(s: string, i: number): string {
  const c = s[i]!;
  return s.slice(0, i) + (NEXT[c] ?? String.fromCharCode(c.charCodeAt(0) + 1)) + s.slice(i + 1);
}

/**
 * Positions of letters and digits that a one-byte change makes mean something else: not the two
 * hex digits of a %XX escape, whose case AWS ignores.
 */
export function flippablePositions(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (!/[A-Za-z0-9]/.test(s[i]!)) continue;
    if (s[i - 1] === '%' || s[i - 2] === '%') continue;
    out.push(i);
  }
  return out;
}

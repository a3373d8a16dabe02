// IpAddress / NotIpAddress: IPv4 and IPv6 addresses or CIDR ranges (RFC 4632, RFC 4291); an IPv4
// range never contains an IPv6 address (IAM User Guide, "IP address condition operators").
import type { ValueTest } from './test-type.js';

interface Range {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

/** The bytes of an IPv4 (4) or IPv6 (16) address; undefined when it is neither. */
export function parseIp(text: string): Uint8Array | undefined {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^\d{1,3}$/.test(p) || +p > 255) return undefined;
    out[i] = +p;
  }
  return out;
}

function parseIpv6(text: string): Uint8Array | undefined {
  let head = text;
  let v4: Uint8Array | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const group = (s: string) => (s === '' ? [] : s.split(':'));
  const left = group(halves[0]!);
  const right = halves.length === 2 ? group(halves[1]!) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const g = groups[i]!;
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    const n = parseInt(g, 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 0xff;
  }
  if (v4) out.set(v4, 12);
  return out;
}

export function parseCidr(text: string): Range | undefined {
  const slash = text.indexOf('/');
  const bytes = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!bytes) return undefined;
  const max = bytes.length * 8;
  const prefixText = slash < 0 ? String(max) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || +prefixText > max) return undefined;
  return { bytes, prefix: +prefixText };
}

export function inRange(range: Range, ip: Uint8Array): boolean {
  if (range.bytes.length !== ip.length) return false;
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((range.bytes[i]! & mask) !== (ip[i]! & mask)) return false;
  }
  return true;
}

export function compileIpTest(values: readonly string[]): ValueTest {
  const ranges = values.map((v) => parseCidr(v.trim())).filter((r): r is Range => r !== undefined);
  return (r) => {
    const ip = parseIp(r);
    if (!ip) return false;
    for (let i = 0; i < ranges.length; i++) if (inRange(ranges[i]!, ip)) return true;
    return false;
  };
}

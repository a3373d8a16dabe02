// Timestamps on the wire, in the three formats AWS's models name: iso8601, rfc822 (HTTP date) and
// unixTimestamp (seconds, fractions allowed). Which one applies is the member's `timestampFormat`,
// else the protocol's default for the member's location (`defaultTimestampFormat`).
import type { MemberLocation } from './model.js';
import type { Protocol } from './codec.js';

export type TimestampFormat = 'iso8601' | 'rfc822' | 'unixTimestamp';

/** AWS's defaults: headers carry HTTP dates, query strings and labels ISO 8601, JSON bodies epoch seconds, XML bodies ISO 8601. */
export function defaultTimestampFormat(protocol: Protocol, location: MemberLocation | undefined): TimestampFormat {
  if (location === 'header' || location === 'headers') return 'rfc822';
  if (location === 'querystring' || location === 'uri') return 'iso8601';
  return protocol === 'json' || protocol === 'rest-json' ? 'unixTimestamp' : 'iso8601';
}

export function formatTimestampFor(format: string | undefined, fallback: TimestampFormat): TimestampFormat {
  return format === 'iso8601' || format === 'rfc822' || format === 'unixTimestamp' ? format : fallback;
}

/** ISO 8601 in UTC; `millis` keeps the milliseconds (S3 writes them, the query services do not). */
export function iso8601(d: Date, millis = false): string {
  const s = d.toISOString();
  return millis ? s : `${s.slice(0, 19)}Z`;
}

export function formatTimestamp(d: Date, format: TimestampFormat): string | number {
  switch (format) {
    case 'rfc822':
      return d.toUTCString();
    case 'unixTimestamp':
      return d.getTime() / 1000;
    default:
      return d.getTime() % 1000 === 0 ? iso8601(d) : iso8601(d, true);
  }
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Reads a timestamp in any of AWS's formats (clients are lenient here, and so is AWS); undefined if unreadable. */
export function parseTimestamp(raw: string | number): Date | undefined {
  const d = typeof raw === 'number' || NUMERIC.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

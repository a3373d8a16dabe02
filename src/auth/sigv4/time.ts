// SigV4 timestamps: ISO-8601 basic format (YYYYMMDDTHHMMSSZ) to epoch milliseconds and back.
// No clock here: callers pass the time they mean.

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

// Requests made in the same second carry the same X-Amz-Date: the last one parsed is kept.
let lastText = '';
let lastMs = NaN;

/** Epoch milliseconds of `20150830T123600Z`, or NaN when it is not a valid basic-format UTC time. */
export function parseAmzDate(s: string): number {
  if (s === lastText) return lastMs;
  const ms = parseFresh(s);
  lastText = s;
  lastMs = ms;
  return ms;
}

function parseFresh(s: string): number {
  if (s.length !== 16 || s.charCodeAt(8) !== 0x54 /* T */ || s.charCodeAt(15) !== 0x5a /* Z */) return NaN;
  const year = digits(s, 0, 4);
  const month = digits(s, 4, 6);
  const day = digits(s, 6, 8);
  const hour = digits(s, 9, 11);
  const minute = digits(s, 11, 13);
  const second = digits(s, 13, 15);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60)) return NaN;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February over into March; a real date maps back to the same day.
  return new Date(ms).getUTCDate() === day ? ms : NaN;
}

/** `20150830T123600Z` for an epoch time, truncated to the second. */
export function formatAmzDate(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2015-08-30T12:36:00.000Z
  return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 13) + iso.slice(14, 16) + iso.slice(17, 19) + 'Z';
}

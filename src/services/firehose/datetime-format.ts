// The part of Java's DateTimeFormatter patterns that Firehose's !{timestamp:…} expressions use
// (https://docs.oracle.com/javase/8/docs/api/java/time/format/DateTimeFormatter.html): compiled
// once into parts, then formatted from the wall-clock fields of an instant in a time zone.
// Letters outside the supported set are refused as Java refuses an unknown pattern letter.

/** The wall clock of an instant in a zone, and the zone's offset from UTC then. */
export interface WallClock {
  year: number; month: number; day: number; hour: number; minute: number; second: number; millisecond: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  dayOfYear: number;
  offsetMinutes: number;
}

type Part = { literal: string } | { letter: string; count: number };

export class PatternError extends Error {}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const QUARTERS = ['1st quarter', '2nd quarter', '3rd quarter', '4th quarter'];

/** The most letters of one kind a pattern may repeat (Java's "Too many pattern letters"); absent: no limit. */
const MAX_COUNT: Record<string, number> = {
  G: 5, M: 5, L: 5, Q: 5, q: 5, E: 5, d: 2, D: 3, a: 1, h: 2, K: 2, k: 2, H: 2, m: 2, s: 2, X: 5, x: 5, Z: 5,
};
const LETTERS = new Set(['G', 'u', 'y', 'M', 'L', 'd', 'D', 'Q', 'q', 'E', 'a', 'h', 'K', 'k', 'H', 'm', 's', 'S', 'A', 'n', 'N', 'X', 'x', 'Z']);
const RESERVED = new Set(['#', '{', '}']);

/** Compiles a pattern; throws PatternError with Java's wording for what it refuses. */
export function compilePattern(pattern: string): readonly Part[] {
  const parts: Part[] = [];
  let literal = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        literal += "'";
        i += 2;
        continue;
      }
      if (end < 0) throw new PatternError(`Pattern ends with an incomplete string literal: ${pattern}`);
      // '' inside a quoted run is one quote.
      let j = i + 1;
      let text = '';
      for (;;) {
        const q = pattern.indexOf("'", j);
        if (q < 0) throw new PatternError(`Pattern ends with an incomplete string literal: ${pattern}`);
        text += pattern.slice(j, q);
        if (pattern[q + 1] === "'") {
          text += "'";
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      literal += text;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      if (!LETTERS.has(c)) throw new PatternError(`Unknown pattern letter: ${c}`);
      let n = 1;
      while (pattern[i + n] === c) n++;
      const max = MAX_COUNT[c];
      if (max !== undefined && n > max) throw new PatternError(`Too many pattern letters: ${c}`);
      if (literal) parts.push({ literal });
      literal = '';
      parts.push({ letter: c, count: n });
      i += n;
      continue;
    }
    if (RESERVED.has(c)) throw new PatternError(`Pattern includes reserved character: '${c}'`);
    // Optional sections print their contents when formatting.
    if (c !== '[' && c !== ']') literal += c;
    i++;
  }
  if (literal) parts.push({ literal });
  return parts;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function text(full: string, count: number): string {
  if (count === 4) return full;
  if (count === 5) return full[0];
  return full.slice(0, 3);
}

function offset(minutes: number, letter: string, count: number): string {
  if (minutes === 0 && letter === 'X') return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = pad(Math.floor(abs / 60), 2);
  const mm = pad(abs % 60, 2);
  if (letter === 'Z') return count === 4 ? (minutes === 0 ? 'GMT' : `GMT${sign}${hh}:${mm}`) : count === 5 ? (minutes === 0 ? 'Z' : `${sign}${hh}:${mm}`) : `${sign}${hh}${mm}`;
  if (count === 1) return `${sign}${hh}${abs % 60 ? mm : ''}`;
  return count % 2 === 0 ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
}

function field(p: { letter: string; count: number }, t: WallClock): string {
  const { letter, count } = p;
  switch (letter) {
    case 'G': return count === 4 ? 'Anno Domini' : count === 5 ? 'A' : 'AD';
    case 'u': case 'y': return count === 2 ? pad(t.year % 100, 2) : pad(t.year, count);
    case 'M': case 'L': return count >= 3 ? text(MONTHS[t.month - 1], count) : pad(t.month, count);
    case 'd': return pad(t.day, count);
    case 'D': return pad(t.dayOfYear, count);
    case 'Q': case 'q': {
      const q = Math.floor((t.month - 1) / 3) + 1;
      return count === 3 ? `Q${q}` : count === 4 ? QUARTERS[q - 1] : count === 5 ? String(q) : pad(q, count);
    }
    case 'E': return text(DAYS[t.weekday], count);
    case 'a': return t.hour < 12 ? 'AM' : 'PM';
    case 'h': return pad(t.hour % 12 === 0 ? 12 : t.hour % 12, count);
    case 'K': return pad(t.hour % 12, count);
    case 'k': return pad(t.hour === 0 ? 24 : t.hour, count);
    case 'H': return pad(t.hour, count);
    case 'm': return pad(t.minute, count);
    case 's': return pad(t.second, count);
    case 'S': return pad(t.millisecond, 3).padEnd(count, '0').slice(0, count);
    case 'A': return pad(((t.hour * 60 + t.minute) * 60 + t.second) * 1000 + t.millisecond, count);
    case 'n': return pad(t.millisecond * 1_000_000, count);
    case 'N': return pad((((t.hour * 60 + t.minute) * 60 + t.second) * 1000 + t.millisecond) * 1_000_000, count);
    default: return offset(t.offsetMinutes, letter, count);
  }
}

export function formatParts(parts: readonly Part[], t: WallClock): string {
  let out = '';
  for (const p of parts) out += 'literal' in p ? p.literal : field(p, t);
  return out;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(zone: string): Intl.DateTimeFormat {
  let f = zoneFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    zoneFormats.set(zone, f);
  }
  return f;
}

/** Whether the runtime knows the IANA zone. */
export function isKnownZone(zone: string): boolean {
  try {
    zoneFormat(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of `ms` (milliseconds since the epoch) in `zone` (UTC when absent). */
export function wallClock(ms: number, zone?: string): WallClock {
  let local = ms;
  if (zone && zone !== 'UTC') {
    const fields: Record<string, number> = {};
    for (const p of zoneFormat(zone).formatToParts(new Date(ms))) if (p.type !== 'literal') fields[p.type] = Number(p.value);
    local = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, ms % 1000);
  }
  const d = new Date(local);
  const year = d.getUTCFullYear();
  return {
    year, month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(), weekday: d.getUTCDay(),
    dayOfYear: Math.floor((Date.UTC(year, d.getUTCMonth(), d.getUTCDate()) - Date.UTC(year, 0, 1)) / 86_400_000) + 1,
    offsetMinutes: Math.round((local - ms) / 60_000),
  };
}

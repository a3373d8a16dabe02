// A REST operation's requestUri (`/{Bucket}/{Key+}?uploads`, `/v1/apps/{application-id}`), compiled
// once into a matcher: literal segments, labels (percent-decoded), a greedy last label that keeps
// its slashes, and the query keys (and values) the template itself requires.

export type UriMatcher = (rawPath: string, query: URLSearchParams) => Record<string, string> | undefined;

export interface CompiledUri {
  match: UriMatcher;
  /** `match` on a path already split at its slashes (`rawPath.split('/').slice(1)`), for a router trying many templates. */
  matchParts(parts: readonly string[], query: URLSearchParams): Record<string, string> | undefined;
  /** How many literal path segments the template has: more literals is a more specific match. */
  literals: number;
  /** The query keys the template requires (`uploads`, `list-type`). */
  queryKeys: string[];
}

type Segment = { literal: string } | { label: string; greedy: boolean } | { pattern: RegExp; labels: string[] };

const LABEL = /\{([^}]+)\}/g;

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

function segment(raw: string): Segment {
  const whole = /^\{([^}+]+)(\+)?\}$/.exec(raw);
  if (whole) return { label: whole[1], greedy: whole[2] === '+' };
  if (!raw.includes('{')) return { literal: raw };
  // A label inside a segment (`{Name}.json`): a pattern built here, once.
  const labels: string[] = [];
  const source = raw.split(LABEL).map((part, i) => (i % 2 ? (labels.push(part), '([^/]+)') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return { pattern: new RegExp(`^${source}$`), labels };
}

export function compileUri(requestUri: string): CompiledUri {
  const q = requestUri.indexOf('?');
  const pathPart = q === -1 ? requestUri : requestUri.slice(0, q);
  const required: [string, string | undefined][] = q === -1 ? [] : requestUri.slice(q + 1).split('&').filter(Boolean).map((kv) => {
    const eq = kv.indexOf('=');
    return eq === -1 ? [kv, undefined] : [kv.slice(0, eq), kv.slice(eq + 1)];
  });
  const segments = pathPart.split('/').slice(1).filter((s, i, all) => s !== '' || i < all.length - 1).map(segment);
  const last = segments[segments.length - 1];
  const greedy = last !== undefined && 'greedy' in last && last.greedy;
  const matchParts = (split: readonly string[], query: URLSearchParams): Record<string, string> | undefined => {
    for (const [k, v] of required) {
      const got = query.get(k);
      if (got === null || (v !== undefined && got !== v)) return undefined;
    }
    let parts = split;
    // A trailing slash names the same resource (`/bucket/` is `/bucket`), unless a greedy label takes it.
    if (!greedy && parts.length === segments.length + 1 && parts[parts.length - 1] === '') parts = parts.slice(0, -1);
    if (segments.length === 0) return parts.length === 0 || (parts.length === 1 && parts[0] === '') ? {} : undefined;
    if (greedy ? parts.length < segments.length : parts.length !== segments.length) return undefined;
    const labels: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i];
      if ('literal' in s) {
        if (parts[i] !== s.literal) return undefined;
      } else if ('label' in s) {
        const raw = s.greedy ? parts.slice(i).join('/') : parts[i];
        if (raw === '') return undefined;
        const value = decode(raw);
        if (value === undefined) return undefined;
        labels[s.label] = value;
      } else {
        const m = s.pattern.exec(parts[i]);
        if (!m) return undefined;
        for (let j = 0; j < s.labels.length; j++) {
          const value = decode(m[j + 1]);
          if (value === undefined) return undefined;
          labels[s.labels[j]] = value;
        }
      }
    }
    return labels;
  };
  const match: UriMatcher = (rawPath, query) => matchParts(rawPath.split('/').slice(1), query);
  return { match, matchParts, literals: segments.filter((s) => 'literal' in s).length, queryKeys: required.map(([k]) => k) };
}

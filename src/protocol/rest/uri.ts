// REST requestUri templates for the codecs and their tests: one compiler (uri-template.ts, which the
// router uses too) and a cache by template, so matching by template string never compiles twice.
import { compileUri, type CompiledUri, type UriMatcher } from '../uri-template.js';

export { compileUri, type CompiledUri, type UriMatcher };

const compiled = new Map<string, UriMatcher>();
const NO_QUERY = new URLSearchParams();

/**
 * The labels of `rawPath` (still percent-encoded) under `requestUri`, or undefined when it does not
 * match: literal segments, `{Label}` decoded, a greedy `{Key+}` with its slashes, and the query keys
 * the template itself requires (`?tagging`, `?list-type=2`).
 */
export function matchUri(requestUri: string, rawPath: string, query: URLSearchParams = NO_QUERY): Record<string, string> | undefined {
  let match = compiled.get(requestUri);
  if (!match) {
    match = compileUri(requestUri).match;
    compiled.set(requestUri, match);
  }
  return match(rawPath, query);
}

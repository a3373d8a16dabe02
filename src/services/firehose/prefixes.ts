// Firehose's S3 prefixes: `!{namespace:value}` expressions (timestamp, firehose) checked by the
// documented rules and evaluated when a batch is planned. Amazon Data Firehose Developer Guide,
// "Understand custom prefixes for Amazon S3 objects" (s3-prefixes.html), "Semantic rules".
import { InvalidArgumentException } from '../../generated/firehose/errors.js';
import { compilePattern, formatParts, PatternError, wallClock } from './datetime-format.js';

type Token =
  | { literal: string }
  | { timestamp: ReturnType<typeof compilePattern> }
  | { firehose: 'random-string' | 'error-output-type' };

export interface ParsedPrefix {
  tokens: readonly Token[];
  hasExpressions: boolean;
  hasTimestamp: boolean;
  hasErrorOutputType: boolean;
}

/** The timestamp a prefix without one ends with, and the whole of the default prefix. */
const DEFAULT_TIMESTAMP = compilePattern('yyyy/MM/dd/HH/');

/** Evaluated prefixes are at most this long (the rule "Neither Prefix nor ErrorOutputPrefix can be greater than 512 characters"). */
const MAX_EVALUATED = 512;

/** AWS's wording of a broken rule, typo included (seen in its answers to CreateDeliveryStream). */
export function prefixError(constraint: string): InvalidArgumentException {
  return new InvalidArgumentException(`Ths supplied prefix(es) do not satisfy the following constraint: ${constraint}`);
}

/** Splits a prefix into literals and expressions; throws InvalidArgumentException where the grammar is broken. */
export function parsePrefix(prefix: string | undefined, field: 'Prefix' | 'ErrorOutputPrefix'): ParsedPrefix {
  const tokens: Token[] = [];
  const out: ParsedPrefix = { tokens, hasExpressions: false, hasTimestamp: false, hasErrorOutputType: false };
  const s = prefix ?? '';
  let i = 0;
  while (i < s.length) {
    const start = s.indexOf('!{', i);
    if (start < 0) {
      tokens.push({ literal: s.slice(i) });
      break;
    }
    if (start > i) tokens.push({ literal: s.slice(i, start) });
    const end = s.indexOf('}', start + 2);
    const body = end < 0 ? '' : s.slice(start + 2, end);
    const colon = body.indexOf(':');
    if (end < 0 || colon <= 0) throw prefixError(`The sequence !{ can only appear in ${field} as part of a !{namespace:value} expression`);
    const namespace = body.slice(0, colon);
    const value = body.slice(colon + 1);
    out.hasExpressions = true;
    if (namespace === 'timestamp') {
      try {
        tokens.push({ timestamp: compilePattern(value) });
      } catch (e) {
        if (e instanceof PatternError) throw prefixError(`${field} has an invalid timestamp pattern '${value}': ${e.message}`);
        throw e;
      }
      out.hasTimestamp = true;
    } else if (namespace === 'firehose') {
      if (value !== 'random-string' && value !== 'error-output-type') {
        throw prefixError(`${value} is not a valid value of the firehose namespace; use random-string or error-output-type`);
      }
      tokens.push({ firehose: value });
      if (value === 'error-output-type') out.hasErrorOutputType = true;
    } else if (namespace === 'partitionKeyFromQuery' || namespace === 'partitionKeyFromLambda') {
      // Dynamic partitioning is the only way to give these keys, and rolegate does not offer it.
      throw prefixError(`${namespace} expressions need dynamic partitioning to be enabled`);
    } else {
      throw prefixError(`${namespace} is not a valid namespace; use timestamp or firehose`);
    }
    i = end + 1;
  }
  return out;
}

export interface PrefixValues {
  /** The approximate arrival of the oldest record in the object (ms since the epoch). */
  at: number;
  zone?: string;
  /** A new 11-character string for each `!{firehose:random-string}`. */
  random: () => string;
  errorOutputType?: string;
}

/**
 * Evaluates a data prefix. Without a timestamp expression it ends with `yyyy/MM/dd/HH/` (the rule:
 * "If you specify a prefix that doesn't contain a timestamp namespace expression, Firehose appends
 * the expression !{timestamp:yyyy/MM/dd/HH/} to the value in the Prefix field"); every timestamp in
 * one prefix is the same instant.
 */
export function evaluatePrefix(p: ParsedPrefix, v: PrefixValues): string {
  const t = wallClock(v.at, v.zone);
  let out = '';
  for (const token of p.tokens) {
    if ('literal' in token) out += token.literal;
    else if ('timestamp' in token) out += formatParts(token.timestamp, t);
    else out += token.firehose === 'random-string' ? v.random() : (v.errorOutputType ?? 'processing-failed');
  }
  if (!p.hasTimestamp) out += formatParts(DEFAULT_TIMESTAMP, t);
  return out;
}

/** A moment whose names are the longest (Wednesday, September), to bound an evaluated prefix's length. */
const LONGEST_AT = Date.UTC(2000, 8, 27, 23, 59, 59, 999);

/** Every rule of the guide's "Semantic rules" that can be checked before delivery. */
export function checkPrefixes(prefix: string | undefined, errorOutputPrefix: string | undefined, zone?: string): { prefix: ParsedPrefix; errorOutputPrefix: ParsedPrefix } {
  const p = parsePrefix(prefix, 'Prefix');
  const e = parsePrefix(errorOutputPrefix, 'ErrorOutputPrefix');
  if (p.hasErrorOutputType) throw prefixError('Prefix cannot contain !{firehose:error-output-type}; it can only be used in ErrorOutputPrefix');
  if (p.hasExpressions && !errorOutputPrefix) throw prefixError('ErrorOutputPrefix cannot be null or empty when Prefix contains expressions');
  if (e.hasExpressions && !e.hasErrorOutputType) throw prefixError('ErrorOutputPrefix must contain at least one !{firehose:error-output-type} expression when it contains expressions');
  const sample = { at: LONGEST_AT, zone, random: () => 'xxxxxxxx-xx', errorOutputType: 'format-conversion-failed' };
  if (evaluatePrefix(p, sample).length > MAX_EVALUATED || (errorOutputPrefix && evaluatePrefix(e, sample).length > MAX_EVALUATED)) {
    throw prefixError(`Neither Prefix nor ErrorOutputPrefix can be greater than ${MAX_EVALUATED} characters after they are evaluated`);
  }
  return { prefix: p, errorOutputPrefix: e };
}

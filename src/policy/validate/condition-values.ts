// Access Analyzer's checks on condition values and operator types: empty value lists, Bool and
// numeric values that are not, IP ranges that are not CIDR or have host bits set, aws:SourceIp
// given private ranges, several Boolean values, and an operator of another type than the key's
// (the Service Authorization Reference gives each key's type). Values with policy variables are
// left alone: they are only known at request time.
import type { ParsedCondition } from '../types.js';
import { baseOperators } from '../conditions/operators.js';
import { parseCidr, parseIp } from '../conditions/ip.js';
import { parseNumber } from '../conditions/numeric.js';
import type { Position } from '../types.js';
import type { Found } from './finding.js';
import type { PlacedCondition } from './locate.js';

const hasVariable = (v: string) => v.includes('${');

/** The operator family each key type expects, for the families that hold only one type of value. */
const EXPECTED: Readonly<Record<string, string>> = { Numeric: 'Numeric', Date: 'Date', Bool: 'Bool', Ip: 'IPAddress' };

/** Private IPv4 blocks (RFC 1918) and IPv6 unique local addresses (RFC 4193). */
const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'].map((c) => parseCidr(c)!);

function isPrivate(value: string): boolean {
  const r = parseCidr(value);
  if (!r) return false;
  return PRIVATE.some((p) => p.bytes.length === r.bytes.length && r.prefix >= p.prefix && sameBits(p.bytes, r.bytes, p.prefix));
}

function sameBits(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((a[i]! & mask) !== (b[i]! & mask)) return false;
  }
  return true;
}

/** An IPv4 CIDR with its host bits cleared, when some were set (`203.0.113.7/24` → `203.0.113.0/24`). */
function cleared(value: string): string | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const bytes = parseIp(value.slice(0, slash));
  const prefix = Number(value.slice(slash + 1));
  if (!bytes || bytes.length !== 4) return undefined;
  const out = bytes.map((b, i) => {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    return b & ((0xff << (8 - bits)) & 0xff);
  });
  return out.every((b, i) => b === bytes[i]) ? undefined : `${out.join('.')}/${prefix}`;
}

/** The findings about one condition's values and operator; `keyType` is the reference's type, if it gives one. */
export function conditionValueFindings(c: ParsedCondition, pc: PlacedCondition | undefined, at: Position, keyType: string | undefined): Found[] {
  const out: Found[] = [];
  const valueAt = (i: number) => pc?.values[i]?.at ?? at;
  if (c.values.length === 0) {
    const [code, message] = c.set === 'ForAllValues'
      ? ['EMPTY_ARRAY_CONDITION_FORALLVALUES', 'The ForAllValues prefix with an empty condition key matches only if the key is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.'] as const
      : c.set === 'ForAnyValue'
        ? ['EMPTY_ARRAY_CONDITION_FORANYVALUE', 'The ForAnyValue prefix with an empty condition key never matches the request context and it does not affect the policy. Specify conditions.'] as const
        : c.ifExists
          ? ['EMPTY_ARRAY_CONDITION_IFEXISTS', 'The IfExists suffix with an empty condition key matches only if the key is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.'] as const
          : ['EMPTY_ARRAY_CONDITION', 'There are no values for the condition key and it does not affect the policy. Specify conditions.'] as const;
    out.push({ findingType: 'SUGGESTION', code, message, at });
    return out;
  }
  const family = (baseOperators as Record<string, { family: string }>)[c.baseOperator]?.family;
  const literal = c.values.map((v, i) => [v, i] as const).filter(([v]) => !hasVariable(v));
  if (family === 'Bool') {
    const bad = literal.find(([v]) => v.toLowerCase() !== 'true' && v.toLowerCase() !== 'false');
    if (bad) out.push({ findingType: 'WARNING', code: 'TYPE_MISMATCH_BOOLEAN', at: valueAt(bad[1]), message: 'Add a valid Boolean value (true or false) for the condition operator.' });
    else if (new Set(c.values.map((v) => v.toLowerCase())).size > 1 && !c.set)
      out.push({ findingType: 'ERROR', code: 'INVALID_CONDITION_MULTIPLE_BOOLEAN', at, message: 'The condition key does not support multiple Boolean values. Use a single Boolean value.' });
  }
  if (family === 'Numeric') {
    const bad = literal.find(([v]) => parseNumber(v) === undefined);
    if (bad) out.push({ findingType: 'WARNING', code: 'TYPE_MISMATCH_NUMBER', at: valueAt(bad[1]), message: 'Add a valid numeric value for the condition operator.' });
  }
  if (family === 'Ip') {
    const bad = literal.find(([v]) => !parseCidr(v));
    if (bad) out.push({ findingType: 'WARNING', code: 'TYPE_MISMATCH_IP_RANGE', at: valueAt(bad[1]), message: 'The condition operator is used with an invalid IP range value. Specify the IP range in standard CIDR format.' });
    for (const [v, i] of literal) {
      const better = cleared(v);
      if (better)
        out.push({ findingType: 'SUGGESTION', code: 'IMPROVE_IP_RANGE', at: valueAt(i), message: `The non-zero bits in the IP address after the masked bits are ignored. Replace ${v} with ${better}.` });
    }
    if (c.key.toLowerCase() === 'aws:sourceip' && !bad && literal.length === c.values.length) {
      const privates = c.values.filter(isPrivate).length;
      const negated = c.baseOperator === 'NotIpAddress';
      if (privates === c.values.length)
        out.push(negated
          ? { findingType: 'ERROR', code: 'PRIVATE_NOT_IP_ADDRESS', at, message: 'The values for condition key aws:SourceIp include only private IP addresses and has no effect. aws:SourceIp works only for public IP address ranges. Update the value to include only public IP addresses.' }
          : { findingType: 'ERROR', code: 'PRIVATE_IP_ADDRESS', at, message: 'aws:SourceIp works only for public IP address ranges. The values for condition key aws:SourceIp include only private IP addresses and will not have the desired effect. Update the value to include only public IP addresses.' });
      else if (privates > 0)
        out.push(negated
          ? { findingType: 'SUGGESTION', code: 'PRIVATE_NOT_IP_ADDRESS_SUBSET', at, message: 'The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses have no effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.' }
          : { findingType: 'SUGGESTION', code: 'PRIVATE_IP_ADDRESS_SUBSET', at, message: 'The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses will not have the desired effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.' });
    }
  }
  const expected = family ? EXPECTED[family] : undefined;
  const type = keyType?.replace(/^ArrayOf/, '');
  // aws:EpochTime and other Date keys also take Numeric operators (seconds since the epoch).
  if (expected && type && type !== 'Unknown' && type !== expected && !(expected === 'Numeric' && type === 'Date'))
    out.push({ findingType: 'WARNING', code: 'TYPE_MISMATCH', at, message: `Use the operator type ${type} instead of operator ${c.operator} for the condition key ${c.key}.` });
  return out;
}

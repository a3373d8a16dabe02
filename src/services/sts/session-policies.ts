// Session policies and session tags of AssumeRole*: grammar and sizes as STS checks them, and the
// packed size STS reports. AWS packs the inline policy, the managed policy ARNs and the tags into
// one compressed binary form whose limit it does not publish; rolegate measures the same inputs
// deflated, against a fixed budget, so PackedPolicySize rises and PackedPolicyTooLarge trips the way
// AWS's do (large inline policies and many long tags), though not to the same percent.
import { deflateRawSync } from 'node:zlib';
import { parsePolicy } from '../../policy/index.js';
import { MalformedPolicyDocumentException, PackedPolicyTooLargeException } from '../../generated/sts/errors.js';
import { InvalidParameterValue, ValidationError } from '../../protocol/errors.js';
import { renderValidationMessage } from '../../protocol/validate.js';
import type { PolicyDescriptorType, Tag } from '../../generated/sts/shapes.js';

const PACKED_BUDGET_BYTES = 1400;

/** "The plaintext that you use for both inline and managed session policies can't exceed 2,048 characters" (API Reference, AssumeRole). */
const SESSION_POLICY_MAX_CHARS = 2048;

export function checkSessionPolicy(policy: string | undefined): void {
  if (policy === undefined) return;
  if (policy.length > SESSION_POLICY_MAX_CHARS) {
    throw ValidationError(renderValidationMessage([{ path: 'policy', value: policy, sensitive: false, constraint: `Member must have length less than or equal to ${SESSION_POLICY_MAX_CHARS}` }]));
  }
  const r = parsePolicy(policy, 'session');
  if (!r.ok) throw new MalformedPolicyDocumentException(r.errors[0].message);
}

export function checkSessionTags(tags: Tag[] | undefined, transitive: string[] | undefined): void {
  const keys = new Set<string>();
  for (const t of tags ?? []) {
    const k = t.Key.toLowerCase();
    if (keys.has(k)) throw InvalidParameterValue('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    keys.add(k);
  }
  for (const k of transitive ?? []) {
    if (!keys.has(k.toLowerCase())) throw InvalidParameterValue(`The specified transitive tag key must be included in the requested tags: ${k}`);
  }
}

/** The percent of the packed budget used; undefined when no policy or tag was passed. */
export function packedPolicySize(policy: string | undefined, arns: PolicyDescriptorType[] | undefined, tags: Tag[] | undefined): number | undefined {
  if (policy === undefined && !arns?.length && !tags?.length) return undefined;
  const minified = policy === undefined ? '' : JSON.stringify(JSON.parse(policy));
  const packed = deflateRawSync(Buffer.from(JSON.stringify([minified, (arns ?? []).map((a) => a.arn), (tags ?? []).map((t) => [t.Key, t.Value])])));
  const percent = Math.ceil((packed.length / PACKED_BUDGET_BYTES) * 100);
  if (percent > 100) throw new PackedPolicyTooLargeException(`Packed policy consumes ${percent}% of allotted space, please use smaller policy.`);
  return percent;
}

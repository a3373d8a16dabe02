// Policy sizes as IAM counts them (white space is not counted) and the documented quotas.
// Callers enforce the quotas; this module only counts.

/** Characters of `text` that IAM counts against size quotas: everything but white space. */
export function policySize(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) n++;
  }
  return n;
}

/**
 * IAM and STS quotas in characters (IAM User Guide, "IAM and AWS STS quotas"): managed policies
 * 6,144; inline policies in aggregate per user 2,048, per role 10,240, per group 5,120; role trust
 * policies 2,048 (adjustable to 4,096); session policies 2,048 (plain text); SCPs 5,120.
 */
export const policySizeLimits = {
  managed: 6144,
  inlineUser: 2048,
  inlineRole: 10240,
  inlineGroup: 5120,
  trust: 2048,
  trustMaximum: 4096,
  session: 2048,
  scp: 5120,
} as const;

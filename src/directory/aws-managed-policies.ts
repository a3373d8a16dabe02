// The AWS managed policy catalog, as data: each policy's metadata and the document of its current default version,
// exactly as AWS publishes it (statements, Sids and key order preserved). The data lives in aws-managed-policies.json
// next to this file; tsc copies it to dist/src/services/iam/ (tsconfig includes src/**/*.json), so the relative import
// resolves both from src/ under tsx and from dist/src/ after a build.
//
// Sources (checked against each other; where they differ, the newest AWS reference page wins for document and version):
//   - Documents, default versions, descriptions, ARNs/paths and creation/edit minutes: the AWS Managed Policy Reference
//     Guide, https://docs.aws.amazon.com/aws-managed-policy/latest/reference/<PolicyName>.html (and the .md twin), for
//     every policy here; PowerUserAccess is v12 there (edited 2026-02-12 17:59 UTC).
//   - PolicyId, Path and CreateDate/UpdateDate to the second: the `aws iam list-policies --scope AWS` snapshot in
//     github.com/zoph-io/MAMIP, policies-list.json (commit 0008e63b8abbe068027cf02bf18c1f7a0954cd74); that snapshot
//     predates PowerUserAccess v12, whose UpdateDate (2026-02-12T17:59:14Z) is the v12 CreateDate recorded in
//     zoph-io/MAMIP policies/PowerUserAccess (commit 199039c63b7a5220e41898bf18a0b82f891ad240).
//   - Cross-checks of the documents and version ids: zoph-io/MAMIP policies/<PolicyName> (get-policy-version output)
//     and iann0036/iam-dataset aws/managedpolicies/<PolicyName>.json.
import data from './aws-managed-policies.json' with { type: 'json' };

/** One statement of a policy document, as AWS wrote it. */
export interface AwsManagedPolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface AwsManagedPolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly AwsManagedPolicyStatement[];
}

export interface AwsManagedPolicy {
  readonly PolicyName: string;
  /** AWS's own id for the policy (ANPA…), the same in every account. */
  readonly PolicyId: string;
  /** arn:aws:iam::aws:policy<Path><PolicyName> */
  readonly Arn: string;
  readonly Path: string;
  /** The current default version, e.g. "v3". */
  readonly DefaultVersionId: string;
  readonly Description: string;
  /** ISO 8601, UTC. */
  readonly CreateDate: string;
  /** ISO 8601, UTC: when the current default version was created. */
  readonly UpdateDate: string;
  readonly IsAttachable: true;
  /** The default version's document. */
  readonly Document: AwsManagedPolicyDocument;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

type RawPolicy = Omit<AwsManagedPolicy, 'IsAttachable'>;

export const awsManagedPolicies: readonly AwsManagedPolicy[] = deepFreeze(
  (data as unknown as readonly RawPolicy[]).map((p): AwsManagedPolicy => ({ ...p, IsAttachable: true })),
);

const byArn = new Map<string, AwsManagedPolicy>(awsManagedPolicies.map((p) => [p.Arn, p]));

/** The AWS managed policy with this ARN (exact, case-sensitive, as IAM matches ARNs), or undefined. */
export function awsManagedPolicyByArn(arn: string): AwsManagedPolicy | undefined {
  return byArn.get(arn);
}

/** The document text AWS answers for the default version: pretty-printed JSON with 4-space indentation. */
export function documentText(p: AwsManagedPolicy): string {
  return JSON.stringify(p.Document, null, 4);
}

// Managed policies as every layer reads them: the account's own from the store, AWS's catalog as
// read-only records (attachable in every account), found by ARN. A catalog record's documents are read
// when first asked for: the default version's is kept (every decision on a principal that attaches
// the policy reads it), an older version's is read again each time.
import type { ManagedPolicyRecord, PolicyVersionRecord, StoreTables } from '../store/types.js';
import { awsManagedPolicies, awsManagedPolicyByArn, documentText, type AwsManagedPolicy } from './aws-managed-policies.js';
import { parsePolicyArn } from './arns.js';

const awsRecords = new Map<string, ManagedPolicyRecord>();

function catalogVersion(p: AwsManagedPolicy, versionId: string, createDate: string): PolicyVersionRecord {
  const isDefault = versionId === p.DefaultVersionId;
  let kept: string | undefined;
  return {
    versionId, createDate,
    get document(): string {
      if (kept !== undefined) return kept;
      const text = documentText(p, versionId) ?? '';
      if (isDefault) kept = text;
      return text;
    },
  };
}

export function awsPolicyRecord(p: AwsManagedPolicy): ManagedPolicyRecord {
  let r = awsRecords.get(p.Arn);
  if (!r) {
    r = {
      name: p.PolicyName, id: p.PolicyId, path: p.Path, arn: p.Arn, createDate: p.CreateDate, updateDate: p.UpdateDate,
      ...(p.Description !== undefined ? { description: p.Description } : {}), defaultVersionId: p.DefaultVersionId, tags: [],
      versions: p.Versions.map((v) => catalogVersion(p, v.VersionId, v.CreateDate)),
      nextVersion: Math.max(...p.Versions.map((v) => Number(v.VersionId.slice(1)))) + 1,
    };
    awsRecords.set(p.Arn, r);
  }
  return r;
}

/** Every AWS managed policy, ordered by name. */
export const allAwsPolicyRecords = () => awsManagedPolicies().map(awsPolicyRecord);

export const isAwsManaged = (arn: string) => arn.startsWith('arn:aws:iam::aws:');

/**
 * A managed policy's document as a partition reads and evaluates it: AWS serves its catalog in
 * each partition with that partition's ARNs (`arn:aws-cn:iam::*:role/aws-service-role/…` in
 * aws-cn); a customer's own document is as its author wrote it.
 */
export function managedDocumentIn(policyArn: string, document: string, partition: string): string {
  if (partition === 'aws' || !isAwsManaged(policyArn)) return document;
  return document.replaceAll('"arn:aws:', `"arn:${partition}:`);
}

/** A managed policy by ARN: the account's own, or one of AWS's (attachable in every account). */
export async function findPolicy(t: StoreTables, account: string, arn: string): Promise<ManagedPolicyRecord | undefined> {
  const parsed = parsePolicyArn(arn);
  if (!parsed) return undefined;
  if (parsed.account === 'aws') {
    const p = awsManagedPolicyByArn(arn);
    return p ? awsPolicyRecord(p) : undefined;
  }
  if (parsed.account !== account) return undefined;
  const p = await t.policies.get(account, parsed.name);
  return p && p.arn === arn ? p : undefined;
}

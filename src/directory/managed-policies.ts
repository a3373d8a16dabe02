// Managed policies as every layer reads them: the account's own from the store, AWS's catalog as
// read-only records (attachable in every account), found by ARN.
import type { ManagedPolicyRecord, StoreTables } from '../store/types.js';
import { awsManagedPolicies, awsManagedPolicyByArn, documentText, type AwsManagedPolicy } from './aws-managed-policies.js';
import { parsePolicyArn } from './arns.js';

const awsRecords = new Map<string, ManagedPolicyRecord>();

export function awsPolicyRecord(p: AwsManagedPolicy): ManagedPolicyRecord {
  let r = awsRecords.get(p.Arn);
  if (!r) {
    r = {
      name: p.PolicyName, id: p.PolicyId, path: p.Path, arn: p.Arn, createDate: p.CreateDate, updateDate: p.UpdateDate,
      description: p.Description, defaultVersionId: p.DefaultVersionId, tags: [],
      versions: [{ versionId: p.DefaultVersionId, document: documentText(p), createDate: p.UpdateDate }],
      nextVersion: Number(p.DefaultVersionId.slice(1)) + 1,
    };
    awsRecords.set(p.Arn, r);
  }
  return r;
}

export const allAwsPolicyRecords = () => awsManagedPolicies.map(awsPolicyRecord);

export const isAwsManaged = (arn: string) => arn.startsWith('arn:aws:iam::aws:');

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

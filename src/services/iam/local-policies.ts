// Changes to a managed policy are for the account's own policies; AWS's catalog is read-only.
import type { ManagedPolicyRecord, StoreTables } from '../../store/types.js';
import { AccessDenied } from '../../protocol/errors.js';
import type { HandlerContext } from '../types.js';
import { requirePolicy } from './lookups.js';
import { isAwsManaged } from '../../directory/managed-policies.js';
import { arnInPartition } from '../../shared/partitions.js';

export async function requireLocalPolicy(t: StoreTables, ctx: HandlerContext, arn: string, action: string): Promise<ManagedPolicyRecord> {
  const p = await requirePolicy(t, ctx.accountId, arn);
  if (isAwsManaged(p.arn)) throw AccessDenied(`User: ${arnInPartition(ctx.caller.arn, ctx.partition)} is not authorized to perform: ${action} on resource: policy ${arnInPartition(p.arn, ctx.partition)}`);
  return p;
}

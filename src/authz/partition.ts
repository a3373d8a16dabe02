// A request from another partition's region is decided in that partition: the caller, the
// resource and the ARN-valued condition keys (aws:PrincipalArn, aws:SourceArn, iam:PolicyARN,
// iam:PermissionsBoundary …) in its ARNs, so a policy naming `arn:aws-cn:s3:::b/*` matches there
// and one naming `arn:aws:s3:::b/*` does not. Policy documents are matched as written.
import type { ContextValue } from '../policy/index.js';
import type { AuthzRequest } from '../shared/authz-request.js';
import type { Caller } from '../shared/caller.js';
import { arnInPartition } from '../shared/partitions.js';

const ARN_KEY = /arn$/i;
const isArnKey = (key: string) => ARN_KEY.test(key) || key === 'iam:PermissionsBoundary';

/** The caller as the partition names it; its account, names and session are unchanged. */
export function callerInPartition(caller: Caller, partition: string): Caller {
  const shown: Caller = { ...caller, arn: arnInPartition(caller.arn, partition) };
  if (caller.session?.roleArn !== undefined) shown.session = { ...caller.session, roleArn: arnInPartition(caller.session.roleArn, partition) };
  if (caller.actingFor) shown.actingFor = { ...caller.actingFor, sourceArn: arnInPartition(caller.actingFor.sourceArn, partition) };
  return shown;
}

function valueInPartition(v: ContextValue, partition: string): ContextValue {
  if (typeof v === 'string') return arnInPartition(v, partition);
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? arnInPartition(x, partition) : x)) as ContextValue;
  return v;
}

/** The request's resource and ARN-valued keys in the partition, changed in place (the map built it for this call). */
export function requestInPartition(request: AuthzRequest, partition: string): void {
  request.resource = arnInPartition(request.resource, partition);
  const policy = request.policy;
  if (policy?.own) request.policy = { ...policy, document: policy.document.replaceAll('"arn:aws:', `"arn:${partition}:`) };
  const context = request.context;
  for (const key in context) if (isArnKey(key)) context[key] = valueInPartition(context[key], partition);
}

// What AssumeRoot accepts (API Reference, AssumeRoot; IAM User Guide, "Perform a privileged task on
// an AWS Organizations member account"): the member account it names, and the task policies, the
// AWS managed policies under /root-task/ that scope a privileged session. Data and parsing only.

/** The task policies AWS offers; a privileged session is the target account's root less what its task policy denies. */
export const ROOT_TASK_POLICIES: readonly string[] = [
  'IAMAuditRootUserCredentials',
  'IAMCreateRootUserPassword',
  'IAMDeleteRootUserCredentials',
  'S3UnlockBucketPolicy',
  'SQSUnlockQueuePolicy',
].map((name) => `arn:aws:iam::aws:policy/root-task/${name}`);

const ROOT_ARN = /^arn:aws[\w-]*:iam::(\d{12}):root$/;

/** TargetPrincipal is the member account's id or its root user's ARN; undefined for anything else. */
export function targetAccountOf(targetPrincipal: string): string | undefined {
  if (/^\d{12}$/.test(targetPrincipal)) return targetPrincipal;
  return ROOT_ARN.exec(targetPrincipal)?.[1];
}

/** A TaskPolicyArn in the stored (arn:aws:…) form, if it is one of the task policies; the request's partition may name it. */
export function taskPolicyOf(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  const stored = arn.replace(/^arn:aws[\w-]*:iam::aws:policy\//, 'arn:aws:iam::aws:policy/');
  return ROOT_TASK_POLICIES.includes(stored) ? stored : undefined;
}

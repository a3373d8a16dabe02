// A failed delivery as Firehose names it: the error codes and messages its CloudWatch error logs
// use for S3 delivery (Amazon Data Firehose Developer Guide, "Monitoring with Amazon CloudWatch
// Logs", "Amazon S3 Data Delivery Errors"), followed by the refusal rolegate got, which names the
// principal and the action (the decision log has the statement that decided it).
import { AwsError } from '../../protocol/errors.js';

const S3_MESSAGES: Record<string, string> = {
  AccessDenied: 'Access was denied. Ensure that the trust policy for the provided IAM role allows Firehose to assume the role, and the access policy allows access to the S3 bucket.',
  AccountProblem: 'There is a problem with your AWS account that prevents the operation from completing successfully. Contact AWS Support.',
  AllAccessDisabled: 'Access to the account provided has been disabled. Contact AWS Support.',
  InvalidPayer: 'Access to the account provided has been disabled. Contact AWS Support.',
  NotSignedUp: 'The account is not signed up for Amazon S3. Sign the account up or use a different account.',
  NoSuchBucket: 'The specified bucket does not exist. Create the bucket or use a different bucket that does exist.',
  MethodNotAllowed: "The specified method is not allowed against this resource. Modify the bucket's policy to allow the correct Amazon S3 operation permissions.",
};

const INTERNAL = 'An internal error occurred while attempting to deliver data. Delivery will be retried; if the error persists, then it will be reported to AWS for resolution.';

export interface Failure {
  code: string;
  message: string;
}

/** A failure of the role's assumption or of S3's PutObject, as the delivery records it. */
export function deliveryFailure(e: unknown): Failure {
  if (!(e instanceof AwsError)) return { code: 'InternalError', message: INTERNAL };
  const code = e.code === 'AccessDeniedException' ? 'AccessDenied' : e.code;
  const known = S3_MESSAGES[code];
  if (e.status >= 500) return { code: 'InternalError', message: INTERNAL };
  return { code: `S3.${code}`, message: known ? `${known} (${e.message})` : e.message };
}

/** A failure to read the Kinesis source, which Firehose retries for as long as the stream keeps the records. */
export function sourceFailure(e: unknown): Failure {
  if (!(e instanceof AwsError)) return { code: 'Kinesis.InternalError', message: INTERNAL };
  const code = e.code === 'AccessDeniedException' ? 'AccessDenied' : e.code;
  return { code: `Kinesis.${code}`, message: e.message };
}

// A request as the policy engine decides it: the action, the resource and the account that owns
// it, the context keys, and for sts:AssumeRole* the role's trust policy. Built by the authorization map.
import type { ContextValue } from '../policy/index.js';

export interface AuthzRequest {
  action: string;
  resource: string;
  /** The account that owns the resource. */
  resourceAccount: string;
  context: Record<string, ContextValue>;
  /** For sts:AssumeRole*: the target role's trust policy (undefined when the role does not exist). */
  trust?: { id: string; document: string } | null;
  /**
   * A resource-based policy of the resource (an S3 bucket policy), evaluated as the resource policy
   * of AWS's evaluation logic: it may allow on its own in the same account, and must allow too
   * across accounts. Absent when the resource has none.
   */
  policy?: {
    id: string;
    document: string;
    /** A document rolegate wrote itself (the account password policy's grant), its ARNs in rolegate's `aws` form: decided in the request's partition, it is read in that partition too. */
    own?: boolean;
  };
  /** Further actions the same caller must be allowed on the same resource (sts:TagSession, sts:SetSourceIdentity). */
  also?: string[];
  /**
   * How the service words AccessDenied. `details-in-account` (S3, since 2024): the resource ARN in
   * quotes, and the policy type that refused only for callers in the resource's own account; any
   * other caller reads "Access Denied". Absent: IAM's wording for everyone.
   */
  denialWording?: 'details-in-account';
}

/** The authentication facts of an outside request (S3's s3:authType, s3:signatureversion, s3:x-amz-content-sha256, s3:TlsVersion). */
export interface RequestAuthFacts {
  /** REST-HEADER (Authorization header), REST-QUERY-STRING (presigned URL), POST (browser form upload). */
  authType?: 'REST-HEADER' | 'REST-QUERY-STRING' | 'POST';
  /** AWS4-HMAC-SHA256 for SigV4. */
  signatureVersion?: string;
  /** The x-amz-content-sha256 header as sent (a hash, UNSIGNED-PAYLOAD, STREAMING-…). */
  contentSha256?: string;
  /** The TLS version of the connection (TLSv1.2 …); absent on plain HTTP. */
  tlsVersion?: string;
}

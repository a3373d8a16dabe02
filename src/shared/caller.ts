// Who is calling: the identity authentication found, as every layer above it sees it.
export interface Caller {
  accountId: string;
  arn: string;
  /**
   * 'anonymous' only for the operations AWS serves unsigned (AssumeRoleWithWebIdentity); 'service'
   * for an AWS service principal acting for a customer in-process (`arn` is `pinpoint.amazonaws.com`);
   * 'federated' for an identity provider whose token an operation verified (`arn` is the provider's);
   * 'federated-user' for a GetFederationToken session (`arn` is arn:aws:sts::ACCOUNT:federated-user/NAME).
   */
  type: 'root' | 'user' | 'assumed-role' | 'anonymous' | 'service' | 'federated' | 'federated-user';
  /** AIDA… for users, the account id for the root, ROLEID:session for role sessions, ACCOUNT:NAME for federated users. */
  userId: string;
  userName?: string;
  accessKeyId: string;
  /** The session a temporary credential carries (AssumeRole, GetSessionToken). */
  session?: SessionClaims;
  /** For a service principal: the account and resource it acts for (aws:SourceAccount, aws:SourceArn). */
  actingFor?: { sourceAccount: string; sourceArn: string };
  /**
   * For a service acting in-process, and the role sessions it gets: the Region it calls in, the one
   * of the resource it acts for (aws:SourceArn's), which decides the partition too. Outside callers
   * never carry it: their request's credential scope decides.
   */
  actingRegion?: string;
  /**
   * When an MFA code this request carried (AssumeRole, GetSessionToken: SerialNumber and TokenCode)
   * was proved, ms since the epoch; set before the authorize step, so its policies see the MFA.
   */
  mfaAuthenticatedAt?: number;
}

/** What a sealed session token carries (auth/session-token.ts seals and opens it). */
export interface SessionClaims {
  /** ASIA… access key id the token belongs to. */
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  /** 'root': an AssumeRoot privileged session, the account's root less what `taskPolicyArn` denies. */
  kind: 'assumed-role' | 'federated-user' | 'session' | 'root';
  /** arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, or the user ARN for GetSessionToken. */
  arn: string;
  userId: string;
  roleArn?: string;
  roleId?: string;
  roleName?: string;
  sessionName?: string;
  /** For GetSessionToken and GetFederationToken: the IAM user (absent: the root) whose permissions the session carries. */
  userName?: string;
  /** For GetFederationToken: the unique id (AIDA…) of that user, or the account id for the root. */
  federatingUserId?: string;
  issuedAt: number;
  expiresAt: number;
  /** For AssumeRoot: the /root-task/ AWS managed policy that scopes the privileged session. */
  taskPolicyArn?: string;
  sessionPolicy?: string;
  sessionPolicyArns?: string[];
  tags?: { Key: string; Value: string }[];
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
  /** True when the session came from another role session (role chaining). */
  chained?: boolean;
  externalId?: string;
  /** The session was made with an MFA code (aws:MultiFactorAuthPresent). */
  mfa?: boolean;
  /** When that code was proved, ms since the epoch (aws:MultiFactorAuthAge); tokens sealed before it existed lack it. */
  mfaAuthenticatedAt?: number;
  /**
   * For GetDelegatedAccessToken: the delegation request whose accepting identity the session acts
   * as (kind 'session' for a user or the root, 'assumed-role' for a role session), limited by
   * `sessionPolicy`, the request's policy. Such a session may call IAM.
   */
  delegationRequestId?: string;
}

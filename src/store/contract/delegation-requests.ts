// IAM's temporary delegation requests' contract: one record per request, found by its id, by the
// requestor's workflow id (unique per requestor account) and by its exchange token's hash; and the
// notifications IAM would publish to a request's SNS topic, kept in order. Engine-neutral: no SQL.

export type DelegationState = 'UNASSIGNED' | 'ASSIGNED' | 'PENDING_APPROVAL' | 'ACCEPTED' | 'FINALIZED' | 'REJECTED' | 'EXPIRED';

/** The identity that accepted a request, as it was then: the delegated credentials act as it. */
export interface DelegationApprover {
  type: 'root' | 'user' | 'assumed-role';
  accountId: string;
  arn: string;
  /** AIDA… for a user, the account id for the root, ROLEID:session for a role session. */
  userId: string;
  userName?: string;
  roleName?: string;
  roleId?: string;
  roleArn?: string;
  sessionName?: string;
}

export interface DelegationRequestRecord {
  id: string;
  /** The partner: the account that created the request and the identity that did. */
  requestorAccountId: string;
  requestorArn: string;
  requestorName?: string;
  workflowId: string;
  /** The customer: the account it is for (given at creation or by AssociateDelegationRequest) and the identity that associated it. */
  ownerAccountId?: string;
  ownerId?: string;
  description: string;
  requestMessage?: string;
  permissions: { PolicyTemplateArn: string; Parameters: { Name: string; Values: string[]; Type: 'string' | 'stringList' }[] };
  /** The policy the template and parameters render to: what the delegated credentials are allowed at most. */
  permissionPolicy: string;
  rolePermissionRestrictionArns?: string[];
  redirectUrl?: string;
  notificationChannel: string;
  sessionDuration: number;
  onlySendByOwner: boolean;
  /** The stored state; EXPIRED is also what a reader computes once `stateChangedAt` is old enough. */
  state: DelegationState;
  notes?: string;
  rejectionReason?: string;
  approver?: DelegationApprover;
  createDate: string;
  updatedTime: string;
  /** When the request last changed state: its expiry counts from here. */
  stateChangedAt: string;
  /** Once EXPIRED is stored: when the request expired (its ExpirationTime from then on). */
  expiredAt?: string;
  /** When SendDelegationToken released the token: the delegation period starts here. */
  finalizedAt?: string;
  /** SHA-256 (hex) of the exchange token; the token itself is never stored in the clear. */
  tokenHash?: string;
  /** The token was traded for credentials (GetDelegatedAccessToken): it is good once. */
  tokenUsedAt?: string;
}

/** A message IAM would publish to a request's SNS topic; `sealedToken` is the exchange token, sealed with the server's key. */
export interface DelegationNotificationRecord {
  seq: number;
  topicArn: string;
  /** The account in the topic's ARN: the one whose root may read the topic's messages. */
  topicAccountId: string;
  publishedAt: string;
  delegationRequestId: string;
  message: Record<string, string>;
  sealedToken?: string;
}

export interface DelegationRequestTable {
  get(id: string): Promise<DelegationRequestRecord | undefined>;
  /** Fails with `false` when the requestor account already has a request with that workflow id. */
  create(record: DelegationRequestRecord): Promise<boolean>;
  /** Replaces the stored record of that id. */
  put(record: DelegationRequestRecord): Promise<void>;
  byTokenHash(hash: string): Promise<DelegationRequestRecord | undefined>;
  /** The requests that account owns with an owner id set, oldest first. */
  listOwnedBy(accountId: string): Promise<DelegationRequestRecord[]>;
  publish(n: Omit<DelegationNotificationRecord, 'seq'>): Promise<void>;
  /** The messages published to the topics of that account, oldest first; only `topicArn`'s when given. */
  notifications(topicAccountId: string, topicArn?: string): Promise<DelegationNotificationRecord[]>;
}

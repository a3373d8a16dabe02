// Issuing temporary credentials: an ASIA… key, a fresh secret and the sealed session token that
// carries both with the session's principal and limits.
import type { Credentials } from '../../generated/sts/shapes.js';
import type { SessionClaims } from '../../shared/caller.js';
import type { SessionTokenCodec } from '../../shared/sealing.js';
import { accessKeyId, secretAccessKey } from '../../shared/ids.js';
import { assumedRoleArn } from './roles.js';

export function issue(tokens: SessionTokenCodec, claims: Omit<SessionClaims, 'accessKeyId' | 'secretAccessKey'>): { credentials: Credentials; claims: SessionClaims } {
  const full: SessionClaims = { ...claims, accessKeyId: accessKeyId('ASIA', claims.accountId), secretAccessKey: secretAccessKey() };
  return {
    claims: full,
    credentials: {
      AccessKeyId: full.accessKeyId,
      SecretAccessKey: full.secretAccessKey,
      SessionToken: tokens.seal(full),
      Expiration: new Date(full.expiresAt),
    },
  };
}

export interface RoleSessionRequest {
  account: string;
  role: { name: string; id: string; arn: string };
  sessionName: string;
  durationSeconds: number;
  now: Date;
  sessionPolicy?: string;
  sessionPolicyArns?: string[];
  rest?: Partial<Pick<SessionClaims, 'tags' | 'transitiveTagKeys' | 'sourceIdentity' | 'chained' | 'externalId' | 'mfa' | 'mfaAuthenticatedAt' | 'delegationRequestId'>>;
}

/** A role session (AssumeRole, AssumeRoleWith*, service principals): its claims and credentials. */
export function issueRoleSession(tokens: SessionTokenCodec, r: RoleSessionRequest) {
  const now = r.now.getTime();
  const arn = assumedRoleArn(r.account, r.role.name, r.sessionName);
  const assumedRoleId = `${r.role.id}:${r.sessionName}`;
  const { credentials } = issue(tokens, {
    accountId: r.account,
    kind: 'assumed-role',
    arn,
    userId: assumedRoleId,
    roleArn: r.role.arn,
    roleId: r.role.id,
    roleName: r.role.name,
    sessionName: r.sessionName,
    issuedAt: now,
    expiresAt: now + r.durationSeconds * 1000,
    ...(r.sessionPolicy !== undefined ? { sessionPolicy: r.sessionPolicy } : {}),
    ...(r.sessionPolicyArns?.length ? { sessionPolicyArns: r.sessionPolicyArns } : {}),
    ...r.rest,
  });
  return { credentials, assumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: arn } };
}

// STS's authorization map as data (Service Authorization Reference, "AWS Security Token Service").
// GetCallerIdentity needs no permission and works even under an explicit deny, as in AWS; nor does
// GetSessionToken (IAM User Guide, "Permissions for GetSessionToken": authentication operations are
// not controlled by policies).

export interface StsMapEntry {
  /** The IAM action; null when the operation is never authorized. */
  action: string | null;
  /** The input member holding the resource ARN; '*' otherwise. */
  resourceMember?: string;
}

export const stsMap: Record<string, StsMapEntry> = {
  AssumeRole: { action: 'sts:AssumeRole', resourceMember: 'RoleArn' },
  AssumeRoleWithWebIdentity: { action: null },
  AssumeRoleWithSAML: { action: null },
  GetCallerIdentity: { action: null },
  GetSessionToken: { action: null },
  GetFederationToken: { action: 'sts:GetFederationToken' },
  GetAccessKeyInfo: { action: 'sts:GetAccessKeyInfo' },
  DecodeAuthorizationMessage: { action: 'sts:DecodeAuthorizationMessage' },
  AssumeRoot: { action: 'sts:AssumeRoot' },
  GetDelegatedAccessToken: { action: 'sts:GetDelegatedAccessToken' },
  GetWebIdentityToken: { action: 'sts:GetWebIdentityToken' },
};

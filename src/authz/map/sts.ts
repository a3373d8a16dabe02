// STS's authorization map as data (Service Authorization Reference, "AWS Security Token Service").
// GetCallerIdentity needs no permission and works even under an explicit deny, as in AWS; nor does
// GetSessionToken (IAM User Guide, "Permissions for GetSessionToken": authentication operations are
// not controlled by policies); AssumeRoleWithWebIdentity and AssumeRoleWithSAML are authorized by
// their own token (and decide the trust policy themselves).
import type { ServiceMap } from './schema.js';

export const stsMap: ServiceMap = {
  // The role, its account and trust policy, and sts:TagSession / sts:SetSourceIdentity, from src/authz/resolvers/sts.ts.
  AssumeRole: {
    action: 'sts:AssumeRole',
    resource: { resolver: 'sts:role', name: 'RoleArn' },
    context: {
      'sts:RoleSessionName': { member: 'RoleSessionName' },
      'sts:ExternalId': { member: 'ExternalId' },
      'sts:SourceIdentity': { member: 'SourceIdentity' },
      'aws:RequestTag/*': { family: 'aws:RequestTag' },
      'aws:TagKeys': { resolver: 'sessionTagKeys' },
      'sts:TransitiveTagKeys': { member: 'TransitiveTagKeys' },
    },
  },
  AssumeRoleWithWebIdentity: null,
  AssumeRoleWithSAML: null,
  GetCallerIdentity: null,
  GetSessionToken: null,
  // Authorized on the federated user it makes (Service Authorization Reference: resource type federated-user).
  GetFederationToken: {
    action: 'sts:GetFederationToken',
    resource: 'arn:${Partition}:sts::${Account}:federated-user/${Name}',
    context: { 'aws:RequestTag/*': { family: 'aws:RequestTag' }, 'aws:TagKeys': { resolver: 'sessionTagKeys' } },
  },
  GetAccessKeyInfo: { action: 'sts:GetAccessKeyInfo', resource: '*' },
  DecodeAuthorizationMessage: { action: 'sts:DecodeAuthorizationMessage', resource: '*' },
  // Authorized on the target account's root user (resource type root), decided in the caller's own account.
  AssumeRoot: {
    action: 'sts:AssumeRoot',
    resource: { resolver: 'sts:root', name: 'TargetPrincipal' },
    context: { 'sts:TaskPolicyArn': { member: 'TaskPolicyArn.arn' } },
  },
  GetDelegatedAccessToken: { action: 'sts:GetDelegatedAccessToken', resource: '*' },
  // The audiences, algorithm, duration and tags asked for, as the Service Authorization Reference's condition keys.
  GetWebIdentityToken: {
    action: 'sts:GetWebIdentityToken',
    resource: '*',
    context: {
      'sts:IdentityTokenAudience': { member: 'Audience' },
      'sts:SigningAlgorithm': { member: 'SigningAlgorithm' },
      'sts:DurationSeconds': { member: 'DurationSeconds' },
      'aws:RequestTag/*': { family: 'aws:RequestTag' },
      'aws:TagKeys': { resolver: 'sessionTagKeys' },
    },
  },
};

// IAM's authorization map as data: for each operation the resource it is authorized on and the
// condition keys it supplies, per the Service Authorization Reference ("Actions, resources, and
// condition keys for AWS Identity and Access Management"). The action is always iam:<Operation>.
// Resources are named by the IAM resource resolvers (src/authz/resolvers/iam.ts), which read the
// entity's stored path, tags (aws:ResourceTag/*, iam:ResourceTag/*) and permissions boundary.
import type { KeySource, MapEntry, ResourceSource, ServiceMap } from './schema.js';

type Entry = Omit<MapEntry, 'action'>;
type Keys = Record<string, KeySource>;
type Extra = Omit<Partial<ResourceSource>, 'resolver'> & { context?: Keys };

/** An entity named by an input member (`RoleName` …), with the source's further parameters and the operation's keys. */
const entity = (resolver: string, name: string) => ({ context, ...params }: Extra = {}): Entry =>
  ({ resource: { resolver, name, ...params }, ...(context ? { context } : {}) });
const role = entity('iam:role', 'RoleName');
const user = entity('iam:user', 'UserName');
const group = entity('iam:group', 'GroupName');
const policy = entity('iam:policy', 'PolicyArn');
const profile = entity('iam:instance-profile', 'InstanceProfileName');
const oidc = entity('iam:oidc-provider', 'OpenIDConnectProviderArn');
/** A virtual MFA device by its serial number (its ARN, arn:aws:iam::ACCOUNT:mfa/NAME). */
const mfa = entity('iam:mfa', 'SerialNumber');
const saml = entity('iam:saml-provider', 'SAMLProviderArn');
/** A server certificate by name (arn:aws:iam::ACCOUNT:server-certificate/PATH/NAME), with its tags. */
const serverCertificate = entity('iam:server-certificate', 'ServerCertificateName');
/** A delegation request by its id, in the caller's account, with iam:DelegationRequestOwner (and its owner's own grant). */
const delegation = (name = 'DelegationRequestId'): Entry => ({ resource: { resolver: 'iam:delegation-request', name } });
/** A listing, authorized on the path prefix it lists. */
const list = (listOf: string): Entry => ({ resource: { resolver: 'iam:list', listOf, path: 'PathPrefix' } });
const any: Entry = { resource: '*' };

/** aws:RequestTag/<key> from Tags, aws:TagKeys from Tags and TagKeys (tagging and untagging alike). */
const tagging: Keys = { 'aws:RequestTag/*': { family: 'aws:RequestTag' }, 'aws:TagKeys': { resolver: 'aws:TagKeys' } };
const policyArn: Keys = { 'iam:PolicyARN': { member: 'PolicyArn' } };
/** The boundary the request sets, else the entity's stored one. */
const boundary: Keys = { 'iam:PermissionsBoundary': { resolver: 'iam:PermissionsBoundary' } };
const serviceName: Keys = { 'iam:AWSServiceName': { resolver: 'iam:AWSServiceName' } };

const entries: Record<string, Entry> = {
  // Temporary delegation (Service Authorization Reference: resource type delegation-request).
  // UpdateDelegationRequest is not in the Reference yet: it is authorized as its siblings are.
  AcceptDelegationRequest: delegation(),
  AssociateDelegationRequest: delegation(),
  CreateDelegationRequest: {
    resource: 'arn:${Partition}:iam::${Account}:delegation-request/*',
    context: {
      'iam:DelegationDuration': { member: 'SessionDuration' },
      'iam:NotificationChannel': { member: 'NotificationChannel' },
      'iam:TemplateArn': { member: 'Permissions.PolicyTemplateArn' },
    },
  },
  GetDelegationRequest: delegation(),
  GetHumanReadableSummary: delegation('EntityArn'),
  ListDelegationRequests: { resource: '*', context: { 'iam:DelegationRequestOwner': { member: 'OwnerId' } } },
  RejectDelegationRequest: delegation(),
  SendDelegationToken: delegation(),
  UpdateDelegationRequest: delegation(),
  CreateVirtualMFADevice: { resource: { resolver: 'iam:mfa', name: 'VirtualMFADeviceName', path: 'Path' }, context: tagging },
  DeactivateMFADevice: user({ callerUserByDefault: true }),
  DeleteVirtualMFADevice: mfa(),
  EnableMFADevice: user(),
  GetMFADevice: user({ callerUserByDefault: true }),
  ListMFADeviceTags: mfa(),
  ListMFADevices: user({ callerUserByDefault: true }),
  ListVirtualMFADevices: any,
  ResyncMFADevice: user(),
  TagMFADevice: mfa({ context: tagging }),
  UntagMFADevice: mfa({ context: tagging }),
  AddClientIDToOpenIDConnectProvider: oidc(),
  AddRoleToInstanceProfile: profile(),
  AddUserToGroup: group(),
  AttachGroupPolicy: group({ context: policyArn }),
  AttachRolePolicy: role({ context: { ...policyArn, ...boundary } }),
  AttachUserPolicy: user({ context: { ...policyArn, ...boundary } }),
  // The caller's own user (the operation has no UserName); AllowUsersToChangePassword grants it too.
  ChangePassword: { resource: { resolver: 'iam:own-password' } },
  CreateAccessKey: user({ callerUserByDefault: true }),
  CreateAccountAlias: any,
  CreateGroup: group({ path: 'Path' }),
  CreateInstanceProfile: profile({ path: 'Path', context: tagging }),
  CreateLoginProfile: user({ callerUserByDefault: true }),
  CreateOpenIDConnectProvider: { resource: { resolver: 'iam:oidc-provider' }, context: tagging },
  CreatePolicy: { resource: { resolver: 'iam:policy', name: 'PolicyName', path: 'Path' }, context: tagging },
  CreatePolicyVersion: policy(),
  CreateRole: role({ path: 'Path', context: { ...tagging, ...boundary } }),
  CreateSAMLProvider: { resource: { resolver: 'iam:saml-provider' }, context: tagging },
  CreateServiceLinkedRole: { resource: { resolver: 'iam:service-linked-role', name: 'AWSServiceName' }, context: serviceName },
  CreateServiceSpecificCredential: user(),
  CreateUser: user({ path: 'Path', context: { ...tagging, ...boundary } }),
  DeleteAccessKey: user({ callerUserByDefault: true }),
  DeleteAccountAlias: any,
  DeleteAccountPasswordPolicy: any,
  DeleteGroup: group(),
  DeleteGroupPolicy: group(),
  DeleteInstanceProfile: profile(),
  DeleteLoginProfile: user({ callerUserByDefault: true }),
  DeleteOpenIDConnectProvider: oidc(),
  DeletePolicy: policy(),
  DeletePolicyVersion: policy(),
  DeleteRole: role({ context: boundary }),
  DeleteRolePermissionsBoundary: role({ context: boundary }),
  DeleteRolePolicy: role({ context: boundary }),
  DeleteSAMLProvider: saml(),
  DeleteSSHPublicKey: user(),
  DeleteServerCertificate: serverCertificate(),
  DeleteServiceLinkedRole: role(),
  DeleteSigningCertificate: user({ callerUserByDefault: true }),
  DeleteServiceSpecificCredential: user({ callerUserByDefault: true }),
  DeleteUser: user(),
  DeleteUserPermissionsBoundary: user({ context: boundary }),
  DeleteUserPolicy: user({ context: boundary }),
  DetachGroupPolicy: group({ context: policyArn }),
  DetachRolePolicy: role({ context: { ...policyArn, ...boundary } }),
  DetachUserPolicy: user({ context: { ...policyArn, ...boundary } }),
  // Centralized root access (Service Authorization Reference: no resource types, no condition keys).
  ListOrganizationsFeatures: any,
  EnableOrganizationsRootCredentialsManagement: any,
  DisableOrganizationsRootCredentialsManagement: any,
  EnableOrganizationsRootSessions: any,
  DisableOrganizationsRootSessions: any,
  // Authorized on the report of the entity path (resource type access-report), with the SCP asked about.
  GenerateOrganizationsAccessReport: {
    resource: 'arn:${Partition}:iam::${Account}:access-report/${EntityPath}',
    context: { 'iam:OrganizationsPolicyId': { member: 'OrganizationsPolicyId' } },
  },
  GetOrganizationsAccessReport: any,
  DisableOutboundWebIdentityFederation: any,
  EnableOutboundWebIdentityFederation: any,
  GenerateCredentialReport: any,
  // Authorized on the user, group or role the Arn names.
  GenerateServiceLastAccessedDetails: { resource: '${Arn}' },
  GetAccessKeyLastUsed: { resource: { resolver: 'iam:user', callerUserByDefault: true } },
  GetAccountAuthorizationDetails: any,
  // AllowUsersToChangePassword lets every user read the policy.
  GetAccountPasswordPolicy: { resource: { resolver: 'iam:account-password-policy' } },
  GetAccountSummary: any,
  GetContextKeysForCustomPolicy: any,
  GetContextKeysForPrincipalPolicy: { resource: '${PolicySourceArn}' },
  GetCredentialReport: any,
  GetGroup: group(),
  GetGroupPolicy: group(),
  GetInstanceProfile: profile(),
  GetLoginProfile: user({ callerUserByDefault: true }),
  GetOpenIDConnectProvider: oidc(),
  GetOutboundWebIdentityFederationInfo: any,
  GetPolicy: policy(),
  GetPolicyVersion: policy(),
  GetRole: role({ context: boundary }),
  GetRolePolicy: role(),
  GetSAMLProvider: saml(),
  GetSSHPublicKey: user(),
  GetServiceLastAccessedDetails: any,
  GetServiceLastAccessedDetailsWithEntities: any,
  // The role is read from the task id (task/aws-service-role/SERVICE/ROLE/UUID).
  GetServerCertificate: serverCertificate(),
  GetServiceLinkedRoleDeletionStatus: { resource: { resolver: 'iam:service-linked-role-task', name: 'DeletionTaskId' } },
  GetUser: user({ callerUserByDefault: true }),
  GetUserPolicy: user(),
  ListAccessKeys: user({ callerUserByDefault: true }),
  ListAccountAliases: any,
  ListAttachedGroupPolicies: group(),
  ListAttachedRolePolicies: role(),
  ListAttachedUserPolicies: user(),
  ListEntitiesForPolicy: policy(),
  ListGroupPolicies: group(),
  ListGroups: list('group'),
  ListGroupsForUser: user(),
  ListInstanceProfileTags: profile(),
  ListInstanceProfiles: list('instance-profile'),
  ListInstanceProfilesForRole: role(),
  ListOpenIDConnectProviderTags: oidc(),
  ListOpenIDConnectProviders: any,
  ListPolicies: list('policy'),
  // Authorized on the user, group or role the Arn names.
  ListPoliciesGrantingServiceAccess: { resource: '${Arn}' },
  ListPolicyTags: policy(),
  ListPolicyVersions: policy(),
  ListRolePolicies: role(),
  ListRoleTags: role(),
  ListRoles: list('role'),
  ListSAMLProviderTags: saml(),
  ListSAMLProviders: any,
  ListSSHPublicKeys: user({ callerUserByDefault: true }),
  ListServerCertificateTags: serverCertificate(),
  ListServerCertificates: list('server-certificate'),
  ListSigningCertificates: user({ callerUserByDefault: true }),
  ListServiceSpecificCredentials: user({ callerUserByDefault: true }),
  ListUserPolicies: user(),
  ListUserTags: user(),
  ListUsers: list('user'),
  PutGroupPolicy: group(),
  PutRolePermissionsBoundary: role({ context: boundary }),
  PutRolePolicy: role({ context: boundary }),
  PutUserPermissionsBoundary: user({ context: boundary }),
  PutUserPolicy: user({ context: boundary }),
  RemoveClientIDFromOpenIDConnectProvider: oidc(),
  RemoveRoleFromInstanceProfile: profile(),
  RemoveUserFromGroup: group(),
  ResetServiceSpecificCredential: user({ callerUserByDefault: true }),
  SetDefaultPolicyVersion: policy(),
  SetSecurityTokenServicePreferences: any,
  SimulateCustomPolicy: any,
  SimulatePrincipalPolicy: { resource: '${PolicySourceArn}' },
  TagInstanceProfile: profile({ context: tagging }),
  TagOpenIDConnectProvider: oidc({ context: tagging }),
  TagPolicy: policy({ context: tagging }),
  TagRole: role({ context: tagging }),
  TagSAMLProvider: saml({ context: tagging }),
  TagServerCertificate: serverCertificate({ context: tagging }),
  TagUser: user({ context: tagging }),
  UntagInstanceProfile: profile({ context: tagging }),
  UntagOpenIDConnectProvider: oidc({ context: tagging }),
  UntagPolicy: policy({ context: tagging }),
  UntagRole: role({ context: tagging }),
  UntagSAMLProvider: saml({ context: tagging }),
  UntagServerCertificate: serverCertificate({ context: tagging }),
  UntagUser: user({ context: tagging }),
  UpdateAccessKey: user({ callerUserByDefault: true }),
  UpdateAccountPasswordPolicy: any,
  UpdateAssumeRolePolicy: role({ context: boundary }),
  UpdateGroup: group(),
  UpdateLoginProfile: user(),
  UpdateOpenIDConnectProviderThumbprint: oidc(),
  UpdateRole: role({ context: boundary }),
  UpdateRoleDescription: role({ context: boundary }),
  UpdateSAMLProvider: saml(),
  UpdateSSHPublicKey: user(),
  // The caller needs the permission on both the old and the new ARN (IAM API Reference, UpdateServerCertificate).
  UpdateServerCertificate: {
    ...serverCertificate(),
    also: [{ action: 'iam:UpdateServerCertificate', resource: { resolver: 'iam:server-certificate', name: 'NewServerCertificateName', path: 'NewPath' } }],
  },
  UpdateSigningCertificate: user({ callerUserByDefault: true }),
  UpdateServiceSpecificCredential: user({ callerUserByDefault: true }),
  UpdateUser: user(),
  UploadSSHPublicKey: user(),
  UploadServerCertificate: serverCertificate({ path: 'Path', context: tagging }),
  UploadSigningCertificate: user({ callerUserByDefault: true }),
};

/** Each operation's entry with its action, iam:<Operation>. */
function withActions(map: Record<string, Entry>): ServiceMap {
  const out: ServiceMap = {};
  for (const op of Object.keys(map)) out[op] = { action: `iam:${op}`, ...map[op] };
  return out;
}

export const iamMap: ServiceMap = withActions(entries);

// IAM's authorization map as data: for each operation the resource it is authorized on and the
// condition keys it supplies, per the Service Authorization Reference ("Actions, resources, and
// condition keys for AWS Identity and Access Management"). The action is always iam:<Operation>.

export type IamResourceType = 'role' | 'user' | 'group' | 'policy' | 'instance-profile' | 'oidc-provider' | 'arn' | 'list' | '*';

export interface IamMapEntry {
  resource: IamResourceType;
  /** The input member that names the resource (a name, or an ARN for policy/oidc-provider/arn). */
  name?: string;
  /** The input member that gives the path of a resource being created. */
  path?: string;
  /** Condition keys this operation supplies besides the global ones. */
  keys?: readonly ('aws:RequestTag' | 'aws:TagKeys' | 'iam:PolicyARN' | 'iam:PermissionsBoundary' | 'iam:AWSServiceName')[];
  /** For listings: the resource type whose path prefix AWS authorizes (`arn:aws:iam::ACCOUNT:role/`). */
  listOf?: 'role' | 'user' | 'group' | 'policy' | 'instance-profile';
  /** Access-key operations act on the caller when UserName is absent. */
  callerUserByDefault?: boolean;
}

const role = (extra: Partial<IamMapEntry> = {}): IamMapEntry => ({ resource: 'role', name: 'RoleName', ...extra });
const user = (extra: Partial<IamMapEntry> = {}): IamMapEntry => ({ resource: 'user', name: 'UserName', ...extra });
const group = (extra: Partial<IamMapEntry> = {}): IamMapEntry => ({ resource: 'group', name: 'GroupName', ...extra });
const policy = (extra: Partial<IamMapEntry> = {}): IamMapEntry => ({ resource: 'policy', name: 'PolicyArn', ...extra });
const profile = (extra: Partial<IamMapEntry> = {}): IamMapEntry => ({ resource: 'instance-profile', name: 'InstanceProfileName', ...extra });
const oidc = (extra: Partial<IamMapEntry> = {}): IamMapEntry => ({ resource: 'oidc-provider', name: 'OpenIDConnectProviderArn', ...extra });
const any: IamMapEntry = { resource: '*' };
const tagging = ['aws:RequestTag', 'aws:TagKeys'] as const;

export const iamMap: Record<string, IamMapEntry> = {
  AddClientIDToOpenIDConnectProvider: oidc(),
  AddRoleToInstanceProfile: profile(),
  AddUserToGroup: group(),
  AttachGroupPolicy: group({ keys: ['iam:PolicyARN'] }),
  AttachRolePolicy: role({ keys: ['iam:PolicyARN', 'iam:PermissionsBoundary'] }),
  AttachUserPolicy: user({ keys: ['iam:PolicyARN', 'iam:PermissionsBoundary'] }),
  CreateAccessKey: user({ callerUserByDefault: true }),
  CreateGroup: group({ path: 'Path' }),
  CreateInstanceProfile: profile({ path: 'Path', keys: tagging }),
  CreateOpenIDConnectProvider: { resource: 'oidc-provider', keys: tagging },
  CreatePolicy: { resource: 'policy', name: 'PolicyName', path: 'Path', keys: tagging },
  CreatePolicyVersion: policy(),
  CreateRole: role({ path: 'Path', keys: [...tagging, 'iam:PermissionsBoundary'] }),
  CreateServiceLinkedRole: { resource: 'role', keys: ['iam:AWSServiceName'] },
  CreateUser: user({ path: 'Path', keys: [...tagging, 'iam:PermissionsBoundary'] }),
  DeleteAccessKey: user({ callerUserByDefault: true }),
  DeleteGroup: group(),
  DeleteGroupPolicy: group(),
  DeleteInstanceProfile: profile(),
  DeleteOpenIDConnectProvider: oidc(),
  DeletePolicy: policy(),
  DeletePolicyVersion: policy(),
  DeleteRole: role({ keys: ['iam:PermissionsBoundary'] }),
  DeleteServiceLinkedRole: role(),
  DeleteRolePermissionsBoundary: role({ keys: ['iam:PermissionsBoundary'] }),
  DeleteRolePolicy: role({ keys: ['iam:PermissionsBoundary'] }),
  DeleteUser: user({ keys: ['iam:PermissionsBoundary'] }),
  DeleteUserPermissionsBoundary: user({ keys: ['iam:PermissionsBoundary'] }),
  DeleteUserPolicy: user({ keys: ['iam:PermissionsBoundary'] }),
  DetachGroupPolicy: group({ keys: ['iam:PolicyARN'] }),
  DetachRolePolicy: role({ keys: ['iam:PolicyARN', 'iam:PermissionsBoundary'] }),
  DetachUserPolicy: user({ keys: ['iam:PolicyARN', 'iam:PermissionsBoundary'] }),
  GetAccessKeyLastUsed: user({ name: undefined, callerUserByDefault: true }),
  GetAccountAuthorizationDetails: any,
  GetAccountSummary: any,
  GetContextKeysForCustomPolicy: any,
  GetContextKeysForPrincipalPolicy: { resource: 'arn', name: 'PolicySourceArn' },
  GetGroup: group(),
  GetGroupPolicy: group(),
  GetInstanceProfile: profile(),
  GetOpenIDConnectProvider: oidc(),
  GetPolicy: policy(),
  GetPolicyVersion: policy(),
  GetRole: role(),
  GetRolePolicy: role(),
  // The role is read from the task id (task/aws-service-role/SERVICE/ROLE/UUID).
  GetServiceLinkedRoleDeletionStatus: { resource: 'role' },
  GetUser: user({ callerUserByDefault: true }),
  GetUserPolicy: user(),
  ListAccessKeys: user({ callerUserByDefault: true }),
  ListAttachedGroupPolicies: group(),
  ListAttachedRolePolicies: role(),
  ListAttachedUserPolicies: user(),
  ListEntitiesForPolicy: policy(),
  ListGroupPolicies: group(),
  ListGroups: { resource: 'list', listOf: 'group', path: 'PathPrefix' },
  ListGroupsForUser: user(),
  ListInstanceProfileTags: profile(),
  ListInstanceProfiles: { resource: 'list', listOf: 'instance-profile', path: 'PathPrefix' },
  ListInstanceProfilesForRole: role(),
  ListOpenIDConnectProviderTags: oidc(),
  ListOpenIDConnectProviders: any,
  ListPolicies: { resource: 'list', listOf: 'policy', path: 'PathPrefix' },
  ListPolicyTags: policy(),
  ListPolicyVersions: policy(),
  ListRolePolicies: role(),
  ListRoleTags: role(),
  ListRoles: { resource: 'list', listOf: 'role', path: 'PathPrefix' },
  ListUserPolicies: user(),
  ListUserTags: user(),
  ListUsers: { resource: 'list', listOf: 'user', path: 'PathPrefix' },
  PutGroupPolicy: group(),
  PutRolePermissionsBoundary: role({ keys: ['iam:PermissionsBoundary'] }),
  PutRolePolicy: role({ keys: ['iam:PermissionsBoundary'] }),
  PutUserPermissionsBoundary: user({ keys: ['iam:PermissionsBoundary'] }),
  PutUserPolicy: user({ keys: ['iam:PermissionsBoundary'] }),
  RemoveClientIDFromOpenIDConnectProvider: oidc(),
  RemoveRoleFromInstanceProfile: profile(),
  RemoveUserFromGroup: group(),
  SetDefaultPolicyVersion: policy(),
  SimulateCustomPolicy: any,
  SimulatePrincipalPolicy: { resource: 'arn', name: 'PolicySourceArn' },
  TagInstanceProfile: profile({ keys: tagging }),
  TagOpenIDConnectProvider: oidc({ keys: tagging }),
  TagPolicy: policy({ keys: tagging }),
  TagRole: role({ keys: tagging }),
  TagUser: user({ keys: tagging }),
  UntagInstanceProfile: profile({ keys: ['aws:TagKeys'] }),
  UntagOpenIDConnectProvider: oidc({ keys: ['aws:TagKeys'] }),
  UntagPolicy: policy({ keys: ['aws:TagKeys'] }),
  UntagRole: role({ keys: ['aws:TagKeys'] }),
  UntagUser: user({ keys: ['aws:TagKeys'] }),
  UpdateAccessKey: user({ callerUserByDefault: true }),
  UpdateAssumeRolePolicy: role(),
  UpdateGroup: group(),
  UpdateOpenIDConnectProviderThumbprint: oidc(),
  UpdateRole: role(),
  UpdateRoleDescription: role(),
  UpdateUser: user(),
};

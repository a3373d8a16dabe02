// Handlers for users, groups, access keys, virtual MFA devices, instance profiles, OpenID Connect providers and the
// account-wide reports; the IAM handler table (index.ts) spreads this object into itself.
import { AddClientIDToOpenIDConnectProvider } from './AddClientIDToOpenIDConnectProvider.js';
import { AddRoleToInstanceProfile } from './AddRoleToInstanceProfile.js';
import { AddUserToGroup } from './AddUserToGroup.js';
import { CreateAccessKey } from './CreateAccessKey.js';
import { CreateGroup } from './CreateGroup.js';
import { CreateInstanceProfile } from './CreateInstanceProfile.js';
import { CreateOpenIDConnectProvider } from './CreateOpenIDConnectProvider.js';
import { CreateUser } from './CreateUser.js';
import { DeleteAccessKey } from './DeleteAccessKey.js';
import { DeleteGroup } from './DeleteGroup.js';
import { DeleteInstanceProfile } from './DeleteInstanceProfile.js';
import { DeleteOpenIDConnectProvider } from './DeleteOpenIDConnectProvider.js';
import { DeleteUser } from './DeleteUser.js';
import { DeleteUserPermissionsBoundary } from './DeleteUserPermissionsBoundary.js';
import { GenerateServiceLastAccessedDetails } from './GenerateServiceLastAccessedDetails.js';
import { GetAccessKeyLastUsed } from './GetAccessKeyLastUsed.js';
import { GetAccountAuthorizationDetails } from './GetAccountAuthorizationDetails.js';
import { GetAccountSummary } from './GetAccountSummary.js';
import { GetGroup } from './GetGroup.js';
import { GetInstanceProfile } from './GetInstanceProfile.js';
import { GetOpenIDConnectProvider } from './GetOpenIDConnectProvider.js';
import { GetServiceLastAccessedDetails } from './GetServiceLastAccessedDetails.js';
import { GetServiceLastAccessedDetailsWithEntities } from './GetServiceLastAccessedDetailsWithEntities.js';
import { GetUser } from './GetUser.js';
import { ListAccessKeys } from './ListAccessKeys.js';
import { ListGroups } from './ListGroups.js';
import { ListGroupsForUser } from './ListGroupsForUser.js';
import { ListInstanceProfileTags } from './ListInstanceProfileTags.js';
import { ListInstanceProfiles } from './ListInstanceProfiles.js';
import { ListInstanceProfilesForRole } from './ListInstanceProfilesForRole.js';
import { ListOpenIDConnectProviderTags } from './ListOpenIDConnectProviderTags.js';
import { ListOpenIDConnectProviders } from './ListOpenIDConnectProviders.js';
import { ListPoliciesGrantingServiceAccess } from './ListPoliciesGrantingServiceAccess.js';
import { ListUserTags } from './ListUserTags.js';
import { ListUsers } from './ListUsers.js';
import { PutUserPermissionsBoundary } from './PutUserPermissionsBoundary.js';
import { RemoveClientIDFromOpenIDConnectProvider } from './RemoveClientIDFromOpenIDConnectProvider.js';
import { RemoveRoleFromInstanceProfile } from './RemoveRoleFromInstanceProfile.js';
import { RemoveUserFromGroup } from './RemoveUserFromGroup.js';
import { SetSecurityTokenServicePreferences } from './SetSecurityTokenServicePreferences.js';
import { TagInstanceProfile } from './TagInstanceProfile.js';
import { TagOpenIDConnectProvider } from './TagOpenIDConnectProvider.js';
import { TagUser } from './TagUser.js';
import { UntagInstanceProfile } from './UntagInstanceProfile.js';
import { UntagOpenIDConnectProvider } from './UntagOpenIDConnectProvider.js';
import { UntagUser } from './UntagUser.js';
import { UpdateAccessKey } from './UpdateAccessKey.js';
import { UpdateGroup } from './UpdateGroup.js';
import { UpdateOpenIDConnectProviderThumbprint } from './UpdateOpenIDConnectProviderThumbprint.js';
import { UpdateUser } from './UpdateUser.js';
import { CreateVirtualMFADevice } from './CreateVirtualMFADevice.js';
import { DeactivateMFADevice } from './DeactivateMFADevice.js';
import { DeleteVirtualMFADevice } from './DeleteVirtualMFADevice.js';
import { EnableMFADevice } from './EnableMFADevice.js';
import { GetMFADevice } from './GetMFADevice.js';
import { ListMFADeviceTags } from './ListMFADeviceTags.js';
import { ListMFADevices } from './ListMFADevices.js';
import { ListVirtualMFADevices } from './ListVirtualMFADevices.js';
import { ResyncMFADevice } from './ResyncMFADevice.js';
import { TagMFADevice } from './TagMFADevice.js';
import { UntagMFADevice } from './UntagMFADevice.js';

export const identityHandlers = {
  CreateVirtualMFADevice,
  DeactivateMFADevice,
  DeleteVirtualMFADevice,
  EnableMFADevice,
  GenerateServiceLastAccessedDetails,
  GetMFADevice,
  GetServiceLastAccessedDetails,
  GetServiceLastAccessedDetailsWithEntities,
  ListMFADeviceTags,
  ListMFADevices,
  ListPoliciesGrantingServiceAccess,
  ListVirtualMFADevices,
  ResyncMFADevice,
  TagMFADevice,
  UntagMFADevice,
  AddClientIDToOpenIDConnectProvider,
  AddRoleToInstanceProfile,
  AddUserToGroup,
  CreateAccessKey,
  CreateGroup,
  CreateInstanceProfile,
  CreateOpenIDConnectProvider,
  CreateUser,
  DeleteAccessKey,
  DeleteGroup,
  DeleteInstanceProfile,
  DeleteOpenIDConnectProvider,
  DeleteUser,
  DeleteUserPermissionsBoundary,
  GetAccessKeyLastUsed,
  GetAccountAuthorizationDetails,
  GetAccountSummary,
  GetGroup,
  GetInstanceProfile,
  GetOpenIDConnectProvider,
  GetUser,
  ListAccessKeys,
  ListGroups,
  ListGroupsForUser,
  ListInstanceProfileTags,
  ListInstanceProfiles,
  ListInstanceProfilesForRole,
  ListOpenIDConnectProviderTags,
  ListOpenIDConnectProviders,
  ListUserTags,
  ListUsers,
  PutUserPermissionsBoundary,
  RemoveClientIDFromOpenIDConnectProvider,
  RemoveRoleFromInstanceProfile,
  RemoveUserFromGroup,
  SetSecurityTokenServicePreferences,
  TagInstanceProfile,
  TagOpenIDConnectProvider,
  TagUser,
  UntagInstanceProfile,
  UntagOpenIDConnectProvider,
  UntagUser,
  UpdateAccessKey,
  UpdateGroup,
  UpdateOpenIDConnectProviderThumbprint,
  UpdateUser,
};

// The IAM handler table: one handler per operation, checked against the generated operation types.
import type { Operations } from '../../generated/iam/operations.js';
import type { ServiceHandlers } from '../types.js';
import { AttachGroupPolicy } from './AttachGroupPolicy.js';
import { AttachRolePolicy } from './AttachRolePolicy.js';
import { AttachUserPolicy } from './AttachUserPolicy.js';
import { CreatePolicy } from './CreatePolicy.js';
import { CreatePolicyVersion } from './CreatePolicyVersion.js';
import { CreateRole } from './CreateRole.js';
import { CreateServiceLinkedRole } from './CreateServiceLinkedRole.js';
import { DeleteGroupPolicy } from './DeleteGroupPolicy.js';
import { DeletePolicy } from './DeletePolicy.js';
import { DeletePolicyVersion } from './DeletePolicyVersion.js';
import { DeleteRole } from './DeleteRole.js';
import { DeleteRolePermissionsBoundary } from './DeleteRolePermissionsBoundary.js';
import { DeleteRolePolicy } from './DeleteRolePolicy.js';
import { DeleteServiceLinkedRole } from './DeleteServiceLinkedRole.js';
import { DeleteUserPolicy } from './DeleteUserPolicy.js';
import { DetachGroupPolicy } from './DetachGroupPolicy.js';
import { DetachRolePolicy } from './DetachRolePolicy.js';
import { DetachUserPolicy } from './DetachUserPolicy.js';
import { GetContextKeysForCustomPolicy } from './GetContextKeysForCustomPolicy.js';
import { GetContextKeysForPrincipalPolicy } from './GetContextKeysForPrincipalPolicy.js';
import { GetGroupPolicy } from './GetGroupPolicy.js';
import { GetPolicy } from './GetPolicy.js';
import { GetPolicyVersion } from './GetPolicyVersion.js';
import { GetRole } from './GetRole.js';
import { GetRolePolicy } from './GetRolePolicy.js';
import { GetServiceLinkedRoleDeletionStatus } from './GetServiceLinkedRoleDeletionStatus.js';
import { GetUserPolicy } from './GetUserPolicy.js';
import { ListAttachedGroupPolicies } from './ListAttachedGroupPolicies.js';
import { ListAttachedRolePolicies } from './ListAttachedRolePolicies.js';
import { ListAttachedUserPolicies } from './ListAttachedUserPolicies.js';
import { ListEntitiesForPolicy } from './ListEntitiesForPolicy.js';
import { ListGroupPolicies } from './ListGroupPolicies.js';
import { ListPolicies } from './ListPolicies.js';
import { ListPolicyTags } from './ListPolicyTags.js';
import { ListPolicyVersions } from './ListPolicyVersions.js';
import { ListRolePolicies } from './ListRolePolicies.js';
import { ListRoleTags } from './ListRoleTags.js';
import { ListRoles } from './ListRoles.js';
import { ListUserPolicies } from './ListUserPolicies.js';
import { PutGroupPolicy } from './PutGroupPolicy.js';
import { PutRolePermissionsBoundary } from './PutRolePermissionsBoundary.js';
import { PutRolePolicy } from './PutRolePolicy.js';
import { PutUserPolicy } from './PutUserPolicy.js';
import { SetDefaultPolicyVersion } from './SetDefaultPolicyVersion.js';
import { SimulateCustomPolicy } from './SimulateCustomPolicy.js';
import { SimulatePrincipalPolicy } from './SimulatePrincipalPolicy.js';
import { TagPolicy } from './TagPolicy.js';
import { TagRole } from './TagRole.js';
import { UntagPolicy } from './UntagPolicy.js';
import { UntagRole } from './UntagRole.js';
import { UpdateAssumeRolePolicy } from './UpdateAssumeRolePolicy.js';
import { UpdateRole } from './UpdateRole.js';
import { UpdateRoleDescription } from './UpdateRoleDescription.js';
import { credentialHandlers } from './credential-handlers.js';
import { identityHandlers } from './identity-handlers.js';
import { samlHandlers } from './saml-handlers.js';
import { certificateHandlers } from './certificate-handlers.js';
import {
  DisableOrganizationsRootCredentialsManagement, DisableOrganizationsRootSessions, EnableOrganizationsRootCredentialsManagement,
  EnableOrganizationsRootSessions, ListOrganizationsFeatures,
} from './organizations.js';
import { GenerateOrganizationsAccessReport, GetOrganizationsAccessReport } from './organizations-access-report.js';
import { delegationHandlers } from './delegation-handlers.js';
import { DisableOutboundWebIdentityFederation, EnableOutboundWebIdentityFederation, GetOutboundWebIdentityFederationInfo } from './outbound-web-identity-federation.js';

export const handlers = {
  ListOrganizationsFeatures,
  EnableOrganizationsRootCredentialsManagement,
  DisableOrganizationsRootCredentialsManagement,
  EnableOrganizationsRootSessions,
  DisableOrganizationsRootSessions,
  GenerateOrganizationsAccessReport,
  GetOrganizationsAccessReport,
  DisableOutboundWebIdentityFederation,
  EnableOutboundWebIdentityFederation,
  GetOutboundWebIdentityFederationInfo,
  AttachGroupPolicy,
  AttachRolePolicy,
  AttachUserPolicy,
  CreatePolicy,
  CreatePolicyVersion,
  CreateRole,
  CreateServiceLinkedRole,
  DeleteGroupPolicy,
  DeletePolicy,
  DeletePolicyVersion,
  DeleteRole,
  DeleteRolePermissionsBoundary,
  DeleteRolePolicy,
  DeleteServiceLinkedRole,
  DeleteUserPolicy,
  DetachGroupPolicy,
  DetachRolePolicy,
  DetachUserPolicy,
  GetContextKeysForCustomPolicy,
  GetContextKeysForPrincipalPolicy,
  GetGroupPolicy,
  GetPolicy,
  GetPolicyVersion,
  GetRole,
  GetRolePolicy,
  GetServiceLinkedRoleDeletionStatus,
  GetUserPolicy,
  ListAttachedGroupPolicies,
  ListAttachedRolePolicies,
  ListAttachedUserPolicies,
  ListEntitiesForPolicy,
  ListGroupPolicies,
  ListPolicies,
  ListPolicyTags,
  ListPolicyVersions,
  ListRolePolicies,
  ListRoleTags,
  ListRoles,
  ListUserPolicies,
  PutGroupPolicy,
  PutRolePermissionsBoundary,
  PutRolePolicy,
  PutUserPolicy,
  SetDefaultPolicyVersion,
  SimulateCustomPolicy,
  SimulatePrincipalPolicy,
  TagPolicy,
  TagRole,
  UntagPolicy,
  UntagRole,
  UpdateAssumeRolePolicy,
  UpdateRole,
  UpdateRoleDescription,
  ...identityHandlers,
  ...credentialHandlers,
  ...samlHandlers,
  ...certificateHandlers,
  ...delegationHandlers,
} satisfies ServiceHandlers<Operations>;

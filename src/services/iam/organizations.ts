// IAM's centralized root access for AWS Organizations (IAM User Guide, "Centrally manage root access
// for member accounts"): ListOrganizationsFeatures and the Enable/Disable pairs of
// RootCredentialsManagement and RootSessions. rolegate's organization is the one configuration forms
// (ROLEGATE_ORGANIZATION): all features and IAM's trusted access are on in it, so the answers that
// remain are OrganizationNotFound for an account outside it (every account, when it is off), and the
// management-account checks. The features live in the store, per organization.
import type { EnableOrganizationsRootSessionsResponse, ListOrganizationsFeaturesRequest } from '../../generated/iam/shapes.js';
import {
  AccountNotManagementOrDelegatedAdministratorException, CallerIsNotManagementAccountException, OrganizationNotFoundException,
} from '../../generated/iam/errors.js';
import { roleIn } from '../../shared/organization.js';
import type { OrganizationSettings } from '../../shared/service-settings.js';
import type { OrganizationFeature } from '../../store/types.js';
import type { Handler, HandlerContext } from '../types.js';

// The API Reference's descriptions of the errors (ListOrganizationsFeatures, EnableOrganizationsRootSessions …).
export const NO_ORGANIZATION = 'The request was rejected because no organization is associated with your account.';
const NOT_MANAGEMENT_OR_DELEGATED = 'The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access.';
const NOT_MANAGEMENT = 'The request was rejected because the account making the request is not the management account for the organization.';

/** Answers are listed in this order, whatever order they were enabled in. */
const FEATURES: readonly OrganizationFeature[] = ['RootCredentialsManagement', 'RootSessions'];

/**
 * The organization of the calling account. Enabling needs the management account itself; listing
 * and disabling also accept a delegated administrator for IAM, which rolegate's organization has
 * none of (there is no Organizations API to register one).
 */
export function callerOrganization(ctx: HandlerContext, need: 'management' | 'management-or-delegated'): OrganizationSettings {
  const org = ctx.settings.organization;
  const role = roleIn(org, ctx.accountId);
  if (!org || role === 'outside') throw new OrganizationNotFoundException(NO_ORGANIZATION);
  if (role !== 'management') {
    if (need === 'management') throw new CallerIsNotManagementAccountException(NOT_MANAGEMENT);
    throw new AccountNotManagementOrDelegatedAdministratorException(NOT_MANAGEMENT_OR_DELEGATED);
  }
  return org;
}

export async function enabledFeatures(ctx: HandlerContext, organizationId: string): Promise<OrganizationFeature[]> {
  const on = new Set(await ctx.store.organizations.features(organizationId));
  return FEATURES.filter((f) => on.has(f));
}

type FeaturesResponse = EnableOrganizationsRootSessionsResponse;

async function answer(ctx: HandlerContext, org: OrganizationSettings): Promise<FeaturesResponse> {
  return { OrganizationId: org.organizationId, EnabledFeatures: await enabledFeatures(ctx, org.organizationId) };
}

/** Enabling or disabling what is already so changes nothing and answers the features as they are. */
const toggle = (feature: OrganizationFeature, enabled: boolean): Handler<ListOrganizationsFeaturesRequest, FeaturesResponse> => async (_input, ctx) => {
  const org = callerOrganization(ctx, enabled ? 'management' : 'management-or-delegated');
  await ctx.store.organizations.setFeature(org.organizationId, feature, enabled, ctx.now.toISOString());
  return answer(ctx, org);
};

export const ListOrganizationsFeatures: Handler<ListOrganizationsFeaturesRequest, FeaturesResponse> = async (_input, ctx) =>
  answer(ctx, callerOrganization(ctx, 'management-or-delegated'));
export const EnableOrganizationsRootCredentialsManagement = toggle('RootCredentialsManagement', true);
export const DisableOrganizationsRootCredentialsManagement = toggle('RootCredentialsManagement', false);
export const EnableOrganizationsRootSessions = toggle('RootSessions', true);
export const DisableOrganizationsRootSessions = toggle('RootSessions', false);

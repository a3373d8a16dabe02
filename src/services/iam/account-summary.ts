// GetAccountSummary's SummaryMap: the account's entity counts beside IAM's quotas, with AWS's key
// names. Read-only; features rolegate does not have (the root's MFA, the root's password)
// count as zero. AWS's map has no key for users' login profiles, SSH public keys or the account alias.
import type { StoreTables } from '../../store/types.js';
import { limits } from './limits.js';
import { ROOT_PROFILE } from './login-profiles.js';

/** Fixed values, as AWS answers them for a fresh account (IAM API Reference, GetAccountSummary). */
const QUOTAS: Record<string, number> = {
  UsersQuota: limits.usersPerAccount,
  GroupsQuota: limits.groupsPerAccount,
  RolesQuota: limits.rolesPerAccount,
  PoliciesQuota: limits.customerManagedPoliciesPerAccount,
  InstanceProfilesQuota: limits.instanceProfilesPerAccount,
  ServerCertificatesQuota: limits.serverCertificatesPerAccount,
  AttachedPoliciesPerRoleQuota: limits.managedPoliciesPerEntity,
  AttachedPoliciesPerUserQuota: limits.managedPoliciesPerEntity,
  AttachedPoliciesPerGroupQuota: limits.managedPoliciesPerEntity,
  PolicyVersionsInUseQuota: 10000,
  VersionsPerPolicyQuota: limits.versionsPerPolicy,
  AccessKeysPerUserQuota: limits.accessKeysPerUser,
  SigningCertificatesPerUserQuota: limits.signingCertificatesPerUser,
  GroupsPerUserQuota: limits.groupsPerUser,
  PolicySizeQuota: limits.managedPolicySize,
  AssumeRolePolicySizeQuota: limits.trustPolicySize,
  UserPolicySizeQuota: limits.inlinePolicySize.user,
  GroupPolicySizeQuota: limits.inlinePolicySize.group,
  RolePolicySizeQuota: limits.inlinePolicySize.role,
};

export async function accountSummary(t: StoreTables, account: string): Promise<Record<string, number>> {
  let attachments = 0;
  for (const kind of ['attached:role', 'attached:user', 'attached:group'] as const) attachments += await t.links.count(account, kind);
  const rootKeys = await t.accessKeys.forUser(account, null);
  const devices = (await t.mfaDevices.list(account, { maxItems: 1_000_000 })).items;
  return {
    Users: await t.users.count(account),
    Groups: await t.groups.count(account),
    Roles: await t.roles.count(account),
    Policies: await t.policies.count(account),
    InstanceProfiles: await t.instanceProfiles.count(account),
    // Providers counts both kinds of identity provider, OIDC and SAML.
    Providers: (await t.oidcProviders.count(account)) + (await t.samlProviders.count(account)),
    // Every attachment of a managed policy puts one policy version in use.
    PolicyVersionsInUse: attachments,
    ServerCertificates: await t.serverCertificates.count(account),
    MFADevices: devices.length,
    MFADevicesInUse: devices.filter((d) => d.userName !== undefined).length,
    // The root's own MFA is not modelled: the account root never has a device here.
    AccountMFAEnabled: 0,
    // The root has a login profile only once a privileged session (AssumeRoot) made one.
    AccountPasswordPresent: (await t.loginProfiles.get(account, ROOT_PROFILE)) ? 1 : 0,
    AccountAccessKeysPresent: rootKeys.length ? 1 : 0,
    AccountSigningCertificatesPresent: (await t.signingCertificates.forUser(account, null)).length ? 1 : 0,
    ...QUOTAS,
    // 1 until SetSecurityTokenServicePreferences chooses v2Token (tokens valid in every Region).
    GlobalEndpointTokenVersion: (await t.accountSettings.getGlobalEndpointTokenVersion(account)) === 'v2Token' ? 2 : 1,
  };
}

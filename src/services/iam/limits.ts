// IAM quotas as AWS counts them (IAM User Guide, "IAM and AWS STS quotas").
export const limits = {
  rolesPerAccount: 1000,
  usersPerAccount: 5000,
  groupsPerAccount: 300,
  customerManagedPoliciesPerAccount: 1500,
  instanceProfilesPerAccount: 1000,
  oidcProvidersPerAccount: 100,
  managedPoliciesPerEntity: 10,
  versionsPerPolicy: 5,
  accessKeysPerUser: 2,
  sshPublicKeysPerUser: 5,
  groupsPerUser: 10,
  rolesPerInstanceProfile: 1,
  tagsPerResource: 50,
  clientIdsPerOidcProvider: 100,
  thumbprintsPerOidcProvider: 5,
  /** Policy sizes count characters other than white space. */
  managedPolicySize: 6144,
  trustPolicySize: 2048,
  inlinePolicySize: { user: 2048, group: 5120, role: 10240 },
  defaultMaxItems: 100,
} as const;

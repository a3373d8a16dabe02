// IAM's MalformedPolicyDocument messages, word for word, as data. Checks elsewhere pick one; nothing
// here decides anything.

export const messages = {
  syntax: 'Syntax errors in policy.',
  version: 'Policy document must be version 2012-10-17 or greater.',
  legacyParsing: 'The policy failed legacy parsing',
  sidUnique: 'Statement IDs (SID) in a single policy must be unique.',
  sidAlphanumeric:
    'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
  noActions: 'Policy statement must contain actions.',
  noResources: 'Policy statement must contain resources.',
  missingPrincipal: 'Missing required field Principal',
  /** IAM's answer to Principal or NotPrincipal in an identity, boundary or session policy. */
  principalInIdentityPolicy: 'Policy document should not specify a principal.',
  /** Trust policies (CreateRole, UpdateAssumeRolePolicy) that are not JSON. */
  trustInvalidJson: 'This policy contains invalid Json',
  /** Trust policies name a field IAM does not know. */
  unknownField: (field: string) => `Unknown field ${field}`,
  noPrincipals: 'Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!',
  prohibited: (field: string) => `Has prohibited field ${field}`,
  vendorRequired: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  oneColon: 'Actions/Condition can contain only one colon.',
  vendorInvalid: (vendor: string) => `Vendor ${vendor} is not valid`,
  resourceArn: (resource: string) => `Resource ${resource} must be in ARN format or "*".`,
  resourceVendor: 'Resource vendor must be fully qualified and cannot contain regexes.',
  partition: (partition: string, arn: string) => `Partition "${partition}" is not valid for resource "${arn}".`,
  iamRegion: (resource: string) => `IAM resource ${resource} cannot contain region information.`,
  s3Region: (resource: string) => `Resource ${resource} can not contain region information.`,
  iamPath:
    'IAM resource path must either be "*" or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.',
  invalidPrincipal: (type: string, value: string) => `Invalid principal in policy: "${type}":"${value}"`,
  trustActions: 'AssumeRole policy may only specify STS AssumeRole actions.',
} as const;

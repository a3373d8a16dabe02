// AssumeRoleWithSAML: an unsigned call whose SAML Response is its authentication. The Response (its
// assertion decrypted with the provider's private keys when encrypted) must be signed by a certificate
// of the SAML provider named by PrincipalArn (in the role's account), be for
// AWS (audience, recipient), be in time, and list the (role, provider) pair in its Role attribute;
// then the role's trust policy decides for the Federated provider with the saml:* keys; then the
// session is issued.
import { createHash, createPrivateKey } from 'node:crypto';
import type { AssumeRoleWithSAMLRequest, AssumeRoleWithSAMLResponse } from '../../generated/sts/shapes.js';
import { ExpiredTokenException, IDPRejectedClaimException, InvalidIdentityTokenException } from '../../generated/sts/errors.js';
import { AccessDenied, AwsError } from '../../protocol/errors.js';
import type { ContextValue } from '../../policy/index.js';
import type { Handler } from '../types.js';
import { sessionDuration, targetRole } from './roles.js';
import { authorizeFederated, issueFederatedSession, type FederatedAssume } from './federated-session.js';
import { SamlRejection, verifySamlResponse, type SamlAssertion, type SamlRejectionReason } from './saml-assertion.js';

const ACTION = 'sts:AssumeRoleWithSAML';
const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithSAML';
const ROLE_ACCOUNT = /^arn:aws:iam::(\d{12}):role\//;
const PROVIDER_ARN = /^arn:aws:iam::(\d{12}):saml-provider\/([\w.-]+)$/;
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/.+$/;

// The attributes AWS reads (IAM User Guide, "Configure SAML assertions for the authentication response").
const ATTR = 'https://aws.amazon.com/SAML/Attributes/';
const ROLE_ATTRIBUTE = `${ATTR}Role`;
const SESSION_NAME_ATTRIBUTE = `${ATTR}RoleSessionName`;
const SOURCE_IDENTITY_ATTRIBUTE = `${ATTR}SourceIdentity`;
const PRINCIPAL_TAG_ATTRIBUTE = `${ATTR}PrincipalTag:`;
const TRANSITIVE_ATTRIBUTE = `${ATTR}TransitiveTagKeys`;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const NAMEID_PREFIX = 'urn:oasis:names:tc:SAML:2.0:nameid-format:';

/**
 * Attributes that become saml:<key> condition keys, by their OID names (IAM User Guide, "Available
 * keys for SAML-based AWS STS federation").
 */
const OID_KEYS: Record<string, string> = {
  'urn:oid:2.5.4.3': 'saml:cn',
  'urn:oid:2.5.4.42': 'saml:givenName',
  'urn:oid:2.5.4.4': 'saml:surname',
  'urn:oid:0.9.2342.19200300.100.1.3': 'saml:mail',
  'urn:oid:0.9.2342.19200300.100.1.1': 'saml:uid',
  'urn:oid:2.5.4.45': 'saml:x500UniqueIdentifier',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.1': 'saml:eduPersonAffiliation',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.2': 'saml:eduPersonNickname',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.3': 'saml:eduPersonOrgDN',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.4': 'saml:eduPersonOrgUnitDN',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.5': 'saml:eduPersonPrimaryAffiliation',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.6': 'saml:eduPersonPrincipalName',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.7': 'saml:eduPersonEntitlement',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.8': 'saml:eduPersonPrimaryOrgUnitDN',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.9': 'saml:eduPersonScopedAffiliation',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.10': 'saml:eduPersonTargetedID',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.11': 'saml:eduPersonAssurance',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.2': 'saml:eduOrgHomePageURI',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.3': 'saml:eduOrgIdentityAuthNPolicyURI',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.4': 'saml:eduOrgLegalName',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.5': 'saml:eduOrgSuperiorURI',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.6': 'saml:eduOrgWhitePagesURI',
  'urn:oid:0.9.2342.19200300.100.1.45': 'saml:organizationStatus',
  'urn:oid:1.2.840.113556.1.4.2': 'saml:objectGUID',
};

// STS's words, as its answers show them where known.
const failures: Record<SamlRejectionReason, () => AwsError> = {
  malformed: () => new InvalidIdentityTokenException('Invalid SAML response: the SAMLAssertion is not a well-formed SAML 2.0 Response.'),
  signature: () => new InvalidIdentityTokenException('Response signature invalid'),
  issuer: () => new InvalidIdentityTokenException('Issuer of the SAML assertion does not match the SAML provider.'),
  audience: () => new InvalidIdentityTokenException('Invalid SAML response: audience restriction condition is not met for AWS.'),
  recipient: () => new InvalidIdentityTokenException('Invalid SAML response: the SAML assertion is not addressed to the AWS sign-in endpoint.'),
  'not-yet-valid': () => new InvalidIdentityTokenException('Response is not yet valid'),
  expired: () => new ExpiredTokenException('Response has expired'),
  status: () => new IDPRejectedClaimException('The identity provider reported that authentication failed.'),
  encrypted: () => new InvalidIdentityTokenException('Invalid SAML response: the encrypted assertion could not be decrypted with the SAML provider\'s private keys.'),
  'not-encrypted': () => new InvalidIdentityTokenException('Invalid SAML response: the SAML provider requires encrypted assertions.'),
};

export const AssumeRoleWithSAML: Handler<AssumeRoleWithSAMLRequest, AssumeRoleWithSAMLResponse> = async (input, ctx) => {
  const account = ROLE_ACCOUNT.exec(input.RoleArn)?.[1];
  const pm = PROVIDER_ARN.exec(input.PrincipalArn);
  if (!account || !pm || pm[1] !== account) throw AccessDenied(NOT_AUTHORIZED);
  const provider = await ctx.store.samlProviders.get(account, pm[2]);
  if (!provider || provider.arn !== input.PrincipalArn) throw new InvalidIdentityTokenException(`SAML provider ${input.PrincipalArn} not found.`);
  let assertion: SamlAssertion;
  try {
    assertion = verifySamlResponse(input.SAMLAssertion, provider.signingCertificates, ctx.now, {
      keys: provider.privateKeys.map((k) => createPrivateKey(ctx.sealer.open(k.sealed))),
      required: provider.assertionEncryptionMode === 'Required',
    });
  } catch (e) {
    if (e instanceof SamlRejection) throw failures[e.reason]();
    throw e;
  }
  if (assertion.issuer !== provider.issuer) throw failures.issuer();
  if (!rolePairs(assertion.attributes.get(ROLE_ATTRIBUTE) ?? []).some(([r, p]) => r === input.RoleArn && p === provider.arn)) {
    throw AccessDenied(NOT_AUTHORIZED);
  }
  const sessionName = assertion.attributes.get(SESSION_NAME_ATTRIBUTE)?.[0];
  // STS's words (IAM User Guide, "Troubleshoot SAML federation with IAM").
  if (sessionName === undefined) throw new InvalidIdentityTokenException('RoleSessionName is required in AuthnResponse');
  if (!SESSION_NAME.test(sessionName)) throw new InvalidIdentityTokenException('RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}');

  let role;
  try {
    ({ role } = await targetRole(ctx.store, input.RoleArn, provider.arn, ACTION));
  } catch (e) {
    if (e instanceof AwsError && e.code === 'AccessDenied') throw AccessDenied(NOT_AUTHORIZED);
    throw e;
  }
  const sourceIdentity = assertion.attributes.get(SOURCE_IDENTITY_ATTRIBUTE)?.[0];
  const { tags, transitive } = sessionTags(assertion.attributes);
  const subjectType = assertion.subjectFormat?.startsWith(NAMEID_PREFIX) ? assertion.subjectFormat.slice(NAMEID_PREFIX.length) : assertion.subjectFormat;
  // NameQualifier: BASE64(SHA1(issuer + account id + "/" + provider name)) (STS API Reference, AssumeRoleWithSAML).
  const nameQualifier = createHash('sha1').update(`${assertion.issuer}${account}/${provider.name}`).digest('base64');
  const context: Record<string, ContextValue> = {
    'saml:aud': assertion.recipient,
    'saml:iss': assertion.issuer,
    'saml:namequalifier': nameQualifier,
    'saml:doc': `${account}/${provider.name}`,
    'sts:RoleSessionName': sessionName,
  };
  if (assertion.subject !== undefined) context['saml:sub'] = assertion.subject;
  // saml:sub_type is persistent, transient, or the whole Format URI.
  if (assertion.subjectFormat) context['saml:sub_type'] = subjectType === 'persistent' || subjectType === 'transient' ? subjectType : assertion.subjectFormat;
  for (const [name, values] of assertion.attributes) {
    const key = OID_KEYS[name];
    if (key && values.length) context[key] = values.length === 1 ? values[0] : values;
  }
  const assume: FederatedAssume = {
    account, role, providerArn: provider.arn, action: ACTION, message: NOT_AUTHORIZED,
    sessionName, context, ...(sourceIdentity ? { sourceIdentity } : {}), tags, transitive,
  };
  await authorizeFederated(ctx, assume);

  let duration = sessionDuration(input.DurationSeconds, role, false);
  // The session ends no later than the IdP's SessionNotOnOrAfter (STS API Reference, AssumeRoleWithSAML).
  if (assertion.sessionNotOnOrAfter) {
    const left = Math.floor((assertion.sessionNotOnOrAfter.getTime() - ctx.now.getTime()) / 1000);
    if (left <= 0) throw failures.expired();
    duration = Math.min(duration, left);
  }
  const { credentials, assumedRoleUser, packed } = await issueFederatedSession(ctx, assume, input, duration);
  return {
    Credentials: credentials,
    AssumedRoleUser: assumedRoleUser,
    ...(packed !== undefined ? { PackedPolicySize: packed } : {}),
    ...(assertion.subject !== undefined ? { Subject: assertion.subject } : {}),
    ...(subjectType ? { SubjectType: subjectType } : {}),
    Issuer: assertion.issuer,
    Audience: assertion.recipient,
    NameQualifier: nameQualifier,
    ...(sourceIdentity ? { SourceIdentity: sourceIdentity } : {}),
  };
};

/** Each Role value is "role ARN,provider ARN", in either order (IAM User Guide, SAML Role attribute). */
function rolePairs(values: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const v of values) {
    const parts = v.split(',').map((s) => s.trim());
    if (parts.length !== 2) continue;
    const [a, b] = parts;
    if (ROLE_ARN.test(a) && PROVIDER_ARN.test(b)) out.push([a, b]);
    else if (ROLE_ARN.test(b) && PROVIDER_ARN.test(a)) out.push([b, a]);
  }
  return out;
}

/**
 * Session tags from PrincipalTag:<key> attributes (one value each) and TransitiveTagKeys, within
 * STS's limits (50 tags, keys of 128 and values of 256 characters, no aws: prefix).
 */
function sessionTags(attributes: Map<string, string[]>): { tags: { Key: string; Value: string }[]; transitive: string[] } {
  const bad = () => new InvalidIdentityTokenException('The SAML assertion contains session tags that are not valid.');
  const tags: { Key: string; Value: string }[] = [];
  for (const [name, values] of attributes) {
    if (!name.startsWith(PRINCIPAL_TAG_ATTRIBUTE)) continue;
    const key = name.slice(PRINCIPAL_TAG_ATTRIBUTE.length);
    if (values.length !== 1 || key.length < 1 || key.length > 128 || values[0].length > 256 || key.toLowerCase().startsWith('aws:')) throw bad();
    if (tags.some((t) => t.Key.toLowerCase() === key.toLowerCase())) throw bad();
    tags.push({ Key: key, Value: values[0] });
  }
  if (tags.length > 50) throw bad();
  const transitive = attributes.get(TRANSITIVE_ATTRIBUTE) ?? [];
  if (!transitive.every((k) => tags.some((t) => t.Key.toLowerCase() === k.toLowerCase()))) throw bad();
  return { tags, transitive };
}

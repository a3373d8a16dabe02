// IAM's resources as the engine sees them: the entity's ARN (with its stored path, or the path it is
// being created with), its tags as aws:ResourceTag/* and iam:ResourceTag/*, and its permissions
// boundary for iam:PermissionsBoundary; the ARN a listing is authorized on; the service-linked
// role's ARN. The operation's own keys are in the map (src/authz/map/iam.ts).
import type { ContextValue } from '../../policy/index.js';
import type { Tag } from '../../store/types.js';
import { resourceTagContext } from '../request-context.js';
import { callScope, str, type KeyResolver, type ResolveFacts, type ResourceResolver } from './types.js';
import type { ResourceSource } from '../map/schema.js';

type Input = Record<string, unknown>;

const iamArn = (facts: ResolveFacts, rest: string) => `arn:${facts.partition}:iam::${facts.account}:${rest}`;
const nameOf = (source: ResourceSource, input: Input) => (source.name ? str(input[source.name]) : undefined);
const pathOf = (source: ResourceSource, input: Input) => (source.path ? str(input[source.path]) : undefined) ?? '/';

function tagContext(tags: readonly Tag[] | undefined): Record<string, ContextValue> | undefined {
  if (!tags?.length) return undefined;
  const context: Record<string, ContextValue> = {};
  resourceTagContext(context, tags);
  return context;
}

const role: ResourceResolver = async (source, input, facts) => {
  const name = nameOf(source, input);
  const r = name ? await callScope(facts).store.roles.get(facts.account, name) : undefined;
  return { resource: r ? r.arn : iamArn(facts, `role${pathOf(source, input)}${name ?? ''}`), context: tagContext(r?.tags), permissionsBoundary: r?.permissionsBoundary };
};

/** CreateServiceLinkedRole: the role AWS will create for the service named by `name`. */
const serviceLinkedRole: ResourceResolver = async (source, input, facts) =>
  ({ resource: iamArn(facts, `role/aws-service-role/${nameOf(source, input) ?? ''}/*`) });

const DELETION_TASK = /^task\/(aws-service-role\/[^/]+\/[^/]+)\/[^/]+$/;

/** GetServiceLinkedRoleDeletionStatus: the role is read from the task id (task/aws-service-role/SERVICE/ROLE/UUID). */
const serviceLinkedRoleTask: ResourceResolver = async (source, input, facts) => {
  const m = DELETION_TASK.exec(nameOf(source, input) ?? '');
  return { resource: iamArn(facts, `role/${m ? m[1] : '*'}`) };
};

const user: ResourceResolver = async (source, input, facts) => {
  const { store, caller } = callScope(facts);
  const userName = nameOf(source, input) ?? (source.callerUserByDefault && caller.type === 'user' ? caller.userName : undefined);
  if (!userName && source.callerUserByDefault) return { resource: caller.type === 'user' ? caller.arn : iamArn(facts, 'root') };
  const u = userName ? await store.users.get(facts.account, userName) : undefined;
  return { resource: u ? u.arn : iamArn(facts, `user${pathOf(source, input)}${userName ?? ''}`), context: tagContext(u?.tags), permissionsBoundary: u?.permissionsBoundary };
};

/**
 * With the account password policy's AllowUsersToChangePassword, every IAM user may change its own
 * password and read the policy without an identity policy saying so (IAM User Guide, "Permit IAM
 * users to change their own passwords"). rolegate gives that grant as a resource policy of the
 * request, so the decision log names it: `account-password-policy`.
 */
async function passwordPolicyGrant(facts: ResolveFacts, action: string, resource: string) {
  const { store, caller } = callScope(facts);
  if (caller.type !== 'user') return undefined;
  const p = await store.accountSettings.getPasswordPolicy(caller.accountId);
  if (!p?.allowUsersToChangePassword) return undefined;
  const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'AllowUsersToChangePassword', Effect: 'Allow', Principal: { AWS: caller.arn }, Action: action, Resource: resource }] });
  return { id: 'account-password-policy', document, own: true };
}

/** ChangePassword: the caller's own user. */
const ownPassword: ResourceResolver = async (_source, _input, facts) => {
  const { caller } = callScope(facts);
  const resource = caller.type === 'user' ? caller.arn : iamArn(facts, 'root');
  const policy = await passwordPolicyGrant(facts, 'iam:ChangePassword', resource);
  return { resource, ...(policy ? { policy } : {}) };
};

/** GetAccountPasswordPolicy: the account (`*`). */
const accountPasswordPolicy: ResourceResolver = async (_source, _input, facts) => {
  const policy = await passwordPolicyGrant(facts, 'iam:GetAccountPasswordPolicy', '*');
  return { resource: '*', ...(policy ? { policy } : {}) };
};

const group: ResourceResolver = async (source, input, facts) => {
  const name = nameOf(source, input);
  const g = name ? await callScope(facts).store.groups.get(facts.account, name) : undefined;
  return { resource: g ? g.arn : iamArn(facts, `group${pathOf(source, input)}${name ?? ''}`) };
};

const instanceProfile: ResourceResolver = async (source, input, facts) => {
  const name = nameOf(source, input);
  const p = name ? await callScope(facts).store.instanceProfiles.get(facts.account, name) : undefined;
  return { resource: p ? p.arn : iamArn(facts, `instance-profile${pathOf(source, input)}${name ?? ''}`), context: tagContext(p?.tags) };
};

/** A policy by its ARN; with `path`, the policy being created under `name` (CreatePolicy). */
const policy: ResourceResolver = async (source, input, facts) => {
  const name = nameOf(source, input);
  return { resource: source.path ? iamArn(facts, `policy${pathOf(source, input)}${name ?? ''}`) : name ?? '*' };
};

/**
 * A virtual MFA device by its serial number, with its tags; with `path`, the device being created
 * under `name` (CreateVirtualMFADevice).
 */
const mfaDevice: ResourceResolver = async (source, input, facts) => {
  const name = nameOf(source, input);
  if (source.path) return { resource: iamArn(facts, `mfa${pathOf(source, input)}${name ?? ''}`) };
  const found = name ? await callScope(facts).store.mfaDevices.getById(name) : undefined;
  const d = found && found.accountId === facts.account ? found.entity : undefined;
  return { resource: name ?? '*', context: tagContext(d?.tags) };
};

const HTTPS = 'https://';

/** An OIDC provider by its ARN; without one, the provider being created for the input's Url. */
const oidcProvider: ResourceResolver = async (source, input, facts) => {
  const name = nameOf(source, input);
  if (name) return { resource: name };
  const url = str(input.Url) ?? '';
  return { resource: iamArn(facts, `oidc-provider/${url.startsWith(HTTPS) ? url.slice(HTTPS.length) : url}`) };
};

const SAML_PROVIDER_ARN = /^arn:aws:iam::(\d{12}):saml-provider\/(.+)$/;

/**
 * A SAML provider by its ARN, with its tags (aws:ResourceTag/*); without one, the provider being
 * created under the input's Name.
 */
const samlProvider: ResourceResolver = async (source, input, facts) => {
  const arn = nameOf(source, input);
  if (!arn) return { resource: iamArn(facts, `saml-provider/${str(input.Name) ?? ''}`) };
  const m = SAML_PROVIDER_ARN.exec(arn);
  const p = m && m[1] === facts.account ? await callScope(facts).store.samlProviders.get(facts.account, m[2]) : undefined;
  return { resource: arn, context: tagContext(p?.arn === arn ? p.tags : undefined) };
};

/**
 * A server certificate by name, with its stored path and tags; for a certificate being uploaded, the
 * input's path. UpdateServerCertificate's second request names the new name and path
 * (`name`/`path` are NewServerCertificateName/NewPath), each defaulting to the stored one.
 */
const serverCertificate: ResourceResolver = async (source, input, facts) => {
  const renaming = source.name === 'NewServerCertificateName';
  const current = str(input.ServerCertificateName);
  const stored = current ? await callScope(facts).store.serverCertificates.get(facts.account, current) : undefined;
  if (renaming) {
    const name = nameOf(source, input) ?? stored?.name ?? current ?? '';
    const path = (source.path ? str(input[source.path]) : undefined) ?? stored?.path ?? '/';
    return { resource: iamArn(facts, `server-certificate${path}${name}`) };
  }
  if (stored && !source.path) return { resource: iamArn(facts, `server-certificate${stored.path}${stored.name}`), context: tagContext(stored.tags) };
  return { resource: iamArn(facts, `server-certificate${pathOf(source, input)}${current ?? ''}`) };
};

const DELEGATION_REQUEST_ARN = /^arn:[^:]+:iam::\d{12}:delegation-request\/(.+)$/;

/**
 * A delegation request by its id (or its ARN: GetHumanReadableSummary), named in the caller's account
 * (arn:aws:iam::ACCOUNT:delegation-request/ID), with iam:DelegationRequestOwner. Its owner may get
 * and update it without an identity policy saying so (API Reference, GetDelegationRequest and
 * UpdateDelegationRequest: "the owner gets a default permission"): rolegate gives that grant as the
 * request's resource policy, `delegation-request-owner`, so the decision log names it. The handlers
 * decide which requests the caller may see at all.
 */
const delegationRequest: ResourceResolver = async (source, input, facts) => {
  const named = nameOf(source, input) ?? '';
  // An ARN of something else (GetHumanReadableSummary of a role) is authorized as written; the handler refuses it.
  if (named.startsWith('arn:') && !DELEGATION_REQUEST_ARN.test(named)) return { resource: named };
  const id = DELEGATION_REQUEST_ARN.exec(named)?.[1] ?? named;
  const resource = iamArn(facts, `delegation-request/${id || '*'}`);
  const r = id ? await callScope(facts).store.delegationRequests.get(id) : undefined;
  if (!r?.ownerId) return { resource };
  const owned = r.ownerAccountId === facts.account;
  const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'DelegationRequestOwner', Effect: 'Allow', Principal: { AWS: r.ownerId }, Action: ['iam:GetDelegationRequest', 'iam:UpdateDelegationRequest'], Resource: resource }] });
  return { resource, context: { 'iam:DelegationRequestOwner': r.ownerId }, ...(owned ? { policy: { id: 'delegation-request-owner', document, own: true } } : {}) };
};

/** AWS authorizes a listing on the path it lists: "… iam:ListRoles on resource: arn:aws:iam::ACCOUNT:role/". */
const list: ResourceResolver = async (source, input, facts) => ({ resource: iamArn(facts, `${source.listOf}${pathOf(source, input)}`) });

export const iamResourceResolvers: Record<string, ResourceResolver> = {
  'iam:role': role,
  'iam:service-linked-role': serviceLinkedRole,
  'iam:service-linked-role-task': serviceLinkedRoleTask,
  'iam:user': user,
  'iam:own-password': ownPassword,
  'iam:account-password-policy': accountPasswordPolicy,
  'iam:group': group,
  'iam:instance-profile': instanceProfile,
  'iam:policy': policy,
  'iam:oidc-provider': oidcProvider,
  'iam:mfa': mfaDevice,
  'iam:saml-provider': samlProvider,
  'iam:server-certificate': serverCertificate,
  'iam:list': list,
  'iam:delegation-request': delegationRequest,
};

/** The boundary the request sets, else the one the stored entity has. */
const permissionsBoundary: KeyResolver = (input, scope) => (str(input.PermissionsBoundary) ?? scope.resource?.permissionsBoundary) || undefined;

/** The service a service-linked role is created for (CreateServiceLinkedRole). */
const awsServiceName: KeyResolver = (input) => str(input.AWSServiceName) ?? '';

export const iamKeyResolvers: Record<string, KeyResolver> = { 'iam:PermissionsBoundary': permissionsBoundary, 'iam:AWSServiceName': awsServiceName };

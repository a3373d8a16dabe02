// Service-specific credentials: which services take them, how their user names, passwords and API
// keys are made, and their shapes. A secret leaves here only in the one answer that creates or
// resets it; it is stored sealed and never logged.
import { randomBytes } from 'node:crypto';
import type { ServiceSpecificCredential, ServiceSpecificCredentialMetadata } from '../../generated/iam/shapes.js';
import { NoSuchEntityException, ServiceNotSupportedException } from '../../generated/iam/errors.js';
import type { ServiceSpecificCredentialRecord, StoreTables } from '../../store/types.js';

/**
 * The services IAM issues credentials for (IAM API Reference, CreateServiceSpecificCredential): a
 * user name and password for CodeCommit and Keyspaces, a long-term API key for Bedrock and
 * CloudWatch Logs.
 */
const SERVICES: Record<string, 'password' | 'api-key'> = {
  'codecommit.amazonaws.com': 'password',
  'cassandra.amazonaws.com': 'password',
  'bedrock.amazonaws.com': 'api-key',
  'logs.amazonaws.com': 'api-key',
};

export const credentialsPerUserPerService = 2;

export function credentialKind(serviceName: string): 'password' | 'api-key' {
  const kind = Object.hasOwn(SERVICES, serviceName) ? SERVICES[serviceName] : undefined;
  if (!kind) throw new ServiceNotSupportedException(`The service ${serviceName} is not supported for service-specific credentials.`);
  return kind;
}

/**
 * A fresh secret and the public names that go with it. A password is 32 random bytes in base64, as
 * AWS's are (44 characters); an API key is `ABSK` and the base64 of `ALIAS:SECRET`, the form of
 * Bedrock's long-term keys, whose alias is the user name, `-at-`, the account and a version and
 * creation suffix.
 */
export function issueSecret(kind: 'password' | 'api-key', userName: string, accountId: string, now: Date):
  { secret: string; serviceUserName?: string; serviceCredentialAlias?: string } {
  const random = randomBytes(32).toString('base64');
  if (kind === 'password') return { secret: random, serviceUserName: `${userName}-at-${accountId}` };
  const alias = `${userName}-at-${accountId}-v1-${now.toISOString().replace(/[-:]|\.\d+/g, '')}`;
  return { secret: 'ABSK' + Buffer.from(`${alias}:${random}`).toString('base64'), serviceCredentialAlias: alias };
}

/** Active or Inactive as set, Expired once an API key's expiration date has passed. */
export function currentStatus(c: ServiceSpecificCredentialRecord, now: Date): 'Active' | 'Inactive' | 'Expired' {
  return c.expirationDate && Date.parse(c.expirationDate) <= now.getTime() ? 'Expired' : c.status;
}

export async function requireServiceCredential(t: StoreTables, account: string, userName: string, id: string): Promise<ServiceSpecificCredentialRecord> {
  const c = await t.serviceSpecificCredentials.get(id);
  if (!c || c.accountId !== account || c.userName.toLowerCase() !== userName.toLowerCase()) {
    throw new NoSuchEntityException(`The service-specific credential with id ${id} cannot be found.`);
  }
  return c;
}

export function serviceCredentialMetadata(c: ServiceSpecificCredentialRecord, now: Date): ServiceSpecificCredentialMetadata {
  return {
    UserName: c.userName, Status: currentStatus(c, now), CreateDate: new Date(c.createDate),
    ServiceSpecificCredentialId: c.id, ServiceName: c.serviceName,
    ...(c.serviceUserName !== undefined ? { ServiceUserName: c.serviceUserName } : {}),
    ...(c.serviceCredentialAlias !== undefined ? { ServiceCredentialAlias: c.serviceCredentialAlias } : {}),
    ...(c.expirationDate ? { ExpirationDate: new Date(c.expirationDate) } : {}),
  };
}

/** The one answer that carries the secret: CreateServiceSpecificCredential's or ResetServiceSpecificCredential's. */
export function serviceCredentialWithSecret(c: ServiceSpecificCredentialRecord, secret: string, now: Date): ServiceSpecificCredential {
  return {
    ...serviceCredentialMetadata(c, now),
    ...(c.serviceCredentialAlias !== undefined ? { ServiceCredentialSecret: secret } : { ServicePassword: secret }),
  };
}

// Service-specific credentials: which services take them, how their user names, passwords and API
// keys are made, and their shapes. A secret leaves here only in the one answer that creates or
// resets it; it is stored sealed and never logged.
import { randomBytes } from 'node:crypto';
import type { ServiceSpecificCredential, ServiceSpecificCredentialMetadata } from '../../generated/iam/shapes.js';
import { NoSuchEntityException } from '../../generated/iam/errors.js';
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

/** The prefix of each API key service's keys. */
const KEY_PREFIX: Record<string, string> = { 'bedrock.amazonaws.com': 'ABSK', 'logs.amazonaws.com': 'ACWL' };

// The model lists NotSupportedService, but IAM answers an unsupported service with NoSuchEntity (404).
export function credentialKind(serviceName: string): 'password' | 'api-key' {
  const kind = Object.hasOwn(SERVICES, serviceName) ? SERVICES[serviceName] : undefined;
  if (!kind) throw new NoSuchEntityException(`No such service ${serviceName} is supported for Service Specific Credentials`);
  return kind;
}

/**
 * The public name of a user's next credential for a service: USER-at-ACCOUNT for the first, then
 * USER+1-at-ACCOUNT while the first is kept (CodeCommit's Git credentials are named so).
 */
export function credentialName(userName: string, accountId: string, taken: readonly ServiceSpecificCredentialRecord[]): string {
  const names = new Set(taken.map((c) => c.serviceUserName ?? c.serviceCredentialAlias));
  for (let slot = 0; ; slot++) {
    const name = `${userName}${slot ? `+${slot}` : ''}-at-${accountId}`;
    if (!names.has(name)) return name;
  }
}

/**
 * A fresh secret: a password is 44 random bytes in base64 (60 characters, ending in `=`, as IAM's
 * are); an API key is the service's prefix (`ABSK` for Bedrock) and the base64 of `NAME:SECRET`,
 * the form of Bedrock's long-term keys.
 */
export function issueSecret(serviceName: string, name: string): string {
  const random = randomBytes(44).toString('base64');
  const prefix = Object.hasOwn(KEY_PREFIX, serviceName) ? KEY_PREFIX[serviceName] : undefined;
  return prefix === undefined ? random : prefix + Buffer.from(`${name}:${random}`).toString('base64');
}

/** Active or Inactive as set, Expired once an API key's expiration date has passed. */
export function currentStatus(c: ServiceSpecificCredentialRecord, now: Date): 'Active' | 'Inactive' | 'Expired' {
  return c.expirationDate && Date.parse(c.expirationDate) <= now.getTime() ? 'Expired' : c.status;
}

export async function requireServiceCredential(t: StoreTables, account: string, userName: string, id: string): Promise<ServiceSpecificCredentialRecord> {
  const c = await t.serviceSpecificCredentials.get(id);
  if (!c || c.accountId !== account || c.userName.toLowerCase() !== userName.toLowerCase()) {
    throw new NoSuchEntityException(`No such credential ${id} exists`);
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

// Access keys of users and of the account root: whose keys an operation acts on, AWS's metadata
// shape, and lookups with AWS's messages. Secrets never leave here in plain text except once, at creation.
import type { AccessKeyMetadata } from '../../generated/iam/shapes.js';
import { NoSuchEntityException } from '../../generated/iam/errors.js';
import { ValidationError } from '../../protocol/errors.js';
import type { AccessKeyRecord, StoreTables } from '../../store/types.js';
import type { HandlerContext } from '../types.js';
import { requireUser } from './lookups.js';

/**
 * The user whose keys an operation names: UserName when given (it must exist), otherwise the caller
 * (null for the account root). Role sessions must name a user, as AWS requires.
 */
export async function keyOwner(t: StoreTables, ctx: HandlerContext, userName: string | undefined): Promise<string | null> {
  if (userName !== undefined) return (await requireUser(t, ctx.accountId, userName)).name;
  if (ctx.caller.type === 'root') return null;
  if (ctx.caller.type === 'user' && ctx.caller.userName) return (await requireUser(t, ctx.accountId, ctx.caller.userName)).name;
  throw ValidationError('Must specify userName when calling with non-User credentials');
}

/** A key of the given owner; another owner's key, or another account's, is not found. */
export async function requireKey(t: StoreTables, account: string, owner: string | null, accessKeyId: string): Promise<AccessKeyRecord> {
  const key = await t.accessKeys.get(accessKeyId);
  const sameOwner = key && (owner === null ? key.userName === null : key.userName?.toLowerCase() === owner.toLowerCase());
  if (!key || key.accountId !== account || !sameOwner) {
    throw new NoSuchEntityException(`The Access Key with id ${accessKeyId} cannot be found.`);
  }
  return key;
}

/** Root keys carry no UserName, as AWS lists them. */
export function keyMetadata(k: AccessKeyRecord): AccessKeyMetadata {
  return {
    ...(k.userName !== null ? { UserName: k.userName } : {}),
    AccessKeyId: k.accessKeyId,
    Status: k.status,
    CreateDate: new Date(k.createDate),
  };
}

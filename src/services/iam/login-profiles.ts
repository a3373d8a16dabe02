// IAM users' login profiles (console passwords): whose profile an operation names, its lookup with
// AWS's message, and the shape AWS answers. A profile's password hash never leaves here.
import type { LoginProfile } from '../../generated/iam/shapes.js';
import { NoSuchEntityException } from '../../generated/iam/errors.js';
import { ValidationError } from '../../protocol/errors.js';
import type { LoginProfileRecord, StoreTables } from '../../store/types.js';
import type { HandlerContext } from '../types.js';
import { requireUser } from './lookups.js';

/** The user a login-profile operation names: UserName when given (it must exist), else the calling user. */
export async function profileOwner(t: StoreTables, ctx: HandlerContext, userName: string | undefined): Promise<string> {
  if (userName !== undefined) return (await requireUser(t, ctx.accountId, userName)).name;
  if (ctx.caller.type === 'user' && ctx.caller.userName) return (await requireUser(t, ctx.accountId, ctx.caller.userName)).name;
  throw ValidationError('Must specify userName when calling with non-User credentials');
}

export async function requireProfile(t: StoreTables, account: string, userName: string): Promise<LoginProfileRecord> {
  const p = await t.loginProfiles.get(account, userName);
  if (!p) throw new NoSuchEntityException(`Login Profile for User ${userName} cannot be found.`);
  return p;
}

export function loginProfileShape(p: LoginProfileRecord): LoginProfile {
  return { UserName: p.userName, CreateDate: new Date(p.createDate), PasswordResetRequired: p.passwordResetRequired };
}

/** The model marks Password optional (for root sessions AWS creates without one); rolegate's users need one. */
export function requirePassword(password: string | undefined): string {
  if (password === undefined) throw ValidationError("1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null");
  return password;
}

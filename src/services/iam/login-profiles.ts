// IAM users' login profiles (console passwords): whose profile an operation names, its lookup with
// AWS's message, and the shape AWS answers. A profile's password hash never leaves here.
import type { LoginProfile } from '../../generated/iam/shapes.js';
import { NoSuchEntityException } from '../../generated/iam/errors.js';
import { ValidationError } from '../../protocol/errors.js';
import type { LoginProfileRecord, StoreTables } from '../../store/types.js';
import type { HandlerContext } from '../types.js';
import { requireUser } from './lookups.js';

/**
 * The account root's login profile, kept under a name no IAM user can have (the credential report's
 * name for the root). Only a privileged session (STS AssumeRoot) names it, by leaving UserName out:
 * "When you make this request with root user credentials, you must use an AssumeRoot session to
 * omit the user name" (CreateLoginProfile, GetLoginProfile, DeleteLoginProfile).
 */
export const ROOT_PROFILE = '<root_account>';

/** A privileged session of an account's root (AssumeRoot), as opposed to the root's own keys. */
export const isRootSession = (ctx: HandlerContext) => ctx.caller.type === 'root' && ctx.caller.session?.kind === 'root';

/** The user a login-profile operation names: UserName when given (it must exist), else the calling user (or, in a privileged session, the root). */
export async function profileOwner(t: StoreTables, ctx: HandlerContext, userName: string | undefined): Promise<string> {
  if (userName !== undefined) return (await requireUser(t, ctx.accountId, userName)).name;
  if (ctx.caller.type === 'user' && ctx.caller.userName) return (await requireUser(t, ctx.accountId, ctx.caller.userName)).name;
  if (isRootSession(ctx)) return ROOT_PROFILE;
  throw ValidationError('Must specify userName when calling with non-User credentials');
}

export async function requireProfile(t: StoreTables, account: string, userName: string): Promise<LoginProfileRecord> {
  const p = await t.loginProfiles.get(account, userName);
  if (!p) throw new NoSuchEntityException(userName === ROOT_PROFILE ? 'Login Profile for the root user cannot be found.' : `Login Profile for User ${userName} cannot be found.`);
  return p;
}

/** The root's profile has no user name to show, as GetUser shows the root without one. */
export function loginProfileShape(p: LoginProfileRecord): LoginProfile {
  return { ...(p.userName !== ROOT_PROFILE ? { UserName: p.userName } : {}), CreateDate: new Date(p.createDate), PasswordResetRequired: p.passwordResetRequired } as LoginProfile;
}

/** The model marks Password optional: a privileged session creates the root's profile without one (the root then sets it by password recovery); IAM users need one. */
export function requirePassword(password: string | undefined): string {
  if (password === undefined) throw ValidationError("1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null");
  return password;
}

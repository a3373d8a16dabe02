import type { GetAccountPasswordPolicyResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { passwordPolicyShape, requirePasswordPolicy } from './password-policy.js';

export const GetAccountPasswordPolicy: Handler<Record<string, never>, GetAccountPasswordPolicyResponse> = async (_input, ctx) => ({
  PasswordPolicy: passwordPolicyShape(await requirePasswordPolicy(ctx.store, ctx.accountId)),
});

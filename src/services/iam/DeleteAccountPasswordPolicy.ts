import type { Handler } from '../types.js';
import { requirePasswordPolicy } from './password-policy.js';

export const DeleteAccountPasswordPolicy: Handler<Record<string, never>, void> = async (_input, ctx) => {
  await ctx.store.transaction(async (t) => {
    await requirePasswordPolicy(t, ctx.accountId);
    await t.accountSettings.deletePasswordPolicy(ctx.accountId);
  });
};

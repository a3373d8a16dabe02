import type { GetAccountSummaryResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { accountSummary } from './account-summary.js';

export const GetAccountSummary: Handler<Record<string, never>, GetAccountSummaryResponse> = async (_input, ctx) => ({
  SummaryMap: await accountSummary(ctx.store, ctx.accountId),
});

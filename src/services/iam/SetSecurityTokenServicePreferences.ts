import type { SetSecurityTokenServicePreferencesRequest } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';

// Which session tokens the global STS endpoint issues: v1Token (valid only in Regions enabled by
// default) or v2Token (valid in every Region). Kept per account; GetAccountSummary's
// GlobalEndpointTokenVersion answers 1 or 2 from it. rolegate's tokens are sealed and valid at its
// one endpoint either way, so the choice changes what the account reports, not the tokens.
export const SetSecurityTokenServicePreferences: Handler<SetSecurityTokenServicePreferencesRequest, void> = async (input, ctx) => {
  await ctx.store.accountSettings.putGlobalEndpointTokenVersion(ctx.accountId, input.GlobalEndpointTokenVersion);
};

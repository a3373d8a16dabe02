import type { EnableOutboundWebIdentityFederationResponse, GetOutboundWebIdentityFederationInfoResponse } from '../../generated/iam/shapes.js';
import { FeatureDisabledException, FeatureEnabledException } from '../../generated/iam/errors.js';
import { issuerFor, newSigningKeys } from '../../directory/outbound-federation.js';
import type { Handler } from '../types.js';

// Outbound web identity federation, per account and off by default. The first enable fixes the
// account's issuer — <the origin the request was addressed to>/_rolegate/oidc/<account id>, where
// rolegate serves its OIDC discovery documents — and makes its signing keys; disabling keeps both,
// so enabling again answers the same issuer and tokens verify with the same keys.
const DISABLED = 'Outbound web identity federation is disabled for this account.';

export const EnableOutboundWebIdentityFederation: Handler<Record<string, never>, EnableOutboundWebIdentityFederationResponse> = async (_input, ctx) => {
  const current = await ctx.store.accountSettings.getOutboundWebIdentity(ctx.accountId);
  if (current?.enabled) {
    throw new FeatureEnabledException('Outbound web identity federation is already enabled for this account. Use GetOutboundWebIdentityFederationInfo to fetch its issuer.');
  }
  const record = current
    ? { ...current, enabled: true }
    : { enabled: true, issuer: issuerFor(ctx.origin ?? 'http://localhost', ctx.accountId), keys: newSigningKeys(ctx.sealer) };
  await ctx.store.accountSettings.putOutboundWebIdentity(ctx.accountId, record);
  return { IssuerIdentifier: record.issuer };
};

export const DisableOutboundWebIdentityFederation: Handler<Record<string, never>, void> = async (_input, ctx) => {
  const current = await ctx.store.accountSettings.getOutboundWebIdentity(ctx.accountId);
  if (!current?.enabled) throw new FeatureDisabledException(DISABLED);
  await ctx.store.accountSettings.putOutboundWebIdentity(ctx.accountId, { ...current, enabled: false });
};

export const GetOutboundWebIdentityFederationInfo: Handler<Record<string, never>, GetOutboundWebIdentityFederationInfoResponse> = async (_input, ctx) => {
  const current = await ctx.store.accountSettings.getOutboundWebIdentity(ctx.accountId);
  // Once enabled, the issuer stays the account's: after a disable it is answered with JwtVendingEnabled false.
  if (!current) throw new FeatureDisabledException(DISABLED);
  return { IssuerIdentifier: current.issuer, JwtVendingEnabled: current.enabled };
};

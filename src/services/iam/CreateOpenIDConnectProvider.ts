import type { CreateOpenIDConnectProviderRequest, CreateOpenIDConnectProviderResponse } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException, LimitExceededException } from '../../generated/iam/errors.js';
import type { OidcProviderRecord } from '../../store/types.js';
import type { Handler } from '../types.js';
import { oidcProviderArn } from '../../directory/arns.js';
import { limits } from './limits.js';
import { checkClientIds, checkThumbprints, providerHostPath } from './oidc-providers.js';
import { checkNewTags } from './tags.js';

// The provider is known by its URL without the scheme, which is also the end of its ARN.
export const CreateOpenIDConnectProvider: Handler<CreateOpenIDConnectProviderRequest, CreateOpenIDConnectProviderResponse> = async (input, ctx) => {
  const hostPath = providerHostPath(input.Url);
  const thumbprints = checkThumbprints(input.ThumbprintList ?? []);
  const clientIds = checkClientIds(input.ClientIDList ?? []);
  const tags = checkNewTags(input.Tags);
  return ctx.store.transaction(async (t) => {
    if (await t.oidcProviders.get(ctx.accountId, hostPath)) {
      throw new EntityAlreadyExistsException(`Provider with url ${input.Url} already exists.`);
    }
    if ((await t.oidcProviders.count(ctx.accountId)) >= limits.oidcProvidersPerAccount) {
      throw new LimitExceededException(`Cannot exceed quota for OpenIdConnectProvidersPerAccount: ${limits.oidcProvidersPerAccount}`);
    }
    const arn = oidcProviderArn(ctx.accountId, hostPath);
    const provider: OidcProviderRecord = {
      name: hostPath, id: arn, path: '/', arn, createDate: ctx.now.toISOString(),
      url: hostPath, clientIds, thumbprints, tags,
    };
    await t.oidcProviders.create(ctx.accountId, provider);
    return { OpenIDConnectProviderArn: arn, ...(tags.length ? { Tags: tags } : {}) };
  });
};

import type { CreateSAMLProviderRequest, CreateSAMLProviderResponse } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException, LimitExceededException } from '../../generated/iam/errors.js';
import type { SamlProviderRecord } from '../../store/types.js';
import type { Handler } from '../types.js';
import { samlProviderArn } from '../../directory/arns.js';
import { limits } from './limits.js';
import { addPrivateKey, checkEncryptionMode, metadataFields, samlProviderUuid } from './saml-providers.js';
import { checkNewTags } from './tags.js';

// The metadata is read before anything is written: a document IAM cannot use answers InvalidInput.
export const CreateSAMLProvider: Handler<CreateSAMLProviderRequest, CreateSAMLProviderResponse> = async (input, ctx) => {
  const fields = metadataFields(input.SAMLMetadataDocument, ctx.now);
  const tags = checkNewTags(input.Tags);
  const arn = samlProviderArn(ctx.accountId, input.Name);
  const provider: SamlProviderRecord = {
    name: input.Name, arn, uuid: samlProviderUuid(), createDate: ctx.now.toISOString(), ...fields,
    ...(input.AssertionEncryptionMode ? { assertionEncryptionMode: input.AssertionEncryptionMode } : {}),
    privateKeys: [], tags,
  };
  if (input.AddPrivateKey !== undefined) addPrivateKey(provider, input.AddPrivateKey, ctx.sealer, ctx.now);
  checkEncryptionMode(provider);
  return ctx.store.transaction(async (t) => {
    if (await t.samlProviders.get(ctx.accountId, input.Name)) {
      throw new EntityAlreadyExistsException(`SAMLProvider with name ${input.Name} already exists`);
    }
    if ((await t.samlProviders.count(ctx.accountId)) >= limits.samlProvidersPerAccount) {
      throw new LimitExceededException(`Cannot exceed quota for SAMLProvidersPerAccount: ${limits.samlProvidersPerAccount}`);
    }
    await t.samlProviders.create(ctx.accountId, provider);
    return { SAMLProviderArn: arn, ...(tags.length ? { Tags: tags } : {}) };
  });
};

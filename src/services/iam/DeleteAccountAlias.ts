import type { DeleteAccountAliasRequest } from '../../generated/iam/shapes.js';
import { NoSuchEntityException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';

export const DeleteAccountAlias: Handler<DeleteAccountAliasRequest, void> = async ({ AccountAlias }, ctx) => {
  await ctx.store.transaction(async (t) => {
    if ((await t.accountSettings.getAlias(ctx.accountId)) !== AccountAlias) {
      throw new NoSuchEntityException(`The account alias ${AccountAlias} cannot be found.`);
    }
    await t.accountSettings.deleteAlias(ctx.accountId);
  });
};

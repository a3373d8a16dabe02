import type { CreateAccountAliasRequest } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';

// An account has one alias: a new one replaces the old (IAM User Guide, "Your AWS account ID and its
// alias"). Aliases are unique across every account this server holds, as across AWS.
export const CreateAccountAlias: Handler<CreateAccountAliasRequest, void> = async ({ AccountAlias }, ctx) => {
  await ctx.store.transaction(async (t) => {
    if (!(await t.accountSettings.putAlias(ctx.accountId, AccountAlias))) {
      throw new EntityAlreadyExistsException(`The account alias ${AccountAlias} already exists.`);
    }
  });
};

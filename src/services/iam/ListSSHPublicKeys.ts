import type { ListSSHPublicKeysRequest, ListSSHPublicKeysResponse } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { profileOwner } from './login-profiles.js';
import { pageList } from './pages.js';
import { sshKeyMetadata } from './ssh-keys.js';

// Without UserName, the calling user's keys (IAM API Reference, ListSSHPublicKeys).
export const ListSSHPublicKeys: Handler<ListSSHPublicKeysRequest, ListSSHPublicKeysResponse> = async (input, ctx) => {
  const owner = await profileOwner(ctx.store, ctx, input.UserName);
  const keys = await ctx.store.sshPublicKeys.forUser(ctx.accountId, owner);
  const page = pageList(keys.map(sshKeyMetadata), input.Marker, input.MaxItems);
  return { SSHPublicKeys: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
};

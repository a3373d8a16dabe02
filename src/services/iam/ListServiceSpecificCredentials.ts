import type { ListServiceSpecificCredentialsRequest, ListServiceSpecificCredentialsResponse } from '../../generated/iam/shapes.js';
import { InvalidInputException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { profileOwner } from './login-profiles.js';
import { pageList } from './pages.js';
import { credentialKind, serviceCredentialMetadata } from './service-credentials.js';

// Without UserName, the calling user's credentials; with AllUsers, every user's (IAM API Reference,
// ListServiceSpecificCredentials). Never a secret: listings carry metadata only.
export const ListServiceSpecificCredentials: Handler<ListServiceSpecificCredentialsRequest, ListServiceSpecificCredentialsResponse> = async (input, ctx) => {
  if (input.AllUsers && input.UserName !== undefined) throw new InvalidInputException('AllUsers cannot be specified together with UserName.');
  if (input.ServiceName !== undefined) credentialKind(input.ServiceName);
  const all = input.AllUsers
    ? await ctx.store.serviceSpecificCredentials.list(ctx.accountId)
    : await ctx.store.serviceSpecificCredentials.forUser(ctx.accountId, await profileOwner(ctx.store, ctx, input.UserName));
  const chosen = input.ServiceName === undefined ? all : all.filter((c) => c.serviceName === input.ServiceName);
  const page = pageList(chosen.map((c) => serviceCredentialMetadata(c, ctx.now)), input.Marker, input.MaxItems);
  return { ServiceSpecificCredentials: page.items, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
};

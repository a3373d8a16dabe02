import type { DecodeAuthorizationMessageRequest, DecodeAuthorizationMessageResponse } from '../../generated/sts/shapes.js';
import { InvalidAuthorizationMessageException } from '../../generated/sts/errors.js';
import type { Handler } from '../types.js';

/** Only the account the denial happened in may read its context, as in AWS. */
export const DecodeAuthorizationMessage: Handler<DecodeAuthorizationMessageRequest, DecodeAuthorizationMessageResponse> = async (input, ctx) => {
  const decoded = ctx.messages.decode(input.EncodedMessage);
  if (!decoded || decoded.accountId !== ctx.accountId) {
    throw new InvalidAuthorizationMessageException('The message provided is not a valid encoded authorization message.');
  }
  return { DecodedMessage: JSON.stringify(decoded.message) };
};

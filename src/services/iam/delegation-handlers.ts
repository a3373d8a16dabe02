// The handlers of IAM temporary delegation, as one group for the IAM handler table.
import { AcceptDelegationRequest } from './AcceptDelegationRequest.js';
import { AssociateDelegationRequest } from './AssociateDelegationRequest.js';
import { CreateDelegationRequest } from './CreateDelegationRequest.js';
import { GetDelegationRequest } from './GetDelegationRequest.js';
import { GetHumanReadableSummary } from './GetHumanReadableSummary.js';
import { ListDelegationRequests } from './ListDelegationRequests.js';
import { RejectDelegationRequest } from './RejectDelegationRequest.js';
import { SendDelegationToken } from './SendDelegationToken.js';
import { UpdateDelegationRequest } from './UpdateDelegationRequest.js';

export const delegationHandlers = {
  AcceptDelegationRequest, AssociateDelegationRequest, CreateDelegationRequest, GetDelegationRequest, GetHumanReadableSummary,
  ListDelegationRequests, RejectDelegationRequest, SendDelegationToken, UpdateDelegationRequest,
};

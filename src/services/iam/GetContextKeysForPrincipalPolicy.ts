import type { GetContextKeysForPolicyResponse, GetContextKeysForPrincipalPolicyRequest } from '../../generated/iam/shapes.js';
import { getContextKeys, parsePolicy, type ParsedPolicy } from '../../policy/index.js';
import type { Handler } from '../types.js';
import { parsedInputs } from './GetContextKeysForCustomPolicy.js';
import { policySource } from './principal-sources.js';

export const GetContextKeysForPrincipalPolicy: Handler<GetContextKeysForPrincipalPolicyRequest, GetContextKeysForPolicyResponse> = async (input, ctx) => {
  const source = await policySource(ctx.store, ctx.accountId, input.PolicySourceArn, ctx.partition);
  const own: ParsedPolicy[] = [];
  for (const p of source.policies.identity) {
    const r = parsePolicy(p.document, 'identity');
    if (r.ok) own.push(r.policy);
  }
  return { ContextKeyNames: getContextKeys([...own, ...parsedInputs(input.PolicyInputList)]) };
};

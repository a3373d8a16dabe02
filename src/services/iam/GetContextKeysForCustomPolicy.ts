import type { GetContextKeysForCustomPolicyRequest, GetContextKeysForPolicyResponse } from '../../generated/iam/shapes.js';
import { InvalidInputException } from '../../generated/iam/errors.js';
import { getContextKeys, parsePolicy, type ParsedPolicy } from '../../policy/index.js';
import type { Handler } from '../types.js';

export function parsedInputs(docs: string[] | undefined): ParsedPolicy[] {
  return (docs ?? []).map((doc, i) => {
    const r = parsePolicy(doc, 'identity');
    if (!r.ok) throw new InvalidInputException(`PolicyInputList.${i + 1}: ${r.errors[0].message}`);
    return r.policy;
  });
}

export const GetContextKeysForCustomPolicy: Handler<GetContextKeysForCustomPolicyRequest, GetContextKeysForPolicyResponse> = async (input) => ({
  ContextKeyNames: getContextKeys(parsedInputs(input.PolicyInputList)),
});

// Size findings: a document larger than IAM, STS or Organizations accepts for its kind is an error,
// with the quota and the LimitExceeded text IAM answers. Quotas are the library's policySizeLimits.
// Identity policies count without white space; session policies and SCPs as the text is sent.
import type { PolicyKind } from '../types.js';
import { policySize, policySizeLimits as limits } from '../grammar/size.js';

export interface SizeFinding {
  readonly severity: 'error' | 'warning';
  readonly code: 'POLICY_SIZE_EXCEEDED';
  readonly message: string;
}

const n = (x: number) => x.toLocaleString('en-US');

/**
 * The size finding for a document of `kind` (`managed` for managed policies, which permissions
 * boundaries also are), or undefined when it fits. An identity policy that is not said to be managed
 * may be inline: it is an error past the largest inline quota (a role's) and a warning past a
 * smaller one, since the owner is not known. Resource policies have per-service quotas: none here.
 */
export function sizeFinding(text: string, kind: PolicyKind, managed: boolean): SizeFinding | undefined {
  const size = policySize(text);
  const counted = `${n(size)} characters (white space not counted)`;
  const error = (message: string): SizeFinding => ({ severity: 'error', code: 'POLICY_SIZE_EXCEEDED', message });
  if (managed || kind === 'boundary') {
    if (size <= limits.managed) return undefined;
    return error(`The policy has ${counted}, more than the ${n(limits.managed)} IAM accepts for a managed policy (Cannot exceed quota for PolicySize: ${limits.managed}).`);
  }
  switch (kind) {
    case 'trust':
      if (size <= limits.trust) return undefined;
      return error(
        `The trust policy has ${counted}, more than the ${n(limits.trust)} IAM accepts for a role trust policy (Cannot exceed quota for ACLSizePerRole: ${limits.trust}); ` +
          `the quota can be raised to ${n(limits.trustMaximum)} on request.`,
      );
    case 'identity': {
      if (size > limits.inlineRole)
        return error(`The policy has ${counted}, more than IAM accepts for any identity policy: ${n(limits.managed)} for a managed policy, ${n(limits.inlineRole)} for a role's inline policies together.`);
      if (size <= limits.inlineUser) return undefined;
      const too = [`a user's inline policies (${n(limits.inlineUser)} together)`];
      if (size > limits.inlineGroup) too.push(`a group's (${n(limits.inlineGroup)})`);
      if (size > limits.managed) too.push(`a managed policy (${n(limits.managed)})`);
      return {
        severity: 'warning', code: 'POLICY_SIZE_EXCEEDED',
        message: `The policy has ${counted}, more than IAM accepts for ${too.join(', ')}.`,
      };
    }
    case 'session':
    case 'scp': {
      const max = kind === 'session' ? limits.session : limits.scp;
      if (text.length <= max) return undefined;
      const what = kind === 'session' ? 'STS accepts for a session policy' : 'Organizations accepts for a service control policy';
      const fits = size <= max ? '; without white space it would fit' : '';
      return error(`The policy has ${n(text.length)} characters, white space included, more than the ${n(max)} ${what}${fits}.`);
    }
    default:
      return undefined;
  }
}

// The AWS principals of a role trust policy, as CreateRole and UpdateAssumeRolePolicy take them.
// IAM resolves each IAM user and role ARN to the entity when it saves the policy and keeps the
// entity's unique id (src/directory/principal-binding.ts), so an ARN naming no such user or role is
// refused with MalformedPolicyDocument, `Invalid principal in policy: "AWS":"<arn>"`. rolegate can
// only look into its own accounts: ARNs of other accounts are kept as written. A bare account id is
// saved as the account's root ARN (GetRole shows arn:aws:iam::<id>:root, in the partition of the request); the rest of the document
// keeps the caller's text.
import { MalformedPolicyDocumentException } from '../../generated/iam/errors.js';
import { malformedPolicyMessages } from '../../policy/index.js';
import { bindPrincipals, type BoundPolicy } from '../../directory/principal-binding.js';
import type { StoreTables } from '../../store/types.js';

const invalidPrincipal = (arn: string) => new MalformedPolicyDocumentException(malformedPolicyMessages.invalidPrincipal('AWS', arn));

/** Checks a trust policy's AWS principals against the store (the document has already passed the grammar) and binds them. */
export function resolveTrustPrincipals(t: StoreTables, text: string, partition: string): Promise<BoundPolicy> {
  return bindPrincipals(t, text, { accountIdsAsRoot: true, invalidPrincipal, partition });
}

// A request as the policy engine decides it: the action, the resource and the account that owns
// it, the context keys, and for sts:AssumeRole* the role's trust policy. Built by the authorization map.
import type { ContextValue } from '../policy/index.js';

export interface AuthzRequest {
  action: string;
  resource: string;
  /** The account that owns the resource. */
  resourceAccount: string;
  context: Record<string, ContextValue>;
  /** For sts:AssumeRole*: the target role's trust policy (undefined when the role does not exist). */
  trust?: { id: string; document: string } | null;
  /** Further actions the same caller must be allowed on the same resource (sts:TagSession, sts:SetSourceIdentity). */
  also?: string[];
}

// One authorization decision as rolegate records it: who asked to do what on which resource, the
// result, and the statements that decided it. Every decision of every request becomes one record.
import type { DenialReason, MatchedStatement, Position } from '../policy/index.js';

/** ROLEGATE_ENFORCE: decide and refuse, decide and log only, or not decide. */
export type EnforceMode = 'on' | 'soft' | 'off';

export interface DecisionRecord {
  /** ISO 8601 time of the request. */
  time: string;
  requestId: string;
  /** The account whose credentials made the request. */
  accountId: string;
  /** For a cross-account request, the account that owns the resource: its root reads the decision too. */
  resourceAccountId?: string;
  /** The caller: user, root, assumed-role session or service principal ARN. */
  principal: string;
  action: string;
  resource: string;
  result: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
  /** The enforcement mode in force: in `soft` a denial is recorded but the request goes on. */
  mode: EnforceMode;
  /** The statements that decided: policy id (ARN or inline:owner/name/policy), index, Sid, effect, type. */
  decidedBy: readonly MatchedStatement[];
  reasons: readonly DenialReason[];
  missingKeys: readonly string[];
  /** For a denial, the request context keys the engine saw (names and values; never credentials); an allow is explained by its statements and keeps none. */
  context: Readonly<Record<string, string | readonly string[]>>;
  /** For a denial: the smallest identity-policy statement that would have allowed the request. */
  suggestion?: { Effect: 'Allow'; Action: string; Resource: string };
  /**
   * For a trust-policy denial: the statements that name the caller and action but whose conditions
   * failed — `statement` is the index from 0 (as in decidedBy), `start` where the statement stands.
   */
  trustConditions?: readonly { statement: number; sid?: string; start?: Position; keys: readonly string[] }[];
  /** The AccessDenied message the client received, when the request was refused. */
  message?: string;
}

export interface DecisionFilter {
  principal?: string;
  action?: string;
  result?: DecisionRecord['result'];
  /** Decisions an account may read: made with its credentials, or on its resources from another account. */
  accountId?: string;
  requestId?: string;
  /** ISO 8601 bounds, inclusive. */
  since?: string;
  until?: string;
}

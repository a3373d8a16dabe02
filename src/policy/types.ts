// The value types of rolegate/policy: parsed documents, requests, policy sets and decisions.
// Types only; no behaviour lives here.

/** Where a policy is attached, which decides its grammar (Principal required or prohibited…). */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'boundary' | 'session' | 'scp';

/** The policy types of AWS's evaluation logic, as SimulateCustomPolicy names them in results. */
export type PolicyType = 'identity' | 'resource' | 'boundary' | 'session' | 'scp';

/** A position in a policy document: 1-based line and column, as IAM's simulator reports them. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A grammar error as data: AWS's MalformedPolicyDocument message and where it was found. */
export interface PolicyError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** `Principal` / `NotPrincipal` after parsing: `*`, or lists per principal type. */
export type PrincipalSpec =
  | '*'
  | {
      readonly AWS?: readonly string[];
      readonly Service?: readonly string[];
      readonly Federated?: readonly string[];
      readonly CanonicalUser?: readonly string[];
    };

/** One key of one condition operator block, e.g. `StringLike` / `s3:prefix` / `["home/*"]`. */
export interface ParsedCondition {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** The operator without modifiers, e.g. `StringLike`. */
  readonly baseOperator: string;
  readonly set?: 'ForAllValues' | 'ForAnyValue';
  readonly ifExists: boolean;
  /** The context key as written (keys compare case-insensitively). */
  readonly key: string;
  readonly values: readonly string[];
}

export interface ParsedStatement {
  /** 0-based index in the document's Statement list. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly principal?: PrincipalSpec;
  readonly notPrincipal?: PrincipalSpec;
  readonly conditions: readonly ParsedCondition[];
  /** The statement object's opening brace and the position just after its closing brace. */
  readonly start: Position;
  readonly end: Position;
}

export interface ParsedPolicy {
  readonly kind: PolicyKind;
  /** `undefined` when the document has no Version: then, as with 2008-10-17, variables stay literal. */
  readonly version?: '2012-10-17' | '2008-10-17';
  readonly id?: string;
  readonly statements: readonly ParsedStatement[];
  /** SHA-256 of the document text; the compile cache key. */
  readonly hash: string;
}

export type ParseResult =
  | { readonly ok: true; readonly policy: ParsedPolicy; readonly errors: readonly [] }
  | { readonly ok: false; readonly errors: readonly PolicyError[] };

/** A context value: single-valued keys are strings, multivalued keys arrays (booleans/numbers as text). */
export type ContextValue = string | readonly string[];

/** Who makes a request, for matching Principal elements. */
export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | 'Anonymous';

/** The request to decide: action, resource, principal and the request context keys. */
export interface RequestContext {
  /** `service:Action`; compared case-insensitively. */
  readonly action: string;
  /** The resource ARN, or `*` for actions without resource-level permissions. */
  readonly resource: string;
  /**
   * The caller: an IAM user ARN, an `assumed-role` / `federated-user` session ARN, an account
   * root ARN, a service principal (`pinpoint.amazonaws.com`), a federated provider, or `*`
   * for an anonymous caller. Only resource and trust policies match it.
   */
  readonly principal: string;
  /** Defaults from `principal`: an ARN is `AWS`, `*` is `Anonymous`, any other text `Service`. */
  readonly principalType?: PrincipalType;
  /** Context keys by name (names compare case-insensitively), e.g. `aws:SourceAccount`. */
  readonly context?: Readonly<Record<string, ContextValue>>;
}

/** A compiled policy in a policy set, with the id the decision will name (policy ARN or `inline:…`). */
export interface PolicyRef {
  readonly id: string;
  readonly policy: CompiledPolicyHandle;
}

/** Opaque handle to a compiled policy (see `compilePolicy`). */
export interface CompiledPolicyHandle {
  readonly hash: string;
  readonly kind: PolicyKind;
}

/** Every policy that applies to one request, by type. */
export interface PolicySet {
  readonly identity?: readonly PolicyRef[];
  /** The resource-based policy; for `sts:AssumeRole*` the role's trust policy. */
  readonly resource?: PolicyRef;
  readonly boundary?: PolicyRef;
  /** Session policies passed when the role session was created (inline and managed). */
  readonly session?: readonly PolicyRef[];
  /** SCPs by level (root, each OU, account): every level must allow. */
  readonly scp?: readonly (readonly PolicyRef[])[];
  /** Principal and resource in different accounts: both sides must allow. */
  readonly crossAccount?: boolean;
  /** The resource policy is a role trust policy: it must allow even in the same account. */
  readonly trustPolicy?: boolean;
}

/** A statement that took part in a decision, with what the simulator reports about it. */
export interface MatchedStatement {
  readonly policy: string;
  readonly policyType: PolicyType;
  /** Index in the policy's Statement list, from 0; people read it through `statementLabel` (from 1). */
  readonly statement: number;
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  readonly start: Position;
  readonly end: Position;
}

/** Why a request was not allowed: a closed list. */
export type DenialReason =
  | { readonly code: 'ExplicitDeny'; readonly policyType: PolicyType }
  | { readonly code: 'NoAllowingStatement' }
  | { readonly code: 'IdentityPolicyDoesNotAllow' }
  | { readonly code: 'ResourcePolicyDoesNotAllow' }
  | { readonly code: 'TrustPolicyDoesNotAllow' }
  | { readonly code: 'BoundaryDoesNotAllow' }
  | { readonly code: 'SessionPolicyDoesNotAllow' }
  | { readonly code: 'ScpDoesNotAllow'; readonly level: number };

export type DecisionResult = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** A decision as data: rendered by AccessDenied messages, the decision log, the simulator. */
export interface Decision {
  readonly result: DecisionResult;
  readonly decidedBy: readonly MatchedStatement[];
  readonly reasons: readonly DenialReason[];
  /** Context keys that conditions of otherwise matching statements referenced and the request lacked. */
  readonly missingKeys: readonly string[];
  /** The result of each policy type on its own (SimulatePrincipalPolicy's EvalDecisionDetails). */
  readonly byPolicyType: Readonly<Partial<Record<PolicyType, DecisionResult>>>;
}

// Principal and NotPrincipal: who a resource or trust policy statement names, compiled into sets,
// and how a caller is matched: directly, through its role (a session of a named role), or through
// its account (IAM User Guide, "AWS JSON policy elements: Principal" and "NotPrincipal"). A user or
// role ARN that a saved policy bound to the principal's unique id (AIDA…, AROA…) matches that id
// only: a principal re-created under the same name has a new id and is not named.
import type { PrincipalSpec, PrincipalType, RequestContext } from '../types.js';

export interface PrincipalSet {
  readonly any: boolean;
  /** AWS principals as ARNs, or the unique ids of bound users and roles; account ids become `arn:aws:iam::ID:root`. */
  readonly aws: ReadonlySet<string>;
  /** Accounts named: a bare id as itself (the account, in the request's partition), a root ARN as `partition:id`. */
  readonly accounts: ReadonlySet<string>;
  readonly service: ReadonlySet<string>;
  readonly federated: ReadonlySet<string>;
  readonly canonical: ReadonlySet<string>;
}

const ROOT = /^arn:([^:]+):iam::(\d{12}):root$/;

export function compilePrincipalSet(spec: PrincipalSpec): PrincipalSet {
  const aws = new Set<string>();
  const accounts = new Set<string>();
  const service = new Set<string>();
  const federated = new Set<string>();
  const canonical = new Set<string>();
  let any = spec === '*';
  if (spec !== '*') {
    for (const v of spec.AWS ?? []) {
      if (v === '*') any = true;
      else if (/^\d{12}$/.test(v)) {
        accounts.add(v);
        aws.add(`arn:aws:iam::${v}:root`);
      } else {
        aws.add(v);
        const root = ROOT.exec(v);
        if (root) accounts.add(`${root[1]}:${root[2]}`);
      }
    }
    for (const v of spec.Service ?? []) service.add(v.toLowerCase());
    for (const v of spec.Federated ?? []) federated.add(v);
    for (const v of spec.CanonicalUser ?? []) canonical.add(v);
  }
  return { any, aws, accounts, service, federated, canonical };
}

/** The caller as principal elements see it, derived once per evaluation. */
export interface Caller {
  readonly type: PrincipalType;
  readonly arn: string;
  /** For a role session: the role's ARN (`aws:PrincipalArn` when given, which includes the path). */
  readonly roleArn?: string;
  /** The unique id of a user (AIDA…, from aws:userid), matched by a bound principal. */
  readonly id?: string;
  /** For a role session: the role's unique id (AROA…, the part of aws:userid before `:`). */
  readonly roleId?: string;
  readonly account?: string;
  /** The partition of the caller's ARN (`aws`, `aws-cn` …). */
  readonly partition?: string;
  readonly rootArn?: string;
}

const SESSION = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\//;
const ACCOUNT_OF = /^arn:([^:]+):(?:iam|sts)::(\d{12}):/;

/** The caller's principal type: as given, else an ARN is AWS, `*` anonymous, other text a service. */
export function callerType(request: RequestContext): PrincipalType {
  const arn = request.principal;
  return request.principalType ?? (arn === '*' ? 'Anonymous' : arn.startsWith('arn:') ? 'AWS' : 'Service');
}

/** `userId` is aws:userid: AIDA… for a user, AROA…:session for a role session, absent when not known. */
export function callerOf(request: RequestContext, principalArn: string | undefined, userId?: string): Caller {
  const arn = request.principal;
  const type = callerType(request);
  if (type !== 'AWS') return { type, arn };
  const acct = ACCOUNT_OF.exec(arn);
  if (!acct) return { type, arn };
  const partition = acct[1]!;
  const rootArn = `arn:${partition}:iam::${acct[2]}:root`;
  const session = SESSION.exec(arn);
  if (!session) {
    return userId !== undefined && userId.startsWith('AIDA') ? { type, arn, id: userId, account: acct[2]!, partition, rootArn } : { type, arn, account: acct[2]!, partition, rootArn };
  }
  const roleArn = principalArn && principalArn.includes(':role/') ? principalArn : `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`;
  const colon = userId !== undefined && userId.startsWith('AROA') ? userId.indexOf(':') : -1;
  return colon > 0
    ? { type, arn, roleArn, roleId: userId!.slice(0, colon), account: acct[2]!, partition, rootArn }
    : { type, arn, roleArn, account: acct[2]!, partition, rootArn };
}

/** Whether the set names the caller's account: by its bare id, or by its root ARN in the caller's partition. */
function namesAccount(set: PrincipalSet, caller: Caller): boolean {
  return caller.account !== undefined && (set.accounts.has(caller.account) || set.accounts.has(`${caller.partition}:${caller.account}`));
}

/** Whether the set names the caller itself: by its ARN, or by the unique id a bound ARN became. */
function namesCaller(set: PrincipalSet, caller: Caller): boolean {
  return set.aws.has(caller.arn) || (caller.id !== undefined && set.aws.has(caller.id));
}

/** Whether the set names the role of which the caller is a session, by ARN or bound unique id. */
function namesRole(set: PrincipalSet, caller: Caller): boolean {
  return caller.roleArn !== undefined && (set.aws.has(caller.roleArn) || (caller.roleId !== undefined && set.aws.has(caller.roleId)));
}

/**
 * How a Principal element names the caller: Direct (the caller itself, or everyone with `*`),
 * Role (the role of which the caller is a session), Account (the caller's account, which
 * delegates to the account's own policies).
 */
export const PrincipalMatch = { None: 0, Direct: 1, Role: 2, Account: 3 } as const;
export type PrincipalMatch = (typeof PrincipalMatch)[keyof typeof PrincipalMatch];

export function matchPrincipal(set: PrincipalSet, caller: Caller): PrincipalMatch {
  if (set.any) return PrincipalMatch.Direct;
  switch (caller.type) {
    case 'AWS':
      if (namesCaller(set, caller)) return PrincipalMatch.Direct;
      if (namesRole(set, caller)) return PrincipalMatch.Role;
      if (namesAccount(set, caller)) return PrincipalMatch.Account;
      return PrincipalMatch.None;
    case 'Service':
      return set.service.has(caller.arn.toLowerCase()) ? PrincipalMatch.Direct : PrincipalMatch.None;
    case 'Federated':
      return set.federated.has(caller.arn) ? PrincipalMatch.Direct : PrincipalMatch.None;
    case 'CanonicalUser':
      return set.canonical.has(caller.arn) ? PrincipalMatch.Direct : PrincipalMatch.None;
    default:
      return PrincipalMatch.None;
  }
}

/**
 * NotPrincipal applies unless every identity the caller is evaluated as is listed: the session and
 * its role for a role session, the user for a user; and, for a request from another account, the
 * caller's account too, which AWS validates first across accounts. That is why AWS asks for the
 * account ARN beside the user or role in a Deny with NotPrincipal. In the resource's own account a
 * user named by its ARN is exempt (as the policy simulator answers with CallerArn).
 */
export function notPrincipalApplies(set: PrincipalSet, caller: Caller, crossAccount = false): boolean {
  if (set.any) return false;
  switch (caller.type) {
    case 'AWS':
      if (!namesCaller(set, caller)) return true;
      if (caller.roleArn !== undefined && !namesRole(set, caller)) return true;
      if (!crossAccount && caller.roleArn === undefined) return false;
      return caller.rootArn !== undefined && caller.rootArn !== caller.arn && !namesAccount(set, caller);
    case 'Service':
      return !set.service.has(caller.arn.toLowerCase());
    case 'Federated':
      return !set.federated.has(caller.arn);
    case 'CanonicalUser':
      return !set.canonical.has(caller.arn);
    default:
      return true;
  }
}

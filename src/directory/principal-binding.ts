// Principal ARNs bound to unique ids, as AWS keeps trust and resource policies: when a policy is
// saved, each IAM user or role ARN in its Principal or NotPrincipal AWS entries becomes the
// principal's unique id (AIDA…, AROA…), so a principal deleted and re-created under the same name
// (a new id) is no longer named until the policy is saved again. Reads show the ARN of the
// principal that still has the id, or the bare id once it is gone (IAM User Guide, "AWS JSON policy
// elements: Principal", IAM role principals). The engine matches ids by the caller's aws:userid,
// so binding costs nothing per request.
import { BOUND_PRINCIPAL_ID } from '../policy/grammar/elements.js';
import { awsPrincipalValues, entityPrincipal, replacePrincipalValues } from '../policy/grammar/principal-values.js';
import type { StoreTables } from '../store/types.js';
import { DEFAULT_PARTITION, arnFromPartition, arnInPartition } from '../shared/partitions.js';

const ACCOUNT = /^\d{12}$/;

export interface BindOptions {
  /** Trust policies save a bare account id as the account's root ARN (GetRole shows arn:aws:iam::ID:root). */
  accountIdsAsRoot?: boolean;
  /** The error for an ARN naming no user or role of an account rolegate holds. */
  invalidPrincipal: (arn: string) => Error;
  /** The partition the policy is written in (the request's); ARNs of another partition are kept as written. Default `aws`. */
  partition?: string;
}

/** A policy as saved: `stored` (bound, for the engine and the store) and `shown` (what a read answers now). */
export interface BoundPolicy { stored: string; shown: string }

/**
 * Binds a policy's user and role ARNs to their principals' unique ids. The ARN must be the
 * principal's own (path included, name in its stored letter case); ARNs of accounts rolegate does
 * not hold are kept as written (there is nothing to look in), and match by name.
 */
export async function bindPrincipals(t: StoreTables, text: string, options: BindOptions): Promise<BoundPolicy> {
  const values = awsPrincipalValues(text);
  const shownEdits = new Map<string, string>();
  const storedEdits = new Map<string, string>();
  const known = new Map<string, boolean>();
  const partition = options.partition ?? DEFAULT_PARTITION;
  for (const { value } of values) {
    if (ACCOUNT.test(value)) {
      if (options.accountIdsAsRoot) {
        shownEdits.set(value, `arn:${partition}:iam::${value}:root`);
        storedEdits.set(value, `arn:${partition}:iam::${value}:root`);
      }
      continue;
    }
    const own = arnFromPartition(value, partition);
    const named = own === undefined ? undefined : entityPrincipal(own);
    if (!named || storedEdits.has(value)) continue;
    const { account, kind, name } = named;
    if (!known.has(account)) known.set(account, (await t.accounts.get(account)) !== undefined);
    if (!known.get(account)) continue;
    const entity = kind === 'user' ? await t.users.get(account, name) : await t.roles.get(account, name);
    if (!entity || entity.arn !== own) throw options.invalidPrincipal(value);
    storedEdits.set(value, entity.id);
  }
  return { stored: replacePrincipalValues(text, values, storedEdits), shown: replacePrincipalValues(text, values, shownEdits) };
}

const MAY_HOLD_ID = /"A(?:IDA|ROA)/;

/**
 * A stored policy as reads answer it: each bound id written as the ARN of the user or role that
 * has it now, or left as the id when no principal has it any more (AWS does not re-bind a
 * re-created principal of the same name), in the partition of the request that reads.
 */
export async function showPrincipals(t: StoreTables, stored: string, partition = DEFAULT_PARTITION): Promise<string> {
  if (!MAY_HOLD_ID.test(stored)) return stored;
  const values = awsPrincipalValues(stored);
  const edits = new Map<string, string>();
  for (const { value } of values) {
    if (edits.has(value) || !BOUND_PRINCIPAL_ID.test(value)) continue;
    const found = value.startsWith('AIDA') ? await t.users.getById(value) : await t.roles.getById(value);
    if (found) edits.set(value, arnInPartition(found.entity.arn, partition));
  }
  return replacePrincipalValues(stored, values, edits);
}

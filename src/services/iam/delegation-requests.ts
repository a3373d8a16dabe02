// IAM temporary delegation: a request's life (its states, who may see and move it, when it expires),
// its answer shape, the policy its template and parameters render to, and the messages IAM would
// publish to the partner's SNS topic. The handlers (src/services/iam/*DelegationRequest*.ts) use it.
// The exchange token never appears here in the clear but where it is made, hashed and sealed.
import { createHash, randomUUID } from 'node:crypto';
import type { DelegationRequest } from '../../generated/iam/shapes.js';
import { InvalidInputException, NoSuchEntityException } from '../../generated/iam/errors.js';
import type { Caller } from '../../shared/caller.js';
import type { IamSettings } from '../../shared/service-settings.js';
import type { Sealer } from '../../shared/sealing.js';
import type { DelegationRequestRecord, DelegationState, StoreTables } from '../../store/types.js';
import { randomBytesPooled } from '../../shared/ids.js';
import { parsePolicy } from '../../policy/index.js';

export const newDelegationRequestId = () => randomUUID();

/** The final rendered policy has a maximum size of 2048 characters (IAM User Guide, "Policy templates"). */
export const RENDERED_POLICY_MAX = 2048;

/** Root users may approve requests of 4 hours or less (IAM User Guide, "IAM temporary delegation"). */
export const ROOT_MAX_SESSION_SECONDS = 4 * 3600;

const TERMINAL: ReadonlySet<DelegationState> = new Set(['FINALIZED', 'REJECTED', 'EXPIRED']);

/**
 * When a request expires: an Unassigned one a day after it was made, any other a week after its last
 * change of state, Rejected and Finalized ones too (IAM User Guide, "Building your integration",
 * expiration path). Both lengths come from configuration.
 */
export function expiresAt(r: DelegationRequestRecord, settings: IamSettings): number {
  if (r.expiredAt !== undefined) return Date.parse(r.expiredAt);
  const life = r.state === 'UNASSIGNED' ? settings.delegationUnassignedMs : settings.delegationInactiveMs;
  return Date.parse(r.stateChangedAt) + life;
}

/** The state a reader sees: the stored one, or EXPIRED once its time has come. */
export function stateOf(r: DelegationRequestRecord, now: Date, settings: IamSettings): DelegationState {
  if (r.state === 'EXPIRED') return 'EXPIRED';
  return now.getTime() >= expiresAt(r, settings) ? 'EXPIRED' : r.state;
}

export const isTerminal = (s: DelegationState) => TERMINAL.has(s);

/** The request as GetDelegationRequest and ListDelegationRequests answer it. */
export function delegationRequestShape(r: DelegationRequestRecord, now: Date, settings: IamSettings): DelegationRequest {
  return {
    DelegationRequestId: r.id,
    ...(r.ownerAccountId ? { OwnerAccountId: r.ownerAccountId } : {}),
    Description: r.description,
    ...(r.requestMessage !== undefined ? { RequestMessage: r.requestMessage } : {}),
    Permissions: { PolicyTemplateArn: r.permissions.PolicyTemplateArn, ...(r.permissions.Parameters.length ? { Parameters: r.permissions.Parameters } : {}) },
    PermissionPolicy: r.permissionPolicy,
    ...(r.rolePermissionRestrictionArns?.length ? { RolePermissionRestrictionArns: r.rolePermissionRestrictionArns } : {}),
    ...(r.ownerId ? { OwnerId: r.ownerId } : {}),
    ...(r.approver ? { ApproverId: r.approver.arn } : {}),
    State: stateOf(r, now, settings),
    ExpirationTime: new Date(expiresAt(r, settings)),
    RequestorId: r.requestorAccountId,
    ...(r.requestorName ? { RequestorName: r.requestorName } : {}),
    CreateDate: new Date(r.createDate),
    SessionDuration: r.sessionDuration,
    ...(r.redirectUrl ? { RedirectUrl: r.redirectUrl } : {}),
    ...(r.notes !== undefined ? { Notes: r.notes } : {}),
    ...(r.rejectionReason !== undefined ? { RejectionReason: r.rejectionReason } : {}),
    OnlySendByOwner: r.onlySendByOwner,
    UpdatedTime: new Date(r.updatedTime),
  };
}

export const noSuchDelegationRequest = (id: string) => new NoSuchEntityException(`The delegation request with id ${id} cannot be found.`);

/**
 * Who may read a request (API Reference, GetDelegationRequest): anyone while it has no owner account;
 * the owner account's identities once it has one; and the partner that made it. Anyone else is
 * told it does not exist.
 */
export function canSee(r: DelegationRequestRecord, caller: Caller): boolean {
  return !r.ownerAccountId || r.ownerAccountId === caller.accountId || r.requestorAccountId === caller.accountId;
}

/**
 * The request a customer acts on (associate, accept, reject, update, send): it must exist and, once
 * it has an owner account, the caller must be of it; otherwise it does not exist for the caller.
 */
export async function customerRequest(t: StoreTables, id: string, caller: Caller): Promise<DelegationRequestRecord> {
  const r = await t.delegationRequests.get(id);
  if (!r || (r.ownerAccountId !== undefined && r.ownerAccountId !== caller.accountId)) throw noSuchDelegationRequest(id);
  return r;
}

/** The request after a change of state at `now`. */
export function moved(r: DelegationRequestRecord, state: DelegationState, now: Date, changes: Partial<DelegationRequestRecord> = {}): DelegationRequestRecord {
  const at = now.toISOString();
  return { ...r, ...changes, state, updatedTime: at, stateChangedAt: at };
}

export function wrongState(id: string, state: DelegationState, operation: string): InvalidInputException {
  return new InvalidInputException(`Delegation request ${id} is in state ${state}; ${operation} cannot be performed on it.`);
}

/** arn:PARTITION:sns:REGION:ACCOUNT:TOPIC, TOPIC of 1–256 letters, digits, hyphens and underscores (a .fifo suffix allowed). */
const SNS_TOPIC_ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):sns:[a-z]{2}(-[a-z]+)+-\d:(\d{12}):([A-Za-z0-9_-]{1,256}(\.fifo)?)$/;

/**
 * Only SNS topic ARNs are accepted as the notification channel (API Reference,
 * CreateDelegationRequest); the account the ARN names is the one whose root reads its messages.
 */
export function topicAccount(channel: string): string {
  const m = SNS_TOPIC_ARN.exec(channel);
  if (!m) throw new InvalidInputException(`Invalid notification channel ${channel}: only Amazon SNS topic ARNs are accepted.`);
  return m[3];
}

const PLACEHOLDER = /@\{([^}]*)\}/g;
type Parameter = DelegationRequestRecord['permissions']['Parameters'][number];

/**
 * A policy template rendered with the request's parameters (IAM User Guide, "Policy templates"):
 * `@{name}` in any string is replaced by a string parameter's value; a string that is exactly
 * `@{name}` of a stringList parameter becomes its values (spliced into the array it is in, or an
 * array in its place). Every placeholder needs its parameter and every parameter its placeholder.
 */
export function renderTemplate(template: string, parameters: Parameter[]): string {
  const byName = new Map<string, Parameter>();
  for (const p of parameters) {
    if (byName.has(p.Name)) throw new InvalidInputException(`Duplicate policy parameter name ${p.Name}.`);
    if (p.Type === 'string' && p.Values.length !== 1) throw new InvalidInputException(`Policy parameter ${p.Name} of type string must have exactly one value.`);
    if (p.Type === 'stringList' && p.Values.length === 0) throw new InvalidInputException(`Policy parameter ${p.Name} of type stringList must have at least one value.`);
    byName.set(p.Name, p);
  }
  const used = new Set<string>();
  const param = (name: string) => {
    const p = byName.get(name);
    if (!p) throw new InvalidInputException(`The policy template needs a value for the parameter ${name}.`);
    used.add(name);
    return p;
  };
  const renderString = (s: string): string | string[] => {
    const whole = /^@\{([^}]*)\}$/.exec(s);
    if (whole && param(whole[1]).Type === 'stringList') return byName.get(whole[1])!.Values;
    return s.replace(PLACEHOLDER, (_m, name: string) => {
      const p = param(name);
      if (p.Type !== 'string') throw new InvalidInputException(`The stringList parameter ${name} can only stand for a whole value in the policy template.`);
      return p.Values[0];
    });
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return renderString(v);
    if (Array.isArray(v)) return v.flatMap((x) => { const r = walk(x); return typeof x === 'string' && Array.isArray(r) ? r : [r]; });
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const key = renderString(k);
        if (Array.isArray(key)) throw new InvalidInputException(`The stringList parameter in ${k} can only stand for a value in the policy template.`);
        out[key] = walk(x);
      }
      return out;
    }
    return v;
  };
  let doc: unknown;
  try { doc = JSON.parse(template); } catch { throw new InvalidInputException('The policy template is not a JSON policy document.'); }
  const rendered = JSON.stringify(walk(doc));
  for (const name of byName.keys()) if (!used.has(name)) throw new InvalidInputException(`The policy template has no parameter named ${name}.`);
  if (rendered.length > RENDERED_POLICY_MAX) throw new InvalidInputException(`The rendered permission policy is ${rendered.length} characters; it must not exceed ${RENDERED_POLICY_MAX}.`);
  const parsed = parsePolicy(rendered, 'identity');
  if (!parsed.ok) throw new InvalidInputException(`The rendered permission policy is not valid: ${parsed.errors[0].message}`);
  return rendered;
}

/** A fresh exchange token and the hash it is found by. */
export function newExchangeToken(): { token: string; hash: string } {
  const token = `IAMDT${randomBytesPooled(48).toString('base64url')}`;
  return { token, hash: tokenHash(token) };
}

export const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Keeps the message IAM would publish to the request's SNS topic: its id, workflow id and new
 * state, and on FINALIZED the exchange token, sealed (rolegate has no SNS: the topic account's root
 * reads them at GET /_rolegate/iam/delegation-notifications).
 */
export async function publishState(t: StoreTables, sealer: Sealer | undefined, r: DelegationRequestRecord, now: Date, token?: string): Promise<void> {
  await t.delegationRequests.publish({
    topicArn: r.notificationChannel,
    topicAccountId: topicAccount(r.notificationChannel),
    publishedAt: now.toISOString(),
    delegationRequestId: r.id,
    message: { DelegationRequestId: r.id, RequestorWorkflowId: r.workflowId, State: r.state, ...(r.ownerAccountId ? { OwnerAccountId: r.ownerAccountId } : {}) },
    ...(token !== undefined && sealer ? { sealedToken: sealer.seal(token) } : {}),
  });
}

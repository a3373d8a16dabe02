// What the in-process authorize tests share: a real SQLite store holding IAM users, roles, groups
// and managed policies as IAM's handlers write them, the callers authentication would find, and a
// run of the authorize step that collects its decision records and the error it answers.
import type { AwsError } from '../../src/protocol/errors.js';
import { authorize, type AuthorizeInput } from '../../src/authz/authorize.js';
import type { DecisionRecord, EnforceMode } from '../../src/shared/decision-record.js';
import type { Caller, SessionClaims } from '../../src/shared/caller.js';
import type { Store, Tag } from '../../src/store/types.js';
import { tempSqliteStore } from '../support/temp-store.js';

export const A1 = '111122223333';
export const A2 = '444455556666';
export const NOW = new Date('2026-06-01T12:00:00.000Z');

export const policy = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: '2012-10-17', Statement });
export const allow = (Action: string | string[], Resource: string | string[] = '*', extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
export const deny = (Action: string | string[], Resource: string | string[] = '*', extra: Record<string, unknown> = {}) => ({ Effect: 'Deny', Action, Resource, ...extra });

export interface Fixture {
  store: Store;
  close(): Promise<void>;
  user(name: string, opts?: { boundary?: string; tags?: Tag[]; account?: string }): Promise<Caller>;
  role(name: string, trust: string, opts?: { boundary?: string; tags?: Tag[]; account?: string }): Promise<{ arn: string; id: string }>;
  managed(name: string, document: string, account?: string): Promise<string>;
  inline(owner: 'user' | 'role' | 'group', name: string, document: string, account?: string): Promise<void>;
  attach(owner: 'user' | 'role' | 'group', name: string, policyArn: string, account?: string): Promise<void>;
  group(name: string, members: string[], account?: string): Promise<void>;
}

let ids = 0;
const uniqueId = (prefix: string) => `${prefix}${String(++ids).padStart(17, '0')}`;

export function fixture(): Fixture {
  const { store, close } = tempSqliteStore('rolegate-authz-');
  const base = { path: '/', createDate: NOW.toISOString() };
  return {
    store,
    close,
    async user(name, opts = {}) {
      const account = opts.account ?? A1;
      const id = uniqueId('AIDA');
      const arn = `arn:aws:iam::${account}:user/${name}`;
      await store.users.create(account, { ...base, name, id, arn, tags: opts.tags ?? [], ...(opts.boundary ? { permissionsBoundary: opts.boundary } : {}) });
      return { accountId: account, arn, type: 'user', userId: id, userName: name, accessKeyId: uniqueId('AKIA') };
    },
    async role(name, trust, opts = {}) {
      const account = opts.account ?? A1;
      const id = uniqueId('AROA');
      const arn = `arn:aws:iam::${account}:role/${name}`;
      await store.roles.create(account, { ...base, name, id, arn, assumeRolePolicyDocument: trust, maxSessionDuration: 3600, tags: opts.tags ?? [], ...(opts.boundary ? { permissionsBoundary: opts.boundary } : {}) });
      return { arn, id };
    },
    async managed(name, document, account = A1) {
      const arn = `arn:aws:iam::${account}:policy/${name}`;
      await store.policies.create(account, {
        ...base, name, id: uniqueId('ANPA'), arn, defaultVersionId: 'v1', updateDate: base.createDate, tags: [],
        versions: [{ versionId: 'v1', document, createDate: base.createDate }], nextVersion: 2,
      });
      return arn;
    },
    async inline(owner, name, document, account = A1) {
      await store.links.put(account, `inline:${owner}`, name.toLowerCase(), 'p', JSON.stringify({ name: 'p', document }));
    },
    async attach(owner, name, policyArn, account = A1) {
      await store.links.put(account, `attached:${owner}`, name.toLowerCase(), policyArn, JSON.stringify({ name: policyArn.split('/').pop(), path: '/' }));
    },
    async group(name, members, account = A1) {
      await store.groups.create(account, { ...base, name, id: uniqueId('AGPA'), arn: `arn:aws:iam::${account}:group/${name}` });
      for (const m of members) await store.links.put(account, 'member', name, m.toLowerCase(), null);
    },
  };
}

export const rootOf = (account = A1): Caller => ({ accountId: account, arn: `arn:aws:iam::${account}:root`, type: 'root', userId: account, accessKeyId: uniqueId('AKIA') });

/** A role session as AssumeRole's token carries it. */
export function roleSession(role: { arn: string; id: string }, extra: Partial<SessionClaims> = {}): Caller {
  const [, , , , account, rest] = role.arn.split(':');
  const roleName = rest.split('/').pop()!;
  const arn = `arn:aws:sts::${account}:assumed-role/${roleName}/s1`;
  const session: SessionClaims = {
    accessKeyId: uniqueId('ASIA'), secretAccessKey: 'secret', accountId: account, kind: 'assumed-role', arn, userId: `${role.id}:s1`,
    roleArn: role.arn, roleId: role.id, roleName, sessionName: 's1', issuedAt: NOW.getTime() - 60_000, expiresAt: NOW.getTime() + 3_600_000, ...extra,
  };
  return { accountId: account, arn, type: 'assumed-role', userId: session.userId, accessKeyId: session.accessKeyId, session };
}

/** A session of `user` (GetSessionToken: kind `session`; GetFederationToken: `federated-user`). */
export function userSession(user: Caller, extra: Partial<SessionClaims> = {}): Caller {
  const session: SessionClaims = {
    accessKeyId: uniqueId('ASIA'), secretAccessKey: 'secret', accountId: user.accountId, kind: 'session', arn: user.arn, userId: user.userId,
    userName: user.userName, issuedAt: NOW.getTime() - 60_000, expiresAt: NOW.getTime() + 3_600_000, ...extra,
  };
  return { ...user, accessKeyId: session.accessKeyId, session };
}

export interface Outcome {
  error?: AwsError;
  records: DecisionRecord[];
}

/** One request through the authorize step: its error (none when allowed) and the decisions it recorded. */
export async function run(store: Store, caller: Caller, service: string, operation: string, input: Record<string, unknown>, extra: Partial<AuthorizeInput> & { enforce?: EnforceMode } = {}): Promise<Outcome> {
  const records: DecisionRecord[] = [];
  const { enforce = 'on', ...rest } = extra;
  try {
    await authorize({ caller, service, operation, input, region: 'us-east-1', receivedAt: NOW, requestId: 'req-1', sourceIp: '203.0.113.7', ...rest }, {
      store, enforce, decisions: { record: (r) => void records.push(r) },
    });
    return { records };
  } catch (e) {
    return { error: e as AwsError, records };
  }
}

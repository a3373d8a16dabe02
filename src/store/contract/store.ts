// The whole store as callers hold it: every aggregate's table, transactions, reset and close.
// Engine-neutral: an engine is named, never exposed; nothing here knows SQL, files or connections.
import type { AccessKeyTable } from './access-keys.js';
import type { AccountTable } from './accounts.js';
import type { DecisionTable } from './decisions.js';
import type { EntityTable } from './entities.js';
import type { JobTable } from './jobs.js';
import type { LinkTable } from './links.js';

/** What a transaction sees: the same tables, all changes committed together or not at all. */
export interface StoreTables {
  accounts: AccountTable;
  accessKeys: AccessKeyTable;
  roles: EntityTable<'role'>;
  users: EntityTable<'user'>;
  groups: EntityTable<'group'>;
  policies: EntityTable<'policy'>;
  instanceProfiles: EntityTable<'instance-profile'>;
  oidcProviders: EntityTable<'oidc-provider'>;
  links: LinkTable;
}

/**
 * Errors: what a caller must act on is an answer (`false`, `undefined`) or named where the method is
 * (a RangeError for a token the store did not hand out). Any other failure — the disk, a lock held
 * too long — rejects with an Error meant for the log; a `code` on it, when present, is the engine's
 * own, and callers must not branch on it.
 */
export interface Store extends StoreTables {
  /** Not part of a transaction: each append commits on its own. */
  decisions: DecisionTable;
  /** Not part of a transaction: each change commits on its own (see JobTable). */
  jobs: JobTable;
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Runs `fn` with tables whose changes commit together when it resolves, and are all undone when it
   * rejects (the rejection is passed on). Transactions run one at a time; a read made outside one
   * while it is open waits for it, so nobody sees a change that may still roll back.
   */
  transaction<T>(fn: (tx: StoreTables) => Promise<T>): Promise<T>;
  /** Removes all state (IAM, decisions, jobs), keeping the accounts and their root access keys. */
  reset(): Promise<void>;
  /** Waits for an open transaction, then lets the engine go; the store is not used after. */
  close(): Promise<void>;
}

// The links aggregate's contract: relations between IAM entities, by name or ARN as the caller
// keys them. Engine-neutral: no SQL and no engine types; the store gives the keys no meaning.

/** Relations between entities: attached managed policies, inline policies, group members. */
export type LinkKind =
  | 'attached:role' | 'attached:user' | 'attached:group'
  | 'inline:role' | 'inline:user' | 'inline:group'
  | 'member';

export interface LinkRecord { a: string; b: string; data: string | null }

/** Links of one kind in one account, keyed by (a, b) exactly as given; orders are byte orders. */
export interface LinkTable {
  /** Links from `a`, ordered by b. */
  from(accountId: string, kind: LinkKind, a: string): Promise<LinkRecord[]>;
  /** Links to `b`, ordered by a. */
  to(accountId: string, kind: LinkKind, b: string): Promise<LinkRecord[]>;
  get(accountId: string, kind: LinkKind, a: string, b: string): Promise<LinkRecord | undefined>;
  /** Creates the link or replaces its data. */
  put(accountId: string, kind: LinkKind, a: string, b: string, data: string | null): Promise<void>;
  delete(accountId: string, kind: LinkKind, a: string, b: string): Promise<boolean>;
  /** Removes every link from `a`; answers how many went. */
  deleteFrom(accountId: string, kind: LinkKind, a: string): Promise<number>;
  count(accountId: string, kind: LinkKind): Promise<number>;
}

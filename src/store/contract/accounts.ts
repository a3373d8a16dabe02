// The accounts aggregate's contract: the accounts this server hosts. Engine-neutral: no SQL and no
// engine types, so SQLite and PostgreSQL implement the same thing.

export interface Account { id: string; name: string; createDate: string }

export interface AccountTable {
  get(id: string): Promise<Account | undefined>;
  /** Creates the account or replaces it. */
  put(account: Account): Promise<void>;
  /** Every account, ordered by id. */
  list(): Promise<Account[]>;
}

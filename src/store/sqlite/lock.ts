// The async lock that serializes the store's transactions on its one connection, and the gates the
// tables await before each statement. It knows no SQL and no table.

/** Awaited by a table before each statement: waits while a transaction the caller is not in is open. */
export type Gate = () => Promise<void> | void;

/** The gate of the tables a transaction hands its function: they run inside it, so never wait. */
export const insideGate: Gate = () => undefined;

export class Lock {
  private tail: Promise<void> = Promise.resolve();
  held = false;
  /** The gate of the tables used outside a transaction. */
  readonly outsideGate: Gate = () => (this.held ? this.idle() : undefined);

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((r) => (release = r));
    await previous;
    this.held = true;
    try {
      return await fn();
    } finally {
      this.held = false;
      release();
    }
  }

  /** Resolves once no transaction is open. */
  async idle(): Promise<void> {
    while (this.held) await this.tail;
  }
}

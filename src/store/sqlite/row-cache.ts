// The read cache of row texts by key that the SQLite tables share; keys start with the table's
// letter (e, i: entities; k: access keys). It never reads the database itself.

/**
 * A read cache of row texts for lookups by key, kept by this process, the only writer of its file
 * but for `rolegate account`, which adds accounts and keys (a miss reads them) and changes root keys
 * (the access keys table reads a cached key again after a second). Writes drop their entries;
 * a rolled-back transaction drops everything, since its reads may have seen its own writes.
 */
export class RowCache {
  private rows = new Map<string, string>();
  private readonly clearListeners: (() => void)[] = [];
  onClear(listener: () => void): void {
    this.clearListeners.push(listener);
  }
  get(key: string): string | undefined {
    return this.rows.get(key);
  }
  /** The cached text for `key`, else what `load` reads (kept when found). */
  read(key: string, load: () => string | undefined): string | undefined {
    let data = this.rows.get(key);
    if (data === undefined) {
      data = load();
      if (data !== undefined) this.set(key, data);
    }
    return data;
  }
  set(key: string, data: string): void {
    if (this.rows.size >= 50_000) this.rows.clear();
    this.rows.set(key, data);
  }
  drop(key: string): void {
    this.rows.delete(key);
  }
  clear(): void {
    this.rows.clear();
    for (const l of this.clearListeners) l();
  }
}

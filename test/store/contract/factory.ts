// What a contract test is given by each engine: a way to open a fresh, empty store. The engines'
// test files supply it (SQLite: a new file; PostgreSQL: a new database); the cases never know which.
import { afterEach, beforeEach } from 'node:test';
import type { Store } from '../../../src/store/types.js';

export interface OpenedStore { store: Store; close(): Promise<void> }
export type StoreFactory = () => Promise<OpenedStore>;

/** A fresh store for every test of the calling suite; read it through the getter inside tests. */
export function freshStore(open: StoreFactory): () => Store {
  let opened: OpenedStore | undefined;
  beforeEach(async () => void (opened = await open()));
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });
  return () => {
    if (!opened) throw new Error('no store is open outside a test');
    return opened.store;
  };
}

export const A1 = '111122223333';
export const A2 = '444455556666';

// Whether any S3 row names a blob: an object version's segment or an upload's part, each an index
// lookup. The store's start-up sweep asks it per blob (src/store/blobs/files.ts removes the rest).
import type Database from 'better-sqlite3';
import type { Gate } from './lock.js';

export function sqliteBlobReferences(db: Database.Database, gate: Gate): (id: string) => Promise<boolean> {
  const named = db.prepare(
    'SELECT EXISTS (SELECT 1 FROM s3_segments WHERE blob = ?) OR EXISTS (SELECT 1 FROM s3_parts WHERE blob = ?)',
  ).pluck();
  return async (id) => {
    await gate();
    return named.get(id, id) === 1;
  };
}

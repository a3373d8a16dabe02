// The blob store's contract: object bodies as immutable blobs named by id, written from a stream and
// read back as one. A blob is durable before any row names it (written aside, synced, then put in
// place); a blob no row names is an orphan that the sweep removes. No SQL, no S3 semantics here.
import type { Readable } from 'node:stream';

export interface BlobStore {
  /**
   * Streams `body` into a new blob. `check` runs once every byte is on disk and synced, before the
   * blob is put in place: a throw there (a checksum that does not match) discards it and rejects
   * with the same error, as does a failing body. Memory does not grow with the body's size.
   */
  write(body: Readable, check?: (size: number) => void | Promise<void>): Promise<{ id: string; size: number }>;
  /**
   * Copies byte ranges of existing blobs (inclusive ends; `end = start - 1` is empty), in order, into
   * one new blob (CopyObject, UploadPartCopy). A range past its blob's end rejects with a RangeError.
   */
  copy(ranges: { id: string; start: number; end: number }[]): Promise<{ id: string; size: number }>;
  /**
   * The bytes `start` to `end` inclusive of a blob (the whole blob when no range is given). A missing
   * blob is an error on the stream; an id this store could not have made throws a RangeError.
   * `size`, the blob's whole size when the caller knows it (an object row keeps it), lets a small
   * blob be read whole in one go and kept in memory for the next reads (blobs never change).
   */
  read(id: string, range?: { start: number; end: number }, size?: number): Readable;
  /** Removes a blob; a blob already gone is not an error. */
  delete(id: string): Promise<void>;
  /**
   * Removes every blob being written when the process stopped and every blob no row names
   * (`referenced` is asked per blob id), of those older than the sweep: another node sharing the
   * folder may be writing one, or storing the row that names it. Called at start-up before any
   * request is served.
   */
  sweep(referenced: (id: string) => Promise<boolean>): Promise<{ removed: number }>;
  /** Removes every blob (the store's reset). */
  clear(): Promise<void>;
}

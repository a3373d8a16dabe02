// The decision log's contract: authorization decisions appended in batches, read newest first or
// followed by sequence number. Engine-neutral: no SQL and no engine types; records are kept whole.
import type { DecisionFilter, DecisionRecord } from '../../shared/decision-record.js';
import type { Page } from './page.js';

/** The decision log's rows: appended in batches, read newest first. */
export interface DecisionTable {
  /** Appends the records in order, all or none; each takes the next sequence number. */
  append(records: readonly DecisionRecord[]): Promise<void>;
  /** Newest first; the marker continues after the last record of the previous page. */
  list(filter: DecisionFilter, options: { marker?: string; maxItems: number }): Promise<Page<DecisionRecord>>;
  /** Records with a sequence number above `afterSeq`, oldest first (for following the log). */
  since(afterSeq: number, maxItems: number): Promise<{ seq: number; record: DecisionRecord }[]>;
  /** The highest sequence number written so far (0 when empty). */
  lastSeq(): Promise<number>;
}

// The Pinpoint handler table: each area's handlers (one folder per area), checked against the
// generated operation types. An operation no area serves answers NotImplemented.
import type { Operations } from '../../generated/pinpoint/operations.js';
import type { ServiceHandlers } from '../types.js';
import { handlers as apps } from './apps/index.js';

export const handlers = { ...apps } satisfies ServiceHandlers<Operations>;

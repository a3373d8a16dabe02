// Pinpoint's endpoints: handlers to come.
import type { Operations } from '../../../generated/pinpoint/operations.js';
import type { ServiceHandlers } from '../../types.js';

export const handlers = {} satisfies ServiceHandlers<Operations>;

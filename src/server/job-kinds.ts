// The kinds of background job rolegate runs, one entry per kind (Pinpoint's imports and exports,
// Firehose's delivery will stand here). A kind's step gets the store and the acting-for-a-customer
// functions, so it reaches other services only through the customer's role and the authorize step.
import type { JobKind } from '../jobs/types.js';
import type { Store } from '../store/types.js';
import type { Acting } from '../shared/acting.js';

/** What every step is handed besides its job. */
export interface JobDeps {
  store: Store;
  acting: Acting;
}

export const jobKinds: readonly JobKind<any, any, JobDeps>[] = [];

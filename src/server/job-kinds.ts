// The kinds of background job rolegate runs, one entry per kind (Pinpoint's imports and exports,
// Firehose's delivery will stand here). A kind's step gets the store and the acting-for-a-customer
// functions, so it reaches other services only through the customer's role and the authorize step.
import type { JobKind } from '../jobs/types.js';
import type { Store } from '../store/types.js';
import type { Acting } from '../shared/acting.js';
import type { ServiceSettings } from '../shared/service-settings.js';
import { DELIVERY_JOB_KIND, deliveryStep, type DeliveryInput } from '../services/firehose/delivery.js';

/** What every step is handed besides its job. */
export interface JobDeps {
  store: Store;
  acting: Acting;
  /** The services' delays and retry timings (a step that is handed none uses the defaults). */
  settings?: ServiceSettings;
}

/** Firehose's delivery of one delivery stream: its buffer to S3, as the stream's role (src/services/firehose/delivery.ts). */
const firehoseDelivery: JobKind<null, DeliveryInput, JobDeps> = {
  kind: DELIVERY_JOB_KIND,
  step: (job, ctx) => deliveryStep(job.input, { store: ctx.store, acting: ctx.acting, settings: ctx.settings, now: ctx.now() }),
};

export const jobKinds: readonly JobKind<any, any, JobDeps>[] = [firehoseDelivery];

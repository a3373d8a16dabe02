// The kinds of background job rolegate runs, one entry per kind: Firehose's delivery, Pinpoint's
// imports, exports and event delivery, IAM's delegation request expiry. A kind's step gets the
// store and the acting-for-a-customer functions, so it reaches other services only through the
// customer's role and the authorize step.
import type { JobKind } from '../jobs/types.js';
import type { Store } from '../store/types.js';
import type { Acting } from '../shared/acting.js';
import type { ServiceSettings } from '../shared/service-settings.js';
import { DELIVERY_JOB_KIND, deliveryStep, type DeliveryInput } from '../services/firehose/delivery.js';
import { IMPORT_JOB_KIND, importStep, type ImportInput } from '../services/pinpoint/jobs/import.js';
import { EXPORT_JOB_KIND, exportStep, type ExportInput } from '../services/pinpoint/jobs/export.js';
import { EVENTS_JOB_KIND, eventsDeliveryStep, type EventsDeliveryInput } from '../services/pinpoint/events/delivery.js';
import { DELEGATION_EXPIRY_JOB_KIND, delegationExpiryStep, type DelegationExpiryInput } from '../services/iam/delegation-expiry.js';

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

const pinpointDeps = (ctx: JobDeps & { now(): number; signal: AbortSignal }) => ({ store: ctx.store, acting: ctx.acting, settings: ctx.settings, now: ctx.now(), signal: ctx.signal });

/** Pinpoint's import jobs: objects read from S3 as the job's role, endpoints written piece by piece (src/services/pinpoint/jobs/import.ts). */
const pinpointImport: JobKind<null, ImportInput, JobDeps> = { kind: IMPORT_JOB_KIND, step: (job, ctx) => importStep(job.input, pinpointDeps(ctx)) };

/** Pinpoint's export jobs: a segment's endpoints written to S3 as the job's role (src/services/pinpoint/jobs/export.ts). */
const pinpointExport: JobKind<null, ExportInput, JobDeps> = { kind: EXPORT_JOB_KIND, step: (job, ctx) => exportStep(job.input, pinpointDeps(ctx)) };

/** Pinpoint's delivery of an app's events to its event stream, as the stream's role (src/services/pinpoint/events/delivery.ts). */
const pinpointEvents: JobKind<null, EventsDeliveryInput, JobDeps> = { kind: EVENTS_JOB_KIND, step: (job, ctx) => eventsDeliveryStep(job.input, pinpointDeps(ctx)) };

/** IAM: a delegation request stored EXPIRED, and its partner told, when its time comes (src/services/iam/delegation-expiry.ts). */
const delegationExpiry: JobKind<null, DelegationExpiryInput, JobDeps> = {
  kind: DELEGATION_EXPIRY_JOB_KIND,
  step: (job, ctx) => delegationExpiryStep(job.input, { store: ctx.store, settings: ctx.settings?.iam, now: ctx.now() }),
};

export const jobKinds: readonly JobKind<any, any, JobDeps>[] = [firehoseDelivery, pinpointImport, pinpointExport, pinpointEvents, delegationExpiry];

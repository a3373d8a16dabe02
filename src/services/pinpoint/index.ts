// The Pinpoint handler table: each area's handlers (one folder per area), checked against the
// generated operation types. An operation no area serves answers NotImplemented.
import type { Operations } from '../../generated/pinpoint/operations.js';
import type { ServiceHandlers } from '../types.js';
import { handlers as apps } from './apps/index.js';
import { handlers as endpoints } from './endpoints/index.js';
import { handlers as segments } from './segments/index.js';
import { handlers as jobs } from './jobs/index.js';
import { handlers as events } from './events/index.js';
import { handlers as recommenders } from './recommenders/index.js';
import { handlers as channels } from './channels/index.js';
import { handlers as templates } from './templates/index.js';

export const handlers = { ...apps, ...endpoints, ...segments, ...jobs, ...events, ...recommenders, ...channels, ...templates } satisfies ServiceHandlers<Operations>;

// The maps of the services decided through the generic schema, by rolegate's service name.
// IAM and STS keep request builders of their own (iam-request.ts, sts-request.ts).
import type { ServiceMap } from './schema.js';

export const serviceMaps: Record<string, ServiceMap> = {};

// The maps of the services decided through the generic schema, by rolegate's service name.
// IAM and STS have request builders of their own (src/authz/request-builders.ts).
import type { ServiceMap } from './schema.js';

export const serviceMaps: Record<string, ServiceMap> = {};

// The maps of every service rolegate serves, by rolegate's service name, all in the one schema.
import type { ServiceMap } from './schema.js';
import { iamMap } from './iam.js';
import { stsMap } from './sts.js';

export const serviceMaps: Record<string, ServiceMap> = { iam: iamMap, sts: stsMap };

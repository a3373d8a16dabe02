// The S3 handler table: buckets, their configurations, objects, listings and multipart uploads,
// each checked against the generated operation types.
import type { Operations } from '../../generated/s3/operations.js';
import type { ServiceHandlers } from '../types.js';
import { bucketHandlers } from './buckets.js';
import { bucketConfigHandlers } from './bucket-config.js';
import { objectHandlers } from './objects.js';
import { listingHandlers } from './listing.js';
import { multipartHandlers } from './multipart.js';
import { objectLockHandlers } from './object-lock.js';

export const handlers: ServiceHandlers<Operations> = {
  ...bucketHandlers,
  ...bucketConfigHandlers,
  ...objectHandlers,
  ...listingHandlers,
  ...multipartHandlers,
  ...objectLockHandlers,
};

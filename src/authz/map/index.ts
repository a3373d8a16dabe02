// The maps of every service rolegate serves, by rolegate's service name, all in the one schema.
import type { ServiceMap } from './schema.js';
import { iamMap } from './iam.js';
import { stsMap } from './sts.js';
import { s3Map } from './s3.js';
import { kinesisMap } from './kinesis.js';
import { firehoseMap } from './firehose.js';
import { pinpointMap } from './pinpoint.js';

export const serviceMaps: Record<string, ServiceMap> = { iam: iamMap, sts: stsMap, s3: s3Map, firehose: firehoseMap, kinesis: kinesisMap, pinpoint: pinpointMap };

/** Services that word their AccessDenied otherwise than IAM (see AuthzRequest.denialWording). */
export const denialWordings: Record<string, 'details-in-account'> = { s3: 'details-in-account' };

// A service as the protocol layer knows it: its linked model, its codec and how its requests are
// found. Handlers and everything past authentication are not here (the server joins them).
import type { Codec } from './codec.js';
import type { ResolvedService } from './resolved.js';

/** How a service's requests name their resource in the host, beside the path (a named strategy). */
export type HostStrategy = 's3-virtual-host';

/** What routing needs of a service: nothing of its codec or handlers. */
export interface RoutableService {
  /** rolegate's name for the service: the model's file name (`iam`, `s3`, `personalize-runtime`). */
  name: string;
  /** The SigV4 signing name its credential scope carries (`mobiletargeting` for Pinpoint). */
  signingName: string;
  /** Further signing names its endpoint rules use for some operations (S3's `s3express` for directory buckets). */
  signingAliases?: readonly string[];
  resolved: ResolvedService;
  hostStrategy?: HostStrategy;
}

export interface ProtocolService extends RoutableService {
  codec: Codec;
  /** The largest body buffered for one of its operations; streaming payloads are not buffered. */
  bodyLimit: number;
}

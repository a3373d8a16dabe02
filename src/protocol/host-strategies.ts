// Services that may name their resource in the host: S3's virtual-hosted style
// (`bucket.localhost:4577`, `bucket.s3.us-east-1.amazonaws.com`) becomes the path style it stands for.
// A named strategy, picked by the service table; generic routing never asks which service it is.
import type { HostStrategy } from './service.js';

export interface HostRewrite {
  /** The path-style path (`/bucket/key`) of a request to `host` with `rawPath`. */
  pathStyle(host: string, rawPath: string): string;
}

/** `bucket.s3.amazonaws.com`, `bucket.s3.REGION.amazonaws.com`, `bucket.s3-REGION.amazonaws.com`. */
const AWS_VIRTUAL_HOST = /^(.+)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$/;

/** The bucket a host names, or undefined for a host that names the server itself (path style). */
export function virtualHostBucket(host: string): string | undefined {
  let name = host.toLowerCase();
  if (name.startsWith('[')) return undefined; // an IPv6 literal
  const colon = name.lastIndexOf(':');
  if (colon !== -1) name = name.slice(0, colon);
  if (name.endsWith('.localhost')) {
    const bucket = name.slice(0, -'.localhost'.length);
    if (bucket === 's3') return undefined; // s3.localhost: the server itself
    return bucket.endsWith('.s3') ? bucket.slice(0, -3) : bucket;
  }
  return AWS_VIRTUAL_HOST.exec(name)?.[1];
}

export const hostStrategies: Record<HostStrategy, HostRewrite> = {
  's3-virtual-host': {
    pathStyle(host, rawPath) {
      const bucket = virtualHostBucket(host);
      if (!bucket) return rawPath;
      return rawPath === '/' || rawPath === '' ? `/${bucket}` : `/${bucket}${rawPath}`;
    },
  },
};

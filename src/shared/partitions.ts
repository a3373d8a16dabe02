// The partition of a request's region (aws, aws-cn, aws-us-gov …, from src/generated/partitions.ts),
// and ARNs between rolegate's own form and a partition's. rolegate keeps every ARN it makes in the
// `aws` partition; a request from another partition's region reads and writes them in its own
// (`arn:aws-cn:iam::…`), and its policies are matched against ARNs of that partition.
import { partitions } from '../generated/partitions.js';

export const DEFAULT_PARTITION = 'aws';

const byRegion = new Map<string, string>();
for (const p of partitions) for (const r of p.regions) byRegion.set(r, p.id);

/** The partition of a region: listed, else the first whose expression matches, else `aws` (as the SDK resolves it). Cached. */
export function partitionOf(region: string): string {
  const known = byRegion.get(region);
  if (known !== undefined) return known;
  let id = DEFAULT_PARTITION;
  for (const p of partitions) {
    if (p.regionRegex.test(region)) {
      id = p.id;
      break;
    }
  }
  // Regions are few, but a request names any text it likes: the cache stays bounded.
  if (byRegion.size < 1024) byRegion.set(region, id);
  return id;
}

const OWN = 'arn:aws:';

/** An ARN of rolegate's own form as `partition` shows it; any other text unchanged. */
export function arnInPartition(arn: string, partition: string): string {
  return partition === DEFAULT_PARTITION || !arn.startsWith(OWN) ? arn : `arn:${partition}:${arn.slice(OWN.length)}`;
}

/**
 * An ARN a request of `partition` wrote, in rolegate's own form: undefined when it names another
 * partition (`arn:aws:…` from aws-cn). Text that is not an ARN is returned unchanged.
 */
export function arnFromPartition(arn: string, partition: string): string | undefined {
  if (partition === DEFAULT_PARTITION || !arn.startsWith('arn:')) return arn;
  const end = arn.indexOf(':', 4);
  if (end === -1) return arn;
  if (end - 4 === partition.length && arn.startsWith(partition, 4)) return OWN + arn.slice(end + 1);
  return undefined;
}

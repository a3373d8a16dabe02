// A delivery stream's tags: up to 50 (Firehose tagging: "You can add up to 50 tags to each Firehose
// stream"), keys unique, a key given again replaces its value.
import type { Tag } from '../../generated/firehose/shapes.js';
import { LimitExceededException } from '../../generated/firehose/errors.js';

export const MAX_TAGS = 50;

export function mergeTags(name: string, current: readonly Tag[], added: readonly Tag[]): Tag[] {
  const byKey = new Map(current.map((t) => [t.Key, t]));
  for (const t of added) byKey.set(t.Key, { Key: t.Key, ...(t.Value !== undefined ? { Value: t.Value } : {}) });
  if (byKey.size > MAX_TAGS) throw new LimitExceededException(`Failed to add tags to Firehose ${name}: a Firehose stream can have at most ${MAX_TAGS} tags.`);
  return [...byKey.values()];
}

// Streams and shards as Kinesis describes them: the Shard shape with its hash-key and sequence-number
// ranges, and the enhanced-monitoring list. Shapes only; nothing here reads the store.
import type { Shard } from '../../generated/kinesis/shapes.js';
import type { ShardRecord, StreamRecord } from '../../store/types.js';
import { shardId } from '../../shared/kinesis-names.js';
import { endingSequenceNumber, startingSequenceNumber } from './sequence-numbers.js';

export function shardShape(s: ShardRecord, now: number): Shard {
  const shape: Shard = {
    ShardId: shardId(s.index),
    HashKeyRange: { StartingHashKey: s.startingHashKey, EndingHashKey: s.endingHashKey },
    SequenceNumberRange: { StartingSequenceNumber: startingSequenceNumber(s.createdAt, s.index) },
  };
  if (s.parent !== undefined) shape.ParentShardId = shardId(s.parent);
  if (s.adjacentParent !== undefined) shape.AdjacentParentShardId = shardId(s.adjacentParent);
  if (s.closedAt !== undefined && s.closedAt <= now) shape.SequenceNumberRange.EndingSequenceNumber = endingSequenceNumber(s.createdAt, s.index, s.closedAt);
  return shape;
}

/** EnhancedMonitoring as Kinesis lists it: one entry, the metrics enabled (none at first). */
export const enhancedMonitoring = (s: StreamRecord) => [{ ShardLevelMetrics: [...s.shardLevelMetrics] as never[] }];

/** EncryptionType, and the KeyId when there is one. */
export const encryptionOf = (s: StreamRecord) => ({ EncryptionType: s.encryption, ...(s.keyId !== undefined ? { KeyId: s.keyId } : {}) });

/** The Tag list Kinesis answers: sorted by key. */
export const tagList = (tags: Record<string, string>) => Object.keys(tags).sort().map((Key) => ({ Key, Value: tags[Key] }));

// The Kinesis Data Streams handler table, every operation of the model: streams, shards, records,
// iterators, tags, consumers and their SubscribeToShard event streams (enhanced fan-out), stream
// settings, the account's settings (the minimum throughput billing commitment) and resource
// policies, each checked against the generated operation types.
import type { Operations } from '../../generated/kinesis/operations.js';
import type { ServiceHandlers } from '../types.js';
import { accountSettingHandlers } from './account-settings.js';
import { consumerHandlers } from './consumers.js';
import { fanOutHandlers } from './fan-out.js';
import { policyHandlers } from './policies.js';
import { readingHandlers } from './reading.js';
import { recordHandlers } from './records.js';
import { settingHandlers } from './settings.js';
import { shardHandlers } from './shards.js';
import { streamHandlers } from './streams.js';
import { tagHandlers } from './tags.js';

export const handlers: ServiceHandlers<Operations> = {
  ...streamHandlers,
  ...shardHandlers,
  ...recordHandlers,
  ...readingHandlers,
  ...tagHandlers,
  ...consumerHandlers,
  ...settingHandlers,
  ...policyHandlers,
  ...accountSettingHandlers,
  ...fanOutHandlers,
};

// The Kinesis Data Streams handler table: streams, shards, records, iterators, tags, consumers,
// settings and resource policies, each checked against the generated operation types. Not served,
// so answering NotImplemented: SubscribeToShard (an HTTP/2 event stream), DescribeAccountSettings
// and UpdateAccountSettings (the minimum throughput billing commitment).
import type { Operations } from '../../generated/kinesis/operations.js';
import type { ServiceHandlers } from '../types.js';
import { accountSettingHandlers } from './account-settings.js';
import { consumerHandlers } from './consumers.js';
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
};

// Kinesis Data Streams' authorization map as data, one entry per operation of the model: the action
// is kinesis:<Operation> throughout (Service Authorization Reference, "Actions, resources, and
// condition keys for Amazon Kinesis Data Streams"); the resource is the stream, named by StreamName
// or StreamARN (the 2023 API takes either), or by the ListShards NextToken or GetRecords
// ShardIterator a call carries instead; the consumer for the enhanced fan-out operations; either for
// the ResourceARN operations. Resolvers (src/authz/resolvers/kinesis.ts) give the ARN's account, the
// resource's tags as aws:ResourceTag/* and its resource-based policy.
//
// Where the SAR's table lists no resource type (EnableEnhancedMonitoring, DisableEnhancedMonitoring,
// UpdateShardCount, UpdateStreamMode), rolegate still names the stream: a policy granting the action
// on `*` allows it as the SAR says, and one naming the stream (as AWS's own examples for resharding
// do) does too.
//
// Tags: CreateStream with Tags also needs kinesis:AddTagsToStream on the stream, and
// RegisterStreamConsumer with Tags kinesis:TagResource (CreateStream and RegisterStreamConsumer API
// Reference). AWS asks the latter on the consumer being registered, whose ARN (ending in its
// creation time) does not exist yet; rolegate asks it on the stream, as the map's further actions
// are: a policy granting kinesis:TagResource on `*` or on the stream allows it. Keys not supplied: kinesis:FisActionId,
// kinesis:FisInjectPercentage, kinesis:FisTargetArns (AWS FIS's InjectApiError only).
import type { KeySource, MapEntry, ResourceSource, ServiceMap } from './schema.js';

type Keys = Record<string, KeySource>;

const stream: ResourceSource = { resolver: 'kinesis:stream' };
const consumer: ResourceSource = { resolver: 'kinesis:consumer' };
const either: ResourceSource = { resolver: 'kinesis:resource' };

const requestTags: Keys = { 'aws:RequestTag/*': { family: 'kinesis:RequestTag' }, 'aws:TagKeys': { resolver: 'kinesis:TagKeys' } };
const removedTags: Keys = { 'aws:TagKeys': { resolver: 'kinesis:TagKeys' } };

const onStream = (op: string, context?: Keys): MapEntry => ({ action: `kinesis:${op}`, resource: stream, ...(context ? { context } : {}) });
const onConsumer = (op: string): MapEntry => ({ action: `kinesis:${op}`, resource: consumer });
const onEither = (op: string, context?: Keys): MapEntry => ({ action: `kinesis:${op}`, resource: either, ...(context ? { context } : {}) });
const onAccount = (op: string): MapEntry => ({ action: `kinesis:${op}`, resource: '*' });

export const kinesisMap: ServiceMap = {
  CreateStream: { ...onStream('CreateStream', requestTags), furtherActions: [{ action: 'kinesis:AddTagsToStream', when: ['Tags'] }] },
  DeleteStream: onStream('DeleteStream'),
  DescribeStream: onStream('DescribeStream'),
  DescribeStreamSummary: onStream('DescribeStreamSummary'),
  ListStreams: onAccount('ListStreams'),
  DescribeLimits: onAccount('DescribeLimits'),
  DescribeAccountSettings: onAccount('DescribeAccountSettings'),
  UpdateAccountSettings: onAccount('UpdateAccountSettings'),
  IncreaseStreamRetentionPeriod: onStream('IncreaseStreamRetentionPeriod'),
  DecreaseStreamRetentionPeriod: onStream('DecreaseStreamRetentionPeriod'),
  ListShards: onStream('ListShards'),
  SplitShard: onStream('SplitShard'),
  MergeShards: onStream('MergeShards'),
  UpdateShardCount: onStream('UpdateShardCount'),
  UpdateStreamMode: onStream('UpdateStreamMode'),
  UpdateMaxRecordSize: onStream('UpdateMaxRecordSize'),
  UpdateStreamWarmThroughput: onStream('UpdateStreamWarmThroughput'),
  PutRecord: onStream('PutRecord'),
  PutRecords: onStream('PutRecords'),
  GetShardIterator: onStream('GetShardIterator'),
  GetRecords: onStream('GetRecords'),
  AddTagsToStream: onStream('AddTagsToStream', requestTags),
  RemoveTagsFromStream: onStream('RemoveTagsFromStream', removedTags),
  ListTagsForStream: onStream('ListTagsForStream'),
  TagResource: onEither('TagResource', requestTags),
  UntagResource: onEither('UntagResource', removedTags),
  ListTagsForResource: onEither('ListTagsForResource'),
  StartStreamEncryption: onStream('StartStreamEncryption'),
  StopStreamEncryption: onStream('StopStreamEncryption'),
  EnableEnhancedMonitoring: onStream('EnableEnhancedMonitoring'),
  DisableEnhancedMonitoring: onStream('DisableEnhancedMonitoring'),
  RegisterStreamConsumer: { ...onStream('RegisterStreamConsumer', requestTags), furtherActions: [{ action: 'kinesis:TagResource', when: ['Tags'] }] },
  ListStreamConsumers: onStream('ListStreamConsumers'),
  DescribeStreamConsumer: onConsumer('DescribeStreamConsumer'),
  DeregisterStreamConsumer: onConsumer('DeregisterStreamConsumer'),
  SubscribeToShard: onConsumer('SubscribeToShard'),
  PutResourcePolicy: onEither('PutResourcePolicy'),
  GetResourcePolicy: onEither('GetResourcePolicy'),
  DeleteResourcePolicy: onEither('DeleteResourcePolicy'),
};

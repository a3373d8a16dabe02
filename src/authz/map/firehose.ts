// Firehose's authorization map as data: every operation is firehose:<Operation> on the delivery
// stream it names (arn:${Partition}:firehose:${Region}:${Account}:deliverystream/${DeliveryStreamName}),
// but ListDeliveryStreams, which the Service Authorization Reference ("Actions, resources, and
// condition keys for Amazon Data Firehose") lists with no resource type. The stream's tags are its
// aws:ResourceTag/* (src/authz/resolvers/firehose.ts); CreateDeliveryStream and TagDeliveryStream
// supply aws:RequestTag/* and aws:TagKeys, UntagDeliveryStream aws:TagKeys, as the SAR lists.
//
// The SAR lists no dependent action for CreateDeliveryStream or UpdateDestination, and the
// Developer Guide's access-control page asks for none: AWS does not check iam:PassRole on the
// RoleARNs a stream is given, so neither does rolegate. Firehose uses them by assuming them as
// firehose.amazonaws.com, which the role's trust policy decides.
import type { KeySource, MapEntry, ServiceMap } from './schema.js';

const stream = { resolver: 'firehose:deliverystream', name: 'DeliveryStreamName' } as const;
const requestTags: Record<string, KeySource> = { 'aws:RequestTag/*': { family: 'aws:RequestTag' }, 'aws:TagKeys': { resolver: 'aws:TagKeys' } };

const on = (op: string, context?: Record<string, KeySource>): MapEntry => ({ action: `firehose:${op}`, resource: stream, ...(context ? { context } : {}) });

export const firehoseMap: ServiceMap = {
  CreateDeliveryStream: on('CreateDeliveryStream', requestTags),
  DeleteDeliveryStream: on('DeleteDeliveryStream'),
  DescribeDeliveryStream: on('DescribeDeliveryStream'),
  ListDeliveryStreams: { action: 'firehose:ListDeliveryStreams', resource: '*' },
  ListTagsForDeliveryStream: on('ListTagsForDeliveryStream'),
  PutRecord: on('PutRecord'),
  PutRecordBatch: on('PutRecordBatch'),
  StartDeliveryStreamEncryption: on('StartDeliveryStreamEncryption'),
  StopDeliveryStreamEncryption: on('StopDeliveryStreamEncryption'),
  TagDeliveryStream: on('TagDeliveryStream', requestTags),
  UntagDeliveryStream: on('UntagDeliveryStream', { 'aws:TagKeys': { resolver: 'aws:TagKeys' } }),
  UpdateDestination: on('UpdateDestination'),
};

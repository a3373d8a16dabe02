// The Firehose handler table: one handler per operation, checked against the generated operation types.
import type { Operations } from '../../generated/firehose/operations.js';
import type { ServiceHandlers } from '../types.js';
import { CreateDeliveryStream } from './CreateDeliveryStream.js';
import { DeleteDeliveryStream } from './DeleteDeliveryStream.js';
import { DescribeDeliveryStream } from './DescribeDeliveryStream.js';
import { ListDeliveryStreams } from './ListDeliveryStreams.js';
import { ListTagsForDeliveryStream } from './ListTagsForDeliveryStream.js';
import { PutRecord } from './PutRecord.js';
import { PutRecordBatch } from './PutRecordBatch.js';
import { StartDeliveryStreamEncryption } from './StartDeliveryStreamEncryption.js';
import { StopDeliveryStreamEncryption } from './StopDeliveryStreamEncryption.js';
import { TagDeliveryStream } from './TagDeliveryStream.js';
import { UntagDeliveryStream } from './UntagDeliveryStream.js';
import { UpdateDestination } from './UpdateDestination.js';

export const handlers = {
  CreateDeliveryStream,
  DeleteDeliveryStream,
  DescribeDeliveryStream,
  ListDeliveryStreams,
  ListTagsForDeliveryStream,
  PutRecord,
  PutRecordBatch,
  StartDeliveryStreamEncryption,
  StopDeliveryStreamEncryption,
  TagDeliveryStream,
  UntagDeliveryStream,
  UpdateDestination,
} satisfies ServiceHandlers<Operations>;

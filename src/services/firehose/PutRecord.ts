import type { PutRecordInput, PutRecordOutput } from '../../generated/firehose/shapes.js';
import type { Handler } from '../types.js';
import { putRecords } from './records.js';

export const PutRecord: Handler<PutRecordInput, PutRecordOutput> = async (input, ctx) => {
  const { ids, encrypted } = await putRecords(ctx, input.DeliveryStreamName, [input.Record.Data]);
  return { RecordId: ids[0], Encrypted: encrypted };
};

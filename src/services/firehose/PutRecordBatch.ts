import type { PutRecordBatchInput, PutRecordBatchOutput } from '../../generated/firehose/shapes.js';
import { InvalidArgumentException } from '../../generated/firehose/errors.js';
import type { Handler } from '../types.js';
import { MAX_BATCH_BYTES, putRecords } from './records.js';

/**
 * Every record is committed with the others or none is, so no entry carries an ErrorCode: the
 * per-record failures AWS reports (ServiceUnavailableException when throttled, InternalFailure)
 * do not arise here, and FailedPutCount is 0.
 */
export const PutRecordBatch: Handler<PutRecordBatchInput, PutRecordBatchOutput> = async (input, ctx) => {
  let bytes = 0;
  for (const r of input.Records) bytes += r.Data.byteLength;
  if (bytes > MAX_BATCH_BYTES) throw new InvalidArgumentException('Records size exceeds 4 MB limit');
  const { ids, encrypted } = await putRecords(ctx, input.DeliveryStreamName, input.Records.map((r) => r.Data));
  return { FailedPutCount: 0, Encrypted: encrypted, RequestResponses: ids.map((RecordId) => ({ RecordId })) };
};

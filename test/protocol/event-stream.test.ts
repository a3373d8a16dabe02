// AWS's event stream encoding and the json protocol's event-stream output, in process, with the SDK's
// own decoder (@smithy/core's EventStreamCodec, which checks both CRCs) and the real
// @aws-sdk/client-kinesis reading SubscribeToShard's EventStream as the oracles.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventStreamCodec } from '@smithy/core/event-streams';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { KinesisClient, SubscribeToShardCommand, type SubscribeToShardEvent } from '@aws-sdk/client-kinesis';
import { encodeEventMessage } from '../../src/protocol/event-stream.js';
import { model as kinesisModel } from '../../src/generated/kinesis/model.js';
import { resolveService } from '../../src/protocol/resolved.js';
import { jsonCodec } from '../../src/protocol/json/codec.js';
import { AwsError } from '../../src/protocol/errors.js';
import { ResourceInUseException } from '../../src/generated/kinesis/errors.js';
import { inProcessClient } from '../support/sdk-round-trip.js';

const sdkCodec = new EventStreamCodec(toUtf8, fromUtf8);
const headersOf = (m: ReturnType<EventStreamCodec['decode']>) => Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, v.value]));

describe('event stream messages', () => {
  test("an empty message is AWS's 16-byte vector: lengths 16 and 0, then the prelude's and the message's CRC32", () => {
    assert.deepEqual([...encodeEventMessage([], new Uint8Array(0))], [0, 0, 0, 16, 0, 0, 0, 0, 5, 194, 72, 235, 125, 152, 200, 255]);
  });

  test('headers and payload read back through the SDK decoder, in order and as UTF-8', () => {
    const payload = Buffer.from('{"message":"é"}');
    const bytes = encodeEventMessage([[':event-type', 'SubscribeToShardEvent'], [':content-type', 'application/json'], [':message-type', 'event'], ['x-é', 'ü']], payload);
    assert.equal(bytes.readUInt32BE(0), bytes.length);
    const m = sdkCodec.decode(bytes);
    assert.deepEqual(headersOf(m), { ':event-type': 'SubscribeToShardEvent', ':content-type': 'application/json', ':message-type': 'event', 'x-é': 'ü' });
    assert.equal(Object.values(m.headers).every((h) => h.type === 'string'), true);
    assert.deepEqual(Buffer.from(m.body), payload);
  });

  test('every one-byte change is refused by the SDK decoder (a length or a CRC no longer matches)', () => {
    const bytes = encodeEventMessage([[':message-type', 'event'], [':event-type', 'e']], Buffer.from('{"a":1}'));
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] ^= 0x01;
      assert.throws(() => sdkCodec.decode(changed), Error, `byte ${i} changed`);
    }
  });

  test('refuses an empty header name and a header value over 32 KiB', () => {
    assert.throws(() => encodeEventMessage([['', 'v']], Buffer.alloc(0)), RangeError);
    assert.throws(() => encodeEventMessage([['h', 'v'.repeat(0x8000)]], Buffer.alloc(0)), RangeError);
  });
});

describe('the json protocol writes an event-stream output (Kinesis SubscribeToShard) that the SDK reads', () => {
  const resolved = resolveService(kinesisModel);
  const codec = jsonCodec(resolved);
  const op = resolved.operations.get('SubscribeToShard')!;
  const input = { ConsumerARN: 'arn:aws:kinesis:us-east-1:111122223333:stream/s/consumer/c:1700000000', ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' as const } };
  const first: SubscribeToShardEvent = {
    Records: [{ SequenceNumber: '49', ApproximateArrivalTimestamp: new Date(1_700_000_000_123), Data: new Uint8Array([0, 1, 255]), PartitionKey: 'é' }],
    ContinuationSequenceNumber: '49', MillisBehindLatest: 0,
  };
  const last: SubscribeToShardEvent = {
    Records: [], ContinuationSequenceNumber: '50', MillisBehindLatest: 7,
    ChildShards: [{ ShardId: 'shardId-000000000001', ParentShards: ['shardId-000000000000'], HashKeyRange: { StartingHashKey: '0', EndingHashKey: '1' } }],
  };
  const serve = (events: () => AsyncGenerator<unknown>) => inProcessClient(KinesisClient as never, () => codec.serializeOutput(op, { EventStream: events() }, 'req-es')) as KinesisClient;

  async function collect(k: KinesisClient) {
    const out = await k.send(new SubscribeToShardCommand(input));
    const seen: unknown[] = [];
    let error: unknown;
    try {
      for await (const e of out.EventStream!) seen.push(e);
    } catch (e) {
      error = e;
    }
    return { out, seen, error };
  }

  test('as application/vnd.amazon.eventstream with the request id, an initial-response event first', async () => {
    const res = codec.serializeOutput(op, { EventStream: (async function* () {})() }, 'req-1');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/vnd.amazon.eventstream');
    assert.equal(res.headers['x-amzn-requestid'], 'req-1');
    const chunks: Buffer[] = [];
    for await (const c of res.body as AsyncIterable<Buffer>) chunks.push(c);
    const m = sdkCodec.decode(Buffer.concat(chunks));
    assert.deepEqual(headersOf(m), { ':event-type': 'initial-response', ':content-type': 'application/json', ':message-type': 'event' });
    assert.equal(toUtf8(m.body), '{}');
  });

  test('each event reaches the SDK as written: records with their bytes, timestamps and keys, the continuation, ChildShards', async () => {
    const { out, seen, error } = await collect(serve(async function* () {
      yield { SubscribeToShardEvent: first };
      yield { SubscribeToShardEvent: last };
    }));
    assert.equal(error, undefined);
    assert.equal(out.$metadata.requestId, 'req-es');
    assert.deepEqual(seen, [{ SubscribeToShardEvent: first }, { SubscribeToShardEvent: last }]);
  });

  test('an error the stream models ends it as an exception message the SDK throws as that error', async () => {
    const { seen, error } = await collect(serve(async function* () {
      yield { SubscribeToShardEvent: first };
      throw new ResourceInUseException('Another active subscription took over.');
    }));
    assert.equal(seen.length, 1);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'ResourceInUseException');
    assert.equal(error.message, 'Another active subscription took over.');
  });

  test('an AWS error the stream does not model ends it as an error message with its code and message', async () => {
    const { error } = await collect(serve(async function* () {
      throw new AwsError('ThrottlingException', 'Rate exceeded');
    }));
    assert.equal((error as Error).name, 'ThrottlingException');
    assert.equal((error as Error).message, 'Rate exceeded');
  });

  test("a failure that is no AWS error ends it as the stream's modelled server fault (InternalFailureException), its detail only for the log", async () => {
    const heard: unknown[] = [];
    const failure = new Error('disk on fire');
    const c = inProcessClient(KinesisClient as never, () => codec.serializeOutput(op, {
      EventStream: (async function* () {
        yield { SubscribeToShardEvent: first };
        throw failure;
      })(),
    }, 'req-f', (e, requestId) => heard.push(e, requestId))) as KinesisClient;
    const { seen, error } = await collect(c);
    assert.equal(seen.length, 1);
    assert.equal((error as Error).name, 'InternalFailureException');
    assert.equal((error as Error).message, 'The request processing has failed because of an unknown error, exception or failure.');
    assert.deepEqual(heard, [failure, 'req-f']);
  });
});

// The AWS CLI v2 against Kinesis: create-stream, describe-stream-summary, put-record,
// get-shard-iterator and get-records, as a user would type them; and an error as the CLI prints it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startRolegate, TEST_ACCOUNT, type Rolegate } from '../../support/server.js';
import { awsCli, runCli, cliDiagnostic } from '../../support/cli.js';

const cli = awsCli();
let server: Rolegate;
before(async () => {
  server = await startRolegate();
});
after(async () => {
  if (server) await server.stop();
});

test('aws kinesis create-stream, put-record, get-shard-iterator and get-records carry a record through', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  const run = (...args: string[]) => {
    const r = runCli(cli, server.endpoint, server.credentials, ['kinesis', ...args]);
    assert.equal(r.status, 0, r.stderr);
    return r.json;
  };
  run('create-stream', '--stream-name', 'clicks', '--shard-count', '2');
  const summary = run('describe-stream-summary', '--stream-name', 'clicks').StreamDescriptionSummary;
  assert.equal(summary.StreamARN, `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/clicks`);
  assert.equal(summary.StreamStatus, 'ACTIVE');
  assert.equal(summary.OpenShardCount, 2);
  const put = run('put-record', '--stream-name', 'clicks', '--partition-key', 'user-1', '--data', 'hello from the CLI', '--cli-binary-format', 'raw-in-base64-out');
  assert.match(put.ShardId, /^shardId-00000000000[01]$/);
  assert.match(put.SequenceNumber, /^\d{56}$/);
  const it = run('get-shard-iterator', '--stream-name', 'clicks', '--shard-id', put.ShardId, '--shard-iterator-type', 'AT_SEQUENCE_NUMBER', '--starting-sequence-number', put.SequenceNumber);
  const got = run('get-records', '--shard-iterator', it.ShardIterator);
  assert.equal(got.Records.length, 1);
  assert.equal(Buffer.from(got.Records[0].Data, 'base64').toString(), 'hello from the CLI');
  assert.equal(got.Records[0].PartitionKey, 'user-1');
  assert.equal(got.Records[0].SequenceNumber, put.SequenceNumber);
  assert.equal(got.MillisBehindLatest, 0);
  assert.ok(got.NextShardIterator);
});

test('aws kinesis describe-stream-summary of a missing stream prints ResourceNotFoundException and exits non-zero', async (t) => {
  t.diagnostic(cliDiagnostic(cli));
  const r = runCli(cli, server.endpoint, server.credentials, ['kinesis', 'describe-stream-summary', '--stream-name', 'nope']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /ResourceNotFoundException/);
  assert.match(r.stderr, new RegExp(`Stream nope under account ${TEST_ACCOUNT} not found\\.`));
});

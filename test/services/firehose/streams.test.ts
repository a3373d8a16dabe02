// Firehose's delivery streams through @aws-sdk/client-firehose against a started server: create
// (sources, destinations, AWS's defaults, what rolegate refuses), describe (CREATING → ACTIVE from
// stored times), list (type filter, paging), delete (DELETING → gone, the name free again),
// UpdateDestination (version ids), tags and server-side encryption — each with its errors as AWS
// words them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDeliveryStreamCommand, DeleteDeliveryStreamCommand, DescribeDeliveryStreamCommand, ListDeliveryStreamsCommand,
  ListTagsForDeliveryStreamCommand, PutRecordCommand, StartDeliveryStreamEncryptionCommand, StopDeliveryStreamEncryptionCommand,
  TagDeliveryStreamCommand, UntagDeliveryStreamCommand, UpdateDestinationCommand,
} from '@aws-sdk/client-firehose';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';
import { createActive, FAST_FIREHOSE, roleArn, waitActive, waitFor } from './support.js';

const rg = useRolegate({ env: FAST_FIREHOSE });
// The states' own tests: CREATING and DELETING last long enough to be seen on a busy machine.
const slow = useRolegate({ env: { ...FAST_FIREHOSE, ROLEGATE_FIREHOSE_CREATE_MS: '2500', ROLEGATE_FIREHOSE_DELETE_MS: '2500' } });
const ROLE = roleArn('delivery');
const s3dest = (extra: Record<string, unknown> = {}) => ({ RoleARN: ROLE, BucketARN: 'arn:aws:s3:::out', ...extra });
const describeOf = async (name: string, server = rg.server) => (await server.firehose().send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }))).DeliveryStreamDescription!;

describe('CreateDeliveryStream', () => {
  it('makes a DirectPut stream, CREATING until the configured delay is over, with AWS’s defaults filled in', async () => {
    const fh = slow.server.firehose();
    const out = await fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'events', ExtendedS3DestinationConfiguration: s3dest() }));
    assert.equal(out.DeliveryStreamARN, 'arn:aws:firehose:us-east-1:111122223333:deliverystream/events');
    const creating = await describeOf('events', slow.server);
    assert.equal(creating.DeliveryStreamStatus, 'CREATING');
    await waitActive(fh, 'events');
    const d = await describeOf('events', slow.server);
    assert.equal(d.DeliveryStreamType, 'DirectPut');
    assert.equal(d.VersionId, '1');
    assert.ok(d.CreateTimestamp instanceof Date);
    assert.equal(d.LastUpdateTimestamp, undefined);
    assert.equal(d.HasMoreDestinations, false);
    assert.deepEqual(d.DeliveryStreamEncryptionConfiguration, { Status: 'DISABLED' });
    assert.equal(d.Destinations!.length, 1);
    const [dest] = d.Destinations!;
    assert.equal(dest.DestinationId, 'destinationId-000000000001');
    assert.deepEqual(dest.ExtendedS3DestinationDescription, {
      RoleARN: ROLE, BucketARN: 'arn:aws:s3:::out', BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 }, CompressionFormat: 'UNCOMPRESSED',
      EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' }, CloudWatchLoggingOptions: { Enabled: false }, S3BackupMode: 'Disabled',
    });
    // AWS answers the older description beside the extended one.
    assert.equal(dest.S3DestinationDescription?.BucketARN, 'arn:aws:s3:::out');
    assert.equal(dest.S3DestinationDescription?.CompressionFormat, 'UNCOMPRESSED');
  });

  it('takes the older S3DestinationConfiguration, tags, and a DirectPut throughput hint', async () => {
    const fh = rg.server.firehose();
    await fh.send(new CreateDeliveryStreamCommand({
      DeliveryStreamName: 'legacy', DeliveryStreamType: 'DirectPut', DirectPutSourceConfiguration: { ThroughputHintInMBs: 2 },
      S3DestinationConfiguration: s3dest({ Prefix: 'in/', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 }, CompressionFormat: 'GZIP' }),
      Tags: [{ Key: 'team', Value: 'data' }, { Key: 'flag' }],
    }));
    const d = await describeOf('legacy');
    assert.deepEqual(d.Destinations![0].ExtendedS3DestinationDescription?.BufferingHints, { SizeInMBs: 1, IntervalInSeconds: 60 });
    assert.equal(d.Destinations![0].ExtendedS3DestinationDescription?.Prefix, 'in/');
    assert.deepEqual(d.Source, { DirectPutSourceDescription: { ThroughputHintInMBs: 2 } });
    const tags = await fh.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 'legacy' }));
    assert.deepEqual(tags.Tags, [{ Key: 'flag' }, { Key: 'team', Value: 'data' }]);
  });

  it('answers ResourceInUseException for a name the account already has in the region', async () => {
    const fh = rg.server.firehose();
    await fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'taken', ExtendedS3DestinationConfiguration: s3dest() }));
    await rejectsWith(fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'taken', ExtendedS3DestinationConfiguration: s3dest() })),
      'ResourceInUseException', 400, 'Firehose taken under accountId 111122223333 already exists');
  });

  it('checks the model: names, buffering hints and ARNs answer ValidationException', async () => {
    const fh = rg.server.firehose();
    await rejectsWith(fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'bad name!', ExtendedS3DestinationConfiguration: s3dest() })), 'ValidationException', 400, /deliveryStreamName/);
    await rejectsWith(fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'big', ExtendedS3DestinationConfiguration: s3dest({ BufferingHints: { SizeInMBs: 129 } }) })), 'ValidationException', 400, /less than or equal to 128/);
    await rejectsWith(fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'slow', ExtendedS3DestinationConfiguration: s3dest({ BufferingHints: { IntervalInSeconds: 901 } }) })), 'ValidationException', 400, /less than or equal to 900/);
    await rejectsWith(fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'arn', ExtendedS3DestinationConfiguration: s3dest({ BucketARN: 'out' }) })), 'ValidationException', 400);
  });

  it('refuses with InvalidArgumentException what it cannot deliver: other compressions, destinations and sources', async () => {
    const fh = rg.server.firehose();
    await rejectsWith(fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'zip', ExtendedS3DestinationConfiguration: s3dest({ CompressionFormat: 'ZIP' }) })), 'InvalidArgumentException', 400, /CompressionFormat ZIP is not supported/);
    await rejectsWith(fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'none' })), 'InvalidArgumentException', 400, /A destination configuration must be specified/);
    await rejectsWith(fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'two', ExtendedS3DestinationConfiguration: s3dest(), S3DestinationConfiguration: s3dest() })), 'InvalidArgumentException', 400, /Only one destination/);
    await rejectsWith(fh.send(new CreateDeliveryStreamCommand({
      DeliveryStreamName: 'http', HttpEndpointDestinationConfiguration: { EndpointConfiguration: { Url: 'https://example.com' }, S3Configuration: s3dest() },
    })), 'InvalidArgumentException', 400, /HttpEndpointDestinationConfiguration is not supported/);
    await rejectsWith(fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'ks', DeliveryStreamType: 'KinesisStreamAsSource', ExtendedS3DestinationConfiguration: s3dest() })),
      'InvalidArgumentException', 400, /KinesisStreamSourceConfiguration is required/);
    await rejectsWith(fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'lambda', ExtendedS3DestinationConfiguration: s3dest({ ProcessingConfiguration: { Enabled: true } }) })), 'InvalidArgumentException', 400, /ProcessingConfiguration/);
    await rejectsWith(fh.send(new CreateDeliveryStreamCommand({
      DeliveryStreamName: 'expr', ExtendedS3DestinationConfiguration: s3dest({ Prefix: 'y=!{timestamp:yyyy}/' }),
    })), 'InvalidArgumentException', 400, 'Ths supplied prefix(es) do not satisfy the following constraint: ErrorOutputPrefix cannot be null or empty when Prefix contains expressions');
    const list = await fh.send(new ListDeliveryStreamsCommand({}));
    assert.deepEqual(list.DeliveryStreamNames, [], 'nothing refused was made');
  });
});

describe('DescribeDeliveryStream and ListDeliveryStreams', () => {
  it('answers ResourceNotFoundException, as AWS words it, for a stream the account does not have', async () => {
    await rejectsWith(rg.server.firehose().send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'nope' })), 'ResourceNotFoundException', 400,
      'Firehose nope under account 111122223333 not found.');
  });

  it('lists names in order, by type, in pages after ExclusiveStartDeliveryStreamName', async () => {
    const fh = rg.server.firehose();
    for (const n of ['c', 'a', 'b', 'd']) await fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: n, ExtendedS3DestinationConfiguration: s3dest() }));
    assert.deepEqual(await fh.send(new ListDeliveryStreamsCommand({})).then((o) => [o.DeliveryStreamNames, o.HasMoreDeliveryStreams]), [['a', 'b', 'c', 'd'], false]);
    const p1 = await fh.send(new ListDeliveryStreamsCommand({ Limit: 2 }));
    assert.deepEqual([p1.DeliveryStreamNames, p1.HasMoreDeliveryStreams], [['a', 'b'], true]);
    const p2 = await fh.send(new ListDeliveryStreamsCommand({ Limit: 2, ExclusiveStartDeliveryStreamName: 'b' }));
    assert.deepEqual([p2.DeliveryStreamNames, p2.HasMoreDeliveryStreams], [['c', 'd'], false]);
    assert.deepEqual((await fh.send(new ListDeliveryStreamsCommand({ DeliveryStreamType: 'KinesisStreamAsSource' }))).DeliveryStreamNames, []);
    assert.deepEqual((await fh.send(new ListDeliveryStreamsCommand({ DeliveryStreamType: 'DirectPut', Limit: 1 }))).DeliveryStreamNames, ['a']);
    // Streams are regional: another region lists none of them.
    const west = rg.server.firehose();
    west.config.region = async () => 'eu-west-1';
    assert.deepEqual((await west.send(new ListDeliveryStreamsCommand({}))).DeliveryStreamNames, []);
  });
});

describe('DeleteDeliveryStream', () => {
  it('refuses a stream still CREATING, then DELETING for the configured time, then gone with its name free', async () => {
    const fh = slow.server.firehose();
    await fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'temp', ExtendedS3DestinationConfiguration: s3dest() }));
    await rejectsWith(fh.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'temp' })), 'ResourceInUseException', 400, /cannot be deleted in CREATING state/);
    await waitActive(fh, 'temp');
    await fh.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'temp' }));
    assert.equal((await describeOf('temp', slow.server)).DeliveryStreamStatus, 'DELETING');
    await fh.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'temp' }));
    await rejectsWith(fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'temp', ExtendedS3DestinationConfiguration: s3dest() })), 'ResourceInUseException', 400);
    await waitFor('temp to be gone', async () => {
      try {
        await describeOf('temp', slow.server);
        return false;
      } catch (e) {
        return (e as Error).name === 'ResourceNotFoundException';
      }
    });
    await fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'temp', ExtendedS3DestinationConfiguration: s3dest() }));
    assert.equal((await describeOf('temp', slow.server)).VersionId, '1');
    await rejectsWith(fh.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'never' })), 'ResourceNotFoundException', 400, 'Firehose never under account 111122223333 not found.');
  });
});

describe('UpdateDestination', () => {
  it('changes the destination and its version; a stale version answers ConcurrentModificationException', async () => {
    const fh = rg.server.firehose();
    await createActive(fh, 'upd', 'out', ROLE, { BufferingHints: { SizeInMBs: 2, IntervalInSeconds: 60 } });
    await fh.send(new UpdateDestinationCommand({
      DeliveryStreamName: 'upd', CurrentDeliveryStreamVersionId: '1', DestinationId: 'destinationId-000000000001',
      ExtendedS3DestinationUpdate: { BufferingHints: { IntervalInSeconds: 10 }, CompressionFormat: 'GZIP', Prefix: 'gz/' },
    }));
    const d = await describeOf('upd');
    assert.equal(d.VersionId, '2');
    assert.ok(d.LastUpdateTimestamp instanceof Date);
    const dest = d.Destinations![0].ExtendedS3DestinationDescription!;
    assert.deepEqual([dest.BufferingHints, dest.CompressionFormat, dest.Prefix, dest.RoleARN], [{ SizeInMBs: 2, IntervalInSeconds: 10 }, 'GZIP', 'gz/', ROLE]);
    await rejectsWith(fh.send(new UpdateDestinationCommand({
      DeliveryStreamName: 'upd', CurrentDeliveryStreamVersionId: '1', DestinationId: 'destinationId-000000000001', S3DestinationUpdate: { Prefix: 'x/' },
    })), 'ConcurrentModificationException', 400, 'Cannot update firehose: upd since the current version id: 2 and specified version id: 1 do not match');
    await rejectsWith(fh.send(new UpdateDestinationCommand({
      DeliveryStreamName: 'upd', CurrentDeliveryStreamVersionId: '2', DestinationId: 'destinationId-000000000009', S3DestinationUpdate: { Prefix: 'x/' },
    })), 'InvalidArgumentException', 400, /Destination Id destinationId-000000000009 not found/);
    await rejectsWith(fh.send(new UpdateDestinationCommand({
      DeliveryStreamName: 'upd', CurrentDeliveryStreamVersionId: '2', DestinationId: 'destinationId-000000000001', ExtendedS3DestinationUpdate: { CompressionFormat: 'Snappy' },
    })), 'InvalidArgumentException', 400, /CompressionFormat Snappy is not supported/);
    assert.equal((await describeOf('upd')).VersionId, '2', 'a refused update changes nothing');
  });
});

describe('tags', () => {
  it('adds, replaces, removes and lists tags in pages; more than 50 answers LimitExceededException', async () => {
    const fh = rg.server.firehose();
    await fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'tagged', ExtendedS3DestinationConfiguration: s3dest(), Tags: [{ Key: 'a', Value: '1' }] }));
    await fh.send(new TagDeliveryStreamCommand({ DeliveryStreamName: 'tagged', Tags: [{ Key: 'a', Value: '2' }, { Key: 'b', Value: '3' }, { Key: 'c', Value: '' }] }));
    const all = await fh.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 'tagged' }));
    assert.deepEqual([all.Tags, all.HasMoreTags], [[{ Key: 'a', Value: '2' }, { Key: 'b', Value: '3' }, { Key: 'c', Value: '' }], false]);
    const page = await fh.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 'tagged', ExclusiveStartTagKey: 'a', Limit: 1 }));
    assert.deepEqual([page.Tags, page.HasMoreTags], [[{ Key: 'b', Value: '3' }], true]);
    await fh.send(new UntagDeliveryStreamCommand({ DeliveryStreamName: 'tagged', TagKeys: ['a', 'absent'] }));
    assert.deepEqual((await fh.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 'tagged' }))).Tags!.map((t) => t.Key), ['b', 'c']);
    const many = Array.from({ length: 48 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await rejectsWith(fh.send(new TagDeliveryStreamCommand({ DeliveryStreamName: 'tagged', Tags: many.concat({ Key: 'one-too-many', Value: 'v' }) })), 'LimitExceededException', 400);
    await fh.send(new TagDeliveryStreamCommand({ DeliveryStreamName: 'tagged', Tags: many }));
    await rejectsWith(fh.send(new TagDeliveryStreamCommand({ DeliveryStreamName: 'tagged', Tags: [{ Key: 'aws:x', Value: 'v' }] })), 'ValidationException', 400);
    await rejectsWith(fh.send(new TagDeliveryStreamCommand({ DeliveryStreamName: 'nope', Tags: [{ Key: 'x', Value: 'v' }] })), 'ResourceNotFoundException', 400);
  });
});

describe('Start/StopDeliveryStreamEncryption', () => {
  it('is ENABLING then ENABLED with the key asked for, then DISABLING then DISABLED; records report Encrypted', async () => {
    const fh = rg.server.firehose();
    await rg.server.s3().send(new CreateBucketCommand({ Bucket: 'out' }));
    await createActive(fh, 'sse', 'out', ROLE);
    await rejectsWith(fh.send(new StartDeliveryStreamEncryptionCommand({ DeliveryStreamName: 'sse', DeliveryStreamEncryptionConfigurationInput: { KeyType: 'CUSTOMER_MANAGED_CMK' } })),
      'InvalidArgumentException', 400, /KeyARN is required/);
    const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    await fh.send(new StartDeliveryStreamEncryptionCommand({ DeliveryStreamName: 'sse', DeliveryStreamEncryptionConfigurationInput: { KeyType: 'CUSTOMER_MANAGED_CMK', KeyARN: key } }));
    assert.deepEqual((await describeOf('sse')).DeliveryStreamEncryptionConfiguration, { KeyARN: key, KeyType: 'CUSTOMER_MANAGED_CMK', Status: 'ENABLING' });
    await waitFor('ENABLED', async () => (await describeOf('sse')).DeliveryStreamEncryptionConfiguration?.Status === 'ENABLED');
    const put = await fh.send(new PutRecordCommand({ DeliveryStreamName: 'sse', Record: { Data: Buffer.from('x') } }));
    assert.equal(put.Encrypted, true);
    await fh.send(new StopDeliveryStreamEncryptionCommand({ DeliveryStreamName: 'sse' }));
    assert.deepEqual((await describeOf('sse')).DeliveryStreamEncryptionConfiguration, { Status: 'DISABLING' });
    await waitFor('DISABLED', async () => (await describeOf('sse')).DeliveryStreamEncryptionConfiguration?.Status === 'DISABLED');
    assert.equal((await fh.send(new PutRecordCommand({ DeliveryStreamName: 'sse', Record: { Data: Buffer.from('y') } }))).Encrypted, false);
  });
});

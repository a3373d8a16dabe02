// The partition of a region, from AWS's partitions data as the SDK resolves it, and ARNs between
// rolegate's own `aws` form and a partition's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arnFromPartition, arnInPartition, partitionOf } from '../../src/shared/partitions.js';
import { partitions } from '../../src/generated/partitions.js';

test("each listed region belongs to AWS's partition for it", () => {
  const expected: Record<string, string> = {
    'us-east-1': 'aws', 'eu-west-1': 'aws', 'ap-southeast-7': 'aws', 'mx-central-1': 'aws',
    'cn-north-1': 'aws-cn', 'cn-northwest-1': 'aws-cn',
    'us-gov-west-1': 'aws-us-gov', 'us-gov-east-1': 'aws-us-gov',
    'us-iso-east-1': 'aws-iso', 'us-iso-west-1': 'aws-iso',
    'us-isob-east-1': 'aws-iso-b',
    'eu-isoe-west-1': 'aws-iso-e',
    'us-isof-south-1': 'aws-iso-f', 'us-isof-east-1': 'aws-iso-f',
    'eusc-de-east-1': 'aws-eusc',
  };
  for (const [region, partition] of Object.entries(expected)) assert.equal(partitionOf(region), partition, region);
});

test('a region not listed belongs to the partition whose expression matches it, else to aws', () => {
  assert.equal(partitionOf('cn-south-9'), 'aws-cn');
  assert.equal(partitionOf('us-gov-north-2'), 'aws-us-gov');
  assert.equal(partitionOf('us-isob-south-3'), 'aws-iso-b');
  assert.equal(partitionOf('eu-central-9'), 'aws');
  assert.equal(partitionOf('nowhere'), 'aws');
  assert.equal(partitionOf(''), 'aws');
  // Asked twice (the second from the cache), the answer is the same.
  assert.equal(partitionOf('cn-south-9'), 'aws-cn');
});

test('the table holds the eight partitions, each region in one of them', () => {
  assert.deepEqual(partitions.map((p) => p.id).sort(), ['aws', 'aws-cn', 'aws-eusc', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-us-gov']);
  const seen = new Set<string>();
  for (const p of partitions) for (const r of p.regions) {
    assert.ok(!seen.has(r), `${r} is listed twice`);
    seen.add(r);
  }
});

test("arnInPartition writes rolegate's ARNs in the partition and leaves other text alone", () => {
  assert.equal(arnInPartition('arn:aws:iam::111122223333:user/a', 'aws-cn'), 'arn:aws-cn:iam::111122223333:user/a');
  assert.equal(arnInPartition('arn:aws:s3:::b/k', 'aws-us-gov'), 'arn:aws-us-gov:s3:::b/k');
  assert.equal(arnInPartition('arn:aws:iam::111122223333:user/a', 'aws'), 'arn:aws:iam::111122223333:user/a');
  assert.equal(arnInPartition('arn:aws-cn:s3:::b', 'aws-cn'), 'arn:aws-cn:s3:::b');
  assert.equal(arnInPartition('*', 'aws-cn'), '*');
  assert.equal(arnInPartition('user reader', 'aws-cn'), 'user reader');
});

test("arnFromPartition reads an ARN of the partition into rolegate's form; another partition's is undefined", () => {
  assert.equal(arnFromPartition('arn:aws-cn:iam::aws:policy/ReadOnlyAccess', 'aws-cn'), 'arn:aws:iam::aws:policy/ReadOnlyAccess');
  assert.equal(arnFromPartition('arn:aws-iso-b:sts::111122223333:assumed-role/r/s', 'aws-iso-b'), 'arn:aws:sts::111122223333:assumed-role/r/s');
  assert.equal(arnFromPartition('arn:aws:iam::aws:policy/ReadOnlyAccess', 'aws-cn'), undefined);
  assert.equal(arnFromPartition('arn:aws-iso:s3:::b', 'aws-iso-b'), undefined);
  assert.equal(arnFromPartition('arn:aws-iso-b:s3:::b', 'aws-iso'), undefined);
  assert.equal(arnFromPartition('arn:aws-cn:s3:::b', 'aws'), 'arn:aws-cn:s3:::b');
  assert.equal(arnFromPartition('not-an-arn', 'aws-cn'), 'not-an-arn');
  assert.equal(arnFromPartition('arn:', 'aws-cn'), 'arn:');
});

test("the policy grammar takes resource ARNs of every partition in the table, and of no other", async () => {
  const { parsePolicy } = await import('../../src/policy/index.js');
  const doc = (partition: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:${partition}:s3:::b/*` }] });
  for (const p of partitions) assert.equal(parsePolicy(doc(p.id), 'identity').ok, true, p.id);
  assert.equal(parsePolicy(doc('aws-moon'), 'identity').ok, false);
});

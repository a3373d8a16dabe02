// The ARN members of a request from another partition: read into rolegate's form on the way in,
// shown in the partition on the way out, and nothing else touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readInputArns, showOutputArns } from '../../src/server/partition-view.js';

const invalid = (message: string) => new Error(message);

test('input ARN members (Arn, lists of Arns, nested, SerialNumber, PermissionsBoundary) are read into the aws form', () => {
  const input: Record<string, unknown> = {
    RoleArn: 'arn:aws-cn:iam::111122223333:role/r',
    PolicyArns: [{ arn: 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess' }],
    ResourceArns: ['arn:aws-cn:s3:::b/k', '*'],
    SerialNumber: 'arn:aws-cn:iam::111122223333:mfa/phone',
    PermissionsBoundary: 'arn:aws-cn:iam::111122223333:policy/b',
    Config: { DeliveryStreamARN: 'arn:aws-cn:firehose:cn-north-1:111122223333:deliverystream/d' },
    Description: 'arn:aws-cn:iam::111122223333:role/r',
    Tags: [{ Key: 'owner', Value: 'arn:aws-cn:iam::111122223333:user/u' }],
  };
  readInputArns(input, 'aws-cn', invalid);
  assert.deepEqual(input, {
    RoleArn: 'arn:aws:iam::111122223333:role/r',
    PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
    ResourceArns: ['arn:aws:s3:::b/k', '*'],
    SerialNumber: 'arn:aws:iam::111122223333:mfa/phone',
    PermissionsBoundary: 'arn:aws:iam::111122223333:policy/b',
    Config: { DeliveryStreamARN: 'arn:aws:firehose:cn-north-1:111122223333:deliverystream/d' },
    Description: 'arn:aws-cn:iam::111122223333:role/r',
    Tags: [{ Key: 'owner', Value: 'arn:aws-cn:iam::111122223333:user/u' }],
  });
});

test("an ARN member of another partition is refused with 'Invalid ARN partition'", () => {
  assert.throws(() => readInputArns({ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, 'aws-cn', invalid), /^Error: Invalid ARN partition$/);
  assert.throws(() => readInputArns({ Roles: [{ RoleArn: 'arn:aws-cn:iam::111122223333:role/r' }] }, 'aws-us-gov', invalid), /Invalid ARN partition/);
});

test("output ARN members are shown in the partition, in a copy: the handler's objects are left as they were", () => {
  const shared = { Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', PolicyName: 'ReadOnlyAccess' };
  const output = { Policies: [shared], Marker: 'arn:aws:x', User: { Arn: 'arn:aws:iam::111122223333:user/u', UserName: 'u', CreateDate: new Date(0) }, Body: Buffer.from('arn:aws:') };
  const shown = showOutputArns(output, 'aws-cn');
  assert.deepEqual(shown.Policies, [{ Arn: 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess', PolicyName: 'ReadOnlyAccess' }]);
  assert.equal(shown.User.Arn, 'arn:aws-cn:iam::111122223333:user/u');
  assert.ok(shown.User.CreateDate instanceof Date);
  assert.equal(shown.Marker, 'arn:aws:x');
  assert.equal(shown.Body, output.Body);
  assert.equal(shared.Arn, 'arn:aws:iam::aws:policy/ReadOnlyAccess');
  assert.equal(output.User.Arn, 'arn:aws:iam::111122223333:user/u');
  const unchanged = { UserName: 'u' };
  assert.equal(showOutputArns(unchanged, 'aws-cn'), unchanged);
  assert.equal(showOutputArns(undefined, 'aws-cn'), undefined);
});

test("who last changed a Pinpoint event stream and who started an S3 upload are shown in the partition; other ID members are not ARNs", () => {
  const stream = showOutputArns({ EventStream: { ApplicationId: 'a1', LastUpdatedBy: 'arn:aws:iam::111122223333:user/u', RoleArn: 'arn:aws:iam::111122223333:role/r' } }, 'aws-cn');
  assert.equal(stream.EventStream.LastUpdatedBy, 'arn:aws-cn:iam::111122223333:user/u');
  const uploads = showOutputArns({
    Uploads: [{ Initiator: { ID: 'arn:aws:iam::111122223333:user/u', DisplayName: 'u' }, Owner: { ID: '79a59df900b949e55d96a1e698fbaced' } }],
    Initiator: { ID: 'arn:aws:sts::111122223333:assumed-role/r/s' },
    Grant: { ID: 'arn:aws:not-an-initiator' },
  }, 'aws-us-gov');
  assert.equal(uploads.Uploads[0]!.Initiator.ID, 'arn:aws-us-gov:iam::111122223333:user/u');
  assert.equal(uploads.Uploads[0]!.Owner.ID, '79a59df900b949e55d96a1e698fbaced');
  assert.equal(uploads.Initiator.ID, 'arn:aws-us-gov:sts::111122223333:assumed-role/r/s');
  assert.equal(uploads.Grant.ID, 'arn:aws:not-an-initiator', 'an ID outside an Initiator is left as it is');
});

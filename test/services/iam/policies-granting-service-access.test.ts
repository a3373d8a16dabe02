// ListPoliciesGrantingServiceAccess through @aws-sdk/client-iam: per namespace asked, the inline and
// managed policies of a user (and its groups), group or role whose Allow statements grant some action
// of that service, shaped as AWS answers them; Marker paging; bad ARNs and missing entities.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddUserToGroupCommand, AttachGroupPolicyCommand, AttachRolePolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateGroupCommand,
  CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, ListPoliciesGrantingServiceAccessCommand, PutGroupPolicyCommand, PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const ACCOUNT = '111122223333';
const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[]) => ({ Effect: 'Allow', Action: action, Resource: '*' });
const grants = (r: { PoliciesGrantingServiceAccess?: { ServiceNamespace?: string; Policies?: { PolicyName?: string }[] }[] }) =>
  Object.fromEntries(r.PoliciesGrantingServiceAccess!.map((e) => [e.ServiceNamespace, e.Policies!.map((p) => p.PolicyName)]));

async function managed(name: string, document: string) {
  return (await rg.iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document }))).Policy!.Arn!;
}

describe('ListPoliciesGrantingServiceAccess', () => {
  test("a user's inline and managed policies and its group's, per namespace, shaped as AWS answers them", async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await rg.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'read-objects', PolicyDocument: doc(allow('s3:GetObject')) }));
    const ec2 = await managed('ec2-describe', doc(allow('ec2:Describe*')));
    await rg.iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: ec2 }));
    await rg.iam.send(new PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'streams', PolicyDocument: doc(allow(['kinesis:PutRecord', 's3:List*'])) }));
    const fh = await managed('firehose-all', doc(allow('firehose:*')));
    await rg.iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: fh }));
    const r = await rg.iam.send(new ListPoliciesGrantingServiceAccessCommand({
      Arn: `arn:aws:iam::${ACCOUNT}:user/alice`, ServiceNamespaces: ['s3', 'ec2', 'kinesis', 'firehose', 'iam'],
    }));
    assert.equal(r.IsTruncated, false);
    assert.deepEqual(r.PoliciesGrantingServiceAccess, [
      { ServiceNamespace: 's3', Policies: [
        { PolicyName: 'read-objects', PolicyType: 'INLINE', EntityType: 'USER', EntityName: 'alice' },
        { PolicyName: 'streams', PolicyType: 'INLINE', EntityType: 'GROUP', EntityName: 'devs' },
      ] },
      { ServiceNamespace: 'ec2', Policies: [{ PolicyName: 'ec2-describe', PolicyType: 'MANAGED', PolicyArn: ec2 }] },
      { ServiceNamespace: 'kinesis', Policies: [{ PolicyName: 'streams', PolicyType: 'INLINE', EntityType: 'GROUP', EntityName: 'devs' }] },
      { ServiceNamespace: 'firehose', Policies: [{ PolicyName: 'firehose-all', PolicyType: 'MANAGED', PolicyArn: fh }] },
      { ServiceNamespace: 'iam', Policies: [] },
    ]);
  });

  test('Action "*", NotAction, wildcards in action names, actions the service does not have and Deny statements are read as AWS grants', async () => {
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) }));
    await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'all-but-iam', PolicyDocument: doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) }));
    await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'deny-s3', PolicyDocument: doc({ Effect: 'Deny', Action: 's3:*', Resource: '*' }) }));
    await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'kin-star', PolicyDocument: doc(allow('kinesis:Get*')) }));
    await rg.iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'no-such-action', PolicyDocument: doc(allow('s3:Frobnicate')) }));
    const admin = await managed('admin', doc(allow('*')));
    await rg.iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: admin }));
    const r = await rg.iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:iam::${ACCOUNT}:role/r`, ServiceNamespaces: ['iam', 's3', 'kinesis', 'sts'] }));
    assert.deepEqual(grants(r), {
      iam: ['admin'],
      s3: ['all-but-iam', 'admin'],
      kinesis: ['all-but-iam', 'kin-star', 'admin'],
      sts: ['all-but-iam', 'admin'],
    });
    assert.deepEqual(r.PoliciesGrantingServiceAccess![0].Policies![0], { PolicyName: 'admin', PolicyType: 'MANAGED', PolicyArn: admin });
  });

  test("a group's own policies; a namespace in any case; a user's IAM access through an AWS managed policy", async () => {
    await rg.iam.send(new CreateGroupCommand({ GroupName: 'ops' }));
    await rg.iam.send(new PutGroupPolicyCommand({ GroupName: 'ops', PolicyName: 'p', PolicyDocument: doc(allow('S3:getobject')) }));
    const r = await rg.iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:iam::${ACCOUNT}:group/ops`, ServiceNamespaces: ['S3'] }));
    assert.deepEqual(r.PoliciesGrantingServiceAccess, [{ ServiceNamespace: 'S3', Policies: [{ PolicyName: 'p', PolicyType: 'INLINE', EntityType: 'GROUP', EntityName: 'ops' }] }]);
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await rg.iam.send(new AttachUserPolicyCommand({ UserName: 'bob', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    const bob = await rg.iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:iam::${ACCOUNT}:user/bob`, ServiceNamespaces: ['iam', 's3'] }));
    assert.deepEqual(grants(bob), { iam: ['IAMReadOnlyAccess'], s3: [] });
  });

  test('more than 100 namespaces page with Marker', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'everything', PolicyDocument: doc(allow('*')) }));
    const namespaces = Array.from({ length: 150 }, (_, i) => `svc${i}`);
    const arn = `arn:aws:iam::${ACCOUNT}:user/alice`;
    const first = await rg.iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: arn, ServiceNamespaces: namespaces }));
    assert.equal(first.IsTruncated, true);
    assert.equal(first.PoliciesGrantingServiceAccess!.length, 100);
    const second = await rg.iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: arn, ServiceNamespaces: namespaces, Marker: first.Marker }));
    assert.equal(second.IsTruncated, false);
    assert.equal(second.Marker, undefined);
    assert.deepEqual([...first.PoliciesGrantingServiceAccess!, ...second.PoliciesGrantingServiceAccess!].map((e) => e.ServiceNamespace), namespaces);
    assert.deepEqual(second.PoliciesGrantingServiceAccess![49].Policies!.map((p) => p.PolicyName), ['everything']);
  });

  test('no namespaces or more than 200, or a namespace outside the pattern, answer ValidationError', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const arn = `arn:aws:iam::${ACCOUNT}:user/alice`;
    await rejectsWith(rg.iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: arn, ServiceNamespaces: [] })), 'ValidationError', 400, /serviceNamespaces/);
    await rejectsWith(rg.iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: arn, ServiceNamespaces: Array.from({ length: 201 }, () => 's3') })),
      'ValidationError', 400, /serviceNamespaces/);
    await rejectsWith(rg.iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: arn, ServiceNamespaces: ['s3:GetObject'] })), 'ValidationError', 400);
  });

  test('an ARN that names no user, group or role answers InvalidInput; a missing entity NoSuchEntity (404)', async () => {
    await rejectsWith(rg.iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:s3:::bucket-name-here`, ServiceNamespaces: ['s3'] })), 'InvalidInputException', 400);
    await rejectsWith(rg.iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:iam::${ACCOUNT}:user/nobody`, ServiceNamespaces: ['s3'] })),
      'NoSuchEntityException', 404, 'The user with name nobody cannot be found.');
    await rejectsWith(rg.iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:iam::${ACCOUNT}:role/nobody`, ServiceNamespaces: ['s3'] })),
      'NoSuchEntityException', 404);
  });

  test('is authorized as iam:ListPoliciesGrantingServiceAccess on the entity the Arn names', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await rg.iam.send(new PutUserPolicyCommand({
      UserName: 'alice', PolicyName: 'self',
      PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:ListPoliciesGrantingServiceAccess', Resource: `arn:aws:iam::${ACCOUNT}:user/alice` }),
    }));
    const k = (await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    const alice = rg.server.iam({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! });
    const own = await alice.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:iam::${ACCOUNT}:user/alice`, ServiceNamespaces: ['iam'] }));
    assert.deepEqual(grants(own), { iam: ['self'] });
    await rejectsWith(alice.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:iam::${ACCOUNT}:user/bob`, ServiceNamespaces: ['iam'] })), 'AccessDenied', 403,
      /iam:ListPoliciesGrantingServiceAccess on resource: arn:aws:iam::111122223333:user\/bob/);
  });
});

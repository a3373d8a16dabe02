// Trust policies keep the principals they name by unique id, as IAM does: a user or role deleted and
// re-created under the same name is a new principal, not trusted until the trust policy is saved
// again (IAM User Guide, "AWS JSON policy elements: Principal", IAM role principals).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, DeleteAccessKeyCommand, DeleteRoleCommand, DeleteUserCommand,
  GetAccountAuthorizationDetailsCommand, GetRoleCommand, ListRolesCommand, PutUserPolicyCommand, UpdateAssumeRolePolicyCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { useRolegate, type Credentials } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const ACCOUNT = '111122223333';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;

const trusting = (aws: string | string[]) => JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: aws }, Action: 'sts:AssumeRole' }],
});
const trustPolicyOf = async (role: string) => decodeURIComponent((await rg.iam.send(new GetRoleCommand({ RoleName: role }))).Role!.AssumeRolePolicyDocument!);

/** A user with an access key; its unique id (AIDA…) and the key's id for deleting it. */
async function userWithKey(name: string, path?: string): Promise<{ id: string; keyId: string; creds: Credentials }> {
  const { User } = await rg.iam.send(new CreateUserCommand({ UserName: name, ...(path ? { Path: path } : {}) }));
  const { AccessKey } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { id: User!.UserId!, keyId: AccessKey!.AccessKeyId!, creds: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! } };
}

/** Deletes a user as IAM requires: its access keys first. */
async function deleteUser(name: string, keyId: string) {
  await rg.iam.send(new DeleteAccessKeyCommand({ UserName: name, AccessKeyId: keyId }));
  await rg.iam.send(new DeleteUserCommand({ UserName: name }));
}

const assume = (creds: Credentials, role: string) =>
  rg.server.sts(creds).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/${role}`, RoleSessionName: 'work' }));

describe('a user named in a trust policy', () => {
  test('a re-created user of the same name is refused with STS AccessDenied, and GetRole shows the old unique id until the policy is saved again', async () => {
    const first = await userWithKey('alice');
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'Target', AssumeRolePolicyDocument: trusting(ALICE) }));
    await assume(first.creds, 'Target');
    assert.equal(await trustPolicyOf('Target'), trusting(ALICE));

    await deleteUser('alice', first.keyId);
    assert.equal(await trustPolicyOf('Target'), trusting(first.id));

    const second = await userWithKey('alice');
    assert.notEqual(second.id, first.id);
    await rejectsWith(assume(second.creds, 'Target'), 'AccessDenied', 403,
      `User: ${ALICE} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/Target`);
    // AWS does not re-bind the ARN to the new user: reads still show the id the policy was saved with.
    assert.equal(await trustPolicyOf('Target'), trusting(first.id));

    await rg.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'Target', PolicyDocument: trusting(ALICE) }));
    assert.equal(await trustPolicyOf('Target'), trusting(ALICE));
    const session = await assume(second.creds, 'Target');
    assert.equal(session.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/Target/work`);
  });

  test('ListRoles and GetAccountAuthorizationDetails show the unique id of a deleted user, the ARN of the ones that exist', async () => {
    const alice = await userWithKey('alice');
    await userWithKey('bob');
    const bob = `arn:aws:iam::${ACCOUNT}:user/bob`;
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'Target', AssumeRolePolicyDocument: trusting([ALICE, bob]) }));
    await deleteUser('alice', alice.keyId);
    const listed = await rg.iam.send(new ListRolesCommand({}));
    assert.equal(decodeURIComponent(listed.Roles!.find((r) => r.RoleName === 'Target')!.AssumeRolePolicyDocument!), trusting([alice.id, bob]));
    const details = await rg.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    assert.equal(decodeURIComponent(details.RoleDetailList!.find((r) => r.RoleName === 'Target')!.AssumeRolePolicyDocument!), trusting([alice.id, bob]));
  });

  test('a renamed user is still trusted, and the trust policy shows its new ARN', async () => {
    const alice = await userWithKey('alice');
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'Target', AssumeRolePolicyDocument: trusting(ALICE) }));
    await rg.iam.send(new UpdateUserCommand({ UserName: 'alice', NewUserName: 'alicia', NewPath: '/team/' }));
    assert.equal(await trustPolicyOf('Target'), trusting(`arn:aws:iam::${ACCOUNT}:user/team/alicia`));
    await assume(alice.creds, 'Target');
  });

  test('the rest of the document keeps its text while the user exists, and conditions naming the ARN stay ARNs', async () => {
    await userWithKey('alice');
    const written = `{ "Version": "2012-10-17",\n  "Statement": [ { "Effect": "Allow", "Principal": { "AWS": [ "${ALICE}" ] }, "Action": "sts:AssumeRole",\n    "Condition": { "ArnEquals": { "aws:PrincipalArn": "${ALICE}" } } } ] }`;
    const created = await rg.iam.send(new CreateRoleCommand({ RoleName: 'Target', AssumeRolePolicyDocument: written }));
    assert.equal(decodeURIComponent(created.Role!.AssumeRolePolicyDocument!), written);
    assert.equal(await trustPolicyOf('Target'), written);
  });

  test('a unique id is not a principal a caller may write (IAM answers Invalid principal)', async () => {
    const alice = await userWithKey('alice');
    await rejectsWith(rg.iam.send(new CreateRoleCommand({ RoleName: 'Target', AssumeRolePolicyDocument: trusting(alice.id) })),
      'MalformedPolicyDocumentException', 400, `Invalid principal in policy: "AWS":"${alice.id}"`);
  });
});

describe('a role named in a trust policy', () => {
  test('a session of a re-created role of the same name is refused until the trust policy is saved again', async () => {
    const dev = await userWithKey('dev');
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'dev', PolicyName: 'assume', PolicyDocument: JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${ACCOUNT}:role/Deployer` }],
    }) }));
    const trustAccount = trusting(`arn:aws:iam::${ACCOUNT}:root`);
    const deployer = `arn:aws:iam::${ACCOUNT}:role/Deployer`;
    const { Role: first } = await rg.iam.send(new CreateRoleCommand({ RoleName: 'Deployer', AssumeRolePolicyDocument: trustAccount }));
    await rg.iam.send(new CreateRoleCommand({ RoleName: 'Target', AssumeRolePolicyDocument: trusting(deployer) }));
    const sessionOf = async () => {
      const r = await assume(dev.creds, 'Deployer');
      return { accessKeyId: r.Credentials!.AccessKeyId!, secretAccessKey: r.Credentials!.SecretAccessKey!, sessionToken: r.Credentials!.SessionToken! };
    };
    await assume(await sessionOf(), 'Target');

    await rg.iam.send(new DeleteRoleCommand({ RoleName: 'Deployer' }));
    assert.equal(await trustPolicyOf('Target'), trusting(first!.RoleId!));
    const { Role: second } = await rg.iam.send(new CreateRoleCommand({ RoleName: 'Deployer', AssumeRolePolicyDocument: trustAccount }));
    assert.notEqual(second!.RoleId, first!.RoleId);
    await rejectsWith(assume(await sessionOf(), 'Target'), 'AccessDenied', 403,
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/work is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/Target`);
    assert.equal(await trustPolicyOf('Target'), trusting(first!.RoleId!));

    await rg.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'Target', PolicyDocument: trusting(deployer) }));
    assert.equal(await trustPolicyOf('Target'), trusting(deployer));
    await assume(await sessionOf(), 'Target');
  });
});

// IAM's virtual MFA devices through @aws-sdk/client-iam against a started rolegate: a device is
// created with a seed answered once, enabled for a user with two consecutive codes of the tests'
// own RFC 6238 implementation, listed, tagged, deactivated and deleted as AWS does.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand, CreateUserCommand, CreateVirtualMFADeviceCommand, DeactivateMFADeviceCommand, DeleteUserCommand,
  DeleteVirtualMFADeviceCommand, EnableMFADeviceCommand, GetAccountSummaryCommand, GetMFADeviceCommand, ListMFADeviceTagsCommand,
  ListMFADevicesCommand, ListVirtualMFADevicesCommand, PutUserPolicyCommand, ResyncMFADeviceCommand, TagMFADeviceCommand,
  UntagMFADeviceCommand, UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';
import { fromBase32, stepNow, totp } from '../../support/totp.js';
import { encodeQr } from '../../../src/shared/qr-code.js';
import { modulesPng } from '../../../src/shared/png.js';

const rg = useRolegate();

async function device(name: string, path?: string): Promise<{ serial: string; seed: Buffer; seedText: string }> {
  const r = await rg.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name, ...(path ? { Path: path } : {}) }));
  const seedText = Buffer.from(r.VirtualMFADevice!.Base32StringSeed!).toString();
  return { serial: r.VirtualMFADevice!.SerialNumber!, seed: fromBase32(seedText), seedText };
}

/** Two consecutive codes a little behind the clock, as a person reads them off an app. */
const pair = (seed: Buffer, back = 2) => ({ AuthenticationCode1: totp(seed, stepNow() - back), AuthenticationCode2: totp(seed, stepNow() - back + 1) });

async function enabled(user: string, name = user) {
  await rg.iam.send(new CreateUserCommand({ UserName: user }));
  const d = await device(name);
  await rg.iam.send(new EnableMFADeviceCommand({ UserName: user, SerialNumber: d.serial, ...pair(d.seed) }));
  return d;
}

describe('CreateVirtualMFADevice', () => {
  test('answers the serial number (an ARN with the path), a 64-character base 32 seed and a QR code PNG', async () => {
    const r = await rg.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-phone', Path: '/eng/' }));
    const d = r.VirtualMFADevice!;
    assert.equal(d.SerialNumber, 'arn:aws:iam::111122223333:mfa/eng/alice-phone');
    const seed = Buffer.from(d.Base32StringSeed!).toString();
    assert.match(seed, /^[A-Z2-7]{64}$/);
    const png = Buffer.from(d.QRCodePNG!);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The QR code of the URI AWS documents: the same symbol the encoder makes of it.
    const q = encodeQr(Buffer.from(`otpauth://totp/alice-phone@111122223333?secret=${seed}`))!;
    assert.deepEqual(png, modulesPng(q.modules, 4, 4));
  });

  test('with a name already taken answers EntityAlreadyExists (409)', async () => {
    await device('dup');
    await rejectsWith(rg.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'dup' })), 'EntityAlreadyExistsException', 409,
      'MFADevice entity at the same path and name already exists.');
  });

  test('with a name outside the pattern answers ValidationError', async () => {
    await rejectsWith(rg.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'bad name!' })), 'ValidationError', 400, /virtualMFADeviceName/);
  });

  test('the seed is stored sealed: the data folder never holds it in the clear', async () => {
    const d = await device('sealed');
    const folder = rg.server.dataDir;
    for (const f of readdirSync(folder)) {
      if (!f.startsWith('rolegate.db')) continue;
      assert.equal(readFileSync(join(folder, f)).includes(d.seedText), false, `${f} holds the seed`);
    }
  });
});

describe('EnableMFADevice', () => {
  test('two consecutive codes assign the device to the user; ListMFADevices and GetMFADevice show it', async () => {
    const d = await enabled('alice', 'alice');
    const list = await rg.iam.send(new ListMFADevicesCommand({ UserName: 'alice' }));
    assert.equal(list.MFADevices!.length, 1);
    assert.equal(list.MFADevices![0].SerialNumber, d.serial);
    assert.equal(list.MFADevices![0].UserName, 'alice');
    assert.ok(list.MFADevices![0].EnableDate instanceof Date);
    const got = await rg.iam.send(new GetMFADeviceCommand({ UserName: 'alice', SerialNumber: d.serial }));
    assert.equal(got.SerialNumber, d.serial);
    assert.equal(got.UserName, 'alice');
  });

  test('codes that are not two consecutive codes of the device answer InvalidAuthenticationCode (403)', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    const d = await device('bob');
    const now = stepNow();
    for (const codes of [
      { AuthenticationCode1: totp(d.seed, now), AuthenticationCode2: totp(d.seed, now) },
      { AuthenticationCode1: totp(d.seed, now + 1), AuthenticationCode2: totp(d.seed, now) },
      { AuthenticationCode1: totp(d.seed, now - 40), AuthenticationCode2: totp(d.seed, now - 39) },
      { AuthenticationCode1: totp(Buffer.from('another seed'), now - 1), AuthenticationCode2: totp(Buffer.from('another seed'), now) },
    ]) {
      await rejectsWith(rg.iam.send(new EnableMFADeviceCommand({ UserName: 'bob', SerialNumber: d.serial, ...codes })),
        'InvalidAuthenticationCodeException', 403, 'Authentication code for device is not valid.');
    }
    assert.deepEqual((await rg.iam.send(new ListMFADevicesCommand({ UserName: 'bob' }))).MFADevices, []);
  });

  test('a device enabled for one user cannot be enabled for another', async () => {
    const d = await enabled('carol');
    await rg.iam.send(new CreateUserCommand({ UserName: 'dave' }));
    await rejectsWith(rg.iam.send(new EnableMFADeviceCommand({ UserName: 'dave', SerialNumber: d.serial, ...pair(d.seed, 4) })),
      'EntityAlreadyExistsException', 409, 'MFA Device is already in use.');
  });

  test('an unknown user or device answers NoSuchEntity (404)', async () => {
    const d = await device('lonely');
    await rejectsWith(rg.iam.send(new EnableMFADeviceCommand({ UserName: 'ghost', SerialNumber: d.serial, ...pair(d.seed) })),
      'NoSuchEntityException', 404, 'The user with name ghost cannot be found.');
    await rg.iam.send(new CreateUserCommand({ UserName: 'erin' }));
    await rejectsWith(rg.iam.send(new EnableMFADeviceCommand({ UserName: 'erin', SerialNumber: 'arn:aws:iam::111122223333:mfa/none', ...pair(d.seed) })),
      'NoSuchEntityException', 404, "VirtualMFADevice with serial number arn:aws:iam::111122223333:mfa/none doesn't exist.");
  });
});

describe('ResyncMFADevice', () => {
  test('takes two consecutive codes of an enabled device, and refuses other codes', async () => {
    const d = await enabled('frank');
    await rg.iam.send(new ResyncMFADeviceCommand({ UserName: 'frank', SerialNumber: d.serial, AuthenticationCode1: totp(d.seed, stepNow()), AuthenticationCode2: totp(d.seed, stepNow() + 1) }));
    await rejectsWith(rg.iam.send(new ResyncMFADeviceCommand({ UserName: 'frank', SerialNumber: d.serial, AuthenticationCode1: '000000', AuthenticationCode2: '000000' })),
      'InvalidAuthenticationCodeException', 403, 'Authentication code for device is not valid.');
  });
});

describe('ListVirtualMFADevices', () => {
  test('filters by AssignmentStatus (Any by default), names the assigned user, and never answers a seed', async () => {
    const assigned = await enabled('gina');
    const free = await device('spare');
    const serials = async (AssignmentStatus?: 'Assigned' | 'Unassigned' | 'Any') =>
      (await rg.iam.send(new ListVirtualMFADevicesCommand(AssignmentStatus ? { AssignmentStatus } : {}))).VirtualMFADevices!;
    assert.deepEqual((await serials()).map((d) => d.SerialNumber).sort(), [assigned.serial, free.serial].sort());
    assert.deepEqual((await serials('Any')).map((d) => d.SerialNumber).sort(), [assigned.serial, free.serial].sort());
    const a = await serials('Assigned');
    assert.deepEqual(a.map((d) => d.SerialNumber), [assigned.serial]);
    assert.equal(a[0].User!.UserName, 'gina');
    assert.ok(a[0].EnableDate instanceof Date);
    assert.deepEqual((await serials('Unassigned')).map((d) => d.SerialNumber), [free.serial]);
    for (const d of await serials()) {
      assert.equal(d.Base32StringSeed, undefined);
      assert.equal(d.QRCodePNG, undefined);
    }
  });
});

describe('DeactivateMFADevice and DeleteVirtualMFADevice', () => {
  test('an assigned device cannot be deleted; deactivated, it is unassigned and can be', async () => {
    const d = await enabled('hank');
    await rejectsWith(rg.iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: d.serial })), 'DeleteConflictException', 409);
    await rg.iam.send(new DeactivateMFADeviceCommand({ UserName: 'hank', SerialNumber: d.serial }));
    assert.deepEqual((await rg.iam.send(new ListMFADevicesCommand({ UserName: 'hank' }))).MFADevices, []);
    assert.deepEqual((await rg.iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }))).VirtualMFADevices!.map((x) => x.SerialNumber), [d.serial]);
    await rg.iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: d.serial }));
    assert.deepEqual((await rg.iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices, []);
    await rejectsWith(rg.iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: d.serial })), 'NoSuchEntityException', 404,
      `VirtualMFADevice with serial number ${d.serial} doesn't exist.`);
  });

  test('deactivating a device the user does not have answers NoSuchEntity (404)', async () => {
    const d = await device('nobodys');
    await rg.iam.send(new CreateUserCommand({ UserName: 'ivy' }));
    await rejectsWith(rg.iam.send(new DeactivateMFADeviceCommand({ UserName: 'ivy', SerialNumber: d.serial })), 'NoSuchEntityException', 404,
      `MFA Device with serial number ${d.serial} does not exist.`);
  });

  test('a device deactivated and enabled again does not take the codes it took before', async () => {
    await rg.iam.send(new CreateUserCommand({ UserName: 'lena' }));
    const d = await device('lena');
    const old = pair(d.seed, 6);
    await rg.iam.send(new EnableMFADeviceCommand({ UserName: 'lena', SerialNumber: d.serial, ...old }));
    await rg.iam.send(new DeactivateMFADeviceCommand({ UserName: 'lena', SerialNumber: d.serial }));
    await rejectsWith(rg.iam.send(new EnableMFADeviceCommand({ UserName: 'lena', SerialNumber: d.serial, ...old })),
      'InvalidAuthenticationCodeException', 403, 'Authentication code for device is not valid.');
    await rg.iam.send(new EnableMFADeviceCommand({ UserName: 'lena', SerialNumber: d.serial, ...pair(d.seed, 2) }));
  });

  test('a user with an MFA device cannot be deleted until it is deactivated', async () => {
    const d = await enabled('jack');
    await rejectsWith(rg.iam.send(new DeleteUserCommand({ UserName: 'jack' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete MFA device first.');
    await rg.iam.send(new DeactivateMFADeviceCommand({ UserName: 'jack', SerialNumber: d.serial }));
    await rg.iam.send(new DeleteUserCommand({ UserName: 'jack' }));
  });

  test('renaming a user keeps its devices', async () => {
    const d = await enabled('kim');
    await rg.iam.send(new UpdateUserCommand({ UserName: 'kim', NewUserName: 'kimberly' }));
    assert.deepEqual((await rg.iam.send(new ListMFADevicesCommand({ UserName: 'kimberly' }))).MFADevices!.map((x) => x.SerialNumber), [d.serial]);
  });
});

describe('ListMFADevices for the caller', () => {
  test('without UserName lists the calling user\'s devices, authorized on the user', async () => {
    const d = await enabled('lee');
    const { AccessKey } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'lee' }));
    const lee = rg.server.iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    await rejectsWith(lee.send(new ListMFADevicesCommand({})), 'AccessDenied', 403,
      /iam:ListMFADevices on resource: arn:aws:iam::111122223333:user\/lee because no identity-based policy allows/);
    await rg.iam.send(new PutUserPolicyCommand({ UserName: 'lee', PolicyName: 'own-mfa', PolicyDocument: JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListMFADevices', Resource: 'arn:aws:iam::*:user/${aws:username}' }],
    }) }));
    assert.deepEqual((await lee.send(new ListMFADevicesCommand({}))).MFADevices!.map((x) => x.SerialNumber), [d.serial]);
  });
});

describe('MFA device tags', () => {
  test('TagMFADevice, ListMFADeviceTags and UntagMFADevice', async () => {
    const d = await device('tagged');
    await rg.iam.send(new TagMFADeviceCommand({ SerialNumber: d.serial, Tags: [{ Key: 'team', Value: 'ops' }, { Key: 'kind', Value: 'phone' }] }));
    assert.deepEqual((await rg.iam.send(new ListMFADeviceTagsCommand({ SerialNumber: d.serial }))).Tags, [{ Key: 'team', Value: 'ops' }, { Key: 'kind', Value: 'phone' }]);
    await rg.iam.send(new UntagMFADeviceCommand({ SerialNumber: d.serial, TagKeys: ['team'] }));
    assert.deepEqual((await rg.iam.send(new ListMFADeviceTagsCommand({ SerialNumber: d.serial }))).Tags, [{ Key: 'kind', Value: 'phone' }]);
    await rejectsWith(rg.iam.send(new TagMFADeviceCommand({ SerialNumber: d.serial, Tags: [{ Key: 'aws:x', Value: 'y' }] })), 'InvalidInputException', 400);
  });
});

describe('GetAccountSummary', () => {
  test('counts virtual MFA devices and those in use; AccountMFAEnabled stays 0 for the root', async () => {
    await enabled('mia');
    await device('spare');
    const m = (await rg.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;
    assert.equal(m.MFADevices, 2);
    assert.equal(m.MFADevicesInUse, 1);
    assert.equal(m.AccountMFAEnabled, 0);
  });
});

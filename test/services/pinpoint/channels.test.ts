// Pinpoint's channels through @aws-sdk/client-pinpoint against a started server: Update/Get/Delete of
// each channel kind (email, SMS, voice, APNS and its sandbox and VoIP kinds, GCM, ADM, Baidu),
// GetChannels, the credentials kept sealed and never answered, versions and dates, the errors
// (BadRequestException, NotFoundException) and the authorization of each call on the channel's ARN.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateAppCommand, DeleteAppCommand, DeleteApnsSandboxChannelCommand, DeleteEmailChannelCommand, GetAdmChannelCommand,
  GetApnsChannelCommand, GetApnsSandboxChannelCommand, GetApnsVoipChannelCommand, GetApnsVoipSandboxChannelCommand, GetBaiduChannelCommand,
  GetChannelsCommand, GetEmailChannelCommand, GetGcmChannelCommand, GetSmsChannelCommand, GetVoiceChannelCommand, UpdateAdmChannelCommand,
  UpdateApnsChannelCommand, UpdateApnsSandboxChannelCommand, UpdateApnsVoipChannelCommand, UpdateApnsVoipSandboxChannelCommand,
  UpdateBaiduChannelCommand, UpdateEmailChannelCommand, UpdateGcmChannelCommand, UpdateSmsChannelCommand, UpdateVoiceChannelCommand,
} from '@aws-sdk/client-pinpoint';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { TEST_ACCOUNT, useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const pp = () => rg.server.pinpoint();
const newApp = async () => (await pp().send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'channels' } }))).ApplicationResponse!.Id!;
const ROOT_ARN = `arn:aws:iam::${TEST_ACCOUNT}:root`;
const IDENTITY = `arn:aws:ses:us-east-1:${TEST_ACCOUNT}:identity/example.com`;

describe('the email channel', () => {
  it('is enabled by UpdateEmailChannel, read back, changed in place with a new version, and deleted', async () => {
    const app = await newApp();
    const made = (await pp().send(new UpdateEmailChannelCommand({ ApplicationId: app, EmailChannelRequest: { FromAddress: 'news@example.com', Identity: IDENTITY } }))).EmailChannelResponse!;
    assert.equal(made.ApplicationId, app);
    assert.equal(made.Platform, 'EMAIL');
    assert.equal(made.Id, 'email');
    assert.equal(made.Enabled, true);
    assert.equal(made.FromAddress, 'news@example.com');
    assert.equal(made.Identity, IDENTITY);
    assert.equal(made.Version, 1);
    assert.equal(made.IsArchived, false);
    assert.equal(made.HasCredential, false);
    assert.equal(made.LastModifiedBy, ROOT_ARN);
    assert.ok(!Number.isNaN(Date.parse(made.CreationDate!)));
    assert.deepEqual((await pp().send(new GetEmailChannelCommand({ ApplicationId: app }))).EmailChannelResponse, made);

    const changed = (await pp().send(new UpdateEmailChannelCommand({ ApplicationId: app, EmailChannelRequest: { FromAddress: 'news@example.com', Identity: IDENTITY, Enabled: false, ConfigurationSet: 'tracking' } }))).EmailChannelResponse!;
    assert.equal(changed.Enabled, false);
    assert.equal(changed.ConfigurationSet, 'tracking');
    assert.equal(changed.Version, 2);
    assert.equal(changed.CreationDate, made.CreationDate);

    const gone = (await pp().send(new DeleteEmailChannelCommand({ ApplicationId: app }))).EmailChannelResponse!;
    assert.deepEqual(gone, changed);
    await rejectsWith(pp().send(new GetEmailChannelCommand({ ApplicationId: app })), 'NotFoundException', 404);
    await rejectsWith(pp().send(new DeleteEmailChannelCommand({ ApplicationId: app })), 'NotFoundException', 404);
  });

  it('refuses an address that is not one, an identity or role that is not an ARN, and a project that does not exist', async () => {
    const app = await newApp();
    await rejectsWith(pp().send(new UpdateEmailChannelCommand({ ApplicationId: app, EmailChannelRequest: { FromAddress: 'not-an-address', Identity: IDENTITY } })), 'BadRequestException', 400, /FromAddress/);
    await rejectsWith(pp().send(new UpdateEmailChannelCommand({ ApplicationId: app, EmailChannelRequest: { FromAddress: 'a@example.com', Identity: 'example.com' } })), 'BadRequestException', 400, /Identity/);
    await rejectsWith(pp().send(new UpdateEmailChannelCommand({ ApplicationId: app, EmailChannelRequest: { FromAddress: 'a@example.com', Identity: IDENTITY, RoleArn: 'role' } })), 'BadRequestException', 400, /RoleArn/);
    await rejectsWith(pp().send(new GetEmailChannelCommand({ ApplicationId: app })), 'NotFoundException', 404);
    await rejectsWith(pp().send(new UpdateEmailChannelCommand({ ApplicationId: 'f'.repeat(32), EmailChannelRequest: { FromAddress: 'a@example.com', Identity: IDENTITY } })), 'NotFoundException', 404);
  });
});

describe('SMS, voice, ADM and Baidu channels', () => {
  it('keep their settings, answer Baidu’s API key as its Credential and never the secrets', async () => {
    const app = await newApp();
    const sms = (await pp().send(new UpdateSmsChannelCommand({ ApplicationId: app, SMSChannelRequest: { SenderId: 'MyShop', Enabled: true } }))).SMSChannelResponse!;
    assert.equal(sms.Platform, 'SMS');
    assert.equal(sms.Id, 'sms');
    assert.equal(sms.SenderId, 'MyShop');
    await rejectsWith(pp().send(new UpdateSmsChannelCommand({ ApplicationId: app, SMSChannelRequest: { ShortCode: 'abc' } })), 'BadRequestException', 400, /ShortCode/);
    const voice = (await pp().send(new UpdateVoiceChannelCommand({ ApplicationId: app, VoiceChannelRequest: { Enabled: false } }))).VoiceChannelResponse!;
    assert.equal(voice.Platform, 'VOICE');
    assert.equal(voice.Enabled, false);
    assert.equal((await pp().send(new GetVoiceChannelCommand({ ApplicationId: app }))).VoiceChannelResponse!.Version, 1);
    assert.equal((await pp().send(new GetSmsChannelCommand({ ApplicationId: app }))).SMSChannelResponse!.SenderId, 'MyShop');

    const adm = (await pp().send(new UpdateAdmChannelCommand({ ApplicationId: app, ADMChannelRequest: { ClientId: 'amzn1.client', ClientSecret: 'adm-secret-value' } }))).ADMChannelResponse!;
    assert.equal(adm.Platform, 'ADM');
    assert.equal(adm.HasCredential, true);
    const baidu = (await pp().send(new UpdateBaiduChannelCommand({ ApplicationId: app, BaiduChannelRequest: { ApiKey: 'baidu-api-key', SecretKey: 'baidu-secret-value' } }))).BaiduChannelResponse!;
    assert.equal(baidu.Credential, 'baidu-api-key');
    const read = [(await pp().send(new GetAdmChannelCommand({ ApplicationId: app }))).ADMChannelResponse, (await pp().send(new GetBaiduChannelCommand({ ApplicationId: app }))).BaiduChannelResponse];
    assert.doesNotMatch(JSON.stringify([adm, baidu, ...read]), /adm-secret-value|baidu-secret-value|amzn1\.client/);
  });
});

describe('APNS and GCM channels', () => {
  it('take a token key or a certificate, show which, keep the secrets sealed on disk and answer none of them', async () => {
    const app = await newApp();
    const token = { TokenKey: '-----BEGIN PRIVATE KEY-----apns-token-key-material', TokenKeyId: 'ABC123DEFG', BundleId: 'com.example.app', TeamId: 'TEAM123456' };
    const apns = (await pp().send(new UpdateApnsChannelCommand({ ApplicationId: app, APNSChannelRequest: token }))).APNSChannelResponse!;
    assert.equal(apns.Platform, 'APNS');
    assert.equal(apns.Id, 'apns');
    assert.equal(apns.HasTokenKey, true);
    assert.equal(apns.DefaultAuthenticationMethod, 'TOKEN');
    const cert = { Certificate: '-----BEGIN CERTIFICATE-----sandbox-cert', PrivateKey: '-----BEGIN PRIVATE KEY-----sandbox-private-key' };
    const sandbox = (await pp().send(new UpdateApnsSandboxChannelCommand({ ApplicationId: app, APNSSandboxChannelRequest: cert }))).APNSSandboxChannelResponse!;
    assert.equal(sandbox.Platform, 'APNS_SANDBOX');
    assert.equal(sandbox.HasTokenKey, false);
    assert.equal(sandbox.DefaultAuthenticationMethod, 'CERTIFICATE');
    // A later update may leave the credentials out: they are kept.
    const disabled = (await pp().send(new UpdateApnsChannelCommand({ ApplicationId: app, APNSChannelRequest: { Enabled: false } }))).APNSChannelResponse!;
    assert.equal(disabled.Enabled, false);
    assert.equal(disabled.HasTokenKey, true);
    assert.equal(disabled.Version, 2);
    await pp().send(new UpdateApnsVoipChannelCommand({ ApplicationId: app, APNSVoipChannelRequest: token }));
    await pp().send(new UpdateApnsVoipSandboxChannelCommand({ ApplicationId: app, APNSVoipSandboxChannelRequest: cert }));
    assert.equal((await pp().send(new GetApnsVoipChannelCommand({ ApplicationId: app }))).APNSVoipChannelResponse!.Platform, 'APNS_VOIP');
    assert.equal((await pp().send(new GetApnsVoipSandboxChannelCommand({ ApplicationId: app }))).APNSVoipSandboxChannelResponse!.Platform, 'APNS_VOIP_SANDBOX');

    const gcm = (await pp().send(new UpdateGcmChannelCommand({ ApplicationId: app, GCMChannelRequest: { ServiceJson: JSON.stringify({ type: 'service_account', private_key: 'fcm-private-key-material' }) } }))).GCMChannelResponse!;
    assert.equal(gcm.HasFcmServiceCredentials, true);
    assert.equal(gcm.DefaultAuthenticationMethod, 'TOKEN');
    assert.equal(gcm.Credential, undefined);
    const withKey = (await pp().send(new UpdateGcmChannelCommand({ ApplicationId: app, GCMChannelRequest: { ApiKey: 'gcm-web-api-key', DefaultAuthenticationMethod: 'KEY' } }))).GCMChannelResponse!;
    assert.equal(withKey.Credential, 'gcm-web-api-key');
    assert.equal(withKey.DefaultAuthenticationMethod, 'KEY');
    assert.equal(withKey.HasFcmServiceCredentials, true);

    const answers = JSON.stringify([apns, sandbox, disabled, gcm, withKey,
      (await pp().send(new GetApnsChannelCommand({ ApplicationId: app }))).APNSChannelResponse,
      (await pp().send(new GetApnsSandboxChannelCommand({ ApplicationId: app }))).APNSSandboxChannelResponse,
      (await pp().send(new GetGcmChannelCommand({ ApplicationId: app }))).GCMChannelResponse]);
    assert.doesNotMatch(answers, /apns-token-key-material|sandbox-private-key|sandbox-cert|fcm-private-key-material|ABC123DEFG|TEAM123456/);
    // Nothing of the secrets is in the data folder's files in the clear.
    const files = readdirSync(rg.server.dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    for (const f of files) {
      const bytes = readFileSync(join(f.parentPath ?? f.path, f.name)).toString('latin1');
      for (const secret of ['apns-token-key-material', 'sandbox-private-key', 'fcm-private-key-material']) {
        assert.equal(bytes.includes(secret), false, `${f.name} holds ${secret} in the clear`);
      }
    }
  });

  it('refuses a channel without credentials, a certificate without its key, and an authentication method it has no credential for', async () => {
    const app = await newApp();
    await rejectsWith(pp().send(new UpdateApnsChannelCommand({ ApplicationId: app, APNSChannelRequest: { Enabled: true } })), 'BadRequestException', 400, /Missing credentials/);
    await rejectsWith(pp().send(new UpdateApnsChannelCommand({ ApplicationId: app, APNSChannelRequest: { Certificate: 'cert' } })), 'BadRequestException', 400, /PrivateKey/);
    await rejectsWith(pp().send(new UpdateApnsChannelCommand({ ApplicationId: app, APNSChannelRequest: { Certificate: 'cert', PrivateKey: 'key', DefaultAuthenticationMethod: 'TOKEN' } })), 'BadRequestException', 400, /TOKEN/);
    await rejectsWith(pp().send(new UpdateGcmChannelCommand({ ApplicationId: app, GCMChannelRequest: {} })), 'BadRequestException', 400, /ApiKey or ServiceJson/);
    await rejectsWith(pp().send(new UpdateGcmChannelCommand({ ApplicationId: app, GCMChannelRequest: { ServiceJson: 'not json' } })), 'BadRequestException', 400, /ServiceJson/);
    await rejectsWith(pp().send(new GetApnsChannelCommand({ ApplicationId: app })), 'NotFoundException', 404);
  });
});

describe('GetChannels', () => {
  it('lists every configured channel by platform in the common members, and none once the project is deleted', async () => {
    const app = await newApp();
    assert.deepEqual((await pp().send(new GetChannelsCommand({ ApplicationId: app }))).ChannelsResponse!.Channels, {});
    await pp().send(new UpdateEmailChannelCommand({ ApplicationId: app, EmailChannelRequest: { FromAddress: 'a@example.com', Identity: IDENTITY } }));
    await pp().send(new UpdateSmsChannelCommand({ ApplicationId: app, SMSChannelRequest: {} }));
    await pp().send(new UpdateApnsSandboxChannelCommand({ ApplicationId: app, APNSSandboxChannelRequest: { Certificate: 'c', PrivateKey: 'k' } }));
    await pp().send(new DeleteApnsSandboxChannelCommand({ ApplicationId: app }));
    const { Channels } = (await pp().send(new GetChannelsCommand({ ApplicationId: app }))).ChannelsResponse!;
    assert.deepEqual(Object.keys(Channels!).sort(), ['EMAIL', 'SMS']);
    assert.equal(Channels!.EMAIL.Enabled, true);
    assert.equal(Channels!.EMAIL.Id, 'email');
    assert.equal(Channels!.EMAIL.Version, 1);
    assert.equal((Channels!.EMAIL as Record<string, unknown>).FromAddress, undefined);
    await pp().send(new DeleteAppCommand({ ApplicationId: app }));
    await rejectsWith(pp().send(new GetChannelsCommand({ ApplicationId: app })), 'NotFoundException', 404);
    await rejectsWith(pp().send(new GetEmailChannelCommand({ ApplicationId: app })), 'NotFoundException', 404);
  });
});

describe('authorization', () => {
  it('decides each call on the channel’s ARN: a user allowed to read the email channel may not change it or read SMS', async () => {
    const app = await newApp();
    await pp().send(new UpdateEmailChannelCommand({ ApplicationId: app, EmailChannelRequest: { FromAddress: 'a@example.com', Identity: IDENTITY } }));
    await pp().send(new UpdateSmsChannelCommand({ ApplicationId: app, SMSChannelRequest: {} }));
    await rg.iam.send(new CreateUserCommand({ UserName: 'reader' }));
    await rg.iam.send(new PutUserPolicyCommand({
      UserName: 'reader', PolicyName: 'read',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['mobiletargeting:GetEmailChannel', 'mobiletargeting:GetChannels'], Resource: [`arn:aws:mobiletargeting:us-east-1:${TEST_ACCOUNT}:apps/${app}/channels/email`, `arn:aws:mobiletargeting:us-east-1:${TEST_ACCOUNT}:apps/${app}/channels`] }] }),
    }));
    const { AccessKey: k } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'reader' }));
    const reader = rg.server.pinpoint({ accessKeyId: k!.AccessKeyId!, secretAccessKey: k!.SecretAccessKey! });
    assert.equal((await reader.send(new GetEmailChannelCommand({ ApplicationId: app }))).EmailChannelResponse!.FromAddress, 'a@example.com');
    assert.deepEqual(Object.keys((await reader.send(new GetChannelsCommand({ ApplicationId: app }))).ChannelsResponse!.Channels!).sort(), ['EMAIL', 'SMS']);
    await rejectsWith(reader.send(new UpdateEmailChannelCommand({ ApplicationId: app, EmailChannelRequest: { FromAddress: 'b@example.com', Identity: IDENTITY } })), 'AccessDeniedException', 403, /mobiletargeting:UpdateEmailChannel on resource: arn:aws:mobiletargeting:us-east-1:\d{12}:apps\/[0-9a-f]{32}\/channels\/email/);
    await rejectsWith(reader.send(new GetSmsChannelCommand({ ApplicationId: app })), 'AccessDeniedException', 403, /channels\/sms/);
    assert.equal((await pp().send(new GetEmailChannelCommand({ ApplicationId: app }))).EmailChannelResponse!.FromAddress, 'a@example.com');
  });
});

// Pinpoint's message templates through @aws-sdk/client-pinpoint against a started server: create,
// read, update (overwriting the latest version or making a new one), delete (one version or all),
// the active version, ListTemplates and ListTemplateVersions with pages, tags on a template's ARN,
// the errors (BadRequestException, NotFoundException) and authorization on the template's ARN.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateEmailTemplateCommand, CreateInAppTemplateCommand, CreatePushTemplateCommand, CreateSmsTemplateCommand, CreateVoiceTemplateCommand,
  DeleteEmailTemplateCommand, DeleteSmsTemplateCommand, GetEmailTemplateCommand, GetInAppTemplateCommand, GetPushTemplateCommand,
  GetSmsTemplateCommand, GetVoiceTemplateCommand, ListTagsForResourceCommand, ListTemplatesCommand, ListTemplateVersionsCommand,
  TagResourceCommand, UntagResourceCommand, UpdateEmailTemplateCommand, UpdateSmsTemplateCommand, UpdateTemplateActiveVersionCommand,
} from '@aws-sdk/client-pinpoint';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { TEST_ACCOUNT, useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const pp = () => rg.server.pinpoint();
const ARN = (name: string, type: string) => `arn:aws:mobiletargeting:us-east-1:${TEST_ACCOUNT}:templates/${name}/${type}`;

describe('an email template', () => {
  it('is made as version 1, read back, overwritten in place, given new versions, and read by version or as the active one', async () => {
    const made = (await pp().send(new CreateEmailTemplateCommand({
      TemplateName: 'welcome', EmailTemplateRequest: { Subject: 'Hi {{User.Name}}', HtmlPart: '<p>Hello</p>', DefaultSubstitutions: '{"User.Name":"friend"}', TemplateDescription: 'first', tags: { team: 'growth' } },
    }))).CreateTemplateMessageBody!;
    assert.equal(made.Arn, ARN('welcome', 'EMAIL'));
    assert.equal(made.Message, 'Created');
    assert.ok(made.RequestID);
    const v1 = (await pp().send(new GetEmailTemplateCommand({ TemplateName: 'welcome' }))).EmailTemplateResponse!;
    assert.equal(v1.TemplateName, 'welcome');
    assert.equal(v1.TemplateType, 'EMAIL');
    assert.equal(v1.Version, '1');
    assert.equal(v1.Subject, 'Hi {{User.Name}}');
    assert.equal(v1.HtmlPart, '<p>Hello</p>');
    assert.equal(v1.DefaultSubstitutions, '{"User.Name":"friend"}');
    assert.equal(v1.Arn, ARN('welcome', 'EMAIL'));
    assert.deepEqual(v1.tags, { team: 'growth' });
    assert.ok(!Number.isNaN(Date.parse(v1.CreationDate!)));

    // Without create-new-version the latest version is overwritten.
    const updated = (await pp().send(new UpdateEmailTemplateCommand({ TemplateName: 'welcome', EmailTemplateRequest: { Subject: 'Hello again', TextPart: 'text' } }))).MessageBody!;
    assert.equal(updated.Message, 'Accepted');
    const over = (await pp().send(new GetEmailTemplateCommand({ TemplateName: 'welcome' }))).EmailTemplateResponse!;
    assert.equal(over.Version, '1');
    assert.equal(over.Subject, 'Hello again');
    assert.equal(over.HtmlPart, undefined);
    assert.equal(over.CreationDate, v1.CreationDate);

    // A new version is the latest; the active one stays version 1 until it is changed.
    await pp().send(new UpdateEmailTemplateCommand({ TemplateName: 'welcome', CreateNewVersion: true, EmailTemplateRequest: { Subject: 'Version two' } }));
    assert.equal((await pp().send(new GetEmailTemplateCommand({ TemplateName: 'welcome' }))).EmailTemplateResponse!.Version, '1');
    assert.equal((await pp().send(new GetEmailTemplateCommand({ TemplateName: 'welcome', Version: '2' }))).EmailTemplateResponse!.Subject, 'Version two');
    await pp().send(new UpdateTemplateActiveVersionCommand({ TemplateName: 'welcome', TemplateType: 'EMAIL', TemplateActiveVersionRequest: { Version: 'latest' } }));
    assert.equal((await pp().send(new GetEmailTemplateCommand({ TemplateName: 'welcome' }))).EmailTemplateResponse!.Version, '2');
    await pp().send(new UpdateTemplateActiveVersionCommand({ TemplateName: 'welcome', TemplateType: 'EMAIL', TemplateActiveVersionRequest: { Version: '1' } }));
    assert.equal((await pp().send(new GetEmailTemplateCommand({ TemplateName: 'welcome' }))).EmailTemplateResponse!.Subject, 'Hello again');

    // Only the latest version may be named in an update, and not beside create-new-version.
    await rejectsWith(pp().send(new UpdateEmailTemplateCommand({ TemplateName: 'welcome', Version: '1', EmailTemplateRequest: { Subject: 'x' } })), 'BadRequestException', 400, /latest/);
    await rejectsWith(pp().send(new UpdateEmailTemplateCommand({ TemplateName: 'welcome', Version: '2', CreateNewVersion: true, EmailTemplateRequest: { Subject: 'x' } })), 'BadRequestException', 400);
    await pp().send(new UpdateEmailTemplateCommand({ TemplateName: 'welcome', Version: '2', EmailTemplateRequest: { Subject: 'Version two, fixed' } }));
    assert.equal((await pp().send(new GetEmailTemplateCommand({ TemplateName: 'welcome', Version: '2' }))).EmailTemplateResponse!.Subject, 'Version two, fixed');
    await rejectsWith(pp().send(new GetEmailTemplateCommand({ TemplateName: 'welcome', Version: '7' })), 'NotFoundException', 404);
    await rejectsWith(pp().send(new UpdateTemplateActiveVersionCommand({ TemplateName: 'welcome', TemplateType: 'EMAIL', TemplateActiveVersionRequest: { Version: '9' } })), 'NotFoundException', 404);
  });

  it('is deleted one version at a time or whole, and refuses a second of its name, bad names and bad substitutions', async () => {
    await pp().send(new CreateEmailTemplateCommand({ TemplateName: 'bye', EmailTemplateRequest: { Subject: 'one' } }));
    await rejectsWith(pp().send(new CreateEmailTemplateCommand({ TemplateName: 'bye', EmailTemplateRequest: { Subject: 'again' } })), 'BadRequestException', 400, /already exists/);
    await pp().send(new UpdateEmailTemplateCommand({ TemplateName: 'bye', CreateNewVersion: true, EmailTemplateRequest: { Subject: 'two' } }));
    assert.equal((await pp().send(new DeleteEmailTemplateCommand({ TemplateName: 'bye', Version: '1' }))).MessageBody!.Message, 'Accepted');
    // The active version was deleted: the latest left is active.
    assert.equal((await pp().send(new GetEmailTemplateCommand({ TemplateName: 'bye' }))).EmailTemplateResponse!.Subject, 'two');
    await pp().send(new DeleteEmailTemplateCommand({ TemplateName: 'bye' }));
    await rejectsWith(pp().send(new GetEmailTemplateCommand({ TemplateName: 'bye' })), 'NotFoundException', 404);
    await rejectsWith(pp().send(new DeleteEmailTemplateCommand({ TemplateName: 'bye' })), 'NotFoundException', 404);
    for (const name of ['-starts-with-hyphen', 'has space', 'x'.repeat(129)]) {
      await rejectsWith(pp().send(new CreateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: 's' } })), 'BadRequestException', 400, /template name/);
    }
    await rejectsWith(pp().send(new CreateEmailTemplateCommand({ TemplateName: 'subs', EmailTemplateRequest: { Subject: 's', DefaultSubstitutions: 'not json' } })), 'BadRequestException', 400, /DefaultSubstitutions/);
  });
});

describe('the other template types', () => {
  it('keep their own content under the same name, each of its type', async () => {
    await pp().send(new CreateSmsTemplateCommand({ TemplateName: 'promo', SMSTemplateRequest: { Body: 'Sale today' } }));
    await pp().send(new CreateVoiceTemplateCommand({ TemplateName: 'promo', VoiceTemplateRequest: { Body: 'Sale today', LanguageCode: 'en-US', VoiceId: 'Joanna' } }));
    await pp().send(new CreatePushTemplateCommand({ TemplateName: 'promo', PushNotificationTemplateRequest: { Default: { Title: 'Sale', Body: 'today' } } }));
    await pp().send(new CreateInAppTemplateCommand({ TemplateName: 'promo', InAppTemplateRequest: { Layout: 'TOP_BANNER', Content: [{ BodyConfig: { Body: 'Sale', Alignment: 'CENTER', TextColor: '#000000' } }] } }));
    assert.equal((await pp().send(new GetSmsTemplateCommand({ TemplateName: 'promo' }))).SMSTemplateResponse!.Body, 'Sale today');
    const voice = (await pp().send(new GetVoiceTemplateCommand({ TemplateName: 'promo' }))).VoiceTemplateResponse!;
    assert.equal(voice.VoiceId, 'Joanna');
    assert.equal(voice.TemplateType, 'VOICE');
    assert.equal((await pp().send(new GetPushTemplateCommand({ TemplateName: 'promo' }))).PushNotificationTemplateResponse!.Default!.Title, 'Sale');
    const inapp = (await pp().send(new GetInAppTemplateCommand({ TemplateName: 'promo' }))).InAppTemplateResponse!;
    assert.equal(inapp.Layout, 'TOP_BANNER');
    assert.equal(inapp.Content![0].BodyConfig!.Body, 'Sale');
    await rejectsWith(pp().send(new CreateInAppTemplateCommand({ TemplateName: 'bad', InAppTemplateRequest: { Layout: 'SIDEWAYS' as never } })), 'BadRequestException', 400, /inAppTemplateRequest\.layout/);
    await rejectsWith(pp().send(new GetEmailTemplateCommand({ TemplateName: 'promo' })), 'NotFoundException', 404);
    await pp().send(new UpdateSmsTemplateCommand({ TemplateName: 'promo', CreateNewVersion: true, SMSTemplateRequest: { Body: 'Sale tomorrow' } }));
    await pp().send(new DeleteSmsTemplateCommand({ TemplateName: 'promo' }));
    assert.equal((await pp().send(new GetVoiceTemplateCommand({ TemplateName: 'promo' }))).VoiceTemplateResponse!.Body, 'Sale today');
  });
});

describe('ListTemplates and ListTemplateVersions', () => {
  it('list by name then type, filtered by prefix and type, in pages; and a template’s versions in order, in pages', async () => {
    for (const name of ['alpha', 'beta', 'gamma']) await pp().send(new CreateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: name } }));
    await pp().send(new CreateSmsTemplateCommand({ TemplateName: 'alpha', SMSTemplateRequest: { Body: 'a' } }));
    const all = (await pp().send(new ListTemplatesCommand({}))).TemplatesResponse!;
    assert.deepEqual(all.Item!.map((t) => `${t.TemplateName}/${t.TemplateType}`), ['alpha/EMAIL', 'alpha/SMS', 'beta/EMAIL', 'gamma/EMAIL']);
    assert.equal(all.NextToken, undefined);
    assert.equal(all.Item![0].Arn, ARN('alpha', 'EMAIL'));
    assert.equal(all.Item![0].Version, '1');
    assert.deepEqual((await pp().send(new ListTemplatesCommand({ TemplateType: 'SMS' }))).TemplatesResponse!.Item!.map((t) => t.TemplateName), ['alpha']);
    assert.deepEqual((await pp().send(new ListTemplatesCommand({ Prefix: 'g' }))).TemplatesResponse!.Item!.map((t) => t.TemplateName), ['gamma']);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = (await pp().send(new ListTemplatesCommand({ PageSize: '3', ...(token ? { NextToken: token } : {}) }))).TemplatesResponse!;
      seen.push(...page.Item!.map((t) => `${t.TemplateName}/${t.TemplateType}`));
      token = page.NextToken;
    } while (token);
    assert.deepEqual(seen, ['alpha/EMAIL', 'alpha/SMS', 'beta/EMAIL', 'gamma/EMAIL']);

    for (let i = 0; i < 3; i++) await pp().send(new UpdateEmailTemplateCommand({ TemplateName: 'alpha', CreateNewVersion: true, EmailTemplateRequest: { Subject: `v${i + 2}`, TemplateDescription: `v${i + 2}` } }));
    const first = (await pp().send(new ListTemplateVersionsCommand({ TemplateName: 'alpha', TemplateType: 'EMAIL', PageSize: '2' }))).TemplateVersionsResponse!;
    assert.deepEqual(first.Item!.map((v) => v.Version), ['1', '2']);
    assert.equal(first.Item![1].TemplateDescription, 'v2');
    const rest = (await pp().send(new ListTemplateVersionsCommand({ TemplateName: 'alpha', TemplateType: 'EMAIL', PageSize: '2', NextToken: first.NextToken }))).TemplateVersionsResponse!;
    assert.deepEqual(rest.Item!.map((v) => v.Version), ['3', '4']);
    assert.equal(rest.NextToken, undefined);
    await rejectsWith(pp().send(new ListTemplateVersionsCommand({ TemplateName: 'alpha', TemplateType: 'FAX' })), 'BadRequestException', 400, /template type/);
    await rejectsWith(pp().send(new ListTemplateVersionsCommand({ TemplateName: 'nothing', TemplateType: 'EMAIL' })), 'NotFoundException', 404);
  });
});

describe('tags and authorization', () => {
  it('tags a template through its ARN, and decides each call on it with its tags', async () => {
    await pp().send(new CreateEmailTemplateCommand({ TemplateName: 'owned', EmailTemplateRequest: { Subject: 's', tags: { team: 'growth' } } }));
    await pp().send(new CreateEmailTemplateCommand({ TemplateName: 'other', EmailTemplateRequest: { Subject: 's', tags: { team: 'billing' } } }));
    await pp().send(new TagResourceCommand({ ResourceArn: ARN('owned', 'EMAIL'), TagsModel: { tags: { stage: 'prod' } } }));
    await pp().send(new UntagResourceCommand({ ResourceArn: ARN('other', 'EMAIL'), TagKeys: ['team'] }));
    assert.deepEqual((await pp().send(new ListTagsForResourceCommand({ ResourceArn: ARN('owned', 'EMAIL') }))).TagsModel!.tags, { team: 'growth', stage: 'prod' });
    assert.deepEqual((await pp().send(new ListTagsForResourceCommand({ ResourceArn: ARN('other', 'EMAIL') }))).TagsModel!.tags, {});
    await rejectsWith(pp().send(new ListTagsForResourceCommand({ ResourceArn: ARN('missing', 'EMAIL') })), 'NotFoundException', 404);

    await rg.iam.send(new CreateUserCommand({ UserName: 'editor' }));
    await rg.iam.send(new PutUserPolicyCommand({
      UserName: 'editor', PolicyName: 'growth-templates',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['mobiletargeting:GetEmailTemplate', 'mobiletargeting:UpdateEmailTemplate'], Resource: `arn:aws:mobiletargeting:us-east-1:${TEST_ACCOUNT}:templates/*`, Condition: { StringEquals: { 'aws:ResourceTag/team': 'growth' } } }] }),
    }));
    const { AccessKey: k } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'editor' }));
    const editor = rg.server.pinpoint({ accessKeyId: k!.AccessKeyId!, secretAccessKey: k!.SecretAccessKey! });
    assert.equal((await editor.send(new GetEmailTemplateCommand({ TemplateName: 'owned' }))).EmailTemplateResponse!.TemplateName, 'owned');
    await editor.send(new UpdateEmailTemplateCommand({ TemplateName: 'owned', EmailTemplateRequest: { Subject: 'edited' } }));
    await rejectsWith(editor.send(new GetEmailTemplateCommand({ TemplateName: 'other' })), 'AccessDeniedException', 403, /mobiletargeting:GetEmailTemplate on resource: arn:aws:mobiletargeting:us-east-1:\d{12}:templates\/other\/EMAIL/);
    await rejectsWith(editor.send(new DeleteEmailTemplateCommand({ TemplateName: 'owned' })), 'AccessDeniedException', 403);
    await rejectsWith(editor.send(new ListTemplatesCommand({})), 'AccessDeniedException', 403, /mobiletargeting:ListTemplates on resource: arn:aws:mobiletargeting:us-east-1:\d{12}:templates because/);
  });
});

// Pinpoint's message templates of an account in a region: email, push, SMS, voice and in-app, each
// with Create/Get/Update/Delete<Kind>Template, and ListTemplates, ListTemplateVersions and
// UpdateTemplateActiveVersion, as the API Reference's template resources describe them:
//   - a new template is version 1, which is its active version;
//   - an update overwrites the latest version, unless create-new-version asks for a new one (and
//     then no version may be named); a version named in an update must be the latest;
//   - a read without a version answers the active version; a delete without one removes the
//     template and all its versions, with one only that version;
//   - the active version is changed by UpdateTemplateActiveVersion ("latest" or a version id).
// Tags are given when a template is made (later, through TagResource; an update's tags are not
// processed, as the reference says since May 2023). rolegate sends no messages: a template is
// content kept for the callers that read it.
import type { Operations } from '../../../generated/pinpoint/operations.js';
import type { TemplateRecord } from '../../../store/types.js';
import type { HandlerContext, ServiceHandlers } from '../../types.js';
import { badRequest, checkTags, isoDate, notFound, pageSize } from '../common.js';

type Kind = 'Email' | 'Push' | 'Sms' | 'Voice' | 'InApp';

const KINDS: Record<Kind, { type: string; request: string; response: string; created: string }> = {
  Email: { type: 'EMAIL', request: 'EmailTemplateRequest', response: 'EmailTemplateResponse', created: 'CreateTemplateMessageBody' },
  Push: { type: 'PUSH', request: 'PushNotificationTemplateRequest', response: 'PushNotificationTemplateResponse', created: 'CreateTemplateMessageBody' },
  Sms: { type: 'SMS', request: 'SMSTemplateRequest', response: 'SMSTemplateResponse', created: 'CreateTemplateMessageBody' },
  Voice: { type: 'VOICE', request: 'VoiceTemplateRequest', response: 'VoiceTemplateResponse', created: 'CreateTemplateMessageBody' },
  InApp: { type: 'INAPP', request: 'InAppTemplateRequest', response: 'InAppTemplateResponse', created: 'TemplateCreateMessageBody' },
};
const TYPES = new Set(Object.values(KINDS).map((k) => k.type));
const LAYOUTS = new Set(['BOTTOM_BANNER', 'TOP_BANNER', 'OVERLAYS', 'MOBILE_FEED', 'MIDDLE_BANNER', 'CAROUSEL']);
/** "A template name must start with an alphanumeric character and can contain a maximum of 128 characters … alphanumeric characters, underscores (_), or hyphens (-)." */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

interface Version {
  v: number;
  createdAt: number;
  modifiedAt: number;
  /** The request's members but its tags. */
  content: Record<string, unknown>;
}

interface TemplateData {
  versions: Version[];
  active: number;
  tags: Record<string, string>;
  [more: string]: unknown;
}

const dataOf = (t: TemplateRecord) => t.data as TemplateData;
export const templateArn = (region: string, accountId: string, name: string, type: string) =>
  `arn:aws:mobiletargeting:${region}:${accountId}:templates/${name}/${type}`;

function checkName(ctx: HandlerContext, name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw badRequest(ctx, `Invalid template name: ${String(name)}. It must start with a letter or digit and hold at most 128 letters, digits, underscores and hyphens.`);
  }
  return name;
}

/** A template type as the versions and active-version resources name it (EMAIL, PUSH, SMS, VOICE, INAPP; either case). */
function checkType(ctx: HandlerContext, type: unknown): string {
  const t = typeof type === 'string' ? type.toUpperCase() : '';
  if (!TYPES.has(t)) throw badRequest(ctx, `Invalid template type: ${String(type)}. Valid values are EMAIL, PUSH, SMS, VOICE and INAPP.`);
  return t;
}

/** The content of a request, checked: DefaultSubstitutions a JSON object, an in-app layout and content AWS knows. */
function contentOf(ctx: HandlerContext, kind: Kind, req: Record<string, unknown> | undefined): Record<string, unknown> {
  if (req === undefined || req === null || typeof req !== 'object') throw badRequest(ctx, `Missing ${KINDS[kind].request}`);
  const { tags: _tags, ...content } = req;
  const subs = content.DefaultSubstitutions;
  if (subs !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(subs));
    } catch {
      parsed = undefined;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw badRequest(ctx, 'Invalid DefaultSubstitutions: it must be a JSON object of variable names and values.');
    }
  }
  if (content.TemplateDescription !== undefined && String(content.TemplateDescription).length > 500) {
    throw badRequest(ctx, 'TemplateDescription must be at most 500 characters.');
  }
  if (kind === 'InApp') {
    if (content.Layout !== undefined && !LAYOUTS.has(String(content.Layout))) throw badRequest(ctx, `Invalid Layout: ${String(content.Layout)}`);
    const items = content.Content;
    if (items !== undefined && (!Array.isArray(items) || items.length > 5)) throw badRequest(ctx, 'An in-app template holds at most 5 content items.');
  }
  if (kind === 'Email' && Array.isArray(content.Headers) && content.Headers.length > 15) throw badRequest(ctx, 'An email template holds at most 15 headers.');
  return content;
}

function versionOf(ctx: HandlerContext, d: TemplateData, raw: string | undefined): Version {
  const wanted = raw === undefined || raw === '' ? d.active : raw === 'latest' ? d.versions[d.versions.length - 1].v : Number(raw);
  const found = d.versions.find((v) => v.v === wanted);
  if (!found) throw notFound(ctx, 'Template version not found');
  return found;
}

function response(ctx: HandlerContext, t: TemplateRecord, v: Version): Record<string, unknown> {
  const d = dataOf(t);
  return {
    ...v.content,
    Arn: templateArn(ctx.region, ctx.accountId, t.name, t.type),
    CreationDate: isoDate(v.createdAt),
    LastModifiedDate: isoDate(v.modifiedAt),
    TemplateName: t.name,
    TemplateType: t.type,
    Version: String(v.v),
    tags: { ...d.tags },
  };
}

const accepted = (ctx: HandlerContext) => ({ Message: 'Accepted', RequestID: ctx.requestId });

async function requireTemplate(ctx: HandlerContext, name: string, type: string): Promise<TemplateRecord> {
  const t = await ctx.store.pinpoint.getTemplate(ctx.accountId, ctx.region, name, type);
  if (!t) throw notFound(ctx, 'Template not found');
  return t;
}

/** Reads the template and writes back what `change` makes of it (or removes it, for undefined), in one store transaction. */
async function changeTemplate(ctx: HandlerContext, name: string, type: string, change: (t: TemplateRecord) => TemplateRecord | undefined): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const t = await tx.pinpoint.getTemplate(ctx.accountId, ctx.region, name, type);
    if (!t) throw notFound(ctx, 'Template not found');
    const next = change(t);
    if (next) await tx.pinpoint.putTemplate(next);
    else await tx.pinpoint.removeTemplate(ctx.accountId, ctx.region, name, type);
  });
}

type AnyHandlers = Record<string, (input: Record<string, unknown>, ctx: HandlerContext) => Promise<unknown>>;

function kindHandlers(): AnyHandlers {
  const out: AnyHandlers = {};
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const { type, request, response: responseName, created } = KINDS[kind];
    out[`Create${kind}Template`] = async (input, ctx) => {
      const name = checkName(ctx, input.TemplateName);
      const req = input[request] as Record<string, unknown> | undefined;
      const content = contentOf(ctx, kind, req);
      const tags = checkTags(ctx, req?.tags);
      const now = ctx.now.getTime();
      const record: TemplateRecord = {
        accountId: ctx.accountId, region: ctx.region, name, type, createdAt: now,
        data: { versions: [{ v: 1, createdAt: now, modifiedAt: now, content }], active: 1, tags } satisfies TemplateData,
      };
      if (!(await ctx.store.pinpoint.createTemplate(record))) throw badRequest(ctx, `Template ${name} of type ${type} already exists.`);
      return { [created]: { Arn: templateArn(ctx.region, ctx.accountId, name, type), Message: 'Created', RequestID: ctx.requestId } };
    };
    out[`Get${kind}Template`] = async (input, ctx) => {
      const t = await requireTemplate(ctx, checkName(ctx, input.TemplateName), type);
      return { [responseName]: response(ctx, t, versionOf(ctx, dataOf(t), input.Version as string | undefined)) };
    };
    out[`Update${kind}Template`] = async (input, ctx) => {
      const name = checkName(ctx, input.TemplateName);
      const content = contentOf(ctx, kind, input[request] as Record<string, unknown> | undefined);
      const asNew = input.CreateNewVersion === true;
      const named = input.Version as string | undefined;
      if (asNew && named !== undefined) throw badRequest(ctx, 'Specify either create-new-version or version, not both.');
      await changeTemplate(ctx, name, type, (t) => {
        const d = dataOf(t);
        const latest = d.versions[d.versions.length - 1];
        const now = ctx.now.getTime();
        if (asNew) return { ...t, data: { ...d, versions: [...d.versions, { v: latest.v + 1, createdAt: now, modifiedAt: now, content }] } };
        if (named !== undefined && named !== String(latest.v) && named !== 'latest') {
          throw badRequest(ctx, `Version ${named} is not the latest version of the template (${latest.v}); only the latest version can be updated.`);
        }
        return { ...t, data: { ...d, versions: [...d.versions.slice(0, -1), { ...latest, modifiedAt: now, content }] } };
      });
      return { MessageBody: accepted(ctx) };
    };
    out[`Delete${kind}Template`] = async (input, ctx) => {
      const name = checkName(ctx, input.TemplateName);
      const named = input.Version as string | undefined;
      await changeTemplate(ctx, name, type, (t) => {
        if (named === undefined || named === '') return undefined;
        const d = dataOf(t);
        const gone = versionOf(ctx, d, named);
        const versions = d.versions.filter((v) => v !== gone);
        if (versions.length === 0) return undefined;
        // The active version deleted: the latest one left is active.
        const active = gone.v === d.active ? versions[versions.length - 1].v : d.active;
        return { ...t, data: { ...d, versions, active } };
      });
      return { MessageBody: accepted(ctx) };
    };
  }
  return out;
}

const tokenOf = (key: string) => Buffer.from(key, 'utf8').toString('base64url');
const keyOf = (ctx: HandlerContext, token: string | undefined) => {
  if (token === undefined || token === '') return undefined;
  const key = Buffer.from(token, 'base64url').toString('utf8');
  if (!key.includes('\u0000')) throw badRequest(ctx, 'Invalid NextToken');
  return key;
};

export const handlers = {
  ...(kindHandlers() as ServiceHandlers<Operations>),

  async ListTemplates(input, ctx) {
    const limit = pageSize(ctx, input.PageSize);
    const type = input.TemplateType === undefined ? undefined : checkType(ctx, input.TemplateType);
    const rows = await ctx.store.pinpoint.listTemplates(ctx.accountId, ctx.region, {
      ...(input.Prefix ? { prefix: input.Prefix } : {}), ...(type ? { type } : {}), after: keyOf(ctx, input.NextToken), limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const Item = page.map((t) => {
      const d = dataOf(t);
      const v = versionOf(ctx, d, undefined);
      return {
        Arn: templateArn(ctx.region, ctx.accountId, t.name, t.type),
        CreationDate: isoDate(v.createdAt),
        LastModifiedDate: isoDate(v.modifiedAt),
        TemplateName: t.name,
        TemplateType: t.type as 'EMAIL' | 'SMS' | 'VOICE' | 'PUSH' | 'INAPP',
        Version: String(v.v),
        tags: { ...d.tags },
        ...(v.content.DefaultSubstitutions !== undefined ? { DefaultSubstitutions: v.content.DefaultSubstitutions as string } : {}),
        ...(v.content.TemplateDescription !== undefined ? { TemplateDescription: v.content.TemplateDescription as string } : {}),
      };
    });
    const last = page[page.length - 1];
    return { TemplatesResponse: { Item, ...(rows.length > limit ? { NextToken: tokenOf(ctx.store.pinpoint.templateKey(last)) } : {}) } };
  },

  async ListTemplateVersions(input, ctx) {
    const t = await requireTemplate(ctx, checkName(ctx, input.TemplateName), checkType(ctx, input.TemplateType));
    const limit = pageSize(ctx, input.PageSize);
    const after = input.NextToken ? Number(input.NextToken) : 0;
    if (!Number.isInteger(after) || after < 0) throw badRequest(ctx, 'Invalid NextToken');
    const later = dataOf(t).versions.filter((v) => v.v > after);
    const page = later.slice(0, limit);
    const Item = page.map((v) => ({
      CreationDate: isoDate(v.createdAt),
      LastModifiedDate: isoDate(v.modifiedAt),
      TemplateName: t.name,
      TemplateType: t.type,
      Version: String(v.v),
      ...(v.content.DefaultSubstitutions !== undefined ? { DefaultSubstitutions: v.content.DefaultSubstitutions as string } : {}),
      ...(v.content.TemplateDescription !== undefined ? { TemplateDescription: v.content.TemplateDescription as string } : {}),
    }));
    return { TemplateVersionsResponse: { Item, RequestID: ctx.requestId, ...(later.length > limit ? { NextToken: String(page[page.length - 1].v) } : {}) } };
  },

  async UpdateTemplateActiveVersion(input, ctx) {
    const name = checkName(ctx, input.TemplateName);
    const type = checkType(ctx, input.TemplateType);
    const wanted = input.TemplateActiveVersionRequest?.Version;
    if (typeof wanted !== 'string' || wanted === '') throw badRequest(ctx, 'Missing Version: "latest" or the id of an existing version.');
    await changeTemplate(ctx, name, type, (t) => {
      const d = dataOf(t);
      return { ...t, data: { ...d, active: versionOf(ctx, d, wanted).v } };
    });
    return { MessageBody: accepted(ctx) };
  },
} satisfies ServiceHandlers<Operations>;

/** A template's tags changed by `change` (TagResource, UntagResource on its ARN). */
export async function updateTemplateTags(ctx: HandlerContext, name: string, type: string, change: (tags: Record<string, string>) => Record<string, string>): Promise<void> {
  await changeTemplate(ctx, name, type, (t) => ({ ...t, data: { ...dataOf(t), tags: change({ ...dataOf(t).tags }) } }));
}

/** A template's tags (ListTagsForResource on its ARN). */
export async function templateTags(ctx: HandlerContext, name: string, type: string): Promise<Record<string, string>> {
  return { ...dataOf(await requireTemplate(ctx, name, type)).tags };
}

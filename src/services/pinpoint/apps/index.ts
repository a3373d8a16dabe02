// Pinpoint's projects (apps): CreateApp, GetApp, GetApps, DeleteApp, the application settings, and
// the tags of an app's or a segment's ARN (TagResource, UntagResource, ListTagsForResource). An app's record keeps
// its ApplicationResponse members and its settings in `data`; DeleteApp takes everything in it.
import type { Operations } from '../../../generated/pinpoint/operations.js';
import type { ApplicationResponse, ApplicationSettingsResource, WriteApplicationSettingsRequest } from '../../../generated/pinpoint/shapes.js';
import type { PinpointAppRecord } from '../../../store/types.js';
import type { HandlerContext, ServiceHandlers } from '../../types.js';
import { appArn, badRequest, checkTags, isoDate, listPage, newId, notFound, requireApp } from '../common.js';
import { templateTags, updateTemplateTags } from '../templates/index.js';

interface AppData {
  Name: string;
  tags: Record<string, string>;
  settings: Omit<ApplicationSettingsResource, 'ApplicationId'> & { CloudWatchMetricsEnabled?: boolean; EventTaggingEnabled?: boolean };
  [more: string]: unknown;
}

const dataOf = (a: PinpointAppRecord) => a.data as AppData;

export function applicationResponse(a: PinpointAppRecord): ApplicationResponse {
  const d = dataOf(a);
  return { Arn: appArn(a.region, a.accountId, a.id), Id: a.id, Name: d.Name, tags: { ...d.tags }, CreationDate: isoDate(a.createdAt) };
}


/** The app (and segment), or the message template, a tagging call's ResourceArn names, when it is in the caller's account and region. */
function resourceOfArn(ctx: HandlerContext, arn: string): { appId: string; segmentId?: string; template?: undefined } | { template: { name: string; type: string }; appId?: undefined; segmentId?: undefined } {
  const t = /^arn:aws[a-z-]*:mobiletargeting:([a-z0-9-]+):(\d{12}):templates\/([A-Za-z0-9][A-Za-z0-9_-]{0,127})\/(EMAIL|PUSH|SMS|VOICE|INAPP)$/.exec(arn ?? '');
  if (t) {
    if (t[1] !== ctx.region || t[2] !== ctx.accountId) throw notFound(ctx);
    return { template: { name: t[3], type: t[4] } };
  }
  const m = /^arn:aws[a-z-]*:mobiletargeting:([a-z0-9-]+):(\d{12}):apps\/([0-9a-f]{32})(?:\/segments\/([0-9a-f]{32}))?$/.exec(arn ?? '');
  if (!m) {
    if (/^arn:aws[a-z-]*:mobiletargeting:/.test(arn ?? '')) throw notFound(ctx);
    throw badRequest(ctx, `Invalid ARN: ${arn}`);
  }
  if (m[1] !== ctx.region || m[2] !== ctx.accountId) throw notFound(ctx);
  return m[4] ? { appId: m[3], segmentId: m[4] } : { appId: m[3] };
}

/** A segment's tags changed by `change`, in one store transaction (they are every version's). */
async function updateSegmentTags(ctx: HandlerContext, appId: string, segmentId: string, change: (tags: Record<string, string>) => Record<string, string>): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.pinpoint.getApp(ctx.accountId, ctx.region, appId))) throw notFound(ctx);
    const seg = await tx.pinpoint.getSegment(appId, segmentId);
    if (!seg) throw notFound(ctx);
    await tx.pinpoint.setSegmentTags(appId, segmentId, change({ ...((seg.data.tags as Record<string, string> | undefined) ?? {}) }));
  });
}

/** Reads the app and writes back what `change` makes of its record, in one store transaction. */
async function updateApp(ctx: HandlerContext, appId: string, change: (a: PinpointAppRecord) => PinpointAppRecord): Promise<PinpointAppRecord> {
  return ctx.store.transaction(async (tx) => {
    const app = await tx.pinpoint.getApp(ctx.accountId, ctx.region, appId);
    if (!app) throw notFound(ctx);
    const next = change(app);
    await tx.pinpoint.putApp(next);
    return next;
  });
}

function settingsResource(a: PinpointAppRecord): ApplicationSettingsResource {
  const s = dataOf(a).settings;
  return {
    ApplicationId: a.id,
    CampaignHook: s.CampaignHook ?? {},
    LastModifiedDate: s.LastModifiedDate,
    Limits: s.Limits ?? {},
    QuietTime: s.QuietTime ?? {},
    ...(s.JourneyLimits ? { JourneyLimits: s.JourneyLimits } : {}),
  };
}

function checkSettings(ctx: HandlerContext, w: WriteApplicationSettingsRequest): void {
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
  for (const t of [w.QuietTime?.Start, w.QuietTime?.End]) {
    if (t !== undefined && !hhmm.test(t)) throw badRequest(ctx, `Invalid QuietTime: ${t}. It must be in HH:mm format.`);
  }
  const l = w.Limits ?? {};
  for (const [k, v] of Object.entries(l)) {
    if (typeof v === 'number' && (v < 0 || !Number.isInteger(v))) throw badRequest(ctx, `Invalid limit ${k}: ${v}`);
  }
  if (l.MessagesPerSecond !== undefined && (l.MessagesPerSecond < 1 || l.MessagesPerSecond > 20_000)) {
    throw badRequest(ctx, 'MessagesPerSecond must be between 1 and 20000.');
  }
  if (l.MaximumDuration !== undefined && l.MaximumDuration < 60) throw badRequest(ctx, 'MaximumDuration must be at least 60 seconds.');
  if (w.CampaignHook?.Mode !== undefined && w.CampaignHook.Mode !== 'DELIVERY' && w.CampaignHook.Mode !== 'FILTER') {
    throw badRequest(ctx, `Invalid CampaignHook mode: ${w.CampaignHook.Mode}`);
  }
}


export const handlers = {
  async CreateApp(input, ctx) {
    const req = input.CreateApplicationRequest ?? ({} as never);
    const name = req.Name;
    if (typeof name !== 'string' || name.trim() === '') throw badRequest(ctx, 'Missing Name');
    const tags = checkTags(ctx, req.tags);
    const now = ctx.now.getTime();
    const app: PinpointAppRecord = {
      id: newId(), accountId: ctx.accountId, region: ctx.region, createdAt: now,
      data: { Name: name, tags, settings: { LastModifiedDate: isoDate(now) } } satisfies AppData,
    };
    if (!(await ctx.store.pinpoint.createApp(app))) throw new Error('application id already taken');
    return { ApplicationResponse: applicationResponse(app) };
  },

  async GetApp(input, ctx) {
    return { ApplicationResponse: applicationResponse(await requireApp(ctx, input.ApplicationId)) };
  },

  async GetApps(input, ctx) {
    return { ApplicationsResponse: await listPage(ctx, input, (o) => ctx.store.pinpoint.listApps(ctx.accountId, ctx.region, o), applicationResponse) };
  },

  async DeleteApp(input, ctx) {
    const app = await requireApp(ctx, input.ApplicationId);
    await ctx.store.pinpoint.removeApp(app.id);
    return { ApplicationResponse: applicationResponse(app) };
  },

  async GetApplicationSettings(input, ctx) {
    return { ApplicationSettingsResource: settingsResource(await requireApp(ctx, input.ApplicationId)) };
  },

  async UpdateApplicationSettings(input, ctx) {
    const w = input.WriteApplicationSettingsRequest ?? {};
    checkSettings(ctx, w);
    const updated = await updateApp(ctx, input.ApplicationId, (app) => {
      const d = dataOf(app);
      const s = { ...d.settings };
      if (w.CampaignHook !== undefined) s.CampaignHook = w.CampaignHook;
      if (w.Limits !== undefined) s.Limits = w.Limits;
      if (w.QuietTime !== undefined) s.QuietTime = w.QuietTime;
      if (w.JourneyLimits !== undefined) s.JourneyLimits = w.JourneyLimits;
      if (w.CloudWatchMetricsEnabled !== undefined) s.CloudWatchMetricsEnabled = w.CloudWatchMetricsEnabled;
      if (w.EventTaggingEnabled !== undefined) s.EventTaggingEnabled = w.EventTaggingEnabled;
      s.LastModifiedDate = isoDate(ctx.now.getTime());
      return { ...app, data: { ...d, settings: s } };
    });
    return { ApplicationSettingsResource: settingsResource(updated) };
  },

  async TagResource(input, ctx) {
    const r = resourceOfArn(ctx, input.ResourceArn);
    if (r.template) return void (await updateTemplateTags(ctx, r.template.name, r.template.type, (tags) => checkTags(ctx, input.TagsModel?.tags, tags)));
    if (r.segmentId) return void (await updateSegmentTags(ctx, r.appId, r.segmentId, (tags) => checkTags(ctx, input.TagsModel?.tags, tags)));
    await updateApp(ctx, r.appId, (app) => ({ ...app, data: { ...dataOf(app), tags: checkTags(ctx, input.TagsModel?.tags, dataOf(app).tags) } }));
  },

  async UntagResource(input, ctx) {
    const r = resourceOfArn(ctx, input.ResourceArn);
    const untag = (tags: Record<string, string>) => {
      for (const k of input.TagKeys ?? []) delete tags[k];
      return tags;
    };
    if (r.template) return void (await updateTemplateTags(ctx, r.template.name, r.template.type, untag));
    if (r.segmentId) return void (await updateSegmentTags(ctx, r.appId, r.segmentId, untag));
    await updateApp(ctx, r.appId, (app) => ({ ...app, data: { ...dataOf(app), tags: untag({ ...dataOf(app).tags }) } }));
  },

  async ListTagsForResource(input, ctx) {
    const r = resourceOfArn(ctx, input.ResourceArn);
    if (r.template) return { TagsModel: { tags: await templateTags(ctx, r.template.name, r.template.type) } };
    const app = await requireApp(ctx, r.appId);
    if (!r.segmentId) return { TagsModel: { tags: { ...dataOf(app).tags } } };
    const seg = await ctx.store.pinpoint.getSegment(r.appId, r.segmentId);
    if (!seg) throw notFound(ctx);
    return { TagsModel: { tags: { ...((seg.data.tags as Record<string, string> | undefined) ?? {}) } } };
  },
} satisfies ServiceHandlers<Operations>;

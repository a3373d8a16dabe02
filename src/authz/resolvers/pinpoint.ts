// Pinpoint's resources as the engine sees them: a project (arn:aws:mobiletargeting:REGION:ACCOUNT:
// apps/ID) named by ApplicationId, an endpoint (…:apps/ID/endpoints/ENDPOINT), a segment (…:apps/ID/segments/SEGMENT) by ApplicationId and
// SegmentId, or either by a tagging call's ResourceArn; each with its stored tags as
// aws:ResourceTag/*. And the tag keys a request supplies from Pinpoint's tag maps (CreateApp's
// CreateApplicationRequest.tags, CreateSegment's WriteSegmentRequest.tags, TagResource's
// TagsModel.tags; UntagResource's TagKeys): aws:RequestTag/* and aws:TagKeys.
import type { ContextValue } from '../../policy/index.js';
import { callScope, str, type FamilyResolver, type Input, type KeyResolver, type ResolveFacts, type ResolvedResource, type ResourceResolver } from './types.js';

function tagContext(tags: unknown): Record<string, ContextValue> | undefined {
  if (tags === null || typeof tags !== 'object') return undefined;
  const entries = Object.entries(tags as Record<string, string>);
  if (entries.length === 0) return undefined;
  const context: Record<string, ContextValue> = {};
  for (const [k, v] of entries) context[`aws:ResourceTag/${k}`] = v;
  return context;
}

const appArn = (facts: ResolveFacts, account: string, region: string, appId: string) => `arn:${facts.partition}:mobiletargeting:${region}:${account}:apps/${appId}`;

async function appResource(facts: ResolveFacts, account: string, region: string, appId: string): Promise<ResolvedResource> {
  const found: ResolvedResource = { resource: appArn(facts, account, region, appId), account };
  const stored = await callScope(facts).store.pinpoint.getApp(account, region, appId);
  const context = stored ? tagContext((stored.data as { tags?: unknown }).tags) : undefined;
  if (context) found.context = context;
  return found;
}

async function segmentResource(facts: ResolveFacts, account: string, region: string, appId: string, segmentId: string): Promise<ResolvedResource> {
  const found: ResolvedResource = { resource: `${appArn(facts, account, region, appId)}/segments/${segmentId}`, account };
  const app = await callScope(facts).store.pinpoint.getApp(account, region, appId);
  const stored = app ? await callScope(facts).store.pinpoint.getSegment(appId, segmentId) : undefined;
  const context = stored ? tagContext((stored.data as { tags?: unknown }).tags) : undefined;
  if (context) found.context = context;
  return found;
}

const app: ResourceResolver = async (_source, input, facts) => appResource(facts, facts.account, facts.region, str(input.ApplicationId) ?? '*');

/** An endpoint's own ARN (…:apps/ID/endpoints/ENDPOINT), as AWS names it in its decisions, with the project's tags. */
const endpoint: ResourceResolver = async (_source, input, facts) => {
  const found = await appResource(facts, facts.account, facts.region, str(input.ApplicationId) ?? '*');
  return { ...found, resource: `${found.resource}/endpoints/${str(input.EndpointId) ?? '*'}` };
};

const segment: ResourceResolver = async (_source, input, facts) =>
  segmentResource(facts, facts.account, facts.region, str(input.ApplicationId) ?? '*', str(input.SegmentId) ?? '*');

async function templateResource(facts: ResolveFacts, account: string, region: string, name: string, type: string): Promise<ResolvedResource> {
  const found: ResolvedResource = { resource: `arn:${facts.partition}:mobiletargeting:${region}:${account}:templates/${name}/${type}`, account };
  const stored = await callScope(facts).store.pinpoint.getTemplate(account, region, name, type);
  const context = stored ? tagContext((stored.data as { tags?: unknown }).tags) : undefined;
  if (context) found.context = context;
  return found;
}

/**
 * A message template (…:templates/NAME/TYPE) with its tags: the type is the operation's own (the
 * map's `name`: EMAIL for the email template operations …), else the input's TemplateType.
 */
const template: ResourceResolver = async (source, input, facts) =>
  templateResource(facts, facts.account, facts.region, str(input.TemplateName) ?? '*', source.name ?? (str(input.TemplateType)?.toUpperCase() ?? '*'));

/** A tagging call's ResourceArn: a project, a segment or a template of this account and region, with its tags; any other ARN as given. */
const resource: ResourceResolver = async (_source, input, facts) => {
  const arn = str(input.ResourceArn) ?? '';
  const t = /^arn:[a-z-]+:mobiletargeting:([a-z0-9-]+):(\d{12}):templates\/([A-Za-z0-9_-]+)\/(EMAIL|PUSH|SMS|VOICE|INAPP)$/.exec(arn);
  if (t) return t[1] === facts.region && t[2] === facts.account ? templateResource(facts, t[2], t[1], t[3], t[4]) : { resource: arn, account: facts.account };
  const m = /^arn:[a-z-]+:mobiletargeting:([a-z0-9-]+):(\d{12}):apps\/([0-9a-f]{32})(?:\/segments\/([0-9a-f]{32}))?$/.exec(arn);
  if (!m) return { resource: arn || '*', account: facts.account };
  // Another account's or region's project is none of the caller's: decided as named, answered NotFound by the handler.
  if (m[1] !== facts.region || m[2] !== facts.account) return { resource: arn, account: facts.account };
  return m[4] ? segmentResource(facts, m[2], m[1], m[3], m[4]) : appResource(facts, m[2], m[1], m[3]);
};

export const pinpointResourceResolvers: Record<string, ResourceResolver> = {
  'pinpoint:app': app, 'pinpoint:endpoint': endpoint, 'pinpoint:segment': segment, 'pinpoint:resource': resource, 'pinpoint:template': template,
};

/** The tags map a request sets, wherever its operation carries it. */
function requestTags(input: Input): Record<string, string> | undefined {
  for (const holder of [input.CreateApplicationRequest, input.WriteSegmentRequest, input.TagsModel, input.EmailTemplateRequest, input.PushNotificationTemplateRequest,
    input.SMSTemplateRequest, input.VoiceTemplateRequest, input.InAppTemplateRequest]) {
    const tags = (holder as { tags?: unknown } | undefined)?.tags;
    if (tags !== null && typeof tags === 'object' && !Array.isArray(tags)) return tags as Record<string, string>;
  }
  return undefined;
}

export const pinpointFamilies: Record<string, FamilyResolver> = {
  'pinpoint:RequestTag': (input, into) => {
    const tags = requestTags(input);
    if (tags) for (const k of Object.keys(tags)) into[`aws:RequestTag/${k}`] = tags[k];
  },
};

export const pinpointKeyResolvers: Record<string, KeyResolver> = {
  /** The keys a request sets (a tags map) or removes (TagKeys). */
  'pinpoint:TagKeys': (input) => {
    const keys = [...Object.keys(requestTags(input) ?? {}), ...((input.TagKeys as string[] | undefined) ?? [])];
    return keys.length ? keys : undefined;
  },
  /** iam:PassRole's iam:PassedToService when a job or an event stream is given a role: Pinpoint's name in the Service Authorization Reference. */
  'pinpoint:PassedToService': () => 'mobiletargeting.amazonaws.com',
};

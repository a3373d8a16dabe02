// Pinpoint's segments: CreateSegment, GetSegment, GetSegments, UpdateSegment (a new version each
// time, every version kept), GetSegmentVersion, GetSegmentVersions and DeleteSegment. A segment
// version's record keeps its SegmentResponse exactly as answered in `data`, plus rolegate-private
// keys starting with "_" (an imported segment's `_members`, the member list of its endpoint ids),
// which are never answered. Which endpoints a segment selects is in resolve.ts.
//
// AWS's rules (Amazon Pinpoint API Reference, "Segments", "Segment", "Segment Versions"; the
// WriteSegmentRequest, SegmentGroup, AttributeDimension, MetricDimension, RecencyDimension shapes;
// User Guide, "Building segments", "Importing segments"; "Tags"):
//   - a WriteSegmentRequest can include a Dimensions object or a SegmentGroups object, not both;
//   - CreateSegment needs a Name; SegmentType is DIMENSIONAL; Version starts at 1;
//   - a segment group's base (source) segments must be segments of the project (the version, when
//     one is named); "you can specify more than one dimensional segment or only one imported segment";
//   - enums: SetDimension.DimensionType INCLUSIVE|EXCLUSIVE; AttributeType INCLUSIVE|EXCLUSIVE|
//     CONTAINS|BEFORE|AFTER|ON|BETWEEN (and NOT_BETWEEN); MetricDimension.ComparisonOperator
//     GREATER_THAN|LESS_THAN|GREATER_THAN_OR_EQUAL|LESS_THAN_OR_EQUAL|EQUAL; Recency Duration
//     HR_24|DAY_7|DAY_14|DAY_30 and RecencyType ACTIVE|INACTIVE (both required); Include, SourceType
//     and Type ALL|ANY|NONE; required members: SetDimension/AttributeDimension Values,
//     MetricDimension ComparisonOperator and Value, GPSPoint Coordinates, SegmentReference Id;
//   - BEFORE/AFTER/ON compare ISO_INSTANT datetimes with one value; BETWEEN with two;
//   - tags: at most 50, keys 1–128 characters, values ≤ 256, no aws: prefix; "As of 22-05-2023 tags
//     has been deprecated for update operations ... any value in tags is not processed and an error
//     code is not returned" — UpdateSegment keeps the segment's tags and ignores the request's.
//   - an imported segment "is an unchanging set of endpoints".
//
// rolegate's decisions:
//   - UpdateSegment replaces the definition when it gives Dimensions or SegmentGroups (the other is
//     dropped) and keeps it otherwise; it keeps the Name unless one is given (an empty Name is refused).
//   - UpdateSegment of an imported segment may change its Name only (the new version keeps its
//     ImportDefinition and member list); Dimensions or SegmentGroups are refused with 400.
//   - A source segment that doesn't exist is refused with BadRequestException (the request is
//     wrong; the resource in the path exists).
//   - Concurrent UpdateSegments: the version is taken with putSegment (false when it exists); the
//     loser rereads and retries, and answers ConflictException after MAX_ATTEMPTS.
//   - GetSegments pages by segment id and GetSegmentVersions by version number (ascending); the
//     Token is the last item's id or version.
import type { Operations } from '../../../generated/pinpoint/operations.js';
import type {
  AttributeDimension, MetricDimension, SegmentDimensions, SegmentGroupList, SegmentResponse, SetDimension, WriteSegmentRequest,
} from '../../../generated/pinpoint/shapes.js';
import type { SegmentRecord, StoreTables } from '../../../store/types.js';
import type { HandlerContext, ServiceHandlers } from '../../types.js';
import { appArn, badRequest, checkTags, conflict, isoDate, listPage, newId, notFound, pageSize, requireApp } from '../common.js';
import { instant } from './resolve.js';

/** UpdateSegment tries this many times when another update takes its version number. */
const MAX_ATTEMPTS = 5;

const SET_TYPES = new Set(['INCLUSIVE', 'EXCLUSIVE']);
const ATTRIBUTE_TYPES = new Set(['INCLUSIVE', 'EXCLUSIVE', 'CONTAINS', 'BEFORE', 'AFTER', 'ON', 'BETWEEN', 'NOT_BETWEEN']);
const COMPARISONS = new Set(['GREATER_THAN', 'LESS_THAN', 'GREATER_THAN_OR_EQUAL', 'LESS_THAN_OR_EQUAL', 'EQUAL']);
const DURATIONS = new Set(['HR_24', 'DAY_7', 'DAY_14', 'DAY_30']);
const RECENCY_TYPES = new Set(['ACTIVE', 'INACTIVE']);
const GROUP_MODES = new Set(['ALL', 'ANY', 'NONE']);

type Ctx = Pick<HandlerContext, 'requestId'>;

/** Not a type guard on purpose: the shapes keep their generated types after the check. */
const isObject = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The SegmentResponse a record answers: its data without rolegate's private ("_") keys. */
export function segmentResponse(s: SegmentRecord): SegmentResponse {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s.data)) if (!k.startsWith('_')) out[k] = structuredClone(v);
  return out as unknown as SegmentResponse;
}

export const segmentArn = (region: string, accountId: string, appId: string, segmentId: string) => `${appArn(region, accountId, appId)}/segments/${segmentId}`;


function checkValues(ctx: Ctx, where: string, v: unknown): string[] {
  if (!Array.isArray(v)) throw badRequest(ctx, `${where}.Values is required and must be a list of strings`);
  for (const x of v) if (typeof x !== 'string') throw badRequest(ctx, `${where}.Values must be a list of strings`);
  return v as string[];
}

function checkSet(ctx: Ctx, where: string, d: unknown): void {
  if (d === undefined) return;
  if (!isObject(d)) throw badRequest(ctx, `${where} must be an object`);
  const s = d as unknown as SetDimension;
  if (s.DimensionType !== undefined && !SET_TYPES.has(s.DimensionType)) throw badRequest(ctx, `Invalid DimensionType for ${where}: ${String(s.DimensionType)}`);
  checkValues(ctx, where, s.Values);
}

function checkAttributes(ctx: Ctx, where: string, m: unknown): void {
  if (m === undefined) return;
  if (!isObject(m)) throw badRequest(ctx, `${where} must be a map of attribute names to dimensions`);
  for (const [name, raw] of Object.entries(m as Record<string, unknown>)) {
    const at = `${where}.${name}`;
    if (name.length === 0) throw badRequest(ctx, `${where} has an empty attribute name`);
    if (!isObject(raw)) throw badRequest(ctx, `${at} must be an object`);
    const d = raw as unknown as AttributeDimension;
    const type = (d.AttributeType ?? 'INCLUSIVE') as string;
    if (!ATTRIBUTE_TYPES.has(type)) throw badRequest(ctx, `Invalid AttributeType for ${at}: ${type}`);
    const values = checkValues(ctx, at, d.Values);
    const dated = type === 'BEFORE' || type === 'AFTER' || type === 'ON' ? 1 : type === 'BETWEEN' || type === 'NOT_BETWEEN' ? 2 : 0;
    if (dated > 0) {
      if (values.length !== dated) throw badRequest(ctx, `${type} on ${at} needs exactly ${dated} value${dated > 1 ? 's' : ''}`);
      for (const v of values) if (Number.isNaN(instant(v))) throw badRequest(ctx, `${type} on ${at} needs ISO 8601 datetimes: ${v}`);
      if (dated === 2 && instant(values[0]) > instant(values[1])) throw badRequest(ctx, `${type} on ${at}: the first value must not be after the second`);
    }
  }
}

function checkMetrics(ctx: Ctx, m: unknown): void {
  if (m === undefined) return;
  if (!isObject(m)) throw badRequest(ctx, 'Metrics must be a map of metric names to dimensions');
  for (const [name, raw] of Object.entries(m as Record<string, unknown>)) {
    if (!isObject(raw)) throw badRequest(ctx, `Metrics.${name} must be an object`);
    const d = raw as unknown as MetricDimension;
    if (typeof d.ComparisonOperator !== 'string' || !COMPARISONS.has(d.ComparisonOperator)) {
      throw badRequest(ctx, `Invalid ComparisonOperator for Metrics.${name}: ${String(d.ComparisonOperator)}`);
    }
    if (typeof d.Value !== 'number' || !Number.isFinite(d.Value)) throw badRequest(ctx, `Metrics.${name}.Value is required and must be a number`);
  }
}

function checkDimensions(ctx: Ctx, where: string, raw: unknown): void {
  if (raw === undefined) return;
  if (!isObject(raw)) throw badRequest(ctx, `${where} must be an object`);
  const d = raw as SegmentDimensions;
  if (d.Demographic !== undefined) {
    if (!isObject(d.Demographic)) throw badRequest(ctx, `${where}.Demographic must be an object`);
    for (const k of ['AppVersion', 'Channel', 'DeviceType', 'Make', 'Model', 'Platform'] as const) checkSet(ctx, `${where}.Demographic.${k}`, d.Demographic[k]);
  }
  if (d.Location !== undefined) {
    if (!isObject(d.Location)) throw badRequest(ctx, `${where}.Location must be an object`);
    checkSet(ctx, `${where}.Location.Country`, d.Location.Country);
    const g = d.Location.GPSPoint;
    if (g !== undefined) {
      const c = isObject(g) ? (g as { Coordinates?: unknown }).Coordinates : undefined;
      if (!isObject(c)) throw badRequest(ctx, `${where}.Location.GPSPoint.Coordinates is required`);
      const { Latitude, Longitude } = c as { Latitude?: unknown; Longitude?: unknown };
      if (typeof Latitude !== 'number' || Latitude < -90 || Latitude > 90) throw badRequest(ctx, 'GPSPoint Latitude must be between -90 and 90');
      if (typeof Longitude !== 'number' || Longitude < -180 || Longitude > 180) throw badRequest(ctx, 'GPSPoint Longitude must be between -180 and 180');
      const r = (g as { RangeInKilometers?: unknown }).RangeInKilometers;
      if (r !== undefined && (typeof r !== 'number' || !(r > 0))) throw badRequest(ctx, 'GPSPoint RangeInKilometers must be a positive number');
    }
  }
  if (d.Behavior !== undefined) {
    if (!isObject(d.Behavior)) throw badRequest(ctx, `${where}.Behavior must be an object`);
    const r = d.Behavior.Recency;
    if (r !== undefined) {
      if (!isObject(r)) throw badRequest(ctx, `${where}.Behavior.Recency must be an object`);
      if (!DURATIONS.has(r.Duration)) throw badRequest(ctx, `Invalid Recency Duration: ${String(r.Duration)}`);
      if (!RECENCY_TYPES.has(r.RecencyType)) throw badRequest(ctx, `Invalid RecencyType: ${String(r.RecencyType)}`);
    }
  }
  checkAttributes(ctx, `${where}.Attributes`, d.Attributes);
  checkAttributes(ctx, `${where}.UserAttributes`, d.UserAttributes);
  checkMetrics(ctx, d.Metrics);
}

/** A segment group list's shape, and that its base segments are the project's (at most one imported per group). */
async function checkGroups(ctx: Ctx, store: StoreTables, appId: string, raw: unknown): Promise<void> {
  if (raw === undefined) return;
  if (!isObject(raw)) throw badRequest(ctx, 'SegmentGroups must be an object');
  const list = raw as SegmentGroupList;
  if (list.Include !== undefined && !GROUP_MODES.has(list.Include)) throw badRequest(ctx, `Invalid Include: ${String(list.Include)}`);
  if (list.Groups === undefined) return;
  if (!Array.isArray(list.Groups)) throw badRequest(ctx, 'SegmentGroups.Groups must be a list');
  for (const [i, g] of list.Groups.entries()) {
    if (!isObject(g)) throw badRequest(ctx, `SegmentGroups.Groups[${i}] must be an object`);
    if (g.Type !== undefined && !GROUP_MODES.has(g.Type)) throw badRequest(ctx, `Invalid Type: ${String(g.Type)}`);
    if (g.SourceType !== undefined && !GROUP_MODES.has(g.SourceType)) throw badRequest(ctx, `Invalid SourceType: ${String(g.SourceType)}`);
    if (g.Dimensions !== undefined) {
      if (!Array.isArray(g.Dimensions)) throw badRequest(ctx, `SegmentGroups.Groups[${i}].Dimensions must be a list`);
      g.Dimensions.forEach((d, j) => checkDimensions(ctx, `SegmentGroups.Groups[${i}].Dimensions[${j}]`, d));
    }
    if (g.SourceSegments === undefined) continue;
    if (!Array.isArray(g.SourceSegments)) throw badRequest(ctx, `SegmentGroups.Groups[${i}].SourceSegments must be a list`);
    let imported = 0;
    for (const ref of g.SourceSegments) {
      if (!isObject(ref) || typeof ref.Id !== 'string' || ref.Id === '') throw badRequest(ctx, 'A source segment needs an Id');
      if (ref.Version !== undefined && ref.Version !== null && (!Number.isInteger(ref.Version) || ref.Version < 1)) {
        throw badRequest(ctx, `Invalid source segment version: ${String(ref.Version)}`);
      }
      const src = await store.pinpoint.getSegment(appId, ref.Id, ref.Version ?? undefined);
      if (!src) throw badRequest(ctx, `Source segment not found: ${ref.Id}${ref.Version ? ` version ${ref.Version}` : ''}`);
      if (src.data.SegmentType === 'IMPORT') imported++;
    }
    if (imported > 0 && g.SourceSegments.length > 1) {
      throw badRequest(ctx, 'A segment group can have more than one dimensional source segment or only one imported segment.');
    }
  }
}

/** The request's definition checked: Dimensions or SegmentGroups (not both). */
async function checkDefinition(ctx: Ctx, store: StoreTables, appId: string, w: WriteSegmentRequest): Promise<void> {
  if (w.Dimensions !== undefined && w.SegmentGroups !== undefined) {
    throw badRequest(ctx, 'A segment can include a Dimensions object or a SegmentGroups object, but not both.');
  }
  checkDimensions(ctx, 'Dimensions', w.Dimensions);
  await checkGroups(ctx, store, appId, w.SegmentGroups);
}


async function requireSegment(ctx: HandlerContext, appId: string, segmentId: string, version?: number): Promise<SegmentRecord> {
  const s = await ctx.store.pinpoint.getSegment(appId, segmentId, version);
  if (!s) throw notFound(ctx);
  return s;
}

export const handlers = {
  async CreateSegment(input, ctx) {
    const app = await requireApp(ctx, input.ApplicationId);
    const w = (input.WriteSegmentRequest ?? {}) as WriteSegmentRequest;
    if (!isObject(w)) throw badRequest(ctx, 'Missing WriteSegmentRequest');
    if (typeof w.Name !== 'string' || w.Name.trim() === '') throw badRequest(ctx, 'Missing Name');
    const tags = checkTags(ctx, w.tags);
    await checkDefinition(ctx, ctx.store, app.id, w);
    const now = isoDate(ctx.now.getTime());
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const id = newId();
      const response: SegmentResponse = {
        ApplicationId: app.id,
        Arn: segmentArn(ctx.region, ctx.accountId, app.id, id),
        CreationDate: now,
        ...(w.Dimensions !== undefined ? { Dimensions: w.Dimensions } : {}),
        Id: id,
        LastModifiedDate: now,
        Name: w.Name,
        ...(w.SegmentGroups !== undefined ? { SegmentGroups: w.SegmentGroups } : {}),
        SegmentType: 'DIMENSIONAL',
        tags,
        Version: 1,
      };
      const record: SegmentRecord = { appId: app.id, id, version: 1, data: structuredClone(response) as unknown as Record<string, unknown> };
      if (await ctx.store.pinpoint.putSegment(record)) return { SegmentResponse: segmentResponse(record) };
    }
    throw new Error('segment id already taken');
  },

  async GetSegment(input, ctx) {
    const app = await requireApp(ctx, input.ApplicationId);
    return { SegmentResponse: segmentResponse(await requireSegment(ctx, app.id, input.SegmentId)) };
  },

  async GetSegments(input, ctx) {
    const app = await requireApp(ctx, input.ApplicationId);
    return { SegmentsResponse: await listPage(ctx, input, (o) => ctx.store.pinpoint.listSegments(app.id, o), segmentResponse) };
  },

  async GetSegmentVersion(input, ctx) {
    const app = await requireApp(ctx, input.ApplicationId);
    const v = Number(input.Version);
    if (!/^\d+$/.test(input.Version ?? '') || !Number.isSafeInteger(v) || v < 1) throw badRequest(ctx, `Invalid version: ${input.Version}`);
    return { SegmentResponse: segmentResponse(await requireSegment(ctx, app.id, input.SegmentId, v)) };
  },

  async GetSegmentVersions(input, ctx) {
    const app = await requireApp(ctx, input.ApplicationId);
    pageSize(ctx, input.PageSize);
    if (input.Token && !/^\d+$/.test(input.Token)) throw badRequest(ctx, `Invalid token: ${input.Token}`);
    await requireSegment(ctx, app.id, input.SegmentId);
    return { SegmentsResponse: await listPage(ctx, input, (o) => ctx.store.pinpoint.listSegmentVersions(app.id, input.SegmentId, o), segmentResponse, (s) => String(s.version)) };
  },

  async UpdateSegment(input, ctx) {
    const app = await requireApp(ctx, input.ApplicationId);
    const w = (input.WriteSegmentRequest ?? {}) as WriteSegmentRequest;
    if (!isObject(w)) throw badRequest(ctx, 'Missing WriteSegmentRequest');
    if (w.Name !== undefined && (typeof w.Name !== 'string' || w.Name.trim() === '')) throw badRequest(ctx, 'Invalid Name');
    const redefines = w.Dimensions !== undefined || w.SegmentGroups !== undefined;
    let current = await requireSegment(ctx, app.id, input.SegmentId);
    if (current.data.SegmentType === 'IMPORT' && redefines) {
      throw badRequest(ctx, 'An imported segment can\'t be updated with Dimensions or SegmentGroups; only its Name can change.');
    }
    await checkDefinition(ctx, ctx.store, app.id, w);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const version = current.version + 1;
      const data: Record<string, unknown> = { ...structuredClone(current.data) };
      if (redefines) {
        delete data.Dimensions;
        delete data.SegmentGroups;
        if (w.Dimensions !== undefined) data.Dimensions = structuredClone(w.Dimensions);
        if (w.SegmentGroups !== undefined) data.SegmentGroups = structuredClone(w.SegmentGroups);
      }
      if (w.Name !== undefined) data.Name = w.Name;
      data.LastModifiedDate = isoDate(ctx.now.getTime());
      data.Version = version;
      const record: SegmentRecord = { appId: app.id, id: current.id, version, data };
      if (await ctx.store.pinpoint.putSegment(record)) return { SegmentResponse: segmentResponse(record) };
      // Another update took this version: build on the one that won.
      const latest = await ctx.store.pinpoint.getSegment(app.id, input.SegmentId);
      if (!latest) throw notFound(ctx);
      if (latest.data.SegmentType === 'IMPORT' && redefines) {
        throw badRequest(ctx, 'An imported segment can\'t be updated with Dimensions or SegmentGroups; only its Name can change.');
      }
      current = latest;
    }
    throw conflict(ctx, 'The segment was updated concurrently; try again.');
  },

  async DeleteSegment(input, ctx) {
    const app = await requireApp(ctx, input.ApplicationId);
    const latest = await ctx.store.transaction(async (tx) => {
      const s = await tx.pinpoint.getSegment(app.id, input.SegmentId);
      if (!s) throw notFound(ctx);
      const lists = new Set<string>();
      let after: string | undefined;
      for (;;) {
        const page = await tx.pinpoint.listSegmentVersions(app.id, s.id, { after, limit: 500 });
        for (const v of page) if (typeof v.data._members === 'string') lists.add(v.data._members);
        if (page.length < 500) break;
        after = String(page[page.length - 1].version);
      }
      for (const list of lists) await tx.pinpoint.removeSegmentMembers(app.id, list);
      await tx.pinpoint.removeSegment(app.id, s.id);
      return s;
    });
    return { SegmentResponse: segmentResponse(latest) };
  },
} satisfies ServiceHandlers<Operations>;

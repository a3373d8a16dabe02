// Which endpoints a segment selects: a dimensional segment's criteria against each endpoint of the
// project, an imported segment's member list, and a segment group's base (source) segments combined
// and filtered by its dimensions. Used by export jobs (the endpoints to write) and size estimates.
//
// AWS's rules (Amazon Pinpoint API Reference, "Segments" / "Segment" and their shapes; User Guide,
// "Building segments", "Importing segments"):
//   - SetDimension (Demographic AppVersion/Channel/Make/Model/Platform, Location Country): INCLUSIVE
//     (the default) selects endpoints whose value is one of Values; EXCLUSIVE those whose value isn't
//     (an endpoint without the value is among them). Channel is the endpoint's ChannelType.
//   - AttributeDimension (Attributes on the endpoint's Attributes, UserAttributes on User.UserAttributes):
//     INCLUSIVE — one of the endpoint's values is one of Values; EXCLUSIVE — none is; CONTAINS — one of
//     the endpoint's values has one of Values as a substring; BEFORE / AFTER — a value read as an
//     ISO_INSTANT datetime is before / after Values[0]; ON — a value falls on Values[0]'s date (time
//     ignored, UTC); BETWEEN — a value is between Values[0] and Values[1] (inclusive). NOT_BETWEEN
//     (not in the 2016-12-01 model's enum, accepted here) — the endpoint has values and none is between.
//   - MetricDimension: the endpoint's Metrics[name] compared with Value by GREATER_THAN, LESS_THAN,
//     GREATER_THAN_OR_EQUAL, LESS_THAN_OR_EQUAL or EQUAL; an endpoint without the metric isn't selected.
//   - Behavior.Recency: ACTIVE — the endpoint was active (EffectiveDate) within the Duration before
//     now; INACTIVE — it wasn't (an endpoint with no EffectiveDate is inactive).
//   - Location.GPSPoint: the endpoint's Latitude/Longitude within RangeInKilometers of Coordinates
//     (great-circle distance). The docs give no default range; rolegate uses DEFAULT_GPS_RANGE_KM.
//   - Every criterion of one SegmentDimensions must hold.
//   - SegmentGroupList: each group's population is its base segments (all of the project's endpoints
//     when it names none) combined by SourceType — ALL: in every one, ANY (default): in at least one,
//     NONE: in none — then filtered by its Dimensions combined by Type — ALL (default): matches every
//     one, ANY: at least one, NONE: none. Groups combine by Include — ALL (default): in every group,
//     ANY: in at least one, NONE: in none.
//   - An imported segment is an unchanging set of endpoints: its member list (data._members).
//
// rolegate's decisions:
//   - DeviceType: an endpoint has no device type (EndpointDemographic has none), so INCLUSIVE
//     DeviceType selects no endpoint and EXCLUSIVE DeviceType every endpoint.
//   - EndpointStatus INACTIVE endpoints belong to the segments they match: AWS documents INACTIVE as
//     "messages aren't sent to the endpoint" (a campaign or journey skips it when sending; SendMessages
//     ignores the status), not as leaving segments, and an export job writes every endpoint of the
//     segment. Senders filter on EndpointStatus themselves.
//   - A source segment (or version) that no longer exists selects nothing; a source segment reached
//     again while it is being resolved (a cycle through UpdateSegment) selects nothing there.
//   - An imported segment's member that is no longer an endpoint is skipped.
import type { AttributeDimension, MetricDimension, SegmentDimensions, SegmentGroup, SegmentGroupList, SetDimension } from '../../../generated/pinpoint/shapes.js';
import type { EndpointRecord, SegmentRecord, StoreTables } from '../../../store/types.js';

/** Range of a GPSPoint dimension without RangeInKilometers (the docs give no default). */
export const DEFAULT_GPS_RANGE_KM = 100;

export const RECENCY_MS: Record<string, number> = {
  HR_24: 24 * 3_600_000,
  DAY_7: 7 * 86_400_000,
  DAY_14: 14 * 86_400_000,
  DAY_30: 30 * 86_400_000,
};

type Data = Record<string, unknown>;

const obj = (v: unknown): Data => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function setMatches(dim: SetDimension | undefined, value: string | undefined): boolean {
  if (!dim) return true;
  const listed = value !== undefined && (dim.Values ?? []).includes(value);
  return dim.DimensionType === 'EXCLUSIVE' ? !listed : listed;
}

/** An ISO_INSTANT (or date) as milliseconds, or NaN. */
export function instant(s: string): number {
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return NaN;
  return Date.parse(s);
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function attributeMatches(dim: AttributeDimension, values: string[]): boolean {
  const want = dim.Values ?? [];
  switch ((dim.AttributeType ?? 'INCLUSIVE') as string) {
    case 'INCLUSIVE': return values.some((v) => want.includes(v));
    case 'EXCLUSIVE': return !values.some((v) => want.includes(v));
    case 'CONTAINS': return values.some((v) => want.some((w) => v.includes(w)));
    case 'BEFORE': { const t = instant(want[0] ?? ''); return values.some((v) => instant(v) < t); }
    case 'AFTER': { const t = instant(want[0] ?? ''); return values.some((v) => instant(v) > t); }
    case 'ON': { const t = instant(want[0] ?? ''); return !Number.isNaN(t) && values.some((v) => { const m = instant(v); return !Number.isNaN(m) && dayOf(m) === dayOf(t); }); }
    case 'BETWEEN': {
      const [a, b] = [instant(want[0] ?? ''), instant(want[1] ?? '')];
      return values.some((v) => { const m = instant(v); return m >= a && m <= b; });
    }
    case 'NOT_BETWEEN': {
      const [a, b] = [instant(want[0] ?? ''), instant(want[1] ?? '')];
      const dates = values.map(instant).filter((m) => !Number.isNaN(m));
      return dates.length > 0 && !dates.some((m) => m >= a && m <= b);
    }
    default: return false;
  }
}

function attributesMatch(dims: Record<string, AttributeDimension> | undefined, attrs: Data): boolean {
  for (const [name, dim] of Object.entries(dims ?? {})) {
    if (!attributeMatches(dim, strings(attrs[name]))) return false;
  }
  return true;
}

function metricMatches(dim: MetricDimension, value: unknown): boolean {
  if (typeof value !== 'number' || Number.isNaN(value)) return false;
  switch (dim.ComparisonOperator) {
    case 'GREATER_THAN': return value > dim.Value;
    case 'LESS_THAN': return value < dim.Value;
    case 'GREATER_THAN_OR_EQUAL': return value >= dim.Value;
    case 'LESS_THAN_OR_EQUAL': return value <= dim.Value;
    case 'EQUAL': return value === dim.Value;
    default: return false;
  }
}

/** Great-circle distance in kilometres (haversine, mean Earth radius). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Whether an endpoint (EndpointRecord.data: EndpointResponse without ApplicationId) meets every criterion of the dimensions. */
export function endpointMatches(dimensions: SegmentDimensions | undefined, endpoint: Data, nowMs: number): boolean {
  if (!dimensions) return true;
  const demo = obj(endpoint.Demographic);
  const loc = obj(endpoint.Location);
  const d = dimensions.Demographic;
  if (d) {
    if (!setMatches(d.AppVersion, str(demo.AppVersion))) return false;
    if (!setMatches(d.Channel, str(endpoint.ChannelType))) return false;
    if (!setMatches(d.DeviceType, undefined)) return false;
    if (!setMatches(d.Make, str(demo.Make))) return false;
    if (!setMatches(d.Model, str(demo.Model))) return false;
    if (!setMatches(d.Platform, str(demo.Platform))) return false;
  }
  const l = dimensions.Location;
  if (l) {
    if (!setMatches(l.Country, str(loc.Country))) return false;
    if (l.GPSPoint) {
      const { Latitude, Longitude } = loc;
      if (typeof Latitude !== 'number' || typeof Longitude !== 'number') return false;
      const c = l.GPSPoint.Coordinates;
      if (distanceKm(c.Latitude, c.Longitude, Latitude, Longitude) > (l.GPSPoint.RangeInKilometers ?? DEFAULT_GPS_RANGE_KM)) return false;
    }
  }
  const recency = dimensions.Behavior?.Recency;
  if (recency) {
    const effective = instant(str(endpoint.EffectiveDate) ?? '');
    const active = !Number.isNaN(effective) && nowMs - effective <= (RECENCY_MS[recency.Duration] ?? 0);
    if ((recency.RecencyType === 'INACTIVE') === active) return false;
  }
  if (!attributesMatch(dimensions.Attributes, obj(endpoint.Attributes))) return false;
  if (!attributesMatch(dimensions.UserAttributes, obj(obj(endpoint.User).UserAttributes))) return false;
  const metrics = obj(endpoint.Metrics);
  for (const [name, dim] of Object.entries(dimensions.Metrics ?? {})) {
    if (!metricMatches(dim, metrics[name])) return false;
  }
  return true;
}

/** Decides membership of one endpoint. */
type Predicate = (e: EndpointRecord) => boolean;

const combine = (how: string, parts: Predicate[]): Predicate => {
  if (how === 'ALL') return (e) => parts.every((p) => p(e));
  if (how === 'NONE') return (e) => !parts.some((p) => p(e));
  return (e) => parts.some((p) => p(e));
};

interface Resolver {
  store: StoreTables;
  appId: string;
  nowMs: number;
  batch: number;
  /** Member sets of imported segments already read, by member-list id. */
  members: Map<string, Set<string>>;
}

async function memberSet(r: Resolver, list: string): Promise<Set<string>> {
  let set = r.members.get(list);
  if (set) return set;
  set = new Set();
  let after: string | undefined;
  for (;;) {
    const page = await r.store.pinpoint.scanSegmentMembers(r.appId, list, { after, limit: r.batch });
    for (const id of page) set.add(id);
    if (page.length < r.batch) break;
    after = page[page.length - 1];
  }
  r.members.set(list, set);
  return set;
}

const key = (s: SegmentRecord) => `${s.id}@${s.version}`;

async function groupPredicate(r: Resolver, g: SegmentGroup, visiting: Set<string>): Promise<Predicate> {
  let base: Predicate = () => true;
  const sources = g.SourceSegments ?? [];
  if (sources.length > 0) {
    const parts: Predicate[] = [];
    for (const ref of sources) {
      const src = await r.store.pinpoint.getSegment(r.appId, ref.Id, ref.Version ?? undefined);
      parts.push(src ? await predicateOf(r, src, visiting) : () => false);
    }
    base = combine(g.SourceType ?? 'ANY', parts);
  }
  const dims = g.Dimensions ?? [];
  if (dims.length === 0) return base;
  const filter = combine(g.Type ?? 'ALL', dims.map((d) => (e: EndpointRecord) => endpointMatches(d, e.data, r.nowMs)));
  return (e) => base(e) && filter(e);
}

async function predicateOf(r: Resolver, s: SegmentRecord, visiting: Set<string>): Promise<Predicate> {
  if (visiting.has(key(s))) return () => false;
  const data = s.data;
  if (data.SegmentType === 'IMPORT') {
    const list = str(data._members);
    if (!list) return () => false;
    const set = await memberSet(r, list);
    return (e) => set.has(e.id);
  }
  const groups = data.SegmentGroups as SegmentGroupList | undefined;
  if (groups && (groups.Groups ?? []).length > 0) {
    const inner = new Set(visiting).add(key(s));
    const parts: Predicate[] = [];
    for (const g of groups.Groups ?? []) parts.push(await groupPredicate(r, g, inner));
    return combine(groups.Include ?? 'ALL', parts);
  }
  const dims = data.Dimensions as SegmentDimensions | undefined;
  return (e) => endpointMatches(dims, e.data, r.nowMs);
}

/**
 * The endpoints a segment (version) selects, in batches of up to `batch`, by endpoint id for a
 * dimensional segment and by member-list order for an imported one.
 */
export async function* segmentEndpoints(store: StoreTables, appId: string, segment: SegmentRecord, nowMs: number, batch = 500): AsyncGenerator<EndpointRecord[]> {
  const size = Math.max(1, Math.floor(batch));
  const r: Resolver = { store, appId, nowMs, batch: size, members: new Map() };
  if (segment.data.SegmentType === 'IMPORT') {
    const list = str(segment.data._members);
    if (!list) return;
    let after: string | undefined;
    for (;;) {
      const ids = await store.pinpoint.scanSegmentMembers(appId, list, { after, limit: size });
      if (ids.length === 0) break;
      const found = await store.pinpoint.getEndpoints(appId, ids);
      if (found.length > 0) {
        const byId = new Map(found.map((e) => [e.id, e]));
        yield ids.flatMap((id) => byId.get(id) ?? []);
      }
      if (ids.length < size) break;
      after = ids[ids.length - 1];
    }
    return;
  }
  const selects = await predicateOf(r, segment, new Set());
  let out: EndpointRecord[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.pinpoint.scanEndpoints(appId, { after, limit: size });
    for (const e of page) {
      if (!selects(e)) continue;
      out.push(e);
      if (out.length === size) {
        yield out;
        out = [];
      }
    }
    if (page.length < size) break;
    after = page[page.length - 1].id;
  }
  if (out.length > 0) yield out;
}

/** How many endpoints the segment (version) selects now. */
export async function segmentSize(store: StoreTables, appId: string, segment: SegmentRecord, nowMs: number): Promise<number> {
  let n = 0;
  for await (const b of segmentEndpoints(store, appId, segment, nowMs)) n += b.length;
  return n;
}

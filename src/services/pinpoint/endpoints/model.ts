// Pinpoint's endpoints as every writer shares them: UpdateEndpoint, UpdateEndpointsBatch, import
// jobs and PutEvents all validate an endpoint request, merge it into the stored endpoint, and write
// a batch under the project's quotas through applyEndpoints.
//
// AWS's rules (Amazon Pinpoint Developer Guide, "Amazon Pinpoint quotas" → Endpoint quotas; API
// Reference, "Endpoint", "Endpoints", "EndpointUser"):
//   - a new endpoint needs ChannelType (one of the ChannelType enum) and, except IN_APP, an Address;
//   - attribute names (Attributes, User.UserAttributes, Metrics) are at most 50 characters, values
//     at most 100, at most 50 values per attribute;
//   - a project has at most 250 custom attribute names across Attributes, UserAttributes and
//     Metrics; a further name is refused with 400;
//   - at most 15 endpoints share one User.UserId;
//   - an endpoint is at most 15 KB;
//   - an update replaces the members it gives; Attributes, UserAttributes and Metrics merge by
//     name (the names given overwrite their values; the rest stay), Demographic and Location by field.
// Address formats: EMAIL an address with one @ and a dotted domain; SMS and VOICE a phone number in
// E.164 (+ and up to 15 digits; spaces, dashes, dots and parentheses are tolerated and removed).
import type { EndpointRequest, EndpointResponse } from '../../../generated/pinpoint/shapes.js';
import type { EndpointRecord, PinpointAppRecord, StoreTables } from '../../../store/types.js';
import { isoDate } from '../common.js';

export const CHANNEL_TYPES = new Set(['PUSH', 'GCM', 'APNS', 'APNS_SANDBOX', 'APNS_VOIP', 'APNS_VOIP_SANDBOX', 'ADM', 'SMS', 'VOICE', 'EMAIL', 'BAIDU', 'CUSTOM', 'IN_APP']);
export const MAX_ATTRIBUTE_NAME = 50;
export const MAX_ATTRIBUTE_VALUE = 100;
export const MAX_VALUES_PER_ATTRIBUTE = 50;
export const MAX_ATTRIBUTES_PER_APP = 250;
export const MAX_ENDPOINTS_PER_USER = 15;
export const MAX_ENDPOINT_BYTES = 15 * 1024;
export const MAX_BATCH = 100;

/** The endpoint as stored: EndpointResponse without ApplicationId. */
export type EndpointData = Omit<EndpointResponse, 'ApplicationId'>;

/** A request to create or update one endpoint (EndpointRequest, a batch item, a PutEvents PublicEndpoint, an imported row). */
export interface EndpointWrite {
  id: string;
  request: EndpointRequest;
}

/** What a write is refused with: a 400 in the API, a row failure in an import. */
export class EndpointProblem extends Error {}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE = /^\+?[1-9]\d{1,14}$/;

/** The id's cohort, 0–99, stable for the id (Pinpoint assigns each endpoint to one of 100 cohorts): FNV-1a of its UTF-16 code units. */
export function cohortOf(id: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return String(h % 100);
}

/** isoDate of the same instant, once per batch rather than once per endpoint. */
let lastIso: { ms: number; iso: string } = { ms: NaN, iso: '' };
const isoOnce = (ms: number) => (lastIso.ms === ms ? lastIso.iso : (lastIso = { ms, iso: isoDate(ms) }).iso);

/**
 * Whether an endpoint could reach the size limit, from the lengths of its strings: a UTF-16 code
 * unit is at most 6 bytes of JSON (a \u escape), so below the bound the exact size is not needed.
 */
function mayBeLarge(e: EndpointData): boolean {
  let units = 0;
  let others = 600;
  const str = (v: unknown) => {
    if (typeof v === 'string') units += v.length;
    else others += 24;
  };
  const walk = (m: Record<string, unknown> | undefined) => {
    if (!m) return;
    for (const k in m) {
      units += k.length;
      others += 8;
      const v = m[k];
      if (Array.isArray(v)) for (const x of v) { str(x); others += 3; }
      else str(v);
    }
  };
  for (const v of [e.Address, e.RequestId, e.User?.UserId, e.Id]) str(v);
  walk(e.Attributes);
  walk(e.User?.UserAttributes);
  walk(e.Metrics as Record<string, unknown> | undefined);
  walk(e.Demographic as Record<string, unknown> | undefined);
  walk(e.Location as Record<string, unknown> | undefined);
  return units * 6 + others > MAX_ENDPOINT_BYTES;
}

function checkAttributes(kind: string, attrs: unknown): void {
  if (attrs === undefined) return;
  if (attrs === null || typeof attrs !== 'object' || Array.isArray(attrs)) throw new EndpointProblem(`${kind} must be a map of attribute names to lists of values`);
  for (const [name, values] of Object.entries(attrs as Record<string, unknown>)) {
    if (name.length === 0 || name.length > MAX_ATTRIBUTE_NAME) throw new EndpointProblem(`${kind} attribute name must be 1 to ${MAX_ATTRIBUTE_NAME} characters: ${name.slice(0, 60)}`);
    if (!Array.isArray(values)) throw new EndpointProblem(`${kind} attribute ${name} must be a list of values`);
    if (values.length > MAX_VALUES_PER_ATTRIBUTE) throw new EndpointProblem(`${kind} attribute ${name} has more than ${MAX_VALUES_PER_ATTRIBUTE} values`);
    for (const v of values) {
      if (typeof v !== 'string') throw new EndpointProblem(`${kind} attribute ${name} values must be strings`);
      if (v.length > MAX_ATTRIBUTE_VALUE) throw new EndpointProblem(`${kind} attribute ${name} value exceeds ${MAX_ATTRIBUTE_VALUE} characters`);
    }
  }
}

function checkMetrics(metrics: unknown): void {
  if (metrics === undefined) return;
  if (metrics === null || typeof metrics !== 'object' || Array.isArray(metrics)) throw new EndpointProblem('Metrics must be a map of names to numbers');
  for (const [name, v] of Object.entries(metrics as Record<string, unknown>)) {
    if (name.length === 0 || name.length > MAX_ATTRIBUTE_NAME) throw new EndpointProblem(`Metric name must be 1 to ${MAX_ATTRIBUTE_NAME} characters: ${name.slice(0, 60)}`);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new EndpointProblem(`Metric ${name} must be a number`);
  }
}

/** An address in the form its channel takes (phone numbers normalised to E.164). */
export function normaliseAddress(channel: string | undefined, address: string): string {
  if (channel === 'EMAIL') {
    if (!EMAIL.test(address)) throw new EndpointProblem(`Invalid email address: ${address.slice(0, 100)}`);
    return address;
  }
  if (channel === 'SMS' || channel === 'VOICE') {
    const compact = address.replace(/[\s\-.()]/g, '');
    if (!PHONE.test(compact)) throw new EndpointProblem(`Invalid phone number for ${channel} channel: ${address.slice(0, 100)}. Use E.164 format.`);
    return compact.startsWith('+') ? compact : `+${compact}`;
  }
  if (address.length === 0) throw new EndpointProblem('Address must not be empty');
  return address;
}

/** The request's own rules, before it meets the stored endpoint. */
export function checkRequest(id: string, r: EndpointRequest): void {
  if (typeof id !== 'string' || id.length === 0) throw new EndpointProblem('Endpoint Id is required');
  if (id.length > 128 || /[/\s]/.test(id)) throw new EndpointProblem(`Invalid endpoint id: ${id.slice(0, 130)}`);
  if (r.ChannelType !== undefined && !CHANNEL_TYPES.has(r.ChannelType)) throw new EndpointProblem(`Invalid ChannelType: ${r.ChannelType}`);
  if (r.EndpointStatus !== undefined && r.EndpointStatus !== 'ACTIVE' && r.EndpointStatus !== 'INACTIVE') throw new EndpointProblem(`Invalid EndpointStatus: ${r.EndpointStatus}. Valid values: ACTIVE, INACTIVE`);
  if (r.OptOut !== undefined && r.OptOut !== 'ALL' && r.OptOut !== 'NONE') throw new EndpointProblem(`Invalid OptOut: ${r.OptOut}. Valid values: ALL, NONE`);
  if (r.EffectiveDate !== undefined && Number.isNaN(Date.parse(r.EffectiveDate))) throw new EndpointProblem(`Invalid EffectiveDate: ${r.EffectiveDate}. Use ISO 8601 format.`);
  checkAttributes('Attributes', r.Attributes);
  checkAttributes('UserAttributes', r.User?.UserAttributes);
  checkMetrics(r.Metrics);
  const loc = r.Location;
  if (loc?.Latitude !== undefined && (typeof loc.Latitude !== 'number' || loc.Latitude < -90 || loc.Latitude > 90)) throw new EndpointProblem(`Invalid Latitude: ${loc.Latitude}`);
  if (loc?.Longitude !== undefined && (typeof loc.Longitude !== 'number' || loc.Longitude < -180 || loc.Longitude > 180)) throw new EndpointProblem(`Invalid Longitude: ${loc.Longitude}`);
}

const mergeMap = <T>(old: Record<string, T> | undefined, given: Record<string, T> | undefined) =>
  given === undefined ? old : { ...(old ?? {}), ...given };

const mergeFields = <T extends object>(old: T | undefined, given: T | undefined): T | undefined => {
  if (given === undefined) return old;
  const out = { ...(old ?? {}) } as Record<string, unknown>;
  for (const [k, v] of Object.entries(given)) if (v !== undefined && v !== null) out[k] = v;
  return out as T;
};

/** The endpoint after the request: a new one, or the stored one with the request merged in. */
export function mergeEndpoint(id: string, old: EndpointData | undefined, r: EndpointRequest, nowMs: number, requestId: string): EndpointData {
  checkRequest(id, r);
  const channel = r.ChannelType ?? old?.ChannelType;
  if (!old && !r.ChannelType) throw new EndpointProblem('ChannelType is required to create an endpoint');
  let address = r.Address !== undefined ? r.Address : old?.Address;
  if (address !== undefined && (r.Address !== undefined || r.ChannelType !== undefined)) address = normaliseAddress(channel, address);
  if (address === undefined && channel !== 'IN_APP') throw new EndpointProblem('Address is required to create an endpoint');
  const user = r.User === undefined ? old?.User : {
    ...(r.User.UserId !== undefined ? { UserId: r.User.UserId } : old?.User?.UserId !== undefined ? { UserId: old.User.UserId } : {}),
    ...(() => {
      const ua = mergeMap(old?.User?.UserAttributes, r.User.UserAttributes);
      return ua ? { UserAttributes: ua } : {};
    })(),
  };
  const e: EndpointData = {
    Id: id,
    ChannelType: channel,
    ...(address !== undefined ? { Address: address } : {}),
    CohortId: old?.CohortId ?? cohortOf(id),
    CreationDate: old?.CreationDate ?? isoOnce(nowMs),
    EffectiveDate: r.EffectiveDate !== undefined ? new Date(Date.parse(r.EffectiveDate)).toISOString() : isoOnce(nowMs),
    EndpointStatus: r.EndpointStatus ?? old?.EndpointStatus ?? 'ACTIVE',
    OptOut: r.OptOut ?? old?.OptOut ?? 'NONE',
    RequestId: r.RequestId ?? requestId,
  };
  const attributes = mergeMap(old?.Attributes, r.Attributes);
  if (attributes) e.Attributes = attributes;
  const demographic = mergeFields(old?.Demographic, r.Demographic);
  if (demographic) e.Demographic = demographic;
  const location = mergeFields(old?.Location, r.Location);
  if (location) e.Location = location;
  const metrics = mergeMap(old?.Metrics, r.Metrics);
  if (metrics) e.Metrics = metrics;
  if (user && Object.keys(user).length) e.User = user;
  if (mayBeLarge(e) && Buffer.byteLength(JSON.stringify(e)) > MAX_ENDPOINT_BYTES) throw new EndpointProblem(`Endpoint ${id} exceeds the maximum endpoint size of 15 KB`);
  return e;
}

/** The custom attribute names an endpoint uses, as the project counts them. */
export function attributeNames(e: EndpointData): string[] {
  const out: string[] = [];
  for (const k of Object.keys(e.Attributes ?? {})) out.push(`Attributes.${k}`);
  for (const k of Object.keys(e.User?.UserAttributes ?? {})) out.push(`User.UserAttributes.${k}`);
  for (const k of Object.keys(e.Metrics ?? {})) out.push(`Metrics.${k}`);
  return out;
}

export const appAttributeNames = (app: PinpointAppRecord): string[] => ((app.data as { attributeNames?: string[] }).attributeNames ?? []);

export const endpointResponse = (appId: string, e: EndpointData): EndpointResponse => ({ ApplicationId: appId, ...e });

export interface Applied {
  /** The endpoints written, in the order given (an id given twice: its final state once). */
  written: EndpointData[];
  /** The writes refused, by their index in the input, with why. */
  failed: { index: number; message: string }[];
}

/**
 * Validates and merges each write against the stored endpoints and the project's quotas, and — unless
 * `allOrNothing` and something failed, or `dryRun` — writes the accepted ones (and any new attribute names on
 * the app) through `tables`: call it inside a store transaction so that the batch lands whole.
 */
export async function applyEndpoints(
  tables: StoreTables, app: PinpointAppRecord, writes: readonly EndpointWrite[], nowMs: number, requestId: string, allOrNothing: boolean, dryRun = false,
): Promise<Applied> {
  const ids = [...new Set(writes.map((w) => w.id))];
  const stored = new Map<string, EndpointData>();
  for (const r of await tables.pinpoint.getEndpoints(app.id, ids)) stored.set(r.id, r.data as EndpointData);
  const names = new Set(appAttributeNames(app));
  const namesBefore = names.size;
  const next = new Map<string, EndpointData>();
  const userCounts = new Map<string, Set<string>>();
  const failed: Applied['failed'] = [];
  for (let i = 0; i < writes.length; i++) {
    const w = writes[i];
    try {
      const old = next.get(w.id) ?? stored.get(w.id);
      const e = mergeEndpoint(w.id, old, w.request, nowMs, requestId);
      const added = attributeNames(e).filter((n) => !names.has(n));
      if (names.size + added.length > MAX_ATTRIBUTES_PER_APP) {
        throw new EndpointProblem(`Exceeded maximum number of custom attributes (${MAX_ATTRIBUTES_PER_APP}) for the application`);
      }
      const userId = e.User?.UserId;
      if (userId !== undefined && userId !== old?.User?.UserId) {
        let members = userCounts.get(userId);
        // Earlier writes of this batch that gave an endpoint this user id are in the set already:
        // the set is made the first time the batch meets the id, and each write adds to it.
        if (!members) {
          members = new Set((await tables.pinpoint.endpointsOfUser(app.id, userId)).map((x) => x.id));
          userCounts.set(userId, members);
        }
        members.delete(w.id);
        if (members.size >= MAX_ENDPOINTS_PER_USER) throw new EndpointProblem(`Exceeded maximum endpoint per user count: ${MAX_ENDPOINTS_PER_USER}`);
        members.add(w.id);
        const left = old?.User?.UserId;
        if (left !== undefined) userCounts.get(left)?.delete(w.id);
      }
      for (const n of added) names.add(n);
      next.set(w.id, e);
    } catch (err) {
      if (!(err instanceof EndpointProblem)) throw err;
      failed.push({ index: i, message: err.message });
    }
  }
  const written = [...next.values()];
  if ((allOrNothing && failed.length) || dryRun) return { written: allOrNothing && failed.length ? [] : written, failed };
  if (written.length) {
    const records: EndpointRecord[] = written.map((e) => ({ appId: app.id, id: e.Id!, ...(e.User?.UserId !== undefined ? { userId: e.User.UserId } : {}), data: e as Record<string, unknown> }));
    await tables.pinpoint.putEndpoints(records);
  }
  if (names.size !== namesBefore) {
    const fresh = (await tables.pinpoint.getAppById(app.id)) ?? app;
    const merged = [...new Set([...appAttributeNames(fresh), ...names])];
    await tables.pinpoint.putApp({ ...fresh, data: { ...fresh.data, attributeNames: merged } });
  }
  return { written, failed };
}

// What every Pinpoint handler shares: its errors in Pinpoint's words (a MessageBody of Message and
// RequestID), the application ids and ARNs, the app an operation names, and Pinpoint's timestamps.
import { randomBytes } from 'node:crypto';
import {
  BadRequestException, ConflictException, ForbiddenException, NotFoundException, PayloadTooLargeException, TooManyRequestsException,
} from '../../generated/pinpoint/errors.js';
import type { PinpointAppRecord, Store } from '../../store/types.js';
import type { Acting } from '../../shared/acting.js';
import type { ServiceSettings } from '../../shared/service-settings.js';
import type { HandlerContext } from '../types.js';

type Ctx = Pick<HandlerContext, 'requestId'>;

/** Pinpoint's errors carry the request's id in their body as RequestID. */
const body = (ctx: Ctx) => ({ RequestID: ctx.requestId });

export const badRequest = (ctx: Ctx, message: string) => new BadRequestException(message, body(ctx));
export const notFound = (ctx: Ctx, message = 'Resource not found') => new NotFoundException(message, body(ctx));
export const conflict = (ctx: Ctx, message: string) => new ConflictException(message, body(ctx));
export const forbidden = (ctx: Ctx, message: string) => new ForbiddenException(message, body(ctx));
export const payloadTooLarge = (ctx: Ctx, message: string) => new PayloadTooLargeException(message, body(ctx));
export const tooManyRequests = (ctx: Ctx, message: string) => new TooManyRequestsException(message, body(ctx));

/** 32 lowercase hex characters, as Pinpoint's application, segment, job and endpoint-less ids. */
export const newId = () => randomBytes(16).toString('hex');

export const appArn = (region: string, accountId: string, appId: string) => `arn:aws:mobiletargeting:${region}:${accountId}:apps/${appId}`;

/** Pinpoint's dates: ISO 8601 in UTC with milliseconds ("2019-01-17T19:42:05.123Z"). */
export const isoDate = (ms: number) => new Date(ms).toISOString();

/** The app the request names, when it is the caller's in this region; NotFoundException otherwise. */
export async function requireApp(ctx: Pick<HandlerContext, 'requestId' | 'store' | 'accountId' | 'region'>, appId: string): Promise<PinpointAppRecord> {
  const app = await ctx.store.pinpoint.getApp(ctx.accountId, ctx.region, appId);
  if (!app) throw notFound(ctx);
  return app;
}

/** What Pinpoint's background steps (imports, exports, event delivery) are handed by src/server/job-kinds.ts. */
export interface PinpointJobDeps {
  store: Store;
  acting: Acting;
  settings?: ServiceSettings;
  /** The runner's clock at the step's start, milliseconds since the epoch. */
  now: number;
  /** Aborted when the step's lease is lost: its result will not be committed. */
  signal?: AbortSignal;
}

/** A step's answer to the runner (src/jobs/types.ts StepResult, without a runner checkpoint: Pinpoint keeps its progress in its own rows). */
export interface PinpointStepResult {
  checkpoint: null;
  done: boolean;
  runAt?: number;
  progress?: Record<string, number>;
}

/** Pinpoint's tag limits (API Reference, "Tags"): 50 per resource, keys 1–128 and values ≤ 256 characters, no aws: prefix. */
export const MAX_TAGS = 50;

/** `tags` checked and laid over `existing` (TagResource) or over nothing (a create). */
export function checkTags(ctx: Ctx, tags: unknown, existing: Record<string, string> = {}): Record<string, string> {
  if (tags === undefined || tags === null) return { ...existing };
  if (typeof tags !== 'object' || Array.isArray(tags)) throw badRequest(ctx, 'tags must be a map of keys to values');
  const out = { ...existing };
  for (const [k, v] of Object.entries(tags as Record<string, unknown>)) {
    if (k.length < 1 || k.length > 128) throw badRequest(ctx, `Tag key must be between 1 and 128 characters: ${k}`);
    if (typeof v !== 'string' || v.length > 256) throw badRequest(ctx, `Tag value must be at most 256 characters, for key: ${k}`);
    if (k.toLowerCase().startsWith('aws:')) throw badRequest(ctx, 'Tag keys prefixed with aws: are reserved for AWS use.');
    out[k] = v;
  }
  if (Object.keys(out).length > MAX_TAGS) throw badRequest(ctx, `A resource can have at most ${MAX_TAGS} tags.`);
  return out;
}

/** The listings' page: 20 unless PageSize asks otherwise, at most 1,000. */
const DEFAULT_PAGE = 20;
const MAX_PAGE = 1_000;

export function pageSize(ctx: Ctx, raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PAGE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw badRequest(ctx, `Invalid PageSize: ${raw}`);
  return Math.min(n, MAX_PAGE);
}

/**
 * One page of a listing: `list` is asked for one more than the page, to know whether more follow;
 * the NextToken is `tokenOf` the page's last item (its id, unless the listing keys otherwise).
 */
export async function listPage<R, T>(
  ctx: Ctx, raw: { PageSize?: string; Token?: string }, list: (o: { after?: string; limit: number }) => Promise<R[]>, show: (r: R) => T,
  tokenOf: (r: R) => string = (r) => (r as { id: string }).id,
): Promise<{ Item: T[]; NextToken?: string }> {
  const limit = pageSize(ctx, raw.PageSize);
  const rows = await list({ after: raw.Token || undefined, limit: limit + 1 });
  const items = rows.slice(0, limit);
  return { Item: items.map(show), ...(rows.length > limit ? { NextToken: tokenOf(items[items.length - 1]) } : {}) };
}

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

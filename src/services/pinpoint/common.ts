// What every Pinpoint handler shares: its errors in Pinpoint's words (a MessageBody of Message and
// RequestID), the application ids and ARNs, the app an operation names, and Pinpoint's timestamps.
import { randomBytes } from 'node:crypto';
import {
  BadRequestException, ConflictException, ForbiddenException, NotFoundException, PayloadTooLargeException, TooManyRequestsException,
} from '../../generated/pinpoint/errors.js';
import type { PinpointAppRecord } from '../../store/types.js';
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

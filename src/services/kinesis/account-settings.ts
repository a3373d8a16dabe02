// The account's settings in a region: DescribeAccountSettings and UpdateAccountSettings, the minimum
// throughput billing commitment. Its status is derived from the stored times at the request's time,
// so a disable scheduled for the earliest allowed end takes effect then without a job.
import type { Operations } from '../../generated/kinesis/operations.js';
import type { MinimumThroughputBillingCommitmentOutput } from '../../generated/kinesis/shapes.js';
import type { KinesisBillingCommitmentRecord } from '../../store/types.js';
import type { ServiceHandlers } from '../types.js';
import { MIN_BILLING_COMMITMENT_MS } from './limits.js';

type H = ServiceHandlers<Operations>;

const ended = (c: KinesisBillingCommitmentRecord, now: number) => c.endsAt !== undefined && c.endsAt <= now;

/** The commitment as AWS shows it: DISABLED (with the last one's times once there was one), ENABLED, or ENABLED_UNTIL_EARLIEST_ALLOWED_END while a disable waits for the earliest allowed end. */
function commitmentShape(c: KinesisBillingCommitmentRecord | undefined, now: number): MinimumThroughputBillingCommitmentOutput {
  if (!c) return { Status: 'DISABLED' };
  const times = { StartedAt: new Date(c.startedAt), EarliestAllowedEndAt: new Date(c.earliestAllowedEndAt) };
  if (c.endsAt === undefined) return { Status: 'ENABLED', ...times };
  if (!ended(c, now)) return { Status: 'ENABLED_UNTIL_EARLIEST_ALLOWED_END', ...times };
  return { Status: 'DISABLED', ...times, EndedAt: new Date(c.endsAt) };
}

const DescribeAccountSettings: H['DescribeAccountSettings'] = async (_input, ctx) => {
  const c = await ctx.store.accountSettings.getKinesisBillingCommitment(ctx.accountId, ctx.region);
  return { MinimumThroughputBillingCommitment: commitmentShape(c, ctx.now.getTime()) };
};

/**
 * ENABLED starts a commitment of at least 24 hours, or cancels a pending disable; DISABLED ends it
 * now once the earliest allowed end has passed, else schedules its end for then
 * (MinimumThroughputBillingCommitmentInput, API Reference). Asking for the state it is in changes nothing.
 */
const UpdateAccountSettings: H['UpdateAccountSettings'] = async (input, ctx) => {
  const now = ctx.now.getTime();
  const prior = await ctx.store.accountSettings.getKinesisBillingCommitment(ctx.accountId, ctx.region);
  const live = prior && !ended(prior, now) ? prior : undefined;
  let next: KinesisBillingCommitmentRecord | undefined;
  if (input.MinimumThroughputBillingCommitment.Status === 'ENABLED') {
    if (!live) next = { startedAt: now, earliestAllowedEndAt: now + MIN_BILLING_COMMITMENT_MS };
    else if (live.endsAt !== undefined) next = { startedAt: live.startedAt, earliestAllowedEndAt: live.earliestAllowedEndAt };
  } else if (live && live.endsAt === undefined) {
    next = { ...live, endsAt: Math.max(now, live.earliestAllowedEndAt) };
  }
  if (next) await ctx.store.accountSettings.putKinesisBillingCommitment(ctx.accountId, ctx.region, next);
  return { MinimumThroughputBillingCommitment: commitmentShape(next ?? prior, now) };
};

export const accountSettingHandlers: H = { DescribeAccountSettings, UpdateAccountSettings };

// GetHumanReadableSummary: a plain-English account of what an entity allows — only delegation
// requests, as AWS supports today (Service Authorization Reference) — written from the request's
// rendered policy, statement by statement. Only English is written: another Locale is NOT_SUPPORTED.
import type { GetHumanReadableSummaryRequest, GetHumanReadableSummaryResponse } from '../../generated/iam/shapes.js';
import { InvalidInputException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { canSee, noSuchDelegationRequest } from './delegation-requests.js';

const DELEGATION_REQUEST_ARN = /^arn:[a-z-]+:iam::(\d{12}):delegation-request\/([\w-]{16,128})$/;
const ENGLISH = /^en([-_][A-Za-z]{2})?$/;
const SUMMARY_MAX = 10_000;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const words = (v: unknown) => list(v).map(String).join(', ');

function hours(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return [h ? `${h} hour${h === 1 ? '' : 's'}` : '', m ? `${m} minute${m === 1 ? '' : 's'}` : ''].filter(Boolean).join(' ') || `${seconds} seconds`;
}

function statementLine(s: Record<string, unknown>): string {
  const verb = s.Effect === 'Deny' ? 'Denies' : 'Allows';
  const actions = s.NotAction !== undefined ? `every action except ${words(s.NotAction)}` : words(s.Action);
  const resources = s.NotResource !== undefined ? `every resource except ${words(s.NotResource)}` : words(s.Resource);
  const conditions = s.Condition && typeof s.Condition === 'object'
    ? Object.entries(s.Condition as Record<string, Record<string, unknown>>).flatMap(([op, block]) => Object.entries(block ?? {}).map(([k, v]) => `${k} ${op} ${words(v)}`))
    : [];
  return `- ${verb} ${actions} on ${resources}${conditions.length ? `, when ${conditions.join(' and ')}` : ''}.`;
}

export const GetHumanReadableSummary: Handler<GetHumanReadableSummaryRequest, GetHumanReadableSummaryResponse> = async (input, ctx) => {
  const m = DELEGATION_REQUEST_ARN.exec(input.EntityArn);
  if (!m) throw new InvalidInputException(`${input.EntityArn} is not the ARN of a delegation request: only delegation requests have a summary.`);
  const r = await ctx.store.delegationRequests.get(m[2]);
  if (!r || !canSee(r, ctx.caller)) throw noSuchDelegationRequest(m[2]);
  const locale = input.Locale ?? 'en';
  if (!ENGLISH.test(locale)) return { Locale: locale, SummaryState: 'NOT_SUPPORTED' };
  const doc = JSON.parse(r.permissionPolicy) as { Statement?: unknown };
  const lines = [
    `Account ${r.requestorAccountId}${r.requestorName ? ` (${r.requestorName})` : ''} requests temporary access to ${r.ownerAccountId ? `account ${r.ownerAccountId}` : 'your account'} for ${hours(r.sessionDuration)}: ${r.description}`,
    'The delegated credentials would be limited to the following, and to what the identity that accepts the request is allowed itself:',
    ...(list(doc.Statement) as Record<string, unknown>[]).map(statementLine),
    ...(r.rolePermissionRestrictionArns?.length ? [`Roles it creates must have the permissions boundary ${r.rolePermissionRestrictionArns.join(' or ')}.`] : []),
  ];
  const text = lines.join('\n');
  return { SummaryContent: text.length > SUMMARY_MAX ? `${text.slice(0, SUMMARY_MAX - 1)}…` : text, Locale: locale, SummaryState: 'AVAILABLE' };
};

// A service principal (pinpoint.amazonaws.com …) assuming a customer's role in-process: the same
// trust-policy decision an outside caller gets, with the service's context (aws:SourceAccount,
// aws:SourceArn, sts:ExternalId), recorded in the decision log. There is no bypass.
import { evaluate } from '../../policy/index.js';
import { AwsError } from '../../protocol/errors.js';
import { loadStored } from '../../authz/principal-policies.js';
import type { App } from '../../server/app.js';
import type { Credentials } from '../../generated/sts/shapes.js';
import { issueRoleSession } from './sessions.js';
import { sessionDuration, targetRole } from './roles.js';
import { noteRoleUse } from './role-use.js';
import { trustConditionMisses } from '../../authz/trust-conditions.js';
import { trustDeniedMessage } from '../../authz/authorize.js';

export interface ServiceAssumeRequest {
  /** The service principal, e.g. `pinpoint.amazonaws.com`. */
  service: string;
  roleArn: string;
  sessionName: string;
  /** The account and resource the service acts for (the confused-deputy keys). */
  sourceAccount: string;
  sourceArn: string;
  externalId?: string;
  durationSeconds?: number;
  requestId: string;
  now: Date;
}

export async function assumeRoleAsService(app: App, r: ServiceAssumeRequest): Promise<{ credentials: Credentials; arn: string }> {
  const { account, role } = await targetRole(app.store, r.roleArn, r.service, 'sts:AssumeRole');
  const context: Record<string, string> = {
    'aws:SourceAccount': r.sourceAccount,
    'aws:SourceArn': r.sourceArn,
    'aws:PrincipalServiceName': r.service,
    'aws:CurrentTime': r.now.toISOString(),
    'aws:EpochTime': String(Math.floor(r.now.getTime() / 1000)),
    'sts:RoleSessionName': r.sessionName,
    ...(r.externalId ? { 'sts:ExternalId': r.externalId } : {}),
  };
  const trust = loadStored(role.assumeRolePolicyDocument, 'trust');
  const request = { action: 'sts:AssumeRole', resource: role.arn, principal: r.service, principalType: 'Service' as const, context };
  const decision = trust.ok
    ? evaluate(request, { resource: { id: `trust:${role.arn}`, policy: trust.policy }, trustPolicy: true, crossAccount: false })
    : { result: 'ImplicitlyDenied' as const, decidedBy: [], reasons: [{ code: 'TrustPolicyDoesNotAllow' as const }], missingKeys: [], byPolicyType: {} };
  const message = decision.result === 'Allowed' ? undefined : trustDeniedMessage(request, decision);
  const misses = message ? trustConditionMisses(role.assumeRolePolicyDocument, request) : [];
  app.decisions?.record({
    time: r.now.toISOString(), requestId: r.requestId, accountId: account, principal: r.service, action: 'sts:AssumeRole', resource: role.arn,
    result: decision.result, mode: app.config.enforce, decidedBy: decision.decidedBy, reasons: decision.reasons, missingKeys: decision.missingKeys,
    context, ...(misses.length ? { trustConditions: misses } : {}), ...(message ? { message } : {}),
  });
  if (message && app.config.enforce === 'on') throw new AwsError('AccessDenied', message, 403);
  const duration = sessionDuration(r.durationSeconds, role, false);
  const { credentials, assumedRoleUser } = issueRoleSession(app.tokens, {
    account, role, sessionName: r.sessionName, durationSeconds: duration, now: r.now,
    rest: r.externalId ? { externalId: r.externalId } : {},
  });
  noteRoleUse(app.store, account, role.name, r.now, app.config.region);
  return { credentials, arn: assumedRoleUser.Arn };
}

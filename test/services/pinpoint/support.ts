// What the Pinpoint event tests share: the seeds' trust policy, the ARNs they name, an event
// stream's role, the admin route of an app's outbox, and the decision log, read as the account root.
import assert from 'node:assert/strict';
import { CreateRoleCommand, PutRolePolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { TEST_ACCOUNT, TEST_ROOT } from '../../support/server.js';

export { waitFor } from '../firehose/support.js';

export const kinesisArn = (name: string) => `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/${name}`;
export const firehoseArn = (name: string) => `arn:aws:firehose:us-east-1:${TEST_ACCOUNT}:deliverystream/${name}`;
export const roleArn = (name: string) => `arn:aws:iam::${TEST_ACCOUNT}:role/${name}`;
/** HTTP Basic with the test account root's key: what the admin routes take. */
export const basic = 'Basic ' + Buffer.from(`${TEST_ROOT.accessKeyId}:${TEST_ROOT.secretAccessKey}`).toString('base64');

/** The seeds' trust policy (shared/seeds/004): Service pinpoint.amazonaws.com may assume the role. */
export const PINPOINT_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

export const allow = (actions: string[], resource: string) => JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: actions, Resource: [resource] } });

/** A role with `trust`, allowed `actions` on `resource` (no permissions policy when there are none). */
export async function role(iam: IAMClient, name: string, actions: string[], resource: string, trust = PINPOINT_TRUST): Promise<string> {
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
  if (actions.length) await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'events', PolicyDocument: allow(actions, resource) }));
  return roleArn(name);
}

export interface OutboxState { pending?: number; delivered?: number; failure?: { code: string; message: string; since: number; at: number }; eventStream?: unknown }

/** GET /_rolegate/pinpoint/apps/<id>/event-stream: its status and body. */
export async function outboxRoute(endpoint: string, appId: string, auth: string | undefined = basic): Promise<{ status: number; body: OutboxState }> {
  const r = await fetch(`${endpoint}/_rolegate/pinpoint/apps/${appId}/event-stream`, { headers: auth ? { authorization: auth } : {} });
  return { status: r.status, body: await r.json() };
}

/** The outbox's state, which the route must answer. */
export async function outbox(endpoint: string, appId: string): Promise<OutboxState & { pending: number; delivered: number }> {
  const r = await outboxRoute(endpoint, appId);
  assert.equal(r.status, 200);
  return r.body as OutboxState & { pending: number; delivered: number };
}

/** The decision log's entries matching `query`. */
export async function decisions(endpoint: string, query: string): Promise<{ result: string; principal: string; action: string; resource: string }[]> {
  const r = await fetch(`${endpoint}/_rolegate/decisions?${query}`, { headers: { authorization: basic } });
  assert.equal(r.status, 200);
  return (await r.json()).decisions;
}

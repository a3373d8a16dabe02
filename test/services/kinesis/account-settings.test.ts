// The account's minimum throughput billing commitment (DescribeAccountSettings, UpdateAccountSettings)
// as AWS documents it (API Reference, MinimumThroughputBillingCommitmentInput and …Output): at least
// 24 hours; a disable asked before the earliest allowed end is scheduled for it and can be cancelled
// by enabling again; per account and region; decided by the policy engine on `*`. Through
// @aws-sdk/client-kinesis, and, for what only a day shows, the handlers on a store with a moved clock.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeAccountSettingsCommand, UpdateAccountSettingsCommand, type MinimumThroughputBillingCommitmentInputStatus } from '@aws-sdk/client-kinesis';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';
import { openSqliteStore } from '../../../src/store/sqlite/index.js';
import { createSealer } from '../../../src/auth/secrets.js';
import { handlers } from '../../../src/services/kinesis/index.js';
import { defaultServiceSettings } from '../../../src/shared/service-settings.js';
import type { HandlerContext } from '../../../src/services/types.js';
import type { Store } from '../../../src/store/types.js';

const DAY = 24 * 3_600_000;
const rg = useRolegate({ env: { ROLEGATE_KINESIS_THROTTLING: 'off' } });
const update = (Status: MinimumThroughputBillingCommitmentInputStatus) => new UpdateAccountSettingsCommand({ MinimumThroughputBillingCommitment: { Status } });

describe('DescribeAccountSettings and UpdateAccountSettings through the SDK', () => {
  it('shows DISABLED with no times before any commitment', async () => {
    const out = await rg.server.kinesis().send(new DescribeAccountSettingsCommand({}));
    assert.deepEqual(out.MinimumThroughputBillingCommitment, { Status: 'DISABLED' });
  });

  it('ENABLED starts a commitment whose earliest allowed end is 24 hours after its start; enabling again changes nothing', async () => {
    const k = rg.server.kinesis();
    const before = Date.now();
    const on = (await k.send(update('ENABLED'))).MinimumThroughputBillingCommitment!;
    assert.equal(on.Status, 'ENABLED');
    assert.ok(on.StartedAt!.getTime() >= before - 1000 && on.StartedAt!.getTime() <= Date.now() + 1000, `started at the request: ${on.StartedAt!.toISOString()}`);
    assert.equal(on.EarliestAllowedEndAt!.getTime() - on.StartedAt!.getTime(), DAY);
    assert.equal(on.EndedAt, undefined);
    assert.deepEqual((await k.send(new DescribeAccountSettingsCommand({}))).MinimumThroughputBillingCommitment, on);
    assert.deepEqual((await k.send(update('ENABLED'))).MinimumThroughputBillingCommitment, on);
  });

  it('DISABLED before the earliest allowed end is scheduled for it (ENABLED_UNTIL_EARLIEST_ALLOWED_END); ENABLED again cancels it', async () => {
    const k = rg.server.kinesis();
    const on = (await k.send(update('ENABLED'))).MinimumThroughputBillingCommitment!;
    const pending = (await k.send(update('DISABLED'))).MinimumThroughputBillingCommitment!;
    assert.deepEqual(pending, { Status: 'ENABLED_UNTIL_EARLIEST_ALLOWED_END', StartedAt: on.StartedAt, EarliestAllowedEndAt: on.EarliestAllowedEndAt });
    assert.deepEqual((await k.send(new DescribeAccountSettingsCommand({}))).MinimumThroughputBillingCommitment, pending);
    assert.deepEqual((await k.send(update('DISABLED'))).MinimumThroughputBillingCommitment, pending, 'disabling again keeps the one scheduled end');
    assert.deepEqual((await k.send(update('ENABLED'))).MinimumThroughputBillingCommitment, on, 'the same commitment, its start and earliest end kept');
  });

  it('is kept per region, and DISABLED with no commitment changes nothing', async () => {
    await rg.server.kinesis().send(update('ENABLED'));
    const west = rg.server.kinesis(undefined, 'us-west-2');
    assert.deepEqual((await west.send(new DescribeAccountSettingsCommand({}))).MinimumThroughputBillingCommitment, { Status: 'DISABLED' });
    assert.deepEqual((await west.send(update('DISABLED'))).MinimumThroughputBillingCommitment, { Status: 'DISABLED' });
    assert.equal((await rg.server.kinesis().send(new DescribeAccountSettingsCommand({}))).MinimumThroughputBillingCommitment!.Status, 'ENABLED');
  });

  it('refuses a Status outside ENABLED and DISABLED with ValidationException', async () => {
    await rejectsWith(rg.server.kinesis().send(update('ENABLED_UNTIL_EARLIEST_ALLOWED_END' as MinimumThroughputBillingCommitmentInputStatus)), 'ValidationException', 400,
      "1 validation error detected: Value 'ENABLED_UNTIL_EARLIEST_ALLOWED_END' at 'minimumThroughputBillingCommitment.status' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]");
  });

  it('is decided on `*` by kinesis:DescribeAccountSettings and kinesis:UpdateAccountSettings: a user allowed only the first cannot change it', async () => {
    const iam = rg.server.iam();
    await iam.send(new CreateUserCommand({ UserName: 'viewer' }));
    await iam.send(new PutUserPolicyCommand({
      UserName: 'viewer', PolicyName: 'p',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kinesis:DescribeAccountSettings', Resource: '*' }] }),
    }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'viewer' }))).AccessKey!;
    const k = rg.server.kinesis({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    assert.equal((await k.send(new DescribeAccountSettingsCommand({}))).MinimumThroughputBillingCommitment!.Status, 'DISABLED');
    await rejectsWith(k.send(update('ENABLED')), 'AccessDeniedException', 400, /not authorized to perform: kinesis:UpdateAccountSettings on resource: \*/);
    assert.equal((await rg.server.kinesis().send(new DescribeAccountSettingsCommand({}))).MinimumThroughputBillingCommitment!.Status, 'DISABLED');
  });
});

describe('The commitment over a day (handlers with a moved clock)', () => {
  const T0 = Date.UTC(2026, 0, 22, 1, 22, 2);
  let dir: string;
  let store: Store;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'rolegate-kinesis-account-'));
    store = openSqliteStore(join(dir, 'k.db'));
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const at = (ms: number, region = 'us-east-1') => ({
    accountId: '111122223333', region, requestId: 'r', now: new Date(ms), store, sealer: createSealer(randomBytes(32)),
    settings: { ...defaultServiceSettings, kinesis: { stateMs: 0, throttling: false } },
  }) as unknown as HandlerContext;
  const set = async (Status: 'ENABLED' | 'DISABLED', ms: number) => (await handlers.UpdateAccountSettings!({ MinimumThroughputBillingCommitment: { Status } }, at(ms)))!.MinimumThroughputBillingCommitment;
  const show = async (ms: number) => (await handlers.DescribeAccountSettings!({}, at(ms)))!.MinimumThroughputBillingCommitment;

  it('a disable scheduled for the earliest allowed end takes effect then: DISABLED, EndedAt at that time', async () => {
    await store.reset();
    await set('ENABLED', T0);
    await set('DISABLED', T0 + 3_600_000);
    assert.equal((await show(T0 + DAY - 1))!.Status, 'ENABLED_UNTIL_EARLIEST_ALLOWED_END');
    assert.deepEqual(await show(T0 + DAY), { Status: 'DISABLED', StartedAt: new Date(T0), EarliestAllowedEndAt: new Date(T0 + DAY), EndedAt: new Date(T0 + DAY) });
  });

  it('a disable at or after the earliest allowed end ends it at once', async () => {
    await store.reset();
    await set('ENABLED', T0);
    assert.deepEqual(await set('DISABLED', T0 + DAY + 5_000), { Status: 'DISABLED', StartedAt: new Date(T0), EarliestAllowedEndAt: new Date(T0 + DAY), EndedAt: new Date(T0 + DAY + 5_000) });
    assert.deepEqual(await set('DISABLED', T0 + 2 * DAY), { Status: 'DISABLED', StartedAt: new Date(T0), EarliestAllowedEndAt: new Date(T0 + DAY), EndedAt: new Date(T0 + DAY + 5_000) }, 'disabled again: nothing changes');
  });

  it('ENABLED after a commitment ended starts a new one of 24 hours from then', async () => {
    await store.reset();
    await set('ENABLED', T0);
    await set('DISABLED', T0 + 1);
    const T1 = T0 + 3 * DAY;
    assert.deepEqual(await set('ENABLED', T1), { Status: 'ENABLED', StartedAt: new Date(T1), EarliestAllowedEndAt: new Date(T1 + DAY) });
  });
});

// Pinpoint's endpoints through @aws-sdk/client-pinpoint against a started server: UpdateEndpoint
// (create, merge), UpdateEndpointsBatch (whole or nothing, ≤ 100), GetEndpoint, DeleteEndpoint,
// GetUserEndpoints, DeleteUserEndpoints, RemoveAttributes — with AWS's validation and quotas, and
// the IAM decision on each call.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAppCommand, DeleteEndpointCommand, DeleteUserEndpointsCommand, GetEndpointCommand, GetUserEndpointsCommand,
  RemoveAttributesCommand, UpdateEndpointCommand, UpdateEndpointsBatchCommand, type EndpointRequest,
} from '@aws-sdk/client-pinpoint';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { useRolegate, TEST_ACCOUNT } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const rg = useRolegate();
const pp = () => rg.server.pinpoint();
const newApp = async () => (await pp().send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'shop' } }))).ApplicationResponse!.Id!;
const update = (ApplicationId: string, EndpointId: string, EndpointRequest: EndpointRequest) =>
  pp().send(new UpdateEndpointCommand({ ApplicationId, EndpointId, EndpointRequest }));
const get = async (ApplicationId: string, EndpointId: string) => (await pp().send(new GetEndpointCommand({ ApplicationId, EndpointId }))).EndpointResponse!;

describe('UpdateEndpoint and GetEndpoint', () => {
  it('creates an endpoint (202 Accepted with the RequestID) and reads it back as EndpointResponse', async () => {
    const app = await newApp();
    const r = await update(app, 'e1', {
      ChannelType: 'EMAIL', Address: 'ana@example.com', Attributes: { interests: ['music'] },
      Demographic: { Platform: 'ios', Locale: 'en_US' }, Location: { Country: 'US', City: 'Seattle' }, Metrics: { visits: 3 },
      User: { UserId: 'u1', UserAttributes: { tier: ['gold'] } },
    });
    assert.equal(r.$metadata.httpStatusCode, 202);
    assert.equal(r.MessageBody!.Message, 'Accepted');
    assert.equal(r.MessageBody!.RequestID, r.$metadata.requestId);
    const e = await get(app, 'e1');
    assert.equal(e.ApplicationId, app);
    assert.equal(e.Id, 'e1');
    assert.equal(e.ChannelType, 'EMAIL');
    assert.equal(e.Address, 'ana@example.com');
    assert.equal(e.EndpointStatus, 'ACTIVE');
    assert.equal(e.OptOut, 'NONE');
    assert.match(e.CohortId!, /^\d{1,2}$/);
    assert.ok(Date.parse(e.CreationDate!) > 0 && Date.parse(e.EffectiveDate!) > 0);
    assert.deepEqual(e.Attributes, { interests: ['music'] });
    assert.deepEqual(e.Metrics, { visits: 3 });
    assert.deepEqual(e.User, { UserId: 'u1', UserAttributes: { tier: ['gold'] } });
    assert.deepEqual(e.Location, { Country: 'US', City: 'Seattle' });
  });

  it('merges a partial update: given names overwrite, the rest stay; Demographic and Location merge by field', async () => {
    const app = await newApp();
    await update(app, 'e1', { ChannelType: 'SMS', Address: '+1 (206) 555-0100', Attributes: { a: ['1'], b: ['2'] }, Demographic: { Platform: 'android', Make: 'x' }, Metrics: { m: 1 } });
    const first = await get(app, 'e1');
    assert.equal(first.Address, '+12065550100', 'a phone number is kept in E.164');
    await update(app, 'e1', { Attributes: { b: ['3', '4'] }, Demographic: { Make: 'y' }, OptOut: 'ALL' });
    const e = await get(app, 'e1');
    assert.deepEqual(e.Attributes, { a: ['1'], b: ['3', '4'] });
    assert.deepEqual(e.Demographic, { Platform: 'android', Make: 'y' });
    assert.deepEqual(e.Metrics, { m: 1 });
    assert.equal(e.OptOut, 'ALL');
    assert.equal(e.ChannelType, 'SMS');
    assert.equal(e.CreationDate, first.CreationDate);
    assert.equal(e.CohortId, first.CohortId);
  });

  it('refuses what AWS refuses, with BadRequestException, and writes nothing', async () => {
    const app = await newApp();
    await rejectsWith(update(app, 'e1', { Address: 'a@example.com' }), 'BadRequestException', 400, /ChannelType/);
    await rejectsWith(update(app, 'e1', { ChannelType: 'EMAIL' }), 'BadRequestException', 400, /Address/);
    await rejectsWith(update(app, 'e1', { ChannelType: 'EMAIL', Address: 'not-an-email' }), 'BadRequestException', 400, /email/);
    await rejectsWith(update(app, 'e1', { ChannelType: 'SMS', Address: '12ab' }), 'BadRequestException', 400, /E\.164/);
    await rejectsWith(update(app, 'e1', { ChannelType: 'FAX' as never, Address: 'x' }), 'BadRequestException', 400, /channelType/);
    await rejectsWith(update(app, 'e1', { ChannelType: 'EMAIL', Address: 'a@example.com', Attributes: { ['n'.repeat(51)]: ['v'] } }), 'BadRequestException', 400, /50/);
    await rejectsWith(update(app, 'e1', { ChannelType: 'EMAIL', Address: 'a@example.com', Attributes: { n: ['v'.repeat(101)] } }), 'BadRequestException', 400, /100/);
    await rejectsWith(update(app, 'e1', { ChannelType: 'EMAIL', Address: 'a@example.com', EndpointStatus: 'GONE' }), 'BadRequestException', 400, /EndpointStatus/);
    await rejectsWith(update(app, 'e1', { ChannelType: 'EMAIL', Address: 'a@example.com', Location: { Latitude: 91 } }), 'BadRequestException', 400, /Latitude/);
    const big = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`big${i}`, Array.from({ length: 50 }, (_, j) => `v${j}`.padEnd(10, 'x'))]));
    await rejectsWith(update(app, 'e1', { ChannelType: 'EMAIL', Address: 'a@example.com', Attributes: big }), 'BadRequestException', 400, /15 KB/);
    const fits = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`fit${i}`, Array.from({ length: 50 }, (_, j) => `v${j}`.padEnd(10, 'x'))]));
    await update(app, 'e2', { ChannelType: 'EMAIL', Address: 'a@example.com', Attributes: fits });
    await pp().send(new DeleteEndpointCommand({ ApplicationId: app, EndpointId: 'e2' }));
    await rejectsWith(pp().send(new GetEndpointCommand({ ApplicationId: app, EndpointId: 'e1' })), 'NotFoundException', 404);
    await rejectsWith(update('0'.repeat(32), 'e1', { ChannelType: 'EMAIL', Address: 'a@example.com' }), 'NotFoundException', 404);
  });

  it('keeps to 250 custom attribute names per project and 15 endpoints per user id', async () => {
    const app = await newApp();
    const attrs = Object.fromEntries(Array.from({ length: 249 }, (_, i) => [`a${i}`, ['v']]));
    await update(app, 'e1', { ChannelType: 'EMAIL', Address: 'a@example.com', Attributes: attrs, Metrics: { m: 1 } });
    await rejectsWith(update(app, 'e2', { ChannelType: 'EMAIL', Address: 'b@example.com', User: { UserAttributes: { extra: ['x'] } } }), 'BadRequestException', 400, /250/);
    await update(app, 'e2', { ChannelType: 'EMAIL', Address: 'b@example.com', Attributes: { a5: ['reused'] } });
    for (let i = 0; i < 15; i++) await update(app, `u${i}`, { ChannelType: 'EMAIL', Address: `u${i}@example.com`, User: { UserId: 'same' } });
    await rejectsWith(update(app, 'u15', { ChannelType: 'EMAIL', Address: 'u15@example.com', User: { UserId: 'same' } }), 'BadRequestException', 400, /15/);
    await update(app, 'u3', { User: { UserId: 'same' }, Attributes: { a1: ['again'] } });
    assert.equal((await pp().send(new GetUserEndpointsCommand({ ApplicationId: app, UserId: 'same' }))).EndpointsResponse!.Item!.length, 15);
  });
});

describe('UpdateEndpointsBatch', () => {
  it('writes up to 100 endpoints at once, and none when one of them is refused', async () => {
    const app = await newApp();
    const items = Array.from({ length: 100 }, (_, i) => ({ Id: `b${i}`, ChannelType: 'EMAIL' as const, Address: `b${i}@example.com` }));
    const r = await pp().send(new UpdateEndpointsBatchCommand({ ApplicationId: app, EndpointBatchRequest: { Item: items } }));
    assert.equal(r.$metadata.httpStatusCode, 202);
    assert.equal((await get(app, 'b99')).Address, 'b99@example.com');
    await rejectsWith(pp().send(new UpdateEndpointsBatchCommand({ ApplicationId: app, EndpointBatchRequest: { Item: [...items, { Id: 'b100', ChannelType: 'EMAIL', Address: 'x@example.com' }] } })), 'BadRequestException', 400, /100/);
    await rejectsWith(pp().send(new UpdateEndpointsBatchCommand({
      ApplicationId: app,
      EndpointBatchRequest: { Item: [{ Id: 'n1', ChannelType: 'EMAIL', Address: 'n1@example.com' }, { Id: 'n2', ChannelType: 'EMAIL', Address: 'bad' }] },
    })), 'BadRequestException', 400, /n2/);
    await rejectsWith(pp().send(new GetEndpointCommand({ ApplicationId: app, EndpointId: 'n1' })), 'NotFoundException', 404);
  });
});

describe('user endpoints, deletes and RemoveAttributes', () => {
  it('lists and deletes a user\'s endpoints, deletes one endpoint, and removes an attribute from every endpoint', async () => {
    const app = await newApp();
    await update(app, 'e1', { ChannelType: 'EMAIL', Address: 'a@example.com', User: { UserId: 'u' }, Attributes: { color: ['red'], size: ['m'] } });
    await update(app, 'e2', { ChannelType: 'SMS', Address: '+12065550101', User: { UserId: 'u' }, Attributes: { color: ['blue'] } });
    await update(app, 'e3', { ChannelType: 'EMAIL', Address: 'c@example.com', Attributes: { color: ['green'] } });
    const mine = (await pp().send(new GetUserEndpointsCommand({ ApplicationId: app, UserId: 'u' }))).EndpointsResponse!.Item!;
    assert.deepEqual(mine.map((e) => e.Id).sort(), ['e1', 'e2']);
    const removed = await pp().send(new RemoveAttributesCommand({ ApplicationId: app, AttributeType: 'endpoint-custom-attributes', UpdateAttributesRequest: { Blacklist: ['color'] } }));
    assert.deepEqual(removed.AttributesResource, { ApplicationId: app, AttributeType: 'endpoint-custom-attributes', Attributes: ['color'] });
    assert.deepEqual((await get(app, 'e1')).Attributes, { size: ['m'] });
    assert.deepEqual((await get(app, 'e3')).Attributes, {});
    await rejectsWith(pp().send(new RemoveAttributesCommand({ ApplicationId: app, AttributeType: 'bogus', UpdateAttributesRequest: { Blacklist: ['x'] } })), 'BadRequestException', 400);
    const del = await pp().send(new DeleteUserEndpointsCommand({ ApplicationId: app, UserId: 'u' }));
    assert.equal(del.$metadata.httpStatusCode, 202);
    assert.deepEqual(del.EndpointsResponse!.Item!.map((e) => e.Id).sort(), ['e1', 'e2']);
    await rejectsWith(pp().send(new GetUserEndpointsCommand({ ApplicationId: app, UserId: 'u' })), 'NotFoundException', 404);
    const one = await pp().send(new DeleteEndpointCommand({ ApplicationId: app, EndpointId: 'e3' }));
    assert.equal(one.EndpointResponse!.Address, 'c@example.com');
    await rejectsWith(pp().send(new DeleteEndpointCommand({ ApplicationId: app, EndpointId: 'e3' })), 'NotFoundException', 404);
  });

  it('decides each call through IAM: a user allowed only GetEndpoint cannot update', async () => {
    const app = await newApp();
    await update(app, 'e1', { ChannelType: 'EMAIL', Address: 'a@example.com' });
    await rg.iam.send(new CreateUserCommand({ UserName: 'reader' }));
    await rg.iam.send(new PutUserPolicyCommand({
      UserName: 'reader', PolicyName: 'read',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:GetEndpoint', Resource: `arn:aws:mobiletargeting:us-east-1:${TEST_ACCOUNT}:apps/${app}/endpoints/*` }] }),
    }));
    const { AccessKey: k } = await rg.iam.send(new CreateAccessKeyCommand({ UserName: 'reader' }));
    const reader = rg.server.pinpoint({ accessKeyId: k!.AccessKeyId!, secretAccessKey: k!.SecretAccessKey! });
    assert.equal((await reader.send(new GetEndpointCommand({ ApplicationId: app, EndpointId: 'e1' }))).EndpointResponse!.Id, 'e1');
    await rejectsWith(reader.send(new UpdateEndpointCommand({ ApplicationId: app, EndpointId: 'e1', EndpointRequest: { OptOut: 'ALL' } })), 'AccessDeniedException', 403);
    assert.equal((await get(app, 'e1')).OptOut, 'NONE');
  });
});

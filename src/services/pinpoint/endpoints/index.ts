// Pinpoint's endpoints: UpdateEndpoint and UpdateEndpointsBatch (≤ 100 items; the batch lands
// whole or not at all), GetEndpoint, DeleteEndpoint, GetUserEndpoints, DeleteUserEndpoints, and
// RemoveAttributes (a custom attribute's name taken off the project and every endpoint). The
// validation, merge and quotas are ./model.ts's, shared with import jobs and PutEvents.
import type { Operations } from '../../../generated/pinpoint/operations.js';
import type { EndpointRequest } from '../../../generated/pinpoint/shapes.js';
import type { HandlerContext, ServiceHandlers } from '../../types.js';
import { badRequest, notFound, requireApp } from '../common.js';
import { appAttributeNames, applyEndpoints, endpointResponse, MAX_BATCH, type EndpointData, type EndpointWrite } from './model.js';

const accepted = (ctx: HandlerContext) => ({ MessageBody: { Message: 'Accepted', RequestID: ctx.requestId } });

async function write(ctx: HandlerContext, appId: string, writes: EndpointWrite[]): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const app = await tx.pinpoint.getApp(ctx.accountId, ctx.region, appId);
    if (!app) throw notFound(ctx);
    const r = await applyEndpoints(tx, app, writes, ctx.now.getTime(), ctx.requestId, true);
    if (r.failed.length) {
      const f = r.failed[0];
      throw badRequest(ctx, writes.length > 1 ? `Item ${f.index} (${writes[f.index].id}): ${f.message}` : f.message);
    }
  });
}

/** RemoveAttributes' attribute types and where each keeps its names. */
const ATTRIBUTE_TYPES: Record<string, { prefix: string; strip: (e: EndpointData, names: Set<string>) => boolean }> = {
  'endpoint-custom-attributes': {
    prefix: 'Attributes.',
    strip: (e, names) => dropKeys(e.Attributes, names, (m) => (e.Attributes = m)),
  },
  'endpoint-user-attributes': {
    prefix: 'User.UserAttributes.',
    strip: (e, names) => dropKeys(e.User?.UserAttributes, names, (m) => (e.User = { ...e.User, UserAttributes: m })),
  },
  'endpoint-metric-attributes': {
    prefix: 'Metrics.',
    strip: (e, names) => dropKeys(e.Metrics, names, (m) => (e.Metrics = m)),
  },
};

function dropKeys<T>(m: Record<string, T> | undefined, names: Set<string>, set: (m: Record<string, T>) => void): boolean {
  if (!m) return false;
  const kept = Object.fromEntries(Object.entries(m).filter(([k]) => !names.has(k)));
  if (Object.keys(kept).length === Object.keys(m).length) return false;
  set(kept);
  return true;
}

const SCAN = 500;

export const handlers = {
  async UpdateEndpoint(input, ctx) {
    const request = (input.EndpointRequest ?? {}) as EndpointRequest;
    await write(ctx, input.ApplicationId, [{ id: input.EndpointId, request }]);
    return accepted(ctx);
  },

  async UpdateEndpointsBatch(input, ctx) {
    const items = input.EndpointBatchRequest?.Item;
    if (!Array.isArray(items) || items.length === 0) throw badRequest(ctx, 'EndpointBatchRequest.Item must contain at least one endpoint');
    if (items.length > MAX_BATCH) throw badRequest(ctx, `Batch size exceeds the maximum of ${MAX_BATCH} endpoints`);
    await write(ctx, input.ApplicationId, items.map(({ Id, ...request }) => ({ id: Id as string, request })));
    return accepted(ctx);
  },

  async GetEndpoint(input, ctx) {
    await requireApp(ctx, input.ApplicationId);
    const e = await ctx.store.pinpoint.getEndpoint(input.ApplicationId, input.EndpointId);
    if (!e) throw notFound(ctx);
    return { EndpointResponse: endpointResponse(input.ApplicationId, e.data as EndpointData) };
  },

  async DeleteEndpoint(input, ctx) {
    const gone = await ctx.store.transaction(async (tx) => {
      const app = await tx.pinpoint.getApp(ctx.accountId, ctx.region, input.ApplicationId);
      if (!app) throw notFound(ctx);
      const e = await tx.pinpoint.getEndpoint(app.id, input.EndpointId);
      if (!e) throw notFound(ctx);
      await tx.pinpoint.removeEndpoints(app.id, [e.id]);
      return e;
    });
    return { EndpointResponse: endpointResponse(input.ApplicationId, gone.data as EndpointData) };
  },

  async GetUserEndpoints(input, ctx) {
    await requireApp(ctx, input.ApplicationId);
    const es = await ctx.store.pinpoint.endpointsOfUser(input.ApplicationId, input.UserId);
    if (es.length === 0) throw notFound(ctx);
    return { EndpointsResponse: { Item: es.map((e) => endpointResponse(input.ApplicationId, e.data as EndpointData)) } };
  },

  async DeleteUserEndpoints(input, ctx) {
    const gone = await ctx.store.transaction(async (tx) => {
      const app = await tx.pinpoint.getApp(ctx.accountId, ctx.region, input.ApplicationId);
      if (!app) throw notFound(ctx);
      const es = await tx.pinpoint.endpointsOfUser(app.id, input.UserId);
      if (es.length === 0) throw notFound(ctx);
      await tx.pinpoint.removeEndpoints(app.id, es.map((e) => e.id));
      return es;
    });
    return { EndpointsResponse: { Item: gone.map((e) => endpointResponse(input.ApplicationId, e.data as EndpointData)) } };
  },

  async RemoveAttributes(input, ctx) {
    const type = ATTRIBUTE_TYPES[input.AttributeType];
    if (!type) throw badRequest(ctx, `Invalid attribute type: ${input.AttributeType}. Valid values: ${Object.keys(ATTRIBUTE_TYPES).join(', ')}`);
    const blacklist = input.UpdateAttributesRequest?.Blacklist ?? [];
    if (!Array.isArray(blacklist)) throw badRequest(ctx, 'Blacklist must be a list of attribute names');
    const removed = await ctx.store.transaction(async (tx) => {
      const app = await tx.pinpoint.getApp(ctx.accountId, ctx.region, input.ApplicationId);
      if (!app) throw notFound(ctx);
      const known = appAttributeNames(app).filter((n) => n.startsWith(type.prefix)).map((n) => n.slice(type.prefix.length));
      const names = new Set(blacklist.includes('*') ? known : blacklist.filter((n) => known.includes(n)));
      if (names.size === 0) return [];
      let after: string | undefined;
      for (;;) {
        const page = await tx.pinpoint.scanEndpoints(app.id, { after, limit: SCAN });
        const changed = page.filter((r) => type.strip(r.data as EndpointData, names));
        if (changed.length) await tx.pinpoint.putEndpoints(changed);
        if (page.length < SCAN) break;
        after = page[page.length - 1].id;
      }
      const left = appAttributeNames(app).filter((n) => !(n.startsWith(type.prefix) && names.has(n.slice(type.prefix.length))));
      await tx.pinpoint.putApp({ ...app, data: { ...app.data, attributeNames: left } });
      return [...names];
    });
    return { AttributesResource: { ApplicationId: input.ApplicationId, AttributeType: input.AttributeType, Attributes: removed } };
  },
} satisfies ServiceHandlers<Operations>;

// Where each member of a REST message travels, worked out once per shape at start-up (and per operation
// for the query keys its requestUri reserves), so reading or writing a message walks short precomputed lists.
import type { Member, Operation, Shape } from '../resolved.js';

export interface MessagePlan {
  labels: Member[];
  query: Member[];
  /** A map bound to the query string as a whole (`location: querystring` without a name of its own). */
  queryMap?: Member;
  headers: Member[];
  /** The lower-cased header name of each of `headers`, in the same order. */
  headerNames: string[];
  prefixHeaders: Member[];
  /** The lower-cased prefix of each of `prefixHeaders` (`x-amz-meta-`). */
  prefixes: string[];
  statusCode?: Member;
  /** The member that is the whole body. */
  payload?: Member;
  /** The payload is a stream (S3's Body): the model marks the member, or its shape, `streaming`. */
  payloadStreaming: boolean;
  /** Without a payload member: the members the body document carries. */
  body: Member[];
}

export interface RequestPlan extends MessagePlan {
  /** Query keys a query map must not collect: other members' and the requestUri's own (`?tagging`). */
  reservedQuery: Set<string>;
}

export function planMessage(shape: Shape): MessagePlan {
  const p = shape.payload;
  const payloadStreaming = p !== undefined && p.streaming;
  const plan: MessagePlan = {
    labels: [], query: [], headers: [], headerNames: [], prefixHeaders: [], prefixes: [], body: [], payload: p, payloadStreaming,
  };
  for (const m of shape.members) {
    switch (m.location) {
      case 'uri':
        plan.labels.push(m);
        break;
      case 'querystring':
        if (m.shape.type === 'map') plan.queryMap = m;
        else plan.query.push(m);
        break;
      case 'header':
        plan.headers.push(m);
        plan.headerNames.push(m.wireName.toLowerCase());
        break;
      case 'headers':
        plan.prefixHeaders.push(m);
        plan.prefixes.push(m.wireName.toLowerCase());
        break;
      case 'statusCode':
        plan.statusCode = m;
        break;
      default:
        if (m !== shape.payload) plan.body.push(m);
    }
  }
  if (shape.payload) plan.body = [];
  return plan;
}

export function planRequest(op: Operation, message: MessagePlan): RequestPlan {
  const reservedQuery = new Set<string>();
  const q = op.requestUri.indexOf('?');
  if (q !== -1) {
    for (const kv of op.requestUri.slice(q + 1).split('&')) if (kv) reservedQuery.add(kv.split('=')[0]);
  }
  for (const m of message.query) reservedQuery.add(m.wireName);
  return { ...message, reservedQuery };
}

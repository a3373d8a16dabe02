// Which service and which operation a request is for, found the way AWS finds it, as one chain
// compiled once: the SigV4 credential scope, then X-Amz-Target (json), then the query protocol's
// Action (read from the body later), then the REST URI table of every rest service, S3's host last.
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError, InvalidAction } from './errors.js';
import type { Operation } from './resolved.js';
import type { RoutableService } from './service.js';
import { compileUri } from './uri-template.js';
import { hostStrategies } from './host-strategies.js';

export interface RouteRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
}

export interface Route<S extends RoutableService = RoutableService> {
  service: S;
  /** Undefined for the query protocol until its body is read (`queryOperation`). */
  operation?: Operation;
  /** The path the operation was matched on: path style (a virtual host's bucket put in front). */
  path: string;
  query: URLSearchParams;
  labels: Record<string, string>;
  scope?: { region: string; service: string };
}

/** A request no service takes: answered in the envelope of `envelope`, the protocol the client speaks. */
export class RoutingError extends AwsError {
  constructor(readonly envelope: RoutableService, code: string, message: string, status: number) {
    super(code, message, status);
  }
}

interface RestEntry {
  operation: Operation;
  match: (parts: readonly string[], query: URLSearchParams) => Record<string, string> | undefined;
  /** Required query members and headers beyond the template (`uploadId`, `x-amz-copy-source`). */
  queryKeys: string[];
  headers: string[];
  rank: number;
}

const protocolOf = (s: RoutableService) => s.resolved.model.metadata.protocol;

const SCOPE = /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

/** The region and signing name of the request's credential scope, when it carries one. */
export function credentialScope(headers: IncomingHttpHeaders, query: URLSearchParams): { region: string; service: string } | undefined {
  const auth = headers.authorization;
  if (auth) {
    const m = SCOPE.exec(auth);
    return m ? { region: m[1], service: m[2] } : undefined;
  }
  const cred = query.get('X-Amz-Credential');
  if (cred) {
    const parts = cred.split('/');
    if (parts.length === 5) return { region: parts[2], service: parts[3] };
  }
  return undefined;
}

function restEntries(service: RoutableService): Map<string, RestEntry[]> {
  const byMethod = new Map<string, RestEntry[]>();
  for (const operation of service.resolved.operations.values()) {
    const uri = compileUri(operation.requestUri);
    const queryKeys: string[] = [];
    const headers: string[] = [];
    for (const m of operation.input?.members ?? []) {
      if (!m.required) continue;
      if (m.location === 'querystring') queryKeys.push(m.wireName);
      else if (m.location === 'header') headers.push(m.wireName.toLowerCase());
    }
    // More literal segments, then more requirements, win; a deprecated operation yields to the one
    // that superseded it on the same URI (S3: GetBucketLifecycle to GetBucketLifecycleConfiguration).
    const rank = uri.literals * 100 + (uri.queryKeys.length + queryKeys.length + headers.length) * 2 - (operation.model.deprecated ? 1 : 0);
    const entry: RestEntry = { operation, match: uri.matchParts, queryKeys, headers, rank };
    const list = byMethod.get(operation.method) ?? [];
    list.push(entry);
    byMethod.set(operation.method, list);
  }
  for (const list of byMethod.values()) list.sort((a, b) => b.rank - a.rank);
  return byMethod;
}

export interface Router {
  route(req: RouteRequest): Route;
  /** The query protocol's operation, from the Action of its parameters (form body or query). */
  queryOperation(route: Route, params: URLSearchParams): Operation;
}

export function createRouter(services: readonly RoutableService[]): Router {
  const bySigningName = new Map<string, RoutableService[]>();
  for (const s of services) {
    for (const name of [s.signingName, ...(s.signingAliases ?? [])]) bySigningName.set(name, [...(bySigningName.get(name) ?? []), s]);
  }
  const byTarget = new Map<string, RoutableService>();
  for (const s of services) if (s.resolved.model.metadata.targetPrefix) byTarget.set(s.resolved.model.metadata.targetPrefix, s);
  const rest = new Map<RoutableService, Map<string, RestEntry[]>>();
  for (const s of services) if (protocolOf(s) === 'rest-json' || protocolOf(s) === 'rest-xml') rest.set(s, restEntries(s));
  // Services that find their resource in the host match last: their paths (S3's `/{Bucket}`) take anything.
  const restOrder = [...rest.keys()].sort((a, b) => Number(a.hostStrategy !== undefined) - Number(b.hostStrategy !== undefined));
  const query = services.filter((s) => protocolOf(s) === 'query');
  const byProtocol = new Map(services.map((s) => [protocolOf(s), s] as const));
  const first = (protocol: string) => byProtocol.get(protocol as never) ?? services[0];

  /** The protocol a client speaks, read off its request, for answering one no service takes. */
  function envelopeFor(req: RouteRequest): RoutableService {
    const type = String(req.headers['content-type'] ?? '');
    if (req.headers['x-amz-target'] || type.startsWith('application/x-amz-json')) return first('json');
    if (type.startsWith('application/json')) return first('rest-json');
    if (type.startsWith('application/x-www-form-urlencoded') || !req.headers['x-amz-content-sha256']) return first('query');
    return first('rest-xml');
  }

  function matchRest(service: RoutableService, req: RouteRequest, params: URLSearchParams): Route | undefined {
    const strategy = service.hostStrategy ? hostStrategies[service.hostStrategy] : undefined;
    const path = strategy ? strategy.pathStyle(String(req.headers.host ?? req.headers[':authority'] ?? ''), req.rawPath) : req.rawPath;
    const entries = rest.get(service)!.get(req.method);
    if (!entries) return undefined;
    const parts = path.split('/').slice(1);
    for (const e of entries) {
      if (e.queryKeys.some((k) => !params.has(k)) || e.headers.some((h) => req.headers[h] === undefined)) continue;
      const labels = e.match(parts, params);
      if (labels) return { service, operation: e.operation, path, query: params, labels };
    }
    return undefined;
  }

  return {
    route(req) {
      const params = new URLSearchParams(req.rawQuery);
      const scope = credentialScope(req.headers, params);
      const scoped = scope ? bySigningName.get(scope.service) : undefined;
      if (scope && !scoped) {
        throw new RoutingError(envelopeFor(req), 'InvalidClientTokenId', `Credential should be scoped to a valid service: '${scope.service}'.`, 403);
      }
      const candidates = scoped ?? services;
      const target = req.headers['x-amz-target'];
      if (typeof target === 'string') {
        const dot = target.lastIndexOf('.');
        const service = byTarget.get(target.slice(0, dot));
        if (service && candidates.includes(service)) {
          const operation = service.resolved.operations.get(target.slice(dot + 1));
          if (!operation) throw new RoutingError(service, 'UnknownOperationException', '', 400);
          return { service, operation, path: req.rawPath, query: params, labels: {}, scope };
        }
      }
      const type = String(req.headers['content-type'] ?? '');
      const form = req.method === 'POST' && type.startsWith('application/x-www-form-urlencoded');
      for (const service of query) {
        if (!candidates.includes(service)) continue;
        // Signed for IAM or STS, or shaped like a query request: the Action decides, once the body is read.
        if (scoped || form || params.has('Action')) return { service, path: req.rawPath, query: params, labels: {}, scope };
      }
      for (const service of restOrder) {
        if (!candidates.includes(service)) continue;
        const found = matchRest(service, req, params);
        if (found) return { ...found, scope };
      }
      if (scoped) {
        const service = scoped[0];
        if (protocolOf(service) === 'json') throw new RoutingError(service, 'UnknownOperationException', '', 400);
        throw new RoutingError(service, 'UnknownOperationException', `No ${service.resolved.model.metadata.serviceId} operation matches ${req.method} ${req.rawPath}.`, 404);
      }
      // Unsigned and shaped like nothing: the query services answer (MissingAction, MissingAuthenticationToken).
      return { service: query[0] ?? envelopeFor(req), path: req.rawPath, query: params, labels: {} };
    },

    queryOperation(route, params) {
      const action = params.get('Action');
      let service = route.service;
      if (!route.scope && action) service = query.find((s) => s.resolved.operations.has(action)) ?? service;
      if (!route.scope && !(action && service.resolved.operations.has(action))) {
        // No signing scope and no known Action: answer in the envelope of the service whose API
        // version the request names, else IAM's.
        const version = params.get('Version');
        service = query.find((s) => s.resolved.model.metadata.apiVersion === version) ?? service;
      }
      route.service = service;
      if (!action) throw new RoutingError(service, 'MissingAction', 'Missing Action', 400);
      const op = service.resolved.operations.get(action);
      if (!op) {
        const e = InvalidAction(`Could not find operation ${action} for version ${service.resolved.model.metadata.apiVersion}`);
        throw new RoutingError(service, e.code, e.message, e.status);
      }
      route.operation = op;
      return op;
    },
  };
}

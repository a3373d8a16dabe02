// Which service and which operation a request is for, found the way AWS finds it: the SigV4
// credential scope first, then the query protocol's Action parameter.
import { AwsError, InvalidAction } from './errors.js';
import type { ServiceEntry } from '../services/registry.js';
import type { RequestContext } from '../server/context.js';

const SCOPE = /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

/** The region and service named by the credential scope, when the request carries one. */
export function credentialScope(ctx: RequestContext): { region: string; service: string } | undefined {
  const auth = ctx.req.headers.authorization;
  if (auth) {
    const m = SCOPE.exec(auth);
    return m ? { region: m[1], service: m[2] } : undefined;
  }
  const cred = ctx.params?.get('X-Amz-Credential');
  if (cred) {
    const parts = cred.split('/');
    if (parts.length === 5) return { region: parts[2], service: parts[3] };
  }
  return undefined;
}

function formBody(ctx: RequestContext): URLSearchParams {
  const type = ctx.req.headers['content-type'] ?? '';
  if (ctx.req.method === 'POST' && type.startsWith('application/x-www-form-urlencoded')) {
    const params = new URLSearchParams(ctx.body.toString('utf8'));
    // Presigned query-protocol requests may carry their signature in the URL too.
    if (ctx.rawQuery) for (const [k, v] of new URLSearchParams(ctx.rawQuery)) if (!params.has(k)) params.append(k, v);
    return params;
  }
  return new URLSearchParams(ctx.rawQuery);
}

export function routeQuery(ctx: RequestContext, services: Map<string, ServiceEntry>, queryServices: ServiceEntry[]): void {
  ctx.params = formBody(ctx);
  const scope = credentialScope(ctx);
  const action = ctx.params.get('Action');
  let service = scope ? services.get(scope.service) : undefined;
  if (!service && action) service = queryServices.find((s) => s.resolved.operations.has(action));
  if (!service) {
    if (scope) throw new AwsError('InvalidClientTokenId', `Credential should be scoped to a valid service: '${scope.service}'.`, 403);
    // No signing scope and no known Action: answer in the envelope of the service whose API version
    // the request names, else IAM's.
    const version = ctx.params.get('Version');
    ctx.service = queryServices.find((s) => s.resolved.model.metadata.apiVersion === version) ?? queryServices[0];
    if (!action) throw new AwsError('MissingAction', 'Missing Action', 400);
    throw InvalidAction(`Could not find operation ${action} for version ${ctx.service.resolved.model.metadata.apiVersion}`);
  }
  ctx.service = service;
  ctx.region = scope?.region;
  if (!action) throw new AwsError('MissingAction', 'Missing Action', 400);
  const op = service.resolved.operations.get(action);
  if (!op) throw InvalidAction(`Could not find operation ${action} for version ${service.resolved.model.metadata.apiVersion}`);
  ctx.operation = op;
}

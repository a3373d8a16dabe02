// A service acting for a customer, with no bypass: it gets a role session only through STS's
// AssumeRole, called as the service principal (so the role's trust policy decides, through the one
// authorize step, with aws:SourceAccount, aws:SourceArn and sts:ExternalId), and calls other
// services with that session through the steps every outside request takes after authentication —
// on the server's store, or on an open transaction's tables (Acting.transaction).
import { randomUUID } from 'node:crypto';
import { AwsError } from '../protocol/errors.js';
import { roleSessionCaller } from '../auth/authenticate.js';
import type { Acting, RoleSession, ServiceAssumeRequest } from '../shared/acting.js';
import type { Caller } from '../shared/caller.js';
import type { EnqueueJob, JobQueue } from '../shared/jobs.js';
import type { Store } from '../store/types.js';
import type { AssumeRoleResponse } from '../generated/sts/shapes.js';
import { runCall, type CallDeps } from './call.js';
import type { CallContext } from './context.js';
import type { ServiceEntry } from './services.js';
import { requestId } from './request-id.js';

export interface ActingDeps extends Omit<CallDeps, 'acting'> {
  services: readonly ServiceEntry[];
  /** The clock of in-process calls: each is a request of its own, with its own id and time. */
  now?: () => Date;
}

export function createActing(deps: ActingDeps): Acting {
  const clock = deps.now ?? (() => new Date());
  const byName = new Map(deps.services.map((s) => [s.name, s]));
  /** Acting on `d.store`: the server's, or an open transaction's tables, for every call made through it (nested ones too). */
  const actingOn = (d: Omit<CallDeps, 'acting'>): Acting => {
    const self: Acting = {
      async call<O>(caller: Caller, serviceName: string, operationName: string, input: Record<string, unknown>): Promise<O> {
        const service = byName.get(serviceName);
        const operation = service?.resolved.operations.get(operationName);
        if (!service || !operation) throw new Error(`no operation ${serviceName}:${operationName} to call`);
        const receivedAt = clock();
        const ctx: CallContext = { requestId: requestId(receivedAt.getTime()), receivedAt, service, operation, input, caller, region: caller.actingRegion ?? deps.config.region };
        return (await runCall(ctx, { ...d, acting: self })) as O;
      },
      async transaction(fn) {
        // The job table is outside the transaction (its gate would wait for it): its requests wait for the commit.
        const after: (() => Promise<unknown>)[] = [];
        const jobs: JobQueue = {
          async enqueue(spec: EnqueueJob) {
            const id = spec.id ?? randomUUID().replaceAll('-', '');
            after.push(() => d.jobs.enqueue({ ...spec, id }));
            return { id, isCreated: true };
          },
          async hasten(id: string, at: number) {
            after.push(() => d.jobs.hasten(id, at));
          },
        };
        // The calls' decisions commit after the transaction (see CallDeps.deferredDecisions); a nested transaction shares the outer list.
        const deferredDecisions = d.deferredDecisions ?? [];
        const result = await d.store.transaction((tx) => {
          // A store.transaction a called handler opens runs inside this one: its error rolls back the whole.
          const store: Store = { ...d.store, ...tx, transaction: (inner) => inner(tx) };
          const inside = actingOn({ ...d, store, jobs, deferredDecisions });
          return fn(tx, (caller, service, operation, input) => inside.call(caller, service, operation, input));
        });
        for (const request of after) await request();
        if (!d.deferredDecisions && deferredDecisions.length) await Promise.all(deferredDecisions);
        return result;
      },
      async assumeRoleAsService(r: ServiceAssumeRequest): Promise<RoleSession> {
        // The service acts in the Region of the resource it acts for (arn:aws:mobiletargeting:cn-north-1:…), and so in its partition.
        const region = r.sourceArn.split(':')[3];
        const inRegion = region ? { actingRegion: region } : {};
        const principal: Caller = {
          accountId: r.sourceAccount, arn: r.service, type: 'service', userId: r.service, accessKeyId: '',
          actingFor: { sourceAccount: r.sourceAccount, sourceArn: r.sourceArn }, ...inRegion,
        };
        const out = await self.call<AssumeRoleResponse>(principal, 'sts', 'AssumeRole', {
          RoleArn: r.roleArn, RoleSessionName: r.sessionName,
          ...(r.externalId !== undefined ? { ExternalId: r.externalId } : {}),
          ...(r.durationSeconds !== undefined ? { DurationSeconds: r.durationSeconds } : {}),
        });
        const c = out.Credentials!;
        const claims = deps.tokens.open(c.SessionToken);
        if (!claims) throw new AwsError('InternalFailure', 'The session STS issued could not be opened.', 500, 'Receiver');
        return {
          caller: { ...roleSessionCaller(claims), ...inRegion },
          arn: out.AssumedRoleUser!.Arn,
          credentials: { AccessKeyId: c.AccessKeyId, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken, Expiration: c.Expiration },
        };
      },
    };
    return self;
  };
  const acting = actingOn(deps);
  return acting;
}

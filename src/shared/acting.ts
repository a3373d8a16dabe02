// What a service acting for a customer is handed (Pinpoint's jobs, Firehose's delivery): one way to
// get a role session, assumed as the service principal, and one way to call another service with it.
import type { Caller } from './caller.js';
import type { StoreTables } from '../store/types.js';

export interface ServiceAssumeRequest {
  /** The service principal, e.g. `pinpoint.amazonaws.com`. */
  service: string;
  roleArn: string;
  sessionName: string;
  /** The account and resource the service acts for (the confused-deputy keys aws:SourceAccount, aws:SourceArn). */
  sourceAccount: string;
  sourceArn: string;
  externalId?: string;
  durationSeconds?: number;
}

export interface RoleSession {
  /** The assumed-role session, as a caller of the services it then calls. */
  caller: Caller;
  arn: string;
  credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: Date };
}

/** An in-process call as `caller` (Acting.call's signature). */
export type ActingCall = <O = unknown>(caller: Caller, service: string, operation: string, input: Record<string, unknown>) => Promise<O>;

export interface Acting {
  /** STS AssumeRole as the service principal: the trust policy decides, through the one authorize step. */
  assumeRoleAsService(r: ServiceAssumeRequest): Promise<RoleSession>;
  /**
   * Calls an operation as `caller`, entering the pipeline where an outside request enters after
   * authentication: the model's validation, the authorize step, the decision log, AWS's errors.
   */
  call<O = unknown>(caller: Caller, service: string, operation: string, input: Record<string, unknown>): Promise<O>;
  /**
   * Runs `fn` in one store transaction, with its tables and a `call` whose operations read and
   * write through them, so what a called operation appends (Kinesis records, a Firehose buffer)
   * commits or rolls back together with what `fn` writes (an outbox's ack): exactly once. The jobs
   * those operations enqueue or hasten are asked for once the transaction has committed (the job
   * table is not part of it); inside, their answers are provisional. Assume roles before, not
   * inside: every read inside must go through the transaction's tables, as any outside read waits
   * for the transaction to end.
   */
  transaction<T>(fn: (tx: StoreTables, call: ActingCall) => Promise<T>): Promise<T>;
}

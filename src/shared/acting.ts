// What a service acting for a customer is handed (Pinpoint's jobs, Firehose's delivery): one way to
// get a role session, assumed as the service principal, and one way to call another service with it.
import type { Caller } from './caller.js';

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

export interface Acting {
  /** STS AssumeRole as the service principal: the trust policy decides, through the one authorize step. */
  assumeRoleAsService(r: ServiceAssumeRequest): Promise<RoleSession>;
  /**
   * Calls an operation as `caller`, entering the pipeline where an outside request enters after
   * authentication: the model's validation, the authorize step, the decision log, AWS's errors.
   */
  call<O = unknown>(caller: Caller, service: string, operation: string, input: Record<string, unknown>): Promise<O>;
}

// The timings of the services' asynchronous behaviour, from configuration (src/config.ts), as
// handlers and job steps are handed them. Data only; each service reads its own section.

/** Firehose: how long its states last and how its delivery retries. All in milliseconds. */
export interface FirehoseSettings {
  /** CREATING lasts this long after CreateDeliveryStream (and ENABLING/DISABLING after a change of encryption). */
  createMs: number;
  /** DELETING lasts this long after DeleteDeliveryStream; the name is free again after it. */
  deleteMs: number;
  /** A failed delivery to S3 is tried again after this long (AWS: every 5 seconds). */
  retryMs: number;
  /** Records that cannot be delivered for this long after they arrived are dropped (AWS: 24 hours). */
  retryDurationMs: number;
  /** How often a stream with a Kinesis source reads its shards (AWS: about once a second). */
  kinesisPollMs: number;
}

/** Kinesis Data Streams: how long its states last, and whether shards have AWS's throughput limits. */
export interface KinesisSettings {
  /** CREATING, UPDATING (a reshard, a mode or encryption change) and DELETING last this long, in milliseconds; also a consumer's CREATING and DELETING. */
  stateMs: number;
  /** Each shard takes 1,000 records and 1 MiB a second and serves 5 GetRecords and 2 MiB a second, refusing the rest with ProvisionedThroughputExceededException. */
  throttling: boolean;
  /** A SubscribeToShard event stream ends this long after the call, in milliseconds (AWS: 5 minutes). */
  subscriptionMs: number;
}

/** Pinpoint: how its event delivery retries. In milliseconds. */
export interface PinpointSettings {
  /** An app's events that its event stream's role could not deliver are tried again after this long. */
  eventRetryMs: number;
}

/** IAM: how long a credential report lasts. In milliseconds. */
export interface IamSettings {
  /** GenerateCredentialReport makes a new report once the last is this old, and GetCredentialReport answers ReportExpired for it (AWS: 4 hours). */
  credentialReportMs: number;
  /** A delegation request nobody associated expires this long after its creation (AWS: 1 day). */
  delegationUnassignedMs: number;
  /** A delegation request in any other state expires this long after its last change of state (AWS: 7 days). */
  delegationInactiveMs: number;
}

/**
 * The organization rolegate forms of the accounts it holds (ROLEGATE_ORGANIZATION=on): the default
 * account manages it, the ROLEGATE_ACCOUNTS are its members, all under its one root, with all
 * features and IAM's trusted access enabled. Absent: every account is standalone.
 */
export interface OrganizationSettings {
  /** o-… (10 characters after the dash), derived from the management account's id. */
  organizationId: string;
  /** r-… (4 characters after the dash), derived the same way. */
  rootId: string;
  managementAccountId: string;
  memberAccountIds: readonly string[];
}

export interface ServiceSettings {
  iam: IamSettings;
  /** Absent: no organization (AWS Organizations is not in use by any account). */
  organization?: OrganizationSettings;
  firehose: FirehoseSettings;
  kinesis: KinesisSettings;
  pinpoint: PinpointSettings;
}

export const defaultServiceSettings: Readonly<ServiceSettings> = Object.freeze({
  iam: Object.freeze({ credentialReportMs: 4 * 3600_000, delegationUnassignedMs: 24 * 3600_000, delegationInactiveMs: 7 * 24 * 3600_000 }),
  firehose: Object.freeze({ createMs: 1_000, deleteMs: 1_000, retryMs: 5_000, retryDurationMs: 24 * 3600_000, kinesisPollMs: 1_000 }),
  kinesis: Object.freeze({ stateMs: 0, throttling: true, subscriptionMs: 300_000 }),
  pinpoint: Object.freeze({ eventRetryMs: 5_000 }),
});

// The storage contract's one import point: named re-exports of the aggregates' contracts under
// contract/. Declares nothing itself, and never re-exports with `*` (the list is the public surface).
export type { Account, AccountTable } from './contract/accounts.js';
export type { AccessKeyRecord, AccessKeyTable } from './contract/access-keys.js';
export type { AccessReportEntity, AccessReportRecord, AccessReportService, AccessReportTable } from './contract/access-reports.js';
export type { OrganizationFeature, OrganizationsAccessReportRecord, OrganizationsAccessService, OrganizationTable } from './contract/organizations.js';
export type { AccountSettingsTable, CredentialReportRecord, KinesisBillingCommitmentRecord, OutboundSigningKeyRecord, OutboundWebIdentityRecord, PasswordPolicyRecord } from './contract/account-settings.js';
export type { LoginProfileRecord, LoginProfileTable, SshPublicKeyRecord, SshPublicKeyTable } from './contract/user-credentials.js';
export type { DecisionTable } from './contract/decisions.js';
export type {
  EntityKind, EntityTable, EntityTypes, GroupRecord, InstanceProfileRecord, ListOptions, ManagedPolicyRecord,
  MfaDeviceRecord, OidcProviderRecord, PolicyVersionRecord, RoleRecord, Tag, UserRecord,
} from './contract/entities.js';
export type {
  JobCheckpoint, JobFailure, JobFilter, JobPage, JobProgress, JobRecord, JobState, JobTable, NewJob,
} from './contract/jobs.js';
export type { LinkKind, LinkRecord, LinkTable } from './contract/links.js';
export type { BlobStore } from './contract/blobs.js';
export type {
  BucketListOptions, BucketRecord, BucketTable, ListedObject, ObjectScanOptions, ObjectTable, ObjectVersionRecord, PartRecord, Segment,
  UploadRecord, UploadScanOptions, UploadTable,
} from './contract/s3.js';
export type {
  Appended, AppendEntry, ConsumerRecord, ReadOptions, ReadResult, ShardRecord, ShardTip, StoredRecord, StreamRecord, StreamRecordTable, StreamTable,
} from './contract/kinesis.js';
export type {
  BufferedRecordInfo, DeliveryBatch, DeliveryFailure, DeliveryState, DeliveryStreamListOptions, DeliveryStreamRecord, DeliveryStreamType,
  FirehoseTable, NewRecord, ShardPosition,
} from './contract/firehose.js';
export type {
  EndpointRecord, OutboxEvent, OutboxFailure, OutboxState, PinpointAppRecord, PinpointJobRecord, PinpointJobType, PinpointListOptions,
  PinpointTable, RecommenderRecord, SegmentRecord, TemplateListOptions, TemplateRecord,
} from './contract/pinpoint.js';
export type {
  ServerCertificateRecord, ServerCertificateTable, SigningCertificateRecord, SigningCertificateTable,
} from './contract/certificates.js';
export type { ServiceSpecificCredentialRecord, ServiceSpecificCredentialTable } from './contract/service-credentials.js';
export type { SamlPrivateKeyRecord, SamlProviderRecord, SamlProviderTable } from './contract/saml-providers.js';
export type { DelegationApprover, DelegationNotificationRecord, DelegationRequestRecord, DelegationRequestTable, DelegationState } from './contract/delegation-requests.js';
export type { Page } from './contract/page.js';
export type { Store, StoreTables } from './contract/store.js';

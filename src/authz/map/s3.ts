// S3's authorization map as data, one entry per operation of the S3 model: the action AWS asks for
// each API operation (S3 User Guide, "Required permissions for Amazon S3 API operations", and each
// operation's "Permissions" in the S3 API Reference: the action is often not the operation's name,
// HeadObject is s3:GetObject, ListObjectsV2 is s3:ListBucket), the *Version action when the call
// names a version, the further actions some headers need, and the condition keys the Service
// Authorization Reference ("Actions, resources, and condition keys for Amazon S3") lists for the
// action. Buckets and objects are named by the resolvers of src/authz/resolvers/s3.ts, which give the
// bucket's owner as the resource's account, the bucket policy as its resource policy, and the
// bucket's tags (aws:ResourceTag/*, s3:BucketTag/*, once ABAC is enabled on the bucket) and the
// object version's tags (s3:ExistingObjectTag/*, for the actions the SAR lists that key for).
//
// Condition keys the SAR lists for these actions that rolegate does not supply:
//   s3:signatureAge (the signature's age is not among the request's facts),
//   s3:AccessGrantsInstanceArn (no S3 Access Grants), s3:DataAccessPointAccount,
//   s3:DataAccessPointArn, s3:AccessPointNetworkOrigin (no access points),
//   s3:object-lock-remaining-retention-days (needs the time of the request, which the resolver
//   facts lack), s3:object-lock-event-hold and s3:object-lock-event-hold-duration-days (not in the
//   model's inputs), s3:ObjectCreationOperation (AWS does not document its value per operation),
//   s3:x-amz-object-annotation-directive, s3:x-amz-object-if-match and the other annotation keys
//   (no annotation operations in the model), s3:isReplicationPauseRequest and s3:destinationRegion
//   (AWS FIS only), s3:x-amz-storage-class on PutObjectAcl (the operation has no such input),
//   s3express:AllAccessRestrictedToLocalZoneGroup and s3express:Permissions (no directory buckets'
//   zones or access points), s3express:signatureAge and s3-object-lambda:signatureAge.
//
// Permissions AWS also asks that are not S3's: kms:* for SSE-KMS objects, iam:PassRole for
// PutBucketReplication and the metadata-table configurations, s3tables:* for the metadata tables.
import type { FurtherAction, KeySource, MapEntry, ResourceSource, ServiceMap } from './schema.js';

type Keys = Record<string, KeySource>;
const m = (member: string): KeySource => ({ member });
const r = (resolver: string): KeySource => ({ resolver });

/** The keys of every S3 action: how the request was authenticated, and the bucket owner's account. */
const auth: Keys = {
  's3:authType': r('s3:authType'),
  's3:signatureversion': r('s3:signatureversion'),
  's3:x-amz-content-sha256': r('s3:x-amz-content-sha256'),
  's3:TlsVersion': r('s3:TlsVersion'),
  's3:ResourceAccount': r('s3:ResourceAccount'),
};
/** The SAR lists no s3:x-amz-content-sha256 for the object-lock configuration actions. */
const { 's3:x-amz-content-sha256': _sha, ...authWithoutSha256 } = auth;
const express: Keys = {
  's3express:authType': r('s3:authType'),
  's3express:signatureversion': r('s3:signatureversion'),
  's3express:x-amz-content-sha256': r('s3:x-amz-content-sha256'),
  's3express:TlsVersion': r('s3:TlsVersion'),
  's3express:ResourceAccount': r('s3:ResourceAccount'),
};

const versionKey: Keys = { 's3:versionid': m('VersionId') };
const listing: Keys = { 's3:prefix': m('Prefix'), 's3:delimiter': m('Delimiter'), 's3:max-keys': m('MaxKeys') };
/** An object's ACL headers (objects take no x-amz-grant-write on upload). */
const objectAcl: Keys = {
  's3:x-amz-acl': m('ACL'),
  's3:x-amz-grant-full-control': m('GrantFullControl'),
  's3:x-amz-grant-read': m('GrantRead'),
  's3:x-amz-grant-read-acp': m('GrantReadACP'),
  's3:x-amz-grant-write-acp': m('GrantWriteACP'),
};
const acl: Keys = { ...objectAcl, 's3:x-amz-grant-write': m('GrantWrite') };
const encryption: Keys = {
  's3:x-amz-server-side-encryption': m('ServerSideEncryption'),
  's3:x-amz-server-side-encryption-aws-kms-key-id': m('SSEKMSKeyId'),
  's3:x-amz-server-side-encryption-customer-algorithm': m('SSECustomerAlgorithm'),
};
const customerAlgorithm: Keys = { 's3:x-amz-server-side-encryption-customer-algorithm': m('SSECustomerAlgorithm') };
const requestTags: Keys = { 's3:RequestObjectTag/*': { family: 's3:RequestObjectTag' }, 's3:RequestObjectTagKeys': r('s3:RequestObjectTagKeys') };
const objectLock: Keys = {
  's3:object-lock-mode': m('ObjectLockMode'),
  's3:object-lock-retain-until-date': m('ObjectLockRetainUntilDate'),
  's3:object-lock-legal-hold': m('ObjectLockLegalHoldStatus'),
};
const conditional: Keys = { 's3:if-match': m('IfMatch'), 's3:if-none-match': m('IfNoneMatch') };
/** What a new object's upload headers set: ACL, encryption, storage class, redirect, tags, Object Lock. */
const upload: Keys = {
  ...objectAcl, ...encryption,
  's3:x-amz-storage-class': m('StorageClass'),
  's3:x-amz-website-redirect-location': m('WebsiteRedirectLocation'),
  ...requestTags, ...objectLock,
};

/**
 * The headers of an upload that set more than the object (PutObject's Permissions: s3:PutObjectAcl
 * for an ACL, s3:PutObjectTagging for tags; and, as the SAR's operation table lists them for
 * CopyObject, s3:PutObjectLegalHold and s3:PutObjectRetention for Object Lock).
 */
const uploadActions: FurtherAction[] = [
  { action: 's3:PutObjectAcl', when: ['ACL', 'GrantFullControl', 'GrantRead', 'GrantReadACP', 'GrantWriteACP'] },
  { action: 's3:PutObjectTagging', when: ['Tagging'] },
  { action: 's3:PutObjectLegalHold', when: ['ObjectLockLegalHoldStatus'] },
  { action: 's3:PutObjectRetention', when: ['ObjectLockMode', 'ObjectLockRetainUntilDate'] },
];
/** x-amz-bypass-governance-retention: true needs s3:BypassGovernanceRetention. */
const bypassGovernance: FurtherAction = { action: 's3:BypassGovernanceRetention', when: ['BypassGovernanceRetention'] };

const bucket: ResourceSource = { resolver: 's3:bucket', name: 'Bucket' };
const object: ResourceSource = { resolver: 's3:object', name: 'Bucket' };
const taggedObject: ResourceSource = { ...object, existingObjectTags: true };
/** The object a copy reads: s3:GetObject, or s3:GetObjectVersion when x-amz-copy-source names a version. */
const copySource: Omit<MapEntry, 'also'> = {
  action: 's3:GetObject',
  versioned: { action: 's3:GetObjectVersion' },
  resource: { resolver: 's3:copy-source', name: 'CopySource' },
  context: { ...auth, 's3:versionid': r('s3:copySourceVersionId') },
};
/** A directory bucket (S3 Express One Zone), whose object operations are authorized by s3express:CreateSession. */
const directoryBucket = 'arn:${Partition}:s3express:${Region}:${Account}:bucket/${Bucket}';

const onBucket = (action: string, context: Keys = auth): MapEntry => ({ action: `s3:${action}`, resource: bucket, context });
const onObject = (action: string, context: Keys = auth, more: Partial<MapEntry> = {}): MapEntry => ({ action: `s3:${action}`, resource: object, context, ...more });
/** An object action whose *Version action applies when the call names a VersionId, with the SAR's s3:ExistingObjectTag/*. */
const onVersion = (action: string, versionAction: string, context: Keys = {}, more: Partial<MapEntry> = {}): MapEntry => ({
  action: `s3:${action}`,
  versioned: { member: 'VersionId', action: `s3:${versionAction}` },
  resource: taggedObject,
  context: { ...auth, ...versionKey, ...context },
  ...more,
});

const entries: Record<string, MapEntry | null> = {
  // Objects.
  GetObject: onVersion('GetObject', 'GetObjectVersion'),
  HeadObject: onVersion('GetObject', 'GetObjectVersion'),
  /** S3 Select reads the object: s3:GetObject. */
  SelectObjectContent: { action: 's3:GetObject', resource: taggedObject, context: auth },
  /** With a version: s3:GetObjectVersion and s3:GetObjectVersionAttributes; without: s3:GetObject and s3:GetObjectAttributes. */
  GetObjectAttributes: onVersion('GetObjectAttributes', 'GetObjectVersionAttributes', {}, {
    furtherActions: [{ action: 's3:GetObject', versioned: { member: 'VersionId', action: 's3:GetObjectVersion' } }],
  }),
  GetObjectAcl: onVersion('GetObjectAcl', 'GetObjectVersionAcl'),
  PutObjectAcl: onVersion('PutObjectAcl', 'PutObjectVersionAcl', acl),
  GetObjectTagging: onVersion('GetObjectTagging', 'GetObjectVersionTagging'),
  PutObjectTagging: onVersion('PutObjectTagging', 'PutObjectVersionTagging', requestTags),
  DeleteObjectTagging: onVersion('DeleteObjectTagging', 'DeleteObjectVersionTagging'),
  GetObjectTorrent: onObject('GetObjectTorrent'),
  GetObjectLegalHold: onObject('GetObjectLegalHold'),
  PutObjectLegalHold: onObject('PutObjectLegalHold', { ...auth, 's3:object-lock-legal-hold': m('LegalHold.Status') }),
  GetObjectRetention: onObject('GetObjectRetention'),
  PutObjectRetention: onObject('PutObjectRetention', {
    ...auth, 's3:object-lock-mode': m('Retention.Mode'), 's3:object-lock-retain-until-date': m('Retention.RetainUntilDate'),
  }, { furtherActions: [bypassGovernance] }),
  RestoreObject: onObject('RestoreObject'),
  UpdateObjectEncryption: {
    action: 's3:UpdateObjectEncryption',
    resource: taggedObject,
    context: {
      ...auth,
      's3:x-amz-server-side-encryption': r('s3:updatedEncryption'),
      's3:x-amz-server-side-encryption-aws-kms-key-id': m('ObjectEncryption.SSEKMS.KMSKeyArn'),
    },
  },
  PutObject: onObject('PutObject', { ...auth, ...upload, ...conditional }, { furtherActions: uploadActions }),
  /**
   * s3:PutObject on the target and s3:GetObject (s3:GetObjectVersion for a named version) on the
   * source (CopyObject's Permissions), each in its own bucket's account with its own bucket policy.
   */
  CopyObject: onObject('PutObject', {
    ...auth, ...upload, ...conditional,
    's3:x-amz-copy-source': m('CopySource'),
    's3:x-amz-metadata-directive': m('MetadataDirective'),
  }, { furtherActions: uploadActions, also: [copySource] }),
  DeleteObject: {
    action: 's3:DeleteObject',
    versioned: { member: 'VersionId', action: 's3:DeleteObjectVersion' },
    resource: object,
    context: { ...auth, ...versionKey, 's3:if-match': m('IfMatch') },
    furtherActions: [bypassGovernance],
  },
  /**
   * Authorized per key, as AWS does: each key is a DeleteObject (s3:DeleteObject, or
   * s3:DeleteObjectVersion with its VersionId) on arn:aws:s3:::BUCKET/KEY, and a key refused is an
   * AccessDenied in the response's Errors while the others are deleted (HTTP 200). There is no
   * bucket-level action to decide first: s3:DeleteObject on the bucket's ARN would match no policy
   * that grants it on `bucket/*` or a prefix. The handler decides each key as the map's
   * DeleteObject entry (HandlerContext.authorizeOperation('DeleteObject', { Bucket, Key, VersionId,
   * BypassGovernanceRetention })).
   */
  DeleteObjects: null,

  // Multipart uploads: each step is s3:PutObject, but for aborting and listing.
  CreateMultipartUpload: onObject('PutObject', { ...auth, ...upload }, { furtherActions: uploadActions }),
  UploadPart: onObject('PutObject', { ...auth, ...customerAlgorithm }),
  UploadPartCopy: onObject('PutObject', { ...auth, ...customerAlgorithm, 's3:x-amz-copy-source': m('CopySource') }, { also: [copySource] }),
  CompleteMultipartUpload: onObject('PutObject', { ...auth, ...conditional, ...customerAlgorithm }),
  AbortMultipartUpload: onObject('AbortMultipartUpload'),
  ListParts: onObject('ListMultipartUploadParts'),
  ListMultipartUploads: onBucket('ListBucketMultipartUploads'),

  // Listings.
  ListObjects: onBucket('ListBucket', { ...auth, ...listing }),
  ListObjectsV2: onBucket('ListBucket', { ...auth, ...listing }),
  ListObjectVersions: onBucket('ListBucketVersions', { ...auth, ...listing }),
  HeadBucket: onBucket('ListBucket'),
  /** The account's buckets: s3:ListAllMyBuckets on every resource. */
  ListBuckets: { action: 's3:ListAllMyBuckets', resource: '*', context: auth },

  // Buckets.
  /**
   * Decided in the caller's account on the name it asks for, whoever holds the name: a name taken is
   * BucketAlreadyExists, not a cross-account refusal. The headers that configure more need their
   * own actions (CreateBucket's Permissions): an ACL other than private or a grant s3:PutBucketAcl,
   * Object Lock s3:PutBucketObjectLockConfiguration and s3:PutBucketVersioning, Object Ownership
   * s3:PutBucketOwnershipControls, tags s3:TagResource (CreateBucketConfiguration.Tags).
   */
  CreateBucket: {
    action: 's3:CreateBucket',
    resource: 'arn:${Partition}:s3:::${Bucket}',
    context: {
      ...auth, ...acl,
      's3:locationconstraint': m('CreateBucketConfiguration.LocationConstraint'),
      's3:x-amz-object-ownership': m('ObjectOwnership'),
      's3:x-amz-bucket-namespace': m('BucketNamespace'),
      'aws:RequestTag/*': { family: 's3:CreateBucketRequestTag' },
      'aws:TagKeys': r('s3:CreateBucketTagKeys'),
    },
    furtherActions: [
      { action: 's3:PutBucketAcl', when: ['ACL', 'GrantFullControl', 'GrantRead', 'GrantReadACP', 'GrantWrite', 'GrantWriteACP'], except: { ACL: ['private'] } },
      { action: 's3:PutBucketObjectLockConfiguration', when: ['ObjectLockEnabledForBucket'] },
      { action: 's3:PutBucketVersioning', when: ['ObjectLockEnabledForBucket'] },
      { action: 's3:PutBucketOwnershipControls', when: ['ObjectOwnership'] },
      { action: 's3:TagResource', when: ['CreateBucketConfiguration.Tags'] },
    ],
  },
  DeleteBucket: onBucket('DeleteBucket'),
  GetBucketLocation: onBucket('GetBucketLocation'),
  GetBucketAcl: onBucket('GetBucketAcl'),
  PutBucketAcl: onBucket('PutBucketAcl', { ...auth, ...acl }),
  GetBucketPolicy: onBucket('GetBucketPolicy'),
  PutBucketPolicy: onBucket('PutBucketPolicy'),
  DeleteBucketPolicy: onBucket('DeleteBucketPolicy'),
  GetBucketPolicyStatus: onBucket('GetBucketPolicyStatus'),
  GetBucketVersioning: onBucket('GetBucketVersioning'),
  PutBucketVersioning: onBucket('PutBucketVersioning'),
  GetBucketTagging: onBucket('GetBucketTagging'),
  PutBucketTagging: onBucket('PutBucketTagging'),
  DeleteBucketTagging: onBucket('PutBucketTagging'),
  GetBucketAbac: onBucket('GetBucketAbac'),
  PutBucketAbac: onBucket('PutBucketAbac'),
  GetBucketCors: onBucket('GetBucketCORS'),
  PutBucketCors: onBucket('PutBucketCORS'),
  DeleteBucketCors: onBucket('PutBucketCORS'),
  GetBucketEncryption: onBucket('GetEncryptionConfiguration'),
  PutBucketEncryption: onBucket('PutEncryptionConfiguration'),
  DeleteBucketEncryption: onBucket('PutEncryptionConfiguration'),
  GetBucketLifecycle: onBucket('GetLifecycleConfiguration'),
  GetBucketLifecycleConfiguration: onBucket('GetLifecycleConfiguration'),
  PutBucketLifecycle: onBucket('PutLifecycleConfiguration'),
  PutBucketLifecycleConfiguration: onBucket('PutLifecycleConfiguration'),
  DeleteBucketLifecycle: onBucket('PutLifecycleConfiguration'),
  GetBucketWebsite: onBucket('GetBucketWebsite'),
  PutBucketWebsite: onBucket('PutBucketWebsite'),
  DeleteBucketWebsite: onBucket('DeleteBucketWebsite'),
  GetBucketLogging: onBucket('GetBucketLogging'),
  PutBucketLogging: onBucket('PutBucketLogging'),
  GetBucketNotification: onBucket('GetBucketNotification'),
  GetBucketNotificationConfiguration: onBucket('GetBucketNotification'),
  PutBucketNotification: onBucket('PutBucketNotification'),
  PutBucketNotificationConfiguration: onBucket('PutBucketNotification'),
  GetBucketRequestPayment: onBucket('GetBucketRequestPayment'),
  PutBucketRequestPayment: onBucket('PutBucketRequestPayment'),
  GetBucketAccelerateConfiguration: onBucket('GetAccelerateConfiguration'),
  PutBucketAccelerateConfiguration: onBucket('PutAccelerateConfiguration'),
  GetBucketOwnershipControls: onBucket('GetBucketOwnershipControls'),
  PutBucketOwnershipControls: onBucket('PutBucketOwnershipControls'),
  DeleteBucketOwnershipControls: onBucket('PutBucketOwnershipControls'),
  GetBucketReplication: onBucket('GetReplicationConfiguration'),
  PutBucketReplication: onBucket('PutReplicationConfiguration'),
  DeleteBucketReplication: onBucket('PutReplicationConfiguration'),
  /** The bucket's Block Public Access (the account's is S3 Control's, not in this model). */
  GetPublicAccessBlock: onBucket('GetBucketPublicAccessBlock'),
  PutPublicAccessBlock: onBucket('PutBucketPublicAccessBlock'),
  DeletePublicAccessBlock: onBucket('PutBucketPublicAccessBlock'),
  GetObjectLockConfiguration: onBucket('GetBucketObjectLockConfiguration', authWithoutSha256),
  PutObjectLockConfiguration: onBucket('PutBucketObjectLockConfiguration', authWithoutSha256),
  GetBucketAnalyticsConfiguration: onBucket('GetAnalyticsConfiguration'),
  ListBucketAnalyticsConfigurations: onBucket('GetAnalyticsConfiguration'),
  PutBucketAnalyticsConfiguration: onBucket('PutAnalyticsConfiguration'),
  DeleteBucketAnalyticsConfiguration: onBucket('PutAnalyticsConfiguration'),
  GetBucketIntelligentTieringConfiguration: onBucket('GetIntelligentTieringConfiguration'),
  ListBucketIntelligentTieringConfigurations: onBucket('GetIntelligentTieringConfiguration'),
  PutBucketIntelligentTieringConfiguration: onBucket('PutIntelligentTieringConfiguration'),
  DeleteBucketIntelligentTieringConfiguration: onBucket('PutIntelligentTieringConfiguration'),
  GetBucketInventoryConfiguration: onBucket('GetInventoryConfiguration'),
  ListBucketInventoryConfigurations: onBucket('GetInventoryConfiguration'),
  PutBucketInventoryConfiguration: onBucket('PutInventoryConfiguration', {
    ...auth, 's3:InventoryAccessibleOptionalFields': m('InventoryConfiguration.OptionalFields'),
  }),
  DeleteBucketInventoryConfiguration: onBucket('PutInventoryConfiguration'),
  GetBucketMetricsConfiguration: onBucket('GetMetricsConfiguration'),
  ListBucketMetricsConfigurations: onBucket('GetMetricsConfiguration'),
  PutBucketMetricsConfiguration: onBucket('PutMetricsConfiguration'),
  DeleteBucketMetricsConfiguration: onBucket('PutMetricsConfiguration'),
  // S3 Metadata: the configuration operations share the metadata-table actions.
  CreateBucketMetadataConfiguration: onBucket('CreateBucketMetadataTableConfiguration'),
  CreateBucketMetadataTableConfiguration: onBucket('CreateBucketMetadataTableConfiguration'),
  GetBucketMetadataConfiguration: onBucket('GetBucketMetadataTableConfiguration'),
  GetBucketMetadataTableConfiguration: onBucket('GetBucketMetadataTableConfiguration'),
  DeleteBucketMetadataConfiguration: onBucket('DeleteBucketMetadataTableConfiguration'),
  DeleteBucketMetadataTableConfiguration: onBucket('DeleteBucketMetadataTableConfiguration'),
  UpdateBucketMetadataInventoryTableConfiguration: onBucket('UpdateBucketMetadataInventoryTableConfiguration'),
  UpdateBucketMetadataJournalTableConfiguration: onBucket('UpdateBucketMetadataJournalTableConfiguration'),

  // Directory buckets (S3 Express One Zone) and S3 Object Lambda.
  ListDirectoryBuckets: { action: 's3express:ListAllMyDirectoryBuckets', resource: '*', context: express },
  CreateSession: {
    action: 's3express:CreateSession',
    resource: directoryBucket,
    context: {
      ...express,
      's3express:SessionMode': m('SessionMode'),
      's3express:x-amz-server-side-encryption': m('ServerSideEncryption'),
      's3express:x-amz-server-side-encryption-aws-kms-key-id': m('SSEKMSKeyId'),
    },
  },
  /** Directory buckets only: authorized by the session, s3express:CreateSession on the bucket (RenameObject's Permissions). */
  RenameObject: { action: 's3express:CreateSession', resource: directoryBucket, context: express },
  /** An Object Lambda function's answer: s3-object-lambda:WriteGetObjectResponse (the access point is not in the request). */
  WriteGetObjectResponse: {
    action: 's3-object-lambda:WriteGetObjectResponse',
    resource: '*',
    context: { 's3-object-lambda:authType': r('s3:authType'), 's3-object-lambda:TlsVersion': r('s3:TlsVersion') },
  },
};

export const s3Map: ServiceMap = entries;

// S3's errors as S3 answers them: code, HTTP status, message and the further elements of its error
// document (BucketName, Key …). Codes and words from https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html.
import { AwsError } from '../../protocol/errors.js';

const e = (code: string, message: string, status: number, fields?: Record<string, unknown>) => new AwsError(code, message, status, status >= 500 ? 'Receiver' : 'Sender', fields);

export const NoSuchBucket = (bucket: string) => e('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });
export const NoSuchKey = (key: string) => e('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
export const NoSuchVersion = (key: string, versionId: string) =>
  e('NoSuchVersion', 'The specified version does not exist.', 404, { Key: key, VersionId: versionId });
export const NoSuchUpload = (uploadId: string) =>
  e('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', 404, { UploadId: uploadId });
export const BucketAlreadyExists = (bucket: string) =>
  e('BucketAlreadyExists', 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', 409, { BucketName: bucket });
export const BucketAlreadyOwnedByYou = (bucket: string) =>
  e('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, { BucketName: bucket });
export const BucketNotEmpty = (bucket: string) => e('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucket });
export const InvalidBucketName = (bucket: string) => e('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket });
export const TooManyBuckets = () => e('TooManyBuckets', 'You have attempted to create more buckets than allowed', 400);
export const InvalidArgument = (message: string, name?: string, value?: string) =>
  e('InvalidArgument', message, 400, name === undefined ? undefined : { ArgumentName: name, ArgumentValue: value });
export const InvalidRequest = (message: string) => e('InvalidRequest', message, 400);
/** An operation whose request body is required, sent without one (S3 answers PutBucketNotificationConfiguration so). */
export const MissingRequestBody = () => e('MissingRequestBodyError', 'Request Body is empty', 400);
export const MalformedXML = () => e('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
export const InvalidRange = (range: string, size: number) =>
  e('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: range, ActualObjectSize: size });
export const PreconditionFailed = (condition: string) =>
  e('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: condition });
/** 304 has no body; the error carries the object's ETag and Last-Modified for the headers. */
export const NotModified = () => e('NotModified', 'Not Modified', 304);
export const InvalidPart = (partNumber?: number, etag?: string) =>
  e('InvalidPart', 'One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part\'s entity tag.', 400,
    partNumber === undefined ? undefined : { UploadId: undefined, PartNumber: partNumber, ETag: etag });
export const InvalidPartOrder = () => e('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', 400);
export const EntityTooSmall = (size: number, partNumber: number, etag: string) =>
  e('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', 400, { ProposedSize: size, MinSizeAllowed: 5 * 1024 * 1024, PartNumber: partNumber, ETag: etag });
export const EntityTooLarge = (size: number, max: number) =>
  e('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, { ProposedSize: size, MaxSizeAllowed: max });
export const MetadataTooLarge = (size: number) =>
  e('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size', 400, { Size: size, MaxSizeAllowed: 2048 });
export const KeyTooLong = (size: number) => e('KeyTooLongError', 'Your key is too long', 400, { Size: size, MaxSizeAllowed: 1024 });
export const MissingContentLength = () => e('MissingContentLength', 'You must provide the Content-Length HTTP header.', 411);
export const InvalidDigest = (md5: string) => e('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, { 'Content-MD5': md5 });
export const BadDigest = (md5: string) =>
  e('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, { ExpectedDigest: md5 });
export const BadChecksum = (algorithm: string) => e('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, 400);
export const InvalidChecksum = (algorithm: string) => InvalidRequest(`Value for x-amz-checksum-${algorithm.toLowerCase()} header is invalid.`);
export const IncompleteBody = () => e('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header', 400);
export const InvalidTag = (message: string) => e('InvalidTag', message, 400);
export const NoSuchTagSet = () => e('NoSuchTagSet', 'The TagSet does not exist', 404);
export const MethodNotAllowed = (method: string, resourceType: string) =>
  e('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { Method: method, ResourceType: resourceType });
export const AccessControlListNotSupported = () => e('AccessControlListNotSupported', 'The bucket does not allow ACLs', 400);
export const InvalidBucketAclWithObjectOwnership = () =>
  e('InvalidBucketAclWithObjectOwnership', "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", 400);
export const MalformedPolicy = (message: string) => e('MalformedPolicy', message, 400);
export const InvalidLocationConstraint = () => e('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400);
export const IllegalLocationConstraint = (constraint: string | undefined) =>
  e('IllegalLocationConstraintException',
    `The ${constraint === undefined ? 'unspecified' : constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`, 400);
export const InvalidBucketState = (message: string) => e('InvalidBucketState', message, 409);
export const AuthorizationHeaderMalformed = (message: string) => e('AuthorizationHeaderMalformed', message, 400);

/** "The … configuration does not exist" errors of the bucket subresources, by subresource. */
export const missingConfiguration: Record<string, () => AwsError> = {
  policy: () => e('NoSuchBucketPolicy', 'The bucket policy does not exist', 404),
  tagging: NoSuchTagSet,
  publicAccessBlock: () => e('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404),
  ownershipControls: () => e('OwnershipControlsNotFoundError', 'The bucket ownership controls were not found', 404),
  cors: () => e('NoSuchCORSConfiguration', 'The CORS configuration does not exist', 404),
  lifecycle: () => e('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404),
  encryption: () => e('ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found', 404),
  website: () => e('NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration', 404),
  replication: () => e('ReplicationConfigurationNotFoundError', 'The replication configuration was not found', 404),
  objectLock: () => e('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket', 404),
  analytics: () => e('NoSuchConfiguration', 'The specified configuration does not exist.', 404),
  metrics: () => e('NoSuchConfiguration', 'The specified configuration does not exist.', 404),
  inventory: () => e('NoSuchConfiguration', 'The specified configuration does not exist.', 404),
  intelligentTiering: () => e('NoSuchConfiguration', 'The specified configuration does not exist.', 404),
  metadata: () => e('MetadataConfigurationNotFound', 'The specified bucket does not have a metadata configuration.', 404),
  metadataTable: () => e('MetadataTableConfigurationNotFound', 'The specified bucket does not have a metadata table configuration.', 404),
};

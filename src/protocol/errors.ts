// AWS errors as values: every failure a client can see is an AwsError with AWS's code, message
// and HTTP status. Each protocol's serializer writes its own envelope; nothing here knows the wire.

export type Fault = 'Sender' | 'Receiver';

export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly fault: Fault = 'Sender',
    /** Further members of the error's modelled shape (S3's BucketName, Pinpoint's RequestID …). */
    readonly fields?: Record<string, unknown>,
  ) {
    super(message);
    this.name = code;
  }

  /** Response headers the error answers with (S3's x-amz-delete-marker on a deleted key's 404, a 304's ETag). */
  headers?: Record<string, string>;

  withHeaders(headers: Record<string, string>): this {
    this.headers = headers;
    return this;
  }
}

/** Errors common to every AWS service (authentication, routing, throttling, internal faults). */
export const MissingAuthenticationToken = (message = 'Request is missing Authentication Token') =>
  new AwsError('MissingAuthenticationToken', message, 403);

export const IncompleteSignature = (message: string) => new AwsError('IncompleteSignature', message, 403);

export const SignatureDoesNotMatch = (
  message = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
) => new AwsError('SignatureDoesNotMatch', message, 403);

export const InvalidClientTokenId = (message = 'The security token included in the request is invalid.') =>
  new AwsError('InvalidClientTokenId', message, 403);

export const ExpiredToken = (message = 'The security token included in the request is expired') =>
  new AwsError('ExpiredToken', message, 403);

export const RequestExpired = (message = 'Request has expired.') => new AwsError('RequestExpired', message, 403);

export const AccessDenied = (message: string) => new AwsError('AccessDenied', message, 403);

export const InvalidAction = (message: string) => new AwsError('InvalidAction', message, 400);

export const ValidationError = (message: string) => new AwsError('ValidationError', message, 400);

export const InvalidParameterValue = (message: string) => new AwsError('InvalidParameterValue', message, 400);

export const MalformedQueryString = (message: string) => new AwsError('MalformedQueryString', message, 404);

export const NotImplemented = (message: string) => new AwsError('NotImplemented', message, 501);

export const InternalFailure = (
  message = 'The request processing has failed because of an unknown error, exception or failure.',
) => new AwsError('InternalFailure', message, 500, 'Receiver');

/**
 * Every error code rolegate may answer that is not a modelled error of a service: AWS's common
 * errors (authentication, routing, validation, the JSON protocols' SerializationException and
 * UnknownOperationException) and S3's unmodelled ones the verifier and the XML reader share.
 * The catalogue test checks that every code thrown anywhere is here or in a service model.
 */
export const commonErrorCodes: readonly string[] = [
  'AccessDenied', 'AuthorizationQueryParametersError', 'ExpiredToken', 'IncompleteSignature', 'InternalFailure',
  'InvalidAction', 'InvalidClientTokenId', 'InvalidParameterValue', 'InvalidRequest', 'MalformedQueryString', 'MalformedXML',
  'MissingAction', 'MissingAuthenticationToken', 'NotImplemented', 'RequestEntityTooLarge', 'RequestExpired',
  'RequestTimeTooSkewed', 'SerializationException', 'SignatureDoesNotMatch', 'UnknownOperationException', 'ValidationError', 'XAmzContentSHA256Mismatch',
  // S3's request-level errors (ErrorResponses page): bodies, chunked signing, arguments.
  'BadDigest', 'IncompleteBody', 'InvalidArgument', 'InvalidChunkSizeError', 'MalformedTrailerError', 'MissingContentLength',
  'PolicyTooLarge', 'InvalidBucketState', 'TooManyConfigurations', 'InvalidAccessKeyId', 'InvalidToken', 'AuthorizationHeaderMalformed', 'NoSuchObjectLockConfiguration',
];

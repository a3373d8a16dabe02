// The JSON protocols spell AWS's common errors their own way: with an Exception suffix, and the
// signature and token errors under the names coral services answer (kinesalite's records of real
// Kinesis: MissingAuthenticationTokenException, IncompleteSignatureException, InvalidSignatureException,
// all 400; UnrecognizedClientException for an unknown key or token). Modelled errors keep their codes.

const NAMES: Readonly<Record<string, string>> = {
  MissingAuthenticationToken: 'MissingAuthenticationTokenException',
  IncompleteSignature: 'IncompleteSignatureException',
  SignatureDoesNotMatch: 'InvalidSignatureException',
  RequestExpired: 'InvalidSignatureException',
  InvalidClientTokenId: 'UnrecognizedClientException',
  ExpiredToken: 'ExpiredTokenException',
  AccessDenied: 'AccessDeniedException',
  ValidationError: 'ValidationException',
};

/**
 * The json protocol answers its authentication errors with 400, as coral services do, and
 * AccessDeniedException too (the Firehose and Kinesis API References' "Common Errors":
 * "AccessDeniedException … HTTP Status Code: 400").
 */
const STATUS_400 = new Set(['MissingAuthenticationToken', 'IncompleteSignature', 'SignatureDoesNotMatch', 'RequestExpired', 'InvalidClientTokenId', 'ExpiredToken', 'AccessDenied']);

/** The code a JSON-protocol client reads for `code`. */
export function jsonErrorCode(code: string): string {
  return NAMES[code] ?? code;
}

/** The status the json protocol (X-Amz-Target) answers `code` with; rest-json keeps the error's own. */
export function jsonErrorStatus(code: string, status: number): number {
  return STATUS_400.has(code) ? 400 : status;
}

// Policy documents as IAM takes and returns them: size counted without white space, the text kept
// as the caller sent it and URL-encoded in responses (the CLI and SDKs decode it).
import { LimitExceededException, MalformedPolicyDocumentException } from '../../generated/iam/errors.js';
import { policySize } from '../../policy/index.js';
import { checkPolicyGrammar, type PolicyKind } from './grammar.js';

export { policySize };

export const encodeDocument = (text: string) => encodeURIComponent(text);

/**
 * Validates a document per the AWS grammar for its kind, its resources in the request's partition;
 * throws MalformedPolicyDocument.
 */
export function checkDocument(text: string, kind: PolicyKind, partition: string, managed = false): void {
  const problem = checkPolicyGrammar(text, kind, managed, partition);
  if (problem) throw new MalformedPolicyDocumentException(problem);
}

export function checkSize(text: string, max: number, quotaName: string): void {
  if (policySize(text) > max) throw new LimitExceededException(`Cannot exceed quota for ${quotaName}: ${max}`);
}

export function checkDocumentWithin(text: string, kind: PolicyKind, partition: string, max: number, quotaName: string, managed = false) {
  checkDocument(text, kind, partition, managed);
  checkSize(text, max, quotaName);
}

export { MalformedPolicyDocumentException };

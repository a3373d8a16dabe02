// Policy documents as IAM takes and returns them: size counted without white space, the text kept
// as the caller sent it and URL-encoded in responses (the CLI and SDKs decode it).
import { LimitExceededException, MalformedPolicyDocumentException } from '../../generated/iam/errors.js';
import { checkPolicyGrammar, type PolicyKind } from './grammar.js';

export function policySize(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) n++;
  }
  return n;
}

export const encodeDocument = (text: string) => encodeURIComponent(text);

/** Validates a document per the AWS grammar for its kind; throws MalformedPolicyDocument. */
export function checkDocument(text: string, kind: PolicyKind): void {
  const problem = checkPolicyGrammar(text, kind);
  if (problem) throw new MalformedPolicyDocumentException(problem);
}

export function checkSize(text: string, max: number, quotaName: string): void {
  if (policySize(text) > max) throw new LimitExceededException(`Cannot exceed quota for ${quotaName}: ${max}`);
}

export function checkDocumentWithin(text: string, kind: PolicyKind, max: number, quotaName: string) {
  checkDocument(text, kind);
  checkSize(text, max, quotaName);
}

export { MalformedPolicyDocumentException };

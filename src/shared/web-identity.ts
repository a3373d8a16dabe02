// Verifying a web identity token's signature, as handlers are handed it: the interface, and the
// failures a verifier reports (auth/oidc.ts implements it against the issuer's published keys).

export type OidcFailureReason =
  /** Connection refused, reset, timed out, or the issuer answered 5xx. */
  | 'unreachable'
  /** No system CA vouches for the server and its top certificate's thumbprint is not the provider's. */
  | 'untrusted-certificate'
  /** Discovery or the key set is missing, not JSON, or not of the expected form. */
  | 'no-keys'
  /** The token's key id is not in the issuer's key set, even after fetching it again. */
  | 'unknown-key'
  /** The signature does not verify, or its algorithm is not one STS accepts. */
  | 'bad-signature';

export class OidcFailure extends Error {
  constructor(readonly reason: OidcFailureReason, detail: string) {
    super(detail);
    this.name = 'OidcFailure';
  }
}

export interface WebIdentityVerifier {
  /** Resolves when `token` is signed by a key of `issuer`; throws an OidcFailure otherwise. */
  verifySignature(token: string, issuer: string, thumbprints: readonly string[], now: Date): Promise<void>;
}

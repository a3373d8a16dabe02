// OpenID Connect providers: the URL as AWS keeps it (host and path, no scheme), the ARN built from
// it, and lookups by ARN with AWS's messages.
import { InvalidInputException, LimitExceededException, NoSuchEntityException } from '../../generated/iam/errors.js';
import { ValidationError } from '../../protocol/errors.js';
import type { OidcProviderRecord, StoreTables } from '../../store/types.js';
import { limits } from './limits.js';

/** `https://Host/path/` → `host/path`; only https URLs are accepted. */
export function providerHostPath(url: string): string {
  const m = /^https:\/\/([^/?#\s]+)(\/[^?#\s]*)?$/i.exec(url);
  if (!m) throw ValidationError('Invalid Open ID Connect Provider URL');
  return (m[1].toLowerCase() + (m[2] ?? '')).replace(/\/+$/, '');
}

const ARN = /^arn:aws:iam::(\d{12}):oidc-provider\/(.+)$/;

export async function requireProvider(t: StoreTables, account: string, arn: string): Promise<OidcProviderRecord> {
  const m = ARN.exec(arn);
  const p = m && m[1] === account ? await t.oidcProviders.get(account, m[2]) : undefined;
  if (!p || p.arn !== arn) throw new NoSuchEntityException(`OpenIDConnect Provider not found for arn ${arn}`);
  return p;
}

/** Thumbprints are SHA-1 fingerprints: 40 hex digits (the length is the model's), at most 5. */
export function checkThumbprints(list: string[]): string[] {
  if (list.length > limits.thumbprintsPerOidcProvider) throw new InvalidInputException('Thumbprint list must contain fewer than 5 entries.');
  for (const t of list) {
    if (!/^[0-9a-fA-F]{40}$/.test(t)) throw new InvalidInputException(`Thumbprint ${t} is not a valid hexadecimal SHA-1 fingerprint.`);
  }
  const seen = new Set<string>();
  return list.filter((t) => !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
}

/** Client ids are kept once each, in the order first given, at most 100. */
export function checkClientIds(list: string[]): string[] {
  const unique = [...new Set(list)];
  if (unique.length > limits.clientIdsPerOidcProvider) {
    throw new LimitExceededException(`Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${limits.clientIdsPerOidcProvider}`);
  }
  return unique;
}

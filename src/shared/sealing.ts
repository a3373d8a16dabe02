// The sealing services the server hands to handlers, as interfaces: secrets at rest, session
// tokens, encoded authorization messages. Their implementations live in auth/ and decisions/.
import type { SessionClaims } from './caller.js';
import type { DecisionRecord } from './decision-record.js';

/** Seals long-term secrets with the server's master key (auth/secrets.ts). */
export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** Seals and opens session tokens (auth/session-token.ts). */
export interface SessionTokenCodec {
  seal(claims: SessionClaims): string;
  /** Undefined when the token is malformed or was not sealed by this server's key. */
  open(token: string): SessionClaims | undefined;
}

export interface DecodedAuthorizationMessage {
  allowed: boolean;
  explicitDeny: boolean;
  matchedStatements: { items: { statementId?: string; effect: string; principals?: unknown; actions?: unknown; resources?: unknown; conditions?: unknown; policyId: string }[] };
  failures: { items: unknown[] };
  context: {
    principal: { id: string; arn: string };
    action: string;
    resource: string;
    conditions: { items: { key: string; values: { items: { value: string }[] } }[] };
  };
}

/** Encodes denials for sts:DecodeAuthorizationMessage (decisions/encoded-message.ts). */
export interface AuthorizationMessageCodec {
  encode(record: DecisionRecord, principalId: string): string;
  /** The decoded message and the account it belongs to; undefined when it is not one of ours. */
  decode(message: string): { accountId: string; message: DecodedAuthorizationMessage } | undefined;
}

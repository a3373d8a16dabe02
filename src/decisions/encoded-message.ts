// Encoded authorization messages: the decision context of a denial, sealed so only this server can
// open it (AES-256-GCM under a key derived from the master key), decoded by
// sts:DecodeAuthorizationMessage into the JSON form AWS returns. Services whose AWS counterparts
// answer denials with "Encoded authorization failure message: …" attach one.
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import type { DecisionRecord } from '../shared/decision-record.js';
import { randomBytesPooled } from '../shared/ids.js';
import type { AuthorizationMessageCodec, DecodedAuthorizationMessage } from '../shared/sealing.js';



export function authorizationMessageCodec(masterKey: Buffer): AuthorizationMessageCodec {
  const key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'rolegate authorization message v1', 32));
  return {
    encode(record, principalId) {
      const decoded: DecodedAuthorizationMessage = {
        allowed: record.result === 'Allowed',
        explicitDeny: record.result === 'ExplicitlyDenied',
        matchedStatements: {
          items: record.decidedBy.map((s) => ({ ...(s.sid ? { statementId: s.sid } : {}), effect: s.effect.toUpperCase(), policyId: s.policy })),
        },
        failures: { items: [] },
        context: {
          principal: { id: principalId, arn: record.principal },
          action: record.action,
          resource: record.resource,
          conditions: {
            items: Object.entries(record.context).map(([k, v]) => ({ key: k, values: { items: (Array.isArray(v) ? v : [v]).map((value) => ({ value: String(value) })) } })),
          },
        },
      };
      const iv = randomBytesPooled(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify({ a: record.accountId, m: decoded }), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    decode(message) {
      try {
        const raw = Buffer.from(message, 'base64url');
        if (raw.length < 29) return undefined;
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        const plain = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
        return { accountId: plain.a, message: plain.m };
      } catch {
        return undefined;
      }
    },
  };
}

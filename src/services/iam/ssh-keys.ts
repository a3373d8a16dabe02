// IAM users' SSH public keys: reading an uploaded key (OpenSSH `ssh-rsa` or PEM) with node:crypto,
// both encodings GetSSHPublicKey answers, the fingerprint, and lookups with AWS's messages.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import type { SSHPublicKeyMetadata } from '../../generated/iam/shapes.js';
import { InvalidPublicKeyException, NoSuchEntityException, UnrecognizedPublicKeyEncodingException } from '../../generated/iam/errors.js';
import type { SshPublicKeyRecord, StoreTables } from '../../store/types.js';

const MIN_BITS = 2048;
const invalid = () => new InvalidPublicKeyException('The public key is malformed or otherwise invalid.');
const unrecognized = () => new UnrecognizedPublicKeyEncodingException('The public key encoding format is unsupported or unrecognized.');

/** Reads the SSH wire format's (RFC 4253 §6.6) length-prefixed fields. */
function wireFields(blob: Buffer): Buffer[] {
  const fields: Buffer[] = [];
  let at = 0;
  while (at < blob.length) {
    if (at + 4 > blob.length) throw invalid();
    const n = blob.readUInt32BE(at);
    if (at + 4 + n > blob.length) throw invalid();
    fields.push(blob.subarray(at + 4, at + 4 + n));
    at += 4 + n;
  }
  return fields;
}

const unsigned = (b: Buffer) => { let i = 0; while (i < b.length - 1 && b[i] === 0) i++; return b.subarray(i); };
/** An mpint: big-endian, with a zero byte before a set top bit. */
const mpint = (b: Buffer) => (b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
const field = (b: Buffer) => { const len = Buffer.alloc(4); len.writeUInt32BE(b.length); return Buffer.concat([len, b]); };

function fromOpenSsh(text: string): KeyObject {
  const [type, data] = text.split(/\s+/);
  if (type !== 'ssh-rsa') throw unrecognized();
  if (!data || !/^[A-Za-z0-9+/]+={0,2}$/.test(data)) throw invalid();
  const fields = wireFields(Buffer.from(data, 'base64'));
  if (fields.length !== 3 || fields[0].toString() !== 'ssh-rsa') throw invalid();
  const [, e, n] = fields;
  try {
    return createPublicKey({ key: { kty: 'RSA', e: unsigned(e).toString('base64url'), n: unsigned(n).toString('base64url') }, format: 'jwk' });
  } catch {
    throw invalid();
  }
}

export interface ParsedSshKey { ssh: string; pem: string; fingerprint: string }

/**
 * An RSA key of at least 2,048 bits in OpenSSH form (`ssh-rsa AAAA… comment`) or PEM (SPKI or
 * PKCS#1). The fingerprint is the MD5 of the key's SSH wire form as colon-separated hex (RFC 4716 §4).
 */
export function parseSshPublicKey(body: string): ParsedSshKey {
  const text = body.trim();
  let key: KeyObject;
  if (text.startsWith('-----BEGIN')) {
    // Only public keys: node:crypto would also derive one from a private key or a certificate.
    if (!/^-----BEGIN (RSA )?PUBLIC KEY-----\r?\n/.test(text)) throw unrecognized();
    try {
      key = createPublicKey(text);
    } catch {
      throw invalid();
    }
  } else if (/^(ssh|ecdsa|sk)-/.test(text)) {
    key = fromOpenSsh(text);
  } else {
    throw unrecognized();
  }
  if (key.asymmetricKeyType !== 'rsa') throw unrecognized();
  const jwk = key.export({ format: 'jwk' });
  const n = Buffer.from(jwk.n!, 'base64url');
  const bits = unsigned(n).length * 8 - Math.clz32(unsigned(n)[0]) + 24;
  if (bits < MIN_BITS) throw new InvalidPublicKeyException(`The public key must be an RSA key of at least ${MIN_BITS} bits.`);
  const blob = Buffer.concat([field(Buffer.from('ssh-rsa')), field(mpint(Buffer.from(jwk.e!, 'base64url'))), field(mpint(n))]);
  const md5 = createHash('md5').update(blob).digest('hex');
  return {
    ssh: `ssh-rsa ${blob.toString('base64')}`,
    pem: (key.export({ type: 'spki', format: 'pem' }) as string).trim(),
    fingerprint: md5.match(/../g)!.join(':'),
  };
}

/** A key of the given user; another user's key, or another account's, is not found. */
export async function requireSshKey(t: StoreTables, account: string, userName: string, id: string): Promise<SshPublicKeyRecord> {
  const k = await t.sshPublicKeys.get(id);
  if (!k || k.accountId !== account || k.userName.toLowerCase() !== userName.toLowerCase()) {
    throw new NoSuchEntityException(`The Public Key with id ${id} cannot be found.`);
  }
  return k;
}

export function sshKeyMetadata(k: SshPublicKeyRecord): SSHPublicKeyMetadata {
  return { UserName: k.userName, SSHPublicKeyId: k.id, Status: k.status, UploadDate: new Date(k.uploadDate) };
}

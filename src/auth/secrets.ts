// Secrets at rest: long-term secret access keys are sealed with the server's master key
// (AES-256-GCM). The key comes from outside the data folder (ROLEGATE_MASTER_KEY or a key file),
// or from `master.key` in the data folder, made with mode 0600 when a fresh folder first starts.
// Nothing here prints, logs or puts a key into an error message.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import type { Sealer } from '../shared/sealing.js';

/** The master key cannot be had, or does not fit the store: the server must not start. */
export class MasterKeyError extends Error {}

/** What `openssl rand -base64 32` prints: 32 bytes in standard base64, padded or not. */
export function decodeMasterKey(text: string): Buffer | undefined {
  const t = text.trim();
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(t)) return undefined;
  const key = Buffer.from(t, 'base64');
  return key.length === 32 ? key : undefined;
}

export const MASTER_KEY_FORMAT = 'a 256-bit key in base64 (32 bytes, 44 characters; `openssl rand -base64 32` makes one)';

/** Where the key is given from outside the data folder, if it is. */
export interface MasterKeyOptions {
  /** ROLEGATE_MASTER_KEY, decoded. */
  key?: Buffer;
  /** ROLEGATE_MASTER_KEY_FILE / --master-key-file: a file holding the key in base64. */
  keyFile?: string;
}

export interface MasterKey {
  key: Buffer;
  /** Where it came from, for messages: "ROLEGATE_MASTER_KEY" or a file's path. */
  source: string;
  /** Made just now in the data folder. */
  created: boolean;
  /** Said once on stderr at start (a key file others can read; a master.key left beside the data). */
  warnings: string[];
}

export const dataKeyFile = (dataDir: string) => join(dataDir, 'master.key');

function readKeyFile(file: string, what: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new MasterKeyError(`${what} ${file} cannot be read (${code ?? 'error'})`);
  }
  const key = decodeMasterKey(text);
  if (!key) throw new MasterKeyError(`${what} ${file} does not hold ${MASTER_KEY_FORMAT}`);
  return key;
}

/**
 * The master key given from outside or kept in the data folder; undefined when there is none yet
 * (the caller decides whether a new one may be made: only when no secret is stored).
 */
export function readMasterKey(dataDir: string, options: MasterKeyOptions): MasterKey | undefined {
  const inData = dataKeyFile(dataDir);
  const warnings: string[] = [];
  if (options.key || options.keyFile) {
    let key: Buffer;
    let source: string;
    if (options.key) {
      key = options.key;
      source = 'ROLEGATE_MASTER_KEY';
    } else {
      const file = options.keyFile!;
      key = readKeyFile(file, 'the master key file');
      source = file;
      // A warning, not a refusal: secret mounts (Docker, Kubernetes) are often 0444 or 0644 by default.
      const mode = statSync(file).mode & 0o777;
      if (mode & 0o077) {
        warnings.push(`${file} can be read by other users (mode ${mode.toString(8).padStart(4, '0')}); keep the master key readable by this user only: chmod 600 ${file}`);
      }
    }
    if (existsSync(inData)) {
      warnings.push(`${inData} is not used, as the master key is given by ${options.key ? 'ROLEGATE_MASTER_KEY' : 'ROLEGATE_MASTER_KEY_FILE'}; once the key is kept safe elsewhere, delete ${inData} so it no longer lies beside the data`);
    }
    return { key, source, created: false, warnings };
  }
  if (!existsSync(inData)) return undefined;
  return { key: readKeyFile(inData, 'the master key file'), source: inData, created: false, warnings };
}

/** Makes a new master key in the data folder (mode 0600); never overwrites one. */
export function createMasterKey(dataDir: string): MasterKey {
  const file = dataKeyFile(dataDir);
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { key, source: file, created: true, warnings: [] };
}

/** Whether `key` opens a secret sealed by createSealer (authenticated: a wrong key never opens one). */
export function opens(key: Buffer, sealed: string): boolean {
  try {
    createSealer(key).open(sealed);
    return true;
  } catch {
    return false;
  }
}

export function createSealer(key: Buffer): Sealer {
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      if (!sealed.startsWith('v1.')) throw new Error('unknown sealed secret format');
      const raw = Buffer.from(sealed.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

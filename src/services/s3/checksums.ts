// S3's checksum algorithms as streaming hashers, the header that carries each, and the multipart
// checksums (COMPOSITE and, for the CRCs, FULL_OBJECT by combining part CRCs). No I/O, no store.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { AwsError } from '../../protocol/errors.js';

/** The algorithms of the model's ChecksumAlgorithm enum that rolegate computes. */
export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256' | 'SHA512' | 'MD5';

/** Those S3 accepts for CreateMultipartUpload's x-amz-checksum-algorithm and every part. */
export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'MD5', 'SHA1', 'SHA256', 'SHA512'];

/** Modelled algorithms rolegate does not compute (S3 added them in 2025); answered as not implemented. */
const UNCOMPUTED = new Set(['XXHASH64', 'XXHASH3', 'XXHASH128']);

/** A running checksum: feed it the object's bytes in order, then take the digest once. */
export interface Checksum {
  update(data: Uint8Array): void;
  /** The raw digest (CRCs big-endian), as S3 base64-encodes it into x-amz-checksum-*. */
  digest(): Buffer;
}

/** The header (and trailer) that carries each algorithm's value, e.g. x-amz-checksum-crc64nvme. */
export const checksumHeader: Readonly<Record<ChecksumAlgorithm, string>> = {
  CRC32: 'x-amz-checksum-crc32',
  CRC32C: 'x-amz-checksum-crc32c',
  CRC64NVME: 'x-amz-checksum-crc64nvme',
  SHA1: 'x-amz-checksum-sha1',
  SHA256: 'x-amz-checksum-sha256',
  SHA512: 'x-amz-checksum-sha512',
  MD5: 'x-amz-checksum-md5',
};

/** Digest sizes in bytes, to check a value a client sends before comparing it. */
export const digestLength: Readonly<Record<ChecksumAlgorithm, number>> = {
  CRC32: 4, CRC32C: 4, CRC64NVME: 8, SHA1: 20, SHA256: 32, SHA512: 64, MD5: 16,
};

/** The algorithm an x-amz-checksum-* header or trailer name stands for, if it is one. */
export function algorithmOfHeader(name: string): ChecksumAlgorithm | undefined {
  const lower = name.toLowerCase();
  for (const a of CHECKSUM_ALGORITHMS) if (checksumHeader[a] === lower) return a;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// CRCs: reflected, init and xorout all ones. Slicing-by-8 tables, built once per polynomial.

/** 8 tables of 256 entries: table k gives the CRC of a byte followed by k zero bytes. */
function crc32Tables(reflectedPoly: number): Uint32Array {
  const t = new Uint32Array(8 * 256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let j = 0; j < 8; j++) c = c & 1 ? (c >>> 1) ^ reflectedPoly : c >>> 1;
    t[i] = c >>> 0;
  }
  for (let i = 0; i < 256; i++) for (let k = 1; k < 8; k++) t[k * 256 + i] = (t[(k - 1) * 256 + i]! >>> 8) ^ t[t[(k - 1) * 256 + i]! & 0xff]!;
  return t;
}

/** Advances a CRC-32 register (pre-inverted) over `data`. */
function crc32Update(t: Uint32Array, crc: number, data: Uint8Array): number {
  let i = 0;
  const n = data.length;
  const end8 = n - (n & 7);
  while (i < end8) {
    const a = (crc ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24))) >>> 0;
    const b = (data[i + 4]! | (data[i + 5]! << 8) | (data[i + 6]! << 16) | (data[i + 7]! << 24)) >>> 0;
    crc =
      t[1792 + (a & 0xff)]! ^ t[1536 + ((a >>> 8) & 0xff)]! ^ t[1280 + ((a >>> 16) & 0xff)]! ^ t[1024 + (a >>> 24)]! ^
      t[768 + (b & 0xff)]! ^ t[512 + ((b >>> 8) & 0xff)]! ^ t[256 + ((b >>> 16) & 0xff)]! ^ t[b >>> 24]!;
    i += 8;
  }
  for (; i < n; i++) crc = t[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return crc >>> 0;
}

const CRC32_POLY = 0xedb88320;
const CRC32C_POLY = 0x82f63b78;
let crc32Table: Uint32Array | undefined;
let crc32cTable: Uint32Array | undefined;

/** zlib.crc32 (Node ≥ 20.15, 22.2) runs natively; older Node 20 falls back to the tables. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

class Crc32 implements Checksum {
  private value = 0;
  constructor(private readonly native: typeof nativeCrc32 | null = nativeCrc32) {}
  update(data: Uint8Array): void {
    this.value = this.native
      ? this.native(data, this.value)
      : (crc32Update((crc32Table ??= crc32Tables(CRC32_POLY)), ~this.value >>> 0, data) ^ 0xffffffff) >>> 0;
  }
  digest(): Buffer {
    const out = Buffer.allocUnsafe(4);
    out.writeUInt32BE(this.value >>> 0);
    return out;
  }
}

class Crc32c implements Checksum {
  private crc = 0xffffffff;
  private readonly table = (crc32cTable ??= crc32Tables(CRC32C_POLY));
  update(data: Uint8Array): void {
    this.crc = crc32Update(this.table, this.crc, data);
  }
  digest(): Buffer {
    const out = Buffer.allocUnsafe(4);
    out.writeUInt32BE((this.crc ^ 0xffffffff) >>> 0);
    return out;
  }
}

/** CRC-64/NVME: polynomial 0xad93d23594c93659, reflected 0x9a6c9329ac4bc9b5. */
const CRC64NVME_POLY = 0x9a6c9329ac4bc9b5n;
/** Tables as two halves, hi and lo: 64-bit lanes without BigInt on the hot path. */
let crc64Tables: { hi: Uint32Array; lo: Uint32Array } | undefined;

function buildCrc64Tables(): { hi: Uint32Array; lo: Uint32Array } {
  const hi = new Uint32Array(8 * 256);
  const lo = new Uint32Array(8 * 256);
  const pHi = Number(CRC64NVME_POLY >> 32n);
  const pLo = Number(CRC64NVME_POLY & 0xffffffffn);
  for (let i = 0; i < 256; i++) {
    let h = 0;
    let l = i;
    for (let j = 0; j < 8; j++) {
      const odd = l & 1;
      l = ((l >>> 1) | ((h & 1) << 31)) >>> 0;
      h >>>= 1;
      if (odd) {
        h = (h ^ pHi) >>> 0;
        l = (l ^ pLo) >>> 0;
      }
    }
    hi[i] = h;
    lo[i] = l;
  }
  for (let k = 1; k < 8; k++) {
    for (let i = 0; i < 256; i++) {
      const ph = hi[(k - 1) * 256 + i]!;
      const pl = lo[(k - 1) * 256 + i]!;
      const idx = pl & 0xff;
      hi[k * 256 + i] = (ph >>> 8) ^ hi[idx]!;
      lo[k * 256 + i] = (((pl >>> 8) | ((ph & 0xff) << 24)) ^ lo[idx]!) >>> 0;
    }
  }
  return { hi, lo };
}

class Crc64Nvme implements Checksum {
  private hi = 0xffffffff;
  private lo = 0xffffffff;
  private readonly t = (crc64Tables ??= buildCrc64Tables());
  update(data: Uint8Array): void {
    const { hi: th, lo: tl } = this.t;
    let h = this.hi;
    let l = this.lo;
    let i = 0;
    const n = data.length;
    const end8 = n - (n & 7);
    while (i < end8) {
      // The register XOR the next 8 bytes read little-endian; byte 0 meets the 7-zero-byte table.
      const a = (l ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24))) >>> 0;
      const b = (h ^ (data[i + 4]! | (data[i + 5]! << 8) | (data[i + 6]! << 16) | (data[i + 7]! << 24))) >>> 0;
      const i7 = 1792 + (a & 0xff), i6 = 1536 + ((a >>> 8) & 0xff), i5 = 1280 + ((a >>> 16) & 0xff), i4 = 1024 + (a >>> 24);
      const i3 = 768 + (b & 0xff), i2 = 512 + ((b >>> 8) & 0xff), i1 = 256 + ((b >>> 16) & 0xff), i0 = b >>> 24;
      h = (th[i7]! ^ th[i6]! ^ th[i5]! ^ th[i4]! ^ th[i3]! ^ th[i2]! ^ th[i1]! ^ th[i0]!) >>> 0;
      l = (tl[i7]! ^ tl[i6]! ^ tl[i5]! ^ tl[i4]! ^ tl[i3]! ^ tl[i2]! ^ tl[i1]! ^ tl[i0]!) >>> 0;
      i += 8;
    }
    for (; i < n; i++) {
      const idx = (l ^ data[i]!) & 0xff;
      l = (((l >>> 8) | ((h & 0xff) << 24)) ^ tl[idx]!) >>> 0;
      h = ((h >>> 8) ^ th[idx]!) >>> 0;
    }
    this.hi = h;
    this.lo = l;
  }
  digest(): Buffer {
    const out = Buffer.allocUnsafe(8);
    out.writeUInt32BE((this.hi ^ 0xffffffff) >>> 0, 0);
    out.writeUInt32BE((this.lo ^ 0xffffffff) >>> 0, 4);
    return out;
  }
}

class NodeHash implements Checksum {
  private readonly hash;
  constructor(algorithm: string) {
    this.hash = createHash(algorithm);
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  digest(): Buffer {
    return this.hash.digest();
  }
}

export function createChecksum(algorithm: ChecksumAlgorithm): Checksum {
  switch (algorithm) {
    case 'CRC32': return new Crc32();
    case 'CRC32C': return new Crc32c();
    case 'CRC64NVME': return new Crc64Nvme();
    case 'SHA1': return new NodeHash('sha1');
    case 'SHA256': return new NodeHash('sha256');
    case 'SHA512': return new NodeHash('sha512');
    case 'MD5': return new NodeHash('md5');
  }
}

/** CRC-32 from the tables, as on Node releases without zlib.crc32; the tests pin it to the native one. */
export function createSoftwareCrc32(): Checksum {
  return new Crc32(null);
}

/** The base64 checksum of a whole buffer, as x-amz-checksum-* carries it. */
export function checksumOf(algorithm: ChecksumAlgorithm, data: Uint8Array): string {
  const c = createChecksum(algorithm);
  c.update(data);
  return c.digest().toString('base64');
}

// ---------------------------------------------------------------------------------------------
// Request headers naming an algorithm.

function notImplemented(): AwsError {
  return new AwsError('NotImplemented', 'A header you provided implies functionality that is not implemented', 501);
}

/**
 * x-amz-sdk-checksum-algorithm (PutObject, UploadPart …): S3 reads it case-insensitively and
 * answers InvalidRequest "Value for x-amz-sdk-checksum-algorithm header is invalid." for a value it
 * does not know (seen from S3 in versity/versitygw#1598).
 */
export function parseSdkChecksumAlgorithm(value: string | undefined): ChecksumAlgorithm | undefined {
  if (value === undefined || value === '') return undefined;
  const upper = value.toUpperCase();
  if ((CHECKSUM_ALGORITHMS as readonly string[]).includes(upper)) return upper as ChecksumAlgorithm;
  if (UNCOMPUTED.has(upper)) throw notImplemented();
  throw new AwsError('InvalidRequest', 'Value for x-amz-sdk-checksum-algorithm header is invalid.', 400);
}

/**
 * x-amz-checksum-algorithm (CreateMultipartUpload): S3 answers InvalidRequest "Checksum algorithm
 * provided is unsupported. Please try again with any of the valid types: [...]" listing what it accepts.
 */
export function parseChecksumAlgorithm(value: string | undefined): ChecksumAlgorithm | undefined {
  if (value === undefined || value === '') return undefined;
  const upper = value.toUpperCase();
  if ((CHECKSUM_ALGORITHMS as readonly string[]).includes(upper)) return upper as ChecksumAlgorithm;
  if (UNCOMPUTED.has(upper)) throw notImplemented();
  throw new AwsError(
    'InvalidRequest',
    `Checksum algorithm provided is unsupported. Please try again with any of the valid types: [${CHECKSUM_ALGORITHMS.join(', ')}]`,
    400,
  );
}

/**
 * A base64 x-amz-checksum-* value as the raw digest, or InvalidRequest "Value for
 * x-amz-checksum-crc32 header is invalid." (S3 says "trailing header" for a trailer:
 * versity/versitygw#1173) when it is not the algorithm's digest in canonical base64.
 */
export function decodeChecksumValue(algorithm: ChecksumAlgorithm, value: string, where: 'header' | 'trailing header' = 'header'): Buffer {
  const raw = Buffer.from(value, 'base64');
  if (raw.length !== digestLength[algorithm] || raw.toString('base64') !== value) {
    throw new AwsError('InvalidRequest', `Value for ${checksumHeader[algorithm]} ${where} is invalid.`, 400);
  }
  return raw;
}

/** BadDigest "The crc32 you specified did not match the calculated checksum." (versity/versitygw#1173, apache/arrow-rs-object-store#709). */
export function checksumMismatch(algorithm: ChecksumAlgorithm): AwsError {
  return new AwsError('BadDigest', `The ${algorithm.toLowerCase()} you specified did not match the calculated checksum.`, 400);
}

// ---------------------------------------------------------------------------------------------
// Multipart checksums.

/**
 * COMPOSITE: the algorithm over the concatenated binary part checksums, base64, then "-N"
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html, "Using part-level checksums").
 */
export function compositeChecksum(algorithm: ChecksumAlgorithm, partDigests: readonly Uint8Array[]): string {
  const c = createChecksum(algorithm);
  for (const d of partDigests) c.update(d);
  return c.digest().toString('base64') + '-' + partDigests.length;
}

/** The multipart ETag: hex MD5 of the concatenated binary part MD5s, then "-N". */
export function multipartETag(partMd5s: readonly Uint8Array[]): string {
  const h = createHash('md5');
  for (const d of partMd5s) h.update(d);
  return h.digest('hex') + '-' + partMd5s.length;
}

export type CrcAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME';

const CRC_PARAMS: Readonly<Record<CrcAlgorithm, { width: bigint; poly: bigint }>> = {
  CRC32: { width: 32n, poly: BigInt(CRC32_POLY) },
  CRC32C: { width: 32n, poly: BigInt(CRC32C_POLY) },
  CRC64NVME: { width: 64n, poly: CRC64NVME_POLY },
};

export function isCrc(algorithm: ChecksumAlgorithm): algorithm is CrcAlgorithm {
  return algorithm === 'CRC32' || algorithm === 'CRC32C' || algorithm === 'CRC64NVME';
}

/** a·b mod p, both in the reflected representation (zlib's multmodp, for any width). */
function multModP(a: bigint, b: bigint, width: bigint, poly: bigint): bigint {
  let m = 1n << (width - 1n);
  let p = 0n;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1n)) === 0n) break;
    }
    m >>= 1n;
    b = b & 1n ? (b >> 1n) ^ poly : b >> 1n;
  }
  return p;
}

/** x^(8·bytes) mod p (zlib's x2nmodp with k = 3), by squaring. */
function xPow8nModP(bytes: bigint, width: bigint, poly: bigint): bigint {
  let p = 1n << (width - 1n); // x^0
  let sq = 1n << (width - 2n); // x^1, squared up to x^(2^k)
  for (let k = 0; k < 3; k++) sq = multModP(sq, sq, width, poly);
  while (bytes > 0n) {
    if (bytes & 1n) p = multModP(sq, p, width, poly);
    bytes >>= 1n;
    if (bytes > 0n) sq = multModP(sq, sq, width, poly);
  }
  return p;
}

function toBigInt(digest: Uint8Array): bigint {
  let v = 0n;
  for (const byte of digest) v = (v << 8n) | BigInt(byte);
  return v;
}

function fromBigInt(v: bigint, bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  for (let i = bytes - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/**
 * The CRC of A‖B from CRC(A), CRC(B) and B's length (zlib's crc32_combine, for any width; init and
 * xorout are equal for all three CRCs, so they cancel).
 */
export function combineCrc(algorithm: CrcAlgorithm, crcA: Uint8Array, crcB: Uint8Array, lengthB: number | bigint): Buffer {
  const { width, poly } = CRC_PARAMS[algorithm];
  const a = toBigInt(crcA);
  const b = toBigInt(crcB);
  const combined = multModP(xPow8nModP(BigInt(lengthB), width, poly), a, width, poly) ^ b;
  return fromBigInt(combined, Number(width / 8n));
}

/**
 * FULL_OBJECT: the CRC of the whole object from the parts' CRCs and sizes, in part order; base64
 * without a part count. S3 makes CRC64NVME full-object by default for multipart uploads.
 */
export function fullObjectChecksum(algorithm: CrcAlgorithm, parts: readonly { checksum: Uint8Array; size: number | bigint }[]): string {
  if (parts.length === 0) return createChecksum(algorithm).digest().toString('base64');
  let crc: Uint8Array = parts[0]!.checksum;
  for (let i = 1; i < parts.length; i++) crc = combineCrc(algorithm, crc, parts[i]!.checksum, parts[i]!.size);
  return Buffer.from(crc).toString('base64');
}

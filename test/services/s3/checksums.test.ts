// S3's checksums: published check values, the table-driven CRCs against a bit-at-a-time reference
// in any split, multipart COMPOSITE and FULL_OBJECT values, and S3's words for bad algorithm names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import {
  CHECKSUM_ALGORITHMS,
  checksumHeader,
  checksumMismatch,
  checksumOf,
  combineCrc,
  compositeChecksum,
  createChecksum,
  createSoftwareCrc32,
  decodeChecksumValue,
  digestLength,
  fullObjectChecksum,
  multipartETag,
  parseChecksumAlgorithm,
  parseSdkChecksumAlgorithm,
  algorithmOfHeader,
  type ChecksumAlgorithm,
  type CrcAlgorithm,
} from '../../../src/services/s3/checksums.js';

const CHECK = Buffer.from('123456789');
const CRCS: CrcAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME'];

/** Bit-at-a-time reflected CRC, the definition the tables must agree with. */
function referenceCrc(algorithm: CrcAlgorithm, data: Uint8Array): Buffer {
  const { width, poly } = {
    CRC32: { width: 32n, poly: 0xedb88320n },
    CRC32C: { width: 32n, poly: 0x82f63b78n },
    CRC64NVME: { width: 64n, poly: 0x9a6c9329ac4bc9b5n },
  }[algorithm];
  const mask = (1n << width) - 1n;
  let crc = mask;
  for (const byte of data) {
    crc ^= BigInt(byte);
    for (let k = 0; k < 8; k++) crc = crc & 1n ? (crc >> 1n) ^ poly : crc >> 1n;
  }
  crc ^= mask;
  const out = Buffer.alloc(Number(width / 8n));
  for (let i = out.length - 1; i >= 0; i--) {
    out[i] = Number(crc & 0xffn);
    crc >>= 8n;
  }
  return out;
}

function digestOf(algorithm: ChecksumAlgorithm, pieces: Uint8Array[]): Buffer {
  const c = createChecksum(algorithm);
  for (const p of pieces) c.update(p);
  return c.digest();
}

function randomCuts(length: number, count: number): number[] {
  const cuts = new Set<number>();
  while (cuts.size < count) cuts.add(Math.floor(Math.random() * (length + 1)));
  return [...cuts].sort((a, b) => a - b);
}

function split(data: Buffer, cuts: number[]): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (const c of [...cuts, data.length]) {
    out.push(data.subarray(from, c));
    from = c;
  }
  return out;
}

test('the published check values of "123456789": CRC-32 0xcbf43926, CRC-32C 0xe3069283, CRC-64/NVME 0xae8b14860a799888', () => {
  assert.equal(digestOf('CRC32', [CHECK]).toString('hex'), 'cbf43926');
  assert.equal(createSoftwareCrc32().digest().toString('hex'), '00000000');
  const soft = createSoftwareCrc32();
  soft.update(CHECK);
  assert.equal(soft.digest().toString('hex'), 'cbf43926');
  assert.equal(digestOf('CRC32C', [CHECK]).toString('hex'), 'e3069283');
  assert.equal(digestOf('CRC64NVME', [CHECK]).toString('hex'), 'ae8b14860a799888');
  // As x-amz-checksum-crc32 carries it: the big-endian bytes in base64.
  assert.equal(checksumOf('CRC32', CHECK), 'y/Q5Jg==');
});

test('the SHA and MD5 checksums are the digests, base64', () => {
  for (const [algorithm, node] of [['SHA1', 'sha1'], ['SHA256', 'sha256'], ['SHA512', 'sha512'], ['MD5', 'md5']] as const) {
    assert.equal(checksumOf(algorithm, CHECK), createHash(node).update(CHECK).digest('base64'));
  }
  assert.equal(createHash('md5').update(CHECK).digest('hex'), '25f9e794323b453885f5181f1b624d0b');
});

test('AWS’s trailer example: 66560 bytes of "a" have the CRC-32C sOO8/Q==', () => {
  assert.equal(checksumOf('CRC32C', Buffer.alloc(66560, 'a')), 'sOO8/Q==');
});

test('the table-driven CRCs agree with the bit-at-a-time definition for every length 0..64 and unaligned views', () => {
  const data = randomBytes(200);
  for (const algorithm of CRCS) {
    for (let len = 0; len <= 64; len++) {
      for (const offset of [0, 1, 3, 7]) {
        const view = data.subarray(offset, offset + len);
        const expected = referenceCrc(algorithm, view).toString('hex');
        assert.equal(digestOf(algorithm, [view]).toString('hex'), expected, `${algorithm} ${len}@${offset}`);
        if (algorithm === 'CRC32') {
          const soft = createSoftwareCrc32();
          soft.update(view);
          assert.equal(soft.digest().toString('hex'), expected);
        }
      }
    }
  }
});

test('every algorithm gives the same digest over random splits as in one pass', () => {
  const data = randomBytes(100_003);
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const whole = digestOf(algorithm, [data]);
    assert.equal(whole.length, digestLength[algorithm]);
    for (let round = 0; round < 5; round++) assert.ok(digestOf(algorithm, split(data, randomCuts(data.length, 1 + round * 7))).equals(whole), algorithm);
    assert.ok(digestOf(algorithm, [...data.subarray(0, 300)].map((b) => Uint8Array.of(b))).equals(digestOf(algorithm, [data.subarray(0, 300)])));
  }
});

test('combining part CRCs equals the CRC of the whole, for any split, empty parts included', () => {
  for (const algorithm of CRCS) {
    for (let round = 0; round < 20; round++) {
      const data = randomBytes(1 + Math.floor(Math.random() * 50_000));
      const parts = split(data, randomCuts(data.length, 1 + (round % 6)));
      const whole = digestOf(algorithm, [data]);
      const [a, b] = [parts[0]!, Buffer.concat(parts.slice(1))];
      assert.ok(combineCrc(algorithm, digestOf(algorithm, [a]), digestOf(algorithm, [b]), b.length).equals(whole), `${algorithm} two parts`);
      const full = fullObjectChecksum(algorithm, parts.map((p) => ({ checksum: digestOf(algorithm, [p]), size: p.length })));
      assert.equal(full, whole.toString('base64'), `${algorithm} ${parts.length} parts`);
    }
    assert.equal(fullObjectChecksum(algorithm, []), digestOf(algorithm, []).toString('base64'));
  }
});

test('combining scales to part sizes of multipart uploads (5 GiB parts)', () => {
  // CRC(A‖0^n) = combine(CRC(A), CRC(0^n), n): for n = 5 GiB that checks the powers without the data.
  const zeros = Buffer.alloc(1 << 20);
  for (const algorithm of CRCS) {
    const crcZeros1M = digestOf(algorithm, [zeros]);
    let crc = digestOf(algorithm, [CHECK]);
    let viaMiB = crc;
    for (let i = 0; i < 4; i++) viaMiB = combineCrc(algorithm, viaMiB, crcZeros1M, zeros.length);
    crc = combineCrc(algorithm, crc, digestOf(algorithm, [zeros, zeros, zeros, zeros]), 4 * zeros.length);
    assert.ok(crc.equals(viaMiB));
    assert.ok(crc.equals(digestOf(algorithm, [CHECK, zeros, zeros, zeros, zeros])));
  }
});

// Combining over a length takes time in its logarithm (squared powers of x): 5 TiB is as quick as
// 5 MiB. A combine that walked the zeros would take hours, and the test's timeout tells them apart.
test('combining CRCs over a length of 5 TiB takes no walk over the bytes', { timeout: 20_000 }, () => {
  for (const algorithm of CRCS) {
    const crc = digestOf(algorithm, [CHECK]);
    const far = combineCrc(algorithm, crc, crc, 5 * 1024 ** 4);
    assert.equal(far.length, crc.length);
    assert.ok(!far.equals(combineCrc(algorithm, crc, crc, 5 * 1024 ** 4 + 1)), 'the length counts');
  }
});

test('COMPOSITE is the algorithm over the concatenated part checksums, base64, then -N', () => {
  const parts = [randomBytes(1000), randomBytes(10), randomBytes(5000)];
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const digests = parts.map((p) => digestOf(algorithm, [p]));
    assert.equal(compositeChecksum(algorithm, digests), digestOf(algorithm, [Buffer.concat(digests)]).toString('base64') + '-3');
  }
  const md5s = parts.map((p) => createHash('md5').update(p).digest());
  assert.equal(multipartETag(md5s), createHash('md5').update(Buffer.concat(md5s)).digest('hex') + '-3');
});

test('each algorithm has its x-amz-checksum-* header, and a header names its algorithm', () => {
  assert.equal(checksumHeader.CRC64NVME, 'x-amz-checksum-crc64nvme');
  for (const a of CHECKSUM_ALGORITHMS) assert.equal(algorithmOfHeader(checksumHeader[a].toUpperCase()), a);
  assert.equal(algorithmOfHeader('x-amz-checksum-xxhash64'), undefined);
});

test('x-amz-sdk-checksum-algorithm is read case-insensitively; an unknown one answers InvalidRequest', () => {
  assert.equal(parseSdkChecksumAlgorithm('crc32'), 'CRC32');
  assert.equal(parseSdkChecksumAlgorithm('CRC64NVME'), 'CRC64NVME');
  assert.equal(parseSdkChecksumAlgorithm(undefined), undefined);
  assert.throws(() => parseSdkChecksumAlgorithm('crc33'), { code: 'InvalidRequest', status: 400, message: 'Value for x-amz-sdk-checksum-algorithm header is invalid.' });
  assert.throws(() => parseSdkChecksumAlgorithm('XXHASH3'), { code: 'NotImplemented', status: 501 });
});

test('x-amz-checksum-algorithm that S3 does not support answers InvalidRequest listing the valid types', () => {
  assert.equal(parseChecksumAlgorithm('sha256'), 'SHA256');
  assert.throws(() => parseChecksumAlgorithm('MD4'), {
    code: 'InvalidRequest',
    message: 'Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, MD5, SHA1, SHA256, SHA512]',
  });
});

test('a checksum value must be the algorithm’s digest in base64; a mismatch answers BadDigest', () => {
  assert.ok(decodeChecksumValue('CRC32', 'y/Q5Jg==').equals(Buffer.from('cbf43926', 'hex')));
  for (const bad of ['y/Q5Jg', 'y/Q5Jg==x', 'AAAAAAAA', '!!!!', '']) {
    assert.throws(() => decodeChecksumValue('CRC32', bad), { code: 'InvalidRequest', message: 'Value for x-amz-checksum-crc32 header is invalid.' });
  }
  assert.throws(() => decodeChecksumValue('SHA256', 'AAAA', 'trailing header'), { message: 'Value for x-amz-checksum-sha256 trailing header is invalid.' });
  const e = checksumMismatch('CRC64NVME');
  assert.equal(e.code, 'BadDigest');
  assert.equal(e.message, 'The crc64nvme you specified did not match the calculated checksum.');
});

// Large uploads: 32 MiB per CRC, fed in 64 KiB chunks as bodies stream, must give the digest of the
// whole and finish within the test's timeout (a per-byte allocation would take minutes; the CRCs'
// speed itself is measured by the benchmarks, not here).
test('the CRCs over 32 MiB streamed in 64 KiB chunks give the whole body’s digest', { timeout: 60_000 }, () => {
  const data = randomBytes(32 << 20);
  for (const algorithm of CRCS) {
    const streamed = createChecksum(algorithm);
    for (let i = 0; i < data.length; i += 65536) streamed.update(data.subarray(i, i + 65536));
    const whole = createChecksum(algorithm);
    whole.update(data);
    assert.deepEqual(streamed.digest(), whole.digest(), algorithm);
  }
});

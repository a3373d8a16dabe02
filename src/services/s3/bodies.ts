// Object bodies in and out of the blob store. In: streamed through MD5 (the ETag) and the checksum
// the request names, counted against the size limit, and checked against Content-MD5, the
// x-amz-checksum-* value (a header, or a trailer of an aws-chunked body) and Content-Length before
// the blob is put in place — a body that fails any check is never stored. Out: a range of the
// object's segments as one stream. Memory does not grow with the body.
import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { Segment, Store } from '../../store/types.js';
import { trailersOf } from '../../shared/payload.js';
import { BadDigest, EntityTooLarge, IncompleteBody, InvalidDigest, InvalidRequest } from './errors.js';
import { algorithmOfHeader, checksumMismatch, checksumOf, createChecksum, decodeChecksumValue, parseSdkChecksumAlgorithm, type ChecksumAlgorithm } from './checksums.js';

/** The largest object a single PUT may write, and the largest part (5 GiB). */
export const MAX_PUT_SIZE = 5 * 1024 ** 3;

export type ChecksumInput = Partial<Record<`Checksum${ChecksumAlgorithm}`, string>> & { ChecksumAlgorithm?: string };

/** The algorithms whose value a request may carry (x-amz-checksum-<algorithm>). */
export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256', 'SHA512', 'MD5'];

/** The checksum a request asks for: the algorithm named, or the one whose value it carries. */
export function requestedChecksum(input: ChecksumInput): { algorithm: ChecksumAlgorithm; value?: string } | undefined {
  let found: { algorithm: ChecksumAlgorithm; value?: string } | undefined;
  for (const a of CHECKSUM_ALGORITHMS) {
    const v = input[`Checksum${a}`];
    if (v === undefined) continue;
    if (found) throw InvalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
    found = { algorithm: a, value: v };
  }
  const named = parseSdkChecksumAlgorithm(input.ChecksumAlgorithm);
  if (named !== undefined) {
    if (found && found.algorithm !== named) throw InvalidRequest('Value for x-amz-sdk-checksum-algorithm header is invalid.');
    found ??= { algorithm: named };
  }
  if (found?.value !== undefined) decodeChecksumValue(found.algorithm, found.value);
  return found;
}

export interface BodyExpectations {
  /** Content-Length as sent, when the body is not aws-chunked (its decoded length is checked as it is decoded). */
  contentLength?: number;
  contentMd5?: string;
  checksum?: { algorithm: ChecksumAlgorithm; value?: string };
  /** A second algorithm to compute and keep (a part's CRC64NVME for the object's full-object checksum). */
  alsoCompute?: ChecksumAlgorithm;
  maxSize: number;
}

export interface StoredBody {
  segment: Segment;
  size: number;
  md5: Buffer;
  /** The checksum computed, base64, when one was asked for. */
  checksum?: { algorithm: ChecksumAlgorithm; value: string };
  /** The `alsoCompute` checksum, base64. */
  also?: string;
}

/** Hashes and counts the bytes that pass, refusing a body past the size limit as it streams. */
class Measure extends Transform {
  readonly md5 = createHash('md5');
  readonly sum;
  readonly also;
  size = 0;
  constructor(private readonly max: number, algorithm: ChecksumAlgorithm | undefined, also: ChecksumAlgorithm | undefined) {
    super();
    this.sum = algorithm ? createChecksum(algorithm) : undefined;
    this.also = also && also !== algorithm ? createChecksum(also) : undefined;
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.size += chunk.length;
    if (this.size > this.max) {
      done(EntityTooLarge(this.size, this.max));
      return;
    }
    this.md5.update(chunk);
    this.sum?.update(chunk);
    this.also?.update(chunk);
    done(null, chunk);
  }
}

function checkMd5Format(md5: string): Buffer {
  const raw = Buffer.from(md5, 'base64');
  if (raw.length !== 16 || raw.toString('base64') !== md5) throw InvalidDigest(md5);
  return raw;
}

export function asStream(body: unknown): Readable {
  if (body === undefined || body === null) return Readable.from([]);
  if (body instanceof Readable) return body;
  if (typeof body === 'string') return Readable.from([Buffer.from(body)]);
  if (body instanceof Uint8Array) return Readable.from([Buffer.from(body.buffer, body.byteOffset, body.byteLength)]);
  throw new TypeError('an S3 body is bytes, a string or a stream');
}

/** Streams a request body into a new blob, or rejects with S3's error leaving nothing stored. */
export async function storeBody(store: Store, body: unknown, expect: BodyExpectations): Promise<StoredBody> {
  const expectedMd5 = expect.contentMd5 !== undefined ? checkMd5Format(expect.contentMd5) : undefined;
  if (expect.contentLength !== undefined && expect.contentLength > expect.maxSize) throw EntityTooLarge(expect.contentLength, expect.maxSize);
  const source = asStream(body);
  const measure = new Measure(expect.maxSize, expect.checksum?.algorithm, expect.alsoCompute);
  // A client that hangs up errors the source, possibly before the blob store has attached to
  // `measure` (its file is still opening): the error is kept on the destroyed stream, and the
  // write's pipeline meets it there, so no listener-less 'error' can end the process.
  source.on('error', (e) => measure.destroy(e));
  measure.on('error', () => undefined);
  let digest: Buffer | undefined;
  let sum: string | undefined;
  let also: string | undefined;
  const written = await store.blobs.write(source.pipe(measure), async (size) => {
    if (expect.contentLength !== undefined && size !== expect.contentLength) throw IncompleteBody();
    digest = measure.md5.digest();
    if (measure.also) also = measure.also.digest().toString('base64');
    if (expectedMd5 && !expectedMd5.equals(digest)) throw BadDigest(expect.contentMd5!);
    if (expect.checksum && measure.sum) {
      sum = measure.sum.digest().toString('base64');
      let given = expect.checksum.value;
      if (given === undefined) {
        // An aws-chunked body carries its checksum in a trailer, read once the body has ended.
        const trailers = await trailersOf(source);
        given = trailers?.[`x-amz-checksum-${expect.checksum.algorithm.toLowerCase()}`];
        if (given !== undefined) decodeChecksumValue(expect.checksum.algorithm, given, 'trailing header');
      }
      if (given !== undefined && given !== sum) throw checksumMismatch(expect.checksum.algorithm);
    }
  });
  return {
    segment: { blob: written.id, size: written.size },
    size: written.size,
    md5: digest!,
    ...(sum !== undefined ? { checksum: { algorithm: expect.checksum!.algorithm, value: sum } } : {}),
    ...(expect.alsoCompute !== undefined ? { also: expect.alsoCompute === expect.checksum?.algorithm ? sum : also } : {}),
  };
}

/** Bytes `start`..`end` (inclusive) of an object stored as `segments`, as one stream. */
export function readSegments(store: Store, segments: readonly Segment[], start: number, end: number): Readable {
  if (end < start) return Readable.from([]);
  let offset = 0;
  const pieces: { blob: string; start: number; end: number; size: number }[] = [];
  for (const s of segments) {
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + s.size - 1);
    if (from <= to) pieces.push({ blob: s.blob, start: from - offset, end: to - offset, size: s.size });
    offset += s.size;
  }
  if (pieces.length === 1) return store.blobs.read(pieces[0].blob, { start: pieces[0].start, end: pieces[0].end }, pieces[0].size);
  return Readable.from((async function* () {
    for (const p of pieces) yield* store.blobs.read(p.blob, { start: p.start, end: p.end }, p.size);
  })());
}

/** Removes blobs once no row names them; a failure leaves an orphan for the start-up sweep, never an error to the caller. */
export async function dropSegments(store: Store, segments: readonly Segment[]): Promise<void> {
  for (const s of segments) await store.blobs.delete(s.blob).catch(() => undefined);
}

/**
 * A buffered request body (an XML document: DeleteObjects, PutBucketPolicy …) checked against the
 * Content-MD5 and x-amz-checksum-* headers it carries; an operation whose model requires a checksum
 * (httpChecksum.requestChecksumRequired) is refused without one, as S3 refuses it.
 */
export function checkBufferedBody(headers: Record<string, string | string[] | undefined>, body: Buffer, required: boolean): void {
  let present = false;
  const md5 = headers['content-md5'];
  if (typeof md5 === 'string') {
    present = true;
    const expected = checkMd5Format(md5);
    if (!expected.equals(createHash('md5').update(body).digest())) throw BadDigest(md5);
  }
  for (const name in headers) {
    if (!name.startsWith('x-amz-checksum-') || name === 'x-amz-checksum-type' || name === 'x-amz-checksum-algorithm' || name === 'x-amz-checksum-mode') continue;
    const algorithm = algorithmOfHeader(name);
    const value = headers[name];
    if (!algorithm || typeof value !== 'string') continue;
    present = true;
    decodeChecksumValue(algorithm, value);
    if (checksumOf(algorithm, body) !== value) throw checksumMismatch(algorithm);
  }
  if (required && !present) throw InvalidRequest('Missing required header for this request: Content-MD5');
}

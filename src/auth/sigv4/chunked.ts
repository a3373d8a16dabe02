// Decodes `Content-Encoding: aws-chunked` bodies (S3's STREAMING-* payloads) as they stream: each
// chunk's signature is checked as its last byte passes, and no more than one framing line is held,
// whatever the body's size. Errors are S3's and never carry the key or an expected signature.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html, sigv4-streaming-trailers.html
import { createHash, createHmac, timingSafeEqual, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AwsError, SignatureDoesNotMatch } from '../../protocol/errors.js';
import { EMPTY_SHA256 } from './canonical.js';
import type { ChunkSigner } from './types.js';

/** S3's wording, which differs from the other services' (versity/versitygw#1056, seen from S3). */
export const S3_SIGNATURE_MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your key and signing method.';

/** Every chunk but the last carries at least 8 KiB (sigv4-streaming.html, "Decide the payload chunk size"). */
export const MIN_CHUNK_SIZE = 8192;
/** No chunk can be larger than the largest single upload, 5 GiB; a larger size line is refused. */
export const MAX_CHUNK_SIZE = 5 * 1024 ** 3;
/** A chunk header is at most 16 hex digits + ";chunk-signature=" + 64 hex digits + CRLF. */
const MAX_HEADER_LINE = 128;
/** A trailer line: the longest is a SHA-512 checksum (88 base64 characters) under its name. */
const MAX_TRAILER_LINE = 1024;
const MAX_TRAILERS = 8;

const TRAILER_SIGNATURE = 'x-amz-trailer-signature';
const CHUNK_SIGNATURE = 'chunk-signature=';

/** The trailers S3 takes in x-amz-trailer: one checksum header of the model's ChecksumAlgorithm enum. */
export const TRAILER_NAMES: ReadonlySet<string> = new Set(
  ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256', 'sha512', 'md5', 'xxhash64', 'xxhash3', 'xxhash128'].map((a) => 'x-amz-checksum-' + a),
);

export const s3SignatureMismatch = () => SignatureDoesNotMatch(S3_SIGNATURE_MISMATCH);

/** Malformed framing: bad size line, missing CRLF, missing chunk-signature, a body cut short (versity/versitygw#1666, #1685, seen from S3). */
export const IncompleteBody = () => new AwsError('IncompleteBody', 'The request body terminated unexpectedly', 400);

/** The decoded body is not x-amz-decoded-content-length bytes (versity/versitygw#1684, seen from S3). */
export const DecodedLengthMismatch = (expected: number, provided: number) =>
  new AwsError('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header', 400, 'Sender', {
    NumberBytesExpected: expected,
    NumberBytesProvided: provided,
  });

/**
 * A chunk with data after one of less than 8 KiB. S3 names the chunk it was reading and the size of
 * the short one before it (versity/versitygw#1683, #1665, #2085; aws/aws-sdk-js-v3#6949).
 */
export const InvalidChunkSizeError = (chunk: number, badChunkSize: number) =>
  new AwsError('InvalidChunkSizeError', 'Only the last chunk is allowed to have a size less than 8192 bytes', 400, 'Sender', {
    Chunk: chunk,
    BadChunkSize: badChunkSize,
  });

/** A trailer missing, undeclared, of another name or ill-formed (versity/versitygw#1600, #1626, #1690, #1691; scality/Arsenal#2596). */
export const MalformedTrailerError = () =>
  new AwsError('MalformedTrailerError', 'The request contained trailing data that was not well-formed or did not conform to our published schema.', 400);

/** x-amz-trailer names something S3 does not take as a trailer (versity/versitygw#1161, seen from S3). */
export const UnsupportedTrailer = () => new AwsError('InvalidRequest', 'The value specified in the x-amz-trailer header is not supported', 400);

const signingKeys = new WeakMap<ChunkSigner, Buffer>();

/**
 * Where the chunk-signature chain starts: the request's (seed) signature, its time and scope. The
 * signing key is held outside the object, so logging, inspecting or serialising a seed shows none.
 */
export class ChunkSeed implements ChunkSigner {
  constructor(
    readonly signature: string,
    readonly amzDate: string,
    readonly scope: string,
    signingKey: Buffer,
  ) {
    signingKeys.set(this, signingKey);
  }

  /** HMAC("AWS4-HMAC-SHA256-PAYLOAD\n" + date + "\n" + scope + "\n" + previous + "\n" + sha256("") + "\n" + sha256(data)). */
  chunkSignature(previous: string, dataSha256Hex: string): string {
    return this.hmac('AWS4-HMAC-SHA256-PAYLOAD\n' + this.amzDate + '\n' + this.scope + '\n' + previous + '\n' + EMPTY_SHA256 + '\n' + dataSha256Hex);
  }

  /** HMAC("AWS4-HMAC-SHA256-TRAILER\n" + date + "\n" + scope + "\n" + previous + "\n" + sha256(trailers)), trailers as "name:value\n" each. */
  trailerSignature(previous: string, trailersSha256Hex: string): string {
    return this.hmac('AWS4-HMAC-SHA256-TRAILER\n' + this.amzDate + '\n' + this.scope + '\n' + previous + '\n' + trailersSha256Hex);
  }

  private hmac(stringToSign: string): string {
    return createHmac('sha256', signingKeys.get(this)!).update(stringToSign).digest('hex');
  }
}

function signaturesEqual(expectedHex: string, given: string): boolean {
  if (given.length !== expectedHex.length) return false;
  return timingSafeEqual(Buffer.from(expectedHex, 'latin1'), Buffer.from(given, 'latin1'));
}

export interface ChunkedOptions {
  /** Chunks carry `;chunk-signature=` (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]); needs `seed`. */
  signed: boolean;
  /** Trailing headers follow the final chunk (the -TRAILER modes). */
  trailer: boolean;
  seed?: ChunkSigner;
  /** x-amz-decoded-content-length. */
  decodedLength: number;
  /** x-amz-trailer, lower-case: the one trailer the body must end with. */
  expectedTrailer?: string;
}

const enum State {
  ChunkHeader,
  Data,
  DataEnd,
  FinalLine,
  Trailers,
  Done,
}

const CR = 0x0d;
const LF = 0x0a;
const SIZE = /^[0-9A-Fa-f]{1,16}$/;

/**
 * The decoder. Writes are the encoded body in any split; reads are the decoded bytes, at most
 * x-amz-decoded-content-length of them. A chunk's bytes pass before its signature is known, so a
 * consumer must treat what it read as provisional until 'end': a bad chunk, a wrong length or a
 * bad trailer errors the stream instead of ending it. `trailers` resolves at the end.
 */
export class AwsChunkedDecoder extends Transform {
  readonly trailers: Promise<Record<string, string>>;
  private resolveTrailers!: (t: Record<string, string>) => void;
  private rejectTrailers!: (e: Error) => void;

  private state = State.ChunkHeader;
  private readonly line = Buffer.allocUnsafe(MAX_TRAILER_LINE);
  private lineLength = 0;
  private remaining = 0;
  private crlfSeen = 0;
  private chunkNumber = 0;
  private previousSize = -1;
  private decoded = 0;
  private hash: Hash | undefined;
  private givenSignature = '';
  private previousSignature: string;
  private blankSeen = false;
  private readonly trailerLines: [string, string][] = [];
  private trailerSignature: string | undefined;
  private received: Record<string, string> = {};

  constructor(private readonly options: ChunkedOptions) {
    super();
    if (options.signed && !options.seed) throw new TypeError('a signed aws-chunked body needs its seed');
    this.previousSignature = options.seed?.signature ?? '';
    this.trailers = new Promise((resolve, reject) => {
      this.resolveTrailers = resolve;
      this.rejectTrailers = reject;
    });
    // Whoever does not await the trailers must not see an unhandled rejection.
    this.trailers.catch(() => {});
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.consume(chunk);
      callback();
    } catch (e) {
      callback(e as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      // A trailer section that is one blank line (no trailer sent) ends with the body.
      if (this.state === State.Trailers && this.blankSeen && this.trailerLines.length === 0 && this.trailerSignature === undefined) this.finishTrailers();
      if (this.state !== State.Done) throw IncompleteBody();
      // Resolved only now: bytes after the end still fail the body, and then the trailers too.
      this.resolveTrailers(this.received);
      callback();
    } catch (e) {
      callback(e as Error);
    }
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // A no-op once resolved.
    this.rejectTrailers(error ?? IncompleteBody());
    callback(error);
  }

  private consume(buf: Buffer): void {
    let i = 0;
    const n = buf.length;
    while (i < n) {
      switch (this.state) {
        case State.Data: {
          const take = Math.min(this.remaining, n - i);
          const data = buf.subarray(i, i + take);
          this.hash?.update(data);
          this.emitData(data);
          this.remaining -= take;
          i += take;
          if (this.remaining === 0) {
            this.endOfChunkData();
            this.state = State.DataEnd;
            this.crlfSeen = 0;
          }
          break;
        }
        case State.DataEnd: {
          const expected = this.crlfSeen === 0 ? CR : LF;
          if (buf[i] !== expected) throw IncompleteBody();
          i++;
          if (++this.crlfSeen === 2) this.state = State.ChunkHeader;
          break;
        }
        case State.Done:
          throw IncompleteBody();
        default: {
          const end = this.readLine(buf, i);
          if (end === -1) return;
          i = end;
        }
      }
    }
  }

  /**
   * Gathers a CRLF-terminated line starting at `from`; returns where the line ended (after LF) once
   * it is whole and handled, or -1 when `buf` ended first.
   */
  private readLine(buf: Buffer, from: number): number {
    const max = this.state === State.Trailers ? MAX_TRAILER_LINE : MAX_HEADER_LINE;
    const lf = buf.indexOf(LF, from);
    const stop = lf === -1 ? buf.length : lf + 1;
    if (this.lineLength + (stop - from) > max) throw this.state === State.Trailers ? MalformedTrailerError() : IncompleteBody();
    let text: string;
    if (this.lineLength === 0 && lf !== -1) {
      if (lf === from || buf[lf - 1] !== CR) throw this.lineError();
      text = buf.toString('latin1', from, lf - 1);
    } else {
      buf.copy(this.line, this.lineLength, from, stop);
      this.lineLength += stop - from;
      if (lf === -1) return -1;
      if (this.lineLength < 2 || this.line[this.lineLength - 2] !== CR) throw this.lineError();
      text = this.line.toString('latin1', 0, this.lineLength - 2);
      this.lineLength = 0;
    }
    if (this.state === State.ChunkHeader) this.chunkHeader(text);
    else if (this.state === State.FinalLine) {
      if (text !== '') throw IncompleteBody();
      this.state = State.Done;
    } else this.trailerLine(text);
    return stop;
  }

  private lineError(): AwsError {
    return this.state === State.Trailers ? MalformedTrailerError() : IncompleteBody();
  }

  private chunkHeader(line: string): void {
    const semi = line.indexOf(';');
    const sizeText = semi === -1 ? line : line.slice(0, semi);
    if (!SIZE.test(sizeText)) throw IncompleteBody();
    const size = parseInt(sizeText, 16);
    if (size > MAX_CHUNK_SIZE) throw IncompleteBody();
    if (this.options.signed) {
      if (semi === -1 || !line.startsWith(CHUNK_SIGNATURE, semi + 1)) throw IncompleteBody();
      this.givenSignature = line.slice(semi + 1 + CHUNK_SIGNATURE.length);
      if (this.givenSignature.length !== 64) throw IncompleteBody();
    } else if (semi !== -1) throw IncompleteBody();

    this.chunkNumber++;
    if (size > 0 && this.previousSize >= 0 && this.previousSize < MIN_CHUNK_SIZE) throw InvalidChunkSizeError(this.chunkNumber, this.previousSize);
    this.previousSize = size;
    if (this.options.signed) this.hash = createHash('sha256');
    if (size > 0) {
      this.remaining = size;
      this.state = State.Data;
      return;
    }
    // The final chunk: no data, so its signature (over the empty string) is checked at once.
    this.endOfChunkData();
    if (this.decoded !== this.options.decodedLength) throw DecodedLengthMismatch(this.options.decodedLength, this.decoded);
    this.state = this.options.trailer ? State.Trailers : State.FinalLine;
  }

  private emitData(data: Buffer): void {
    const room = this.options.decodedLength - this.decoded;
    this.decoded += data.length;
    // Past the declared length nothing more goes out; the count goes on for S3's error.
    if (room <= 0) return;
    this.push(data.length <= room ? data : data.subarray(0, room));
  }

  private endOfChunkData(): void {
    if (!this.options.signed) return;
    const expected = this.options.seed!.chunkSignature(this.previousSignature, this.hash!.digest('hex'));
    this.hash = undefined;
    if (!signaturesEqual(expected, this.givenSignature)) throw s3SignatureMismatch();
    this.previousSignature = this.givenSignature;
  }

  private trailerLine(line: string): void {
    if (line === '') {
      // A blank line may open the trailer section (some encoders end the final chunk with CRLF
      // CRLF) and always closes it.
      if (!this.blankSeen && this.trailerLines.length === 0 && this.trailerSignature === undefined) {
        this.blankSeen = true;
        return;
      }
      this.finishTrailers();
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || this.trailerSignature !== undefined) throw MalformedTrailerError();
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === '') throw MalformedTrailerError();
    if (name === TRAILER_SIGNATURE) {
      if (!this.options.signed) throw MalformedTrailerError();
      this.trailerSignature = value;
      return;
    }
    if (this.trailerLines.length >= MAX_TRAILERS) throw MalformedTrailerError();
    this.trailerLines.push([name, value]);
  }

  private finishTrailers(): void {
    if (this.options.signed) {
      if (this.trailerSignature === undefined) throw MalformedTrailerError();
      let canonical = '';
      for (const [name, value] of this.trailerLines) canonical += name + ':' + value + '\n';
      const expected = this.options.seed!.trailerSignature(this.previousSignature, createHash('sha256').update(canonical, 'latin1').digest('hex'));
      if (!signaturesEqual(expected, this.trailerSignature)) throw s3SignatureMismatch();
    }
    const declared = this.options.expectedTrailer;
    const out: Record<string, string> = {};
    for (const [name, value] of this.trailerLines) {
      if (name !== declared || name in out) throw MalformedTrailerError();
      out[name] = value;
    }
    if (declared !== undefined && !(declared in out)) throw MalformedTrailerError();
    this.state = State.Done;
    this.received = out;
  }
}

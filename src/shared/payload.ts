// The trailing headers of a request body sent with aws-chunked encoding (x-amz-checksum-crc32 …),
// known only once the body has been read. The authenticate step registers them for the decoded
// stream; a handler that stores the body asks for them after the last byte. A WeakMap, so a stream
// carries no extra field and is forgotten with it.
import type { Readable } from 'node:stream';

const trailers = new WeakMap<Readable, Promise<Record<string, string>>>();

export function setTrailers(stream: Readable, value: Promise<Record<string, string>>): void {
  // Settled by the decoder; a body refused before its end must not leave an unhandled rejection.
  value.catch(() => undefined);
  trailers.set(stream, value);
}

/** The trailers of a decoded body, or undefined when it had none (a plain body). */
export function trailersOf(stream: Readable): Promise<Record<string, string>> | undefined {
  return trailers.get(stream);
}

/**
 * A response body stream made from bytes already in memory (a small blob kept by the blob store):
 * the server writes the bytes with the head in one go instead of piping the stream, which is then
 * never read. In-process callers read the stream as any other.
 */
const inMemory = new WeakMap<Readable, Buffer>();

export function markInMemory(stream: Readable, bytes: Buffer): Readable {
  inMemory.set(stream, bytes);
  return stream;
}

/** The bytes of a stream made by markInMemory and not yet read from, else undefined. */
export function inMemoryBytes(stream: Readable): Buffer | undefined {
  const b = inMemory.get(stream);
  return b !== undefined && stream.readableDidRead === false && !stream.destroyed ? b : undefined;
}

// AWS's event stream encoding (application/vnd.amazon.eventstream), the framing of an operation's
// event-stream output: each message is a prelude (total length, headers length, their CRC32), the
// headers, the payload and the CRC32 of all before it, lengths big-endian. Only string headers
// (type 7) are written: the `:message-type`, `:event-type`, `:exception-type` and `:content-type`
// a response carries. Knows nothing of a protocol's payloads.
import { crc32 } from 'node:zlib';

export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

const PRELUDE = 12;
const TRAILER = 4;
const STRING = 7;
/** A message's size limit in the format (16 MiB), and a header value's (32 KiB - 1). */
const MAX_MESSAGE = 16 * 1024 * 1024;
const MAX_HEADER_VALUE = 0x7fff;

/** One message: headers in the order given (name → string value), then the payload. */
export function encodeEventMessage(headers: readonly (readonly [string, string])[], payload: Uint8Array): Buffer {
  const names = headers.map(([name]) => Buffer.from(name, 'utf8'));
  const values = headers.map(([, value]) => Buffer.from(value, 'utf8'));
  let headersLength = 0;
  for (let i = 0; i < names.length; i++) {
    if (names[i].length === 0 || names[i].length > 255) throw new RangeError(`event stream header name of ${names[i].length} bytes`);
    if (values[i].length > MAX_HEADER_VALUE) throw new RangeError(`event stream header value of ${values[i].length} bytes`);
    headersLength += 1 + names[i].length + 1 + 2 + values[i].length;
  }
  const total = PRELUDE + headersLength + payload.length + TRAILER;
  if (total > MAX_MESSAGE) throw new RangeError(`event stream message of ${total} bytes`);
  const out = Buffer.allocUnsafe(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(headersLength, 4);
  out.writeUInt32BE(crc32(out.subarray(0, 8)), 8);
  let at = PRELUDE;
  for (let i = 0; i < names.length; i++) {
    out.writeUInt8(names[i].length, at);
    at += 1 + names[i].copy(out, at + 1);
    out.writeUInt8(STRING, at);
    out.writeUInt16BE(values[i].length, at + 1);
    at += 3 + values[i].copy(out, at + 3);
  }
  out.set(payload, at);
  at += payload.length;
  out.writeUInt32BE(crc32(out.subarray(0, at)), at);
  return out;
}

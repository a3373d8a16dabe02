// A request head past the limit, answered as S3 answers it (400 RequestHeaderSectionTooLarge, its
// XML error form): the service is not known before the head is parsed, so one AWS-shaped answer
// serves every protocol; the SDKs read its status and request id whatever service they call.
import type { IncomingMessage } from 'node:http';
import { requestId } from './request-id.js';

/** The request line and headers together (node:http's maxHeaderSize; S3 takes 8 KiB of headers). */
export const HEAD_TOO_LARGE = 'RequestHeaderSectionTooLarge';

export const MAX_HEAD_BYTES = 16 * 1024;

/** An HTTP/2 request's head as HTTP/1.1 would count it: the path and every header name and value. */
export function headBytes(req: IncomingMessage): number {
  let n = (req.url ?? '').length;
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i++) n += raw[i].length + 2;
  return n;
}

export function headTooLarge(): { requestId: string; status: number; headers: Record<string, string>; body: string } {
  const id = requestId(Date.now());
  const body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>RequestHeaderSectionTooLarge</Code>' +
    '<Message>Your request header section exceeds the maximum allowed size.</Message>' +
    `<MaxSizeAllowed>${MAX_HEAD_BYTES}</MaxSizeAllowed><RequestId>${id}</RequestId></Error>`;
  return {
    requestId: id,
    status: 400,
    headers: {
      'content-type': 'application/xml',
      'content-length': String(Buffer.byteLength(body)),
      'x-amz-request-id': id,
      'x-amzn-requestid': id,
    },
    body,
  };
}

// The error documents of the rest-xml protocol: S3's bare `<Error>` and the `<ErrorResponse>` envelope
// the other rest-xml services (CloudFront, Route 53 …) answer. Which one a service uses is a strategy chosen elsewhere.
import type { AwsError } from '../errors.js';
import { iso8601 } from '../timestamps.js';
import { escapeXmlText } from './write.js';

function fieldElements(fields: Record<string, unknown> | undefined): string {
  let out = '';
  if (!fields) return out;
  for (const name in fields) {
    const v = fields[name];
    if (v === undefined || v === null) continue;
    const text = v instanceof Date ? iso8601(v, true) : escapeXmlText(String(v));
    out += `<${name}>${text}</${name}>`;
  }
  return out;
}

/**
 * S3's error document: Code and Message, then the error's further fields in the order given
 * (`<Key>`, `<BucketName>` …), then RequestId and HostId — the order S3 answers in.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
 */
export function writeS3Error(err: AwsError, requestId: string, hostId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXmlText(err.code)}</Code>` +
    `<Message>${escapeXmlText(err.message)}</Message>${fieldElements(err.fields)}` +
    `<RequestId>${escapeXmlText(requestId)}</RequestId><HostId>${escapeXmlText(hostId)}</HostId></Error>`
  );
}

/** The generic rest-xml envelope: `<ErrorResponse><Error><Type>…</Type><Code>…</Code><Message>…</Message>…</Error><RequestId>`. */
export function writeRestXmlError(err: AwsError, requestId: string, xmlns?: string): string {
  const ns = xmlns === undefined ? '' : ` xmlns="${escapeXmlText(xmlns)}"`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse${ns}><Error><Type>${err.fault}</Type>` +
    `<Code>${escapeXmlText(err.code)}</Code><Message>${escapeXmlText(err.message)}</Message>${fieldElements(err.fields)}</Error>` +
    `<RequestId>${escapeXmlText(requestId)}</RequestId></ErrorResponse>`
  );
}

// AWS's rest-xml protocol: the REST bindings with an XML body. The error document and the request-id
// headers are a strategy of the service (S3 answers a bare <Error> with x-amz-request-id and
// x-amz-id-2; the other rest-xml services an <ErrorResponse> envelope with x-amzn-RequestId).
import { createHash } from 'node:crypto';
import type { Codec } from '../codec.js';
import type { Member, ResolvedService, Shape } from '../resolved.js';
import type { BodyCodec } from '../rest/bindings.js';
import { restBindings } from '../rest/bindings.js';
import { readXmlBody } from '../xml/read.js';
import { writeXmlBody } from '../xml/write.js';
import { writeRestXmlError, writeS3Error } from '../xml/error-documents.js';

export type RestXmlErrors = 's3' | 'envelope';

/**
 * The one body member of a document that is a scalar named like the document's root. Such a document
 * is the scalar itself as the root's text: S3 answers GetBucketLocation with
 * `<LocationConstraint xmlns="…">eu-west-1</LocationConstraint>`, not a `<LocationConstraint>` inside
 * another, and botocore (its parse_get_bucket_location handler) reads only the root's text.
 */
function scalarRoot(members: readonly Member[], rootName: string): Member | undefined {
  if (members.length !== 1) return undefined;
  const m = members[0];
  const isScalar = m.shape.type !== 'structure' && m.shape.type !== 'list' && m.shape.type !== 'map';
  return isScalar && !m.xmlAttribute && m.wireName === rootName ? m : undefined;
}

function xmlBody(service: ResolvedService): BodyCodec {
  const ns = service.model.metadata.xmlNamespace;
  const namespace = ns ? { uri: ns } : undefined;
  return {
    contentType: 'application/xml',
    read(shape: Shape, _members: readonly Member[], body: Buffer, root?: Member) {
      return root ? readXmlBody(root.shape, body, root.wireName) : readXmlBody(shape, body);
    },
    write(shape: Shape, members: readonly Member[], value: Record<string, unknown>, root?: Member) {
      if (root) return writeXmlBody(root.shape, value, root.shape.locationName ?? root.wireName, root.xmlNamespace ?? root.shape.xmlNamespace ?? namespace);
      const rootName = shape.locationName ?? shape.name;
      const only = scalarRoot(members, rootName);
      const v = only ? value[only.name] : undefined;
      // Absent, the value is an empty root (S3's us-east-1 answer: <LocationConstraint xmlns="…"/>).
      if (only && v !== undefined && v !== null) return writeXmlBody(only.shape, v, rootName, shape.xmlNamespace ?? namespace);
      return writeXmlBody(shape, value, rootName, shape.xmlNamespace ?? namespace);
    },
  };
}

/** S3's x-amz-id-2: an opaque token that names the request on S3's side; here derived from the request id. */
const hostId = (requestId: string) => createHash('sha256').update(requestId).digest('base64');

export function restXmlCodec(service: ResolvedService, errors: RestXmlErrors = 'envelope'): Codec {
  const bindings = restBindings(service, xmlBody(service));
  const s3 = errors === 's3';
  const idHeaders = (requestId: string): Record<string, string> =>
    s3 ? { 'x-amz-request-id': requestId, 'x-amz-id-2': hostId(requestId) } : { 'x-amzn-requestid': requestId };
  return {
    protocol: 'rest-xml',
    parseInput(op, req) {
      return bindings.readInput(op, req);
    },
    serializeOutput(op, output, requestId) {
      const headers: Record<string, string> = { 'content-type': 'application/xml', ...idHeaders(requestId) };
      const { status, body } = bindings.writeOutput(op, output, headers);
      return { status, headers, body };
    },
    serializeError(err, requestId) {
      const headers: Record<string, string> = { 'content-type': 'application/xml', ...idHeaders(requestId), ...err.headers };
      // 304 Not Modified carries no body (RFC 9110 15.4.5); S3 answers it bare, with the object's headers.
      if (err.status === 304) return { status: 304, headers, body: '' };
      const body = s3 ? writeS3Error(err, requestId, hostId(requestId)) : writeRestXmlError(err, requestId, service.model.metadata.xmlNamespace);
      return { status: err.status, headers, body };
    },
  };
}

// The runtime form of an AWS service model, as the generator writes it into src/generated/<service>/model.ts.
// Only data: the codecs and the validator read it; nothing here touches the wire.

export type ShapeType =
  | 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean'
  | 'timestamp' | 'blob' | 'double' | 'float';

/** Where a member travels in a REST request or response (absent: the body). */
export type MemberLocation = 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';

export interface XmlNamespace { prefix?: string; uri: string }

export interface MemberModel {
  shape: string;
  locationName?: string;
  location?: MemberLocation;
  flattened?: boolean;
  idempotencyToken?: boolean;
  jsonvalue?: boolean;
  timestampFormat?: string;
  xmlAttribute?: boolean;
  xmlNamespace?: XmlNamespace;
  hostLabel?: boolean;
  streaming?: boolean;
  eventpayload?: boolean;
}

export interface ShapeModel {
  type: ShapeType;
  members?: Record<string, MemberModel>;
  required?: string[];
  member?: MemberModel;
  key?: MemberModel;
  value?: MemberModel;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
  flattened?: boolean;
  timestampFormat?: string;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  exception?: boolean;
  fault?: boolean;
  /** The member that is the whole HTTP body (REST protocols). */
  payload?: string;
  streaming?: boolean;
  requiresLength?: boolean;
  union?: boolean;
  document?: boolean;
  event?: boolean;
  eventstream?: boolean;
  locationName?: string;
  xmlNamespace?: XmlNamespace;
}

export interface OperationModel {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: string;
  /** The input member's own traits (rest-xml: the root element's name and namespace). */
  inputLocationName?: string;
  inputXmlNamespace?: XmlNamespace;
  output?: string;
  resultWrapper?: string;
  errors: string[];
  /** `v4-unsigned-body`, `none` … as the model names the operation's signing. */
  authtype?: string;
  unsignedPayload?: boolean;
  /** Superseded by an operation on the same URI (S3's GetBucketLifecycle): routing prefers the other. */
  deprecated?: boolean;
  hostPrefix?: string;
  httpChecksum?: {
    requestChecksumRequired?: boolean;
    requestAlgorithmMember?: string;
    requestValidationModeMember?: string;
    responseAlgorithms?: string[];
  };
}

export interface ServiceModel {
  metadata: {
    apiVersion: string;
    endpointPrefix: string;
    protocol: 'query' | 'json' | 'rest-json' | 'rest-xml' | 'ec2';
    serviceId: string;
    signingName?: string;
    /** `s3` for S3's signing rules (declared payload hash, unnormalised path, S3's error codes). */
    signatureVersion?: string;
    xmlNamespace?: string;
    jsonVersion?: string;
    targetPrefix?: string;
  };
  operations: Record<string, OperationModel>;
  shapes: Record<string, ShapeModel>;
}
